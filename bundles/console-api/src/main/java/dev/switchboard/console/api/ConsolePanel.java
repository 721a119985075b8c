package dev.switchboard.console.api;

import com.vaadin.flow.component.Component;
import java.util.Locale;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * A piece of console UI contributed by a bundle, in the style of Liferay's panel apps and Atlassian's web
 * panels: register an implementation as an OSGi service with a {@link Slot} and an {@link Order}, e.g.
 *
 * <pre>{@code
 * @Component(service = ConsolePanel.class)
 * @ConsolePanel.Slot(Slots.VIEWS)
 * @ConsolePanel.Order(200)
 * public final class ReportsPanel implements ConsolePanel { ... }
 * }</pre>
 *
 * The console asks {@link #visibleFor} at render time, per viewer (and per chat, for chat slots), on the
 * server; a panel that is not visible is not created at all. When the contributing bundle stops, the panel
 * leaves every open page; when it starts again, it comes back, without a reload.
 */
@ConsumerType
public interface ConsolePanel {

    /** Service property naming the slot (one of {@link Slots}). */
    String SLOT_PROPERTY = "switchboard.panel.slot";

    /** Service property ordering panels in a slot: lower first; equal orders go by service ranking, then id. */
    String ORDER_PROPERTY = "switchboard.panel.order";

    /** A stable key, unique in its slot (used in URLs of top-level views and in test ids). */
    String key();

    /** The panel's title in the viewer's language (tab caption, section heading). */
    String title(Locale locale);

    /** Whether this viewer sees the panel in this context; decided on the server at render time. */
    default boolean visibleFor(PanelContext context) {
        return true;
    }

    /**
     * Creates the panel's component for one page. Called on the page's UI thread, once per page and context;
     * the component must not be shared between pages.
     */
    Component create(PanelContext context);

    /** Sets {@value #SLOT_PROPERTY} on a DS component. */
    @ComponentPropertyType
    @interface Slot {
        String PREFIX_ = "switchboard.panel.";

        String value();
    }

    /** Sets {@value #ORDER_PROPERTY} on a DS component. */
    @ComponentPropertyType
    @interface Order {
        String PREFIX_ = "switchboard.panel.";

        int value();
    }
}
