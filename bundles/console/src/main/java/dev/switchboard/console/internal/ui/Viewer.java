package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.UI;
import dev.switchboard.console.api.PanelContext;
import java.util.Optional;

/** The panel context of the logged-in viewer of a page, outside any chat. */
final class Viewer {

    private Viewer() {
    }

    static Optional<PanelContext> context(UI ui) {
        return ConsoleSession.current()
                .map(session -> new PanelContext(session.member(), ui.getLocale(), Optional.empty()));
    }
}
