package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The console's error toast: one at a time per page, with the test id {@code error-notification}. */
public final class Notifications {

    private Notification shown;

    public void error(String text) {
        if (shown != null) {
            shown.close();
        }
        Span message = new Span(text);
        message.setId("error-notification");
        Notification notification = new Notification(message);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.setPosition(Notification.Position.TOP_CENTER);
        notification.setDuration(6000);
        notification.addOpenedChangeListener(event -> {
            if (!event.isOpened() && shown == notification) {
                shown = null;
            }
        });
        shown = notification;
        notification.open();
    }
}
