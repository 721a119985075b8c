package dev.switchboard.console.internal.settings;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.Member;
import dev.switchboard.console.internal.chat.Texts;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import dev.switchboard.console.internal.ui.ConsoleSession;
import dev.switchboard.console.internal.ui.EmptyState;
import dev.switchboard.console.internal.ui.Notifications;
import java.util.List;
import java.util.Optional;

/**
 * A page of the project's settings (owners and admins only): the channel connections, the tag catalogue,
 * the funnel, and the plugins' settings panels, reached through the same small navigation. Anyone else who opens
 * the address is refused with the note {@code settings-refused}; the services refuse their changes anyway.
 */
abstract class SettingsPage extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final long serialVersionUID = 1L;

    static final String ROOT = "settings";
    static final String TAGS = ROOT + "/tags";
    static final String FUNNEL = ROOT + "/funnel";
    static final String CHANNELS = ROOT + "/channels";

    private final transient ConsoleI18N i18n;
    final Notifications notifications = new Notifications();
    final Div content = new Div();
    /** The page's heading: the page's name, unless the page names what it shows (a connection). */
    final H2 title = new H2();

    SettingsPage(ConsoleI18N i18n) {
        this.i18n = i18n;
        addClassName("sb-settings");
        content.addClassName("sb-settings-content");
    }

    /** Whether a member may open the project's settings: owners and admins (TEAM-1). */
    static boolean mayManage(Member member) {
        return member.role() == Role.OWNER || member.role() == Role.ADMIN;
    }

    @Override
    public final void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        content.removeAll();
        Optional<ConsoleSession> viewer = ConsoleSession.current();
        if (viewer.isEmpty()) {
            return;
        }
        if (!mayManage(viewer.get().member())) {
            add(new EmptyState("settings-refused", getTranslation("settings.refused.title"),
                    getTranslation("settings.refused.text")));
            return;
        }
        title.setText(getTranslation(titleKey()));
        title.addClassName("sb-settings-title");
        add(navigation(), title, content);
        read(event);
        render(viewer.get());
    }

    private Div navigation() {
        Div nav = new Div();
        nav.addClassName("sb-settings-nav");
        for (List<String> link : List.of(List.of("settings-nav-channels", CHANNELS, "settings.channels"),
                List.of("settings-nav-tags", TAGS, "settings.tags"),
                List.of("settings-nav-funnel", FUNNEL, "settings.funnel"),
                List.of("settings-nav-plugins", ROOT, "settings.plugins"))) {
            Anchor anchor = new Anchor(link.get(1), getTranslation(link.get(2)));
            anchor.setId(link.get(0));
            if (link.get(2).equals(titleKey())) {
                anchor.addClassName("sb-selected");
            }
            nav.add(anchor);
        }
        return nav;
    }

    @Override
    public String getPageTitle() {
        String heading = title.getText();
        return (heading == null || heading.isBlank() ? getTranslation(titleKey()) : heading) + " · "
                + getTranslation("app.name");
    }

    /** Reads what the page needs from its address (route parameters) before {@link #render}. */
    void read(BeforeEnterEvent event) {
    }

    Texts texts() {
        return new Texts(i18n, getLocale());
    }

    abstract String titleKey();

    /** Fills {@link #content} for an owner or admin. */
    abstract void render(ConsoleSession viewer);
}
