package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import dev.switchboard.api.chat.InboxService;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.console.api.ConsolePanel;
import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.api.Slots;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import dev.switchboard.console.internal.live.ChatEventBridge;
import dev.switchboard.console.internal.live.PresenceReporter;
import dev.switchboard.console.internal.live.UiFeed;
import dev.switchboard.console.internal.panel.PanelRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox frame (INB-2): a header with the project switcher, the language switcher and logout, the tabs New,
 * Mine, Others, Done and Search with their counts, then one tab per top-level view contributed to
 * {@link Slots#VIEWS}. Contributed tabs come and go live while the page is open.
 */
public final class MainLayout extends VerticalLayout implements RouterLayout, AfterNavigationObserver {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MainLayout.class);

    private final transient MemberService members;
    private final transient ProjectService projects;
    private final transient InboxService inbox;
    private final transient PanelRegistry panels;
    private final transient ChatEventBridge live;
    private final transient PresenceReporter presence;
    private final transient SessionGuard guard;
    private transient Runnable unfollow;
    private transient Runnable closed;
    private transient Runnable unwatch;

    private final Tabs tabs = new Tabs();
    private final Map<InboxTab, Span> counts = new EnumMap<>(InboxTab.class);
    /** Route path of each tab, for selecting the tab that matches the page shown. */
    private final Map<Tab, String> targets = new LinkedHashMap<>();
    private final List<Tab> viewTabs = new ArrayList<>();
    private final Div content = new Div();
    private transient Runnable unsubscribe;

    public MainLayout(MemberService members, ProjectService projects, InboxService inbox, PanelRegistry panels,
                      ChatEventBridge live, PresenceReporter presence, SessionGuard guard) {
        this.live = live;
        this.presence = presence;
        this.guard = guard;
        this.members = members;
        this.projects = projects;
        this.inbox = inbox;
        this.panels = panels;
        setSizeFull();
        ConsoleSession viewer = ConsoleSession.current().orElse(null);
        if (viewer == null) {
            // the login guard forwards anonymous visitors before this layout is shown
            return;
        }
        add(header(viewer));

        for (InboxTab tab : InboxTab.values()) {
            Span count = new Span();
            count.setId("count-" + InboxView.segment(tab));
            count.getElement().getThemeList().add("badge pill small contrast");
            counts.put(tab, count);
            Tab item = new Tab(new Span(getTranslation("tab." + InboxView.segment(tab))), count);
            item.setId("tab-" + InboxView.segment(tab));
            addTab(item, Routes.INBOX + "/" + InboxView.segment(tab));
        }
        Tab search = new Tab(VaadinIcon.SEARCH.create(), new Span(getTranslation("tab.search")));
        search.setId("tab-search");
        addTab(search, Routes.SEARCH);
        tabs.addSelectedChangeListener(event -> {
            if (event.isFromClient() && event.getSelectedTab() != null) {
                UI.getCurrent().navigate(targets.get(event.getSelectedTab()));
            }
        });
        tabs.setWidthFull();

        content.setSizeFull();
        content.getStyle().set("overflow", "auto");
        add(tabs, content);
        setFlexGrow(1, content);
    }

    private HorizontalLayout header(ConsoleSession viewer) {
        H2 title = new H2(getTranslation("app.name"));
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xl)");

        Select<Member> project = new Select<>();
        project.setId("project-switcher");
        project.setAriaLabel(getTranslation("header.project"));
        Map<Member, String> names = new LinkedHashMap<>();
        for (Member membership : members.membershipsOf(viewer.account().id())) {
            names.put(membership, projects.find(membership.project()).map(Project::name)
                    .orElseGet(() -> membership.project().toString()));
        }
        project.setItems(names.keySet());
        project.setItemLabelGenerator(names::get);
        project.setValue(names.containsKey(viewer.member()) ? viewer.member() : null);
        project.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                ConsoleSession.set(VaadinSession.getCurrent(), viewer.withMember(event.getValue()));
                UI.getCurrent().refreshCurrentRoute(true);
            }
        });

        Select<Locale> language = new Select<>();
        language.setId("language-switcher");
        language.setAriaLabel(getTranslation("header.language"));
        language.setItems(ConsoleI18N.ENGLISH, ConsoleI18N.RUSSIAN);
        // each language is named in itself, so a reader who cannot read the current one still finds theirs
        language.setItemLabelGenerator(locale -> locale.getDisplayLanguage(locale).substring(0, 1)
                .toUpperCase(locale) + locale.getDisplayLanguage(locale).substring(1));
        language.setValue(ConsoleI18N.nearest(getLocale()));
        language.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                switchLanguage(event.getValue());
            }
        });

        Span who = new Span(viewer.account().displayName());
        who.setId("viewer-name");
        Button logout = new Button(getTranslation("header.logout"), VaadinIcon.SIGN_OUT.create(),
                click -> logOut());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        Div spacer = new Div();
        HorizontalLayout header = new HorizontalLayout(title, project, spacer, who);
        if (viewer.member().role() == Role.OWNER || viewer.member().role() == Role.ADMIN) {
            // the project's settings: channel connections, tag catalogue, funnel, plugins' settings (CARD-3, CARD-4)
            Button settings = new Button(getTranslation("header.settings"), VaadinIcon.COG.create(),
                    click -> UI.getCurrent().navigate(Routes.SETTINGS_TAGS));
            settings.setId("settings-link");
            settings.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            header.add(settings);
        }
        header.add(language, logout);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(spacer);
        return header;
    }

    private void addTab(Tab tab, String target) {
        targets.put(tab, target);
        tabs.add(tab);
    }

    private void switchLanguage(Locale locale) {
        VaadinSession session = VaadinSession.getCurrent();
        ConsoleSession.current().ifPresent(viewer -> {
            try {
                members.setLanguage(viewer.account().id(), Optional.of(locale.getLanguage()));
            } catch (RuntimeException e) {
                // the page still switches; only remembering the choice for the next login failed
                LOG.warn("Could not remember the console language of account {}", viewer.account().id(), e);
            }
            ConsoleSession.set(session, viewer.withLanguage(locale.getLanguage()));
        });
        session.setLocale(locale);
        UI.getCurrent().refreshCurrentRoute(true);
    }

    private void logOut() {
        String contextPath = VaadinRequest.getCurrent().getContextPath();
        ConsoleSession.current().ifPresent(viewer -> LOG.info("Account {} logged out of the console",
                viewer.account().id()));
        UI.getCurrent().getPage().setLocation(contextPath + "/login");
        VaadinSession.getCurrent().getSession().invalidate();
    }

    @Override
    public void showRouterLayoutContent(HasElement view) {
        content.getElement().removeAllChildren();
        content.getElement().appendChild(view.getElement());
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        oldContent.getElement().removeFromParent();
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        refreshCounts();
        String path = event.getLocation().getPath();
        String target = path.isEmpty() ? Routes.INBOX + "/" + InboxView.segment(InboxTab.NEW) : path;
        // a chat opened from a tab (inbox/new/42) keeps its tab selected
        targets.entrySet().stream()
                .filter(entry -> entry.getValue().equals(target) || target.startsWith(entry.getValue() + "/"))
                .findFirst()
                .ifPresentOrElse(entry -> tabs.setSelectedTab(entry.getKey()), () -> tabs.setSelectedTab(null));
    }

    /** Counts are exact below the engine's cap; at the cap the tab holds at least that many (INB-2). */
    static String countText(long count) {
        return count >= InboxService.COUNT_LIMIT ? (InboxService.COUNT_LIMIT - 1) + "+" : String.valueOf(count);
    }

    private void refreshCounts() {
        ConsoleSession.current().ifPresent(viewer -> {
            Map<InboxTab, Long> byTab = inbox.counts(viewer.member().project(), viewer.member().id());
            counts.forEach((tab, badge) -> badge.setText(countText(byTab.getOrDefault(tab, 0L))));
        });
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ConsoleStyles.install(ui);
        rebuildViewTabs(ui);
        // the tab counts follow every chat event of the project (INB-2)
        ConsoleSession.current().ifPresent(viewer -> unfollow = UiFeed.follow(ui, live, viewer.member().project(),
                changes -> refreshCounts()));
        // the member has the console open while this page is (a website widget tells its visitors)
        ConsoleSession.current().ifPresent(viewer -> closed = presence.opened(viewer.member().id()));
        // the page goes to the login page when the login ends: a password reset, a role taken away (issue 12)
        ConsoleSession.current().ifPresent(viewer -> unwatch = guard.watch(ui, viewer));
        unsubscribe = panels.addListener(slot -> {
            if (Slots.VIEWS.equals(slot)) {
                ui.access(() -> rebuildViewTabs(ui));
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unfollow != null) {
            unfollow.run();
            unfollow = null;
        }
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
        if (closed != null) {
            closed.run();
            closed = null;
        }
        if (unwatch != null) {
            unwatch.run();
            unwatch = null;
        }
    }

    private void rebuildViewTabs(UI ui) {
        if (targets.isEmpty()) {
            return;
        }
        Tab selected = tabs.getSelectedTab();
        String selectedTarget = selected == null ? null : targets.get(selected);
        viewTabs.forEach(tab -> {
            targets.remove(tab);
            tabs.remove(tab);
        });
        viewTabs.clear();
        Optional<PanelContext> context = Viewer.context(ui);
        if (context.isEmpty()) {
            return;
        }
        for (ConsolePanel panel : panels.visible(Slots.VIEWS, context.get())) {
            Tab tab = new Tab(panel.title(context.get().locale()));
            tab.setId("tab-view-" + panel.key());
            viewTabs.add(tab);
            addTab(tab, Routes.VIEW + "/" + panel.key());
        }
        // Tabs selects a neighbour when the selected tab is removed; the page did not change, so neither may the
        // selection (a view that left keeps showing its "not available" note with no tab highlighted)
        tabs.setSelectedTab(targets.entrySet().stream()
                .filter(entry -> entry.getValue().equals(selectedTarget)).map(Map.Entry::getKey)
                .findFirst().orElse(null));
    }
}
