package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.InboxService;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.domain.Page;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One inbox tab (INB-2..6): the chats of New, Mine, Others or Done as the viewer may see them, newest first,
 * read page by page from the {@link InboxService}. An empty tab says so in words.
 */
public final class InboxView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private static final long serialVersionUID = 1L;

    static final String TAB_PARAMETER = "tab";

    private final transient InboxService inbox;
    private final ConsoleSettings settings;
    private final List<ChatSummary> shown = new ArrayList<>();
    private InboxTab tab = InboxTab.NEW;
    private Optional<String> next = Optional.empty();

    public InboxView(InboxService inbox, ConsoleSettings settings) {
        this.inbox = inbox;
        this.settings = settings;
        setSizeFull();
        setPadding(false);
    }

    /** The path segment of a tab: {@code new}, {@code mine}, {@code others}, {@code done}. */
    static String segment(InboxTab tab) {
        return tab.name().toLowerCase(Locale.ROOT);
    }

    static Optional<InboxTab> fromSegment(String segment) {
        for (InboxTab candidate : InboxTab.values()) {
            if (segment(candidate).equals(segment)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<String> segment = event.getRouteParameters().get(TAB_PARAMETER);
        Optional<InboxTab> requested = segment.flatMap(InboxView::fromSegment);
        if (segment.isPresent() && requested.isEmpty()) {
            event.forwardTo(InboxView.class);
            return;
        }
        tab = requested.orElse(InboxTab.NEW);
        ConsoleSession.current().ifPresent(this::load);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tab." + segment(tab)) + " · " + getTranslation("app.name");
    }

    private void load(ConsoleSession viewer) {
        shown.clear();
        next = Optional.empty();
        fetch(viewer);
    }

    private void fetch(ConsoleSession viewer) {
        Page<ChatSummary> page = inbox.page(viewer.member().project(), viewer.member().id(), tab, next,
                settings.inboxPageSize());
        shown.addAll(page.items());
        next = page.next();
        render(viewer);
    }

    private void render(ConsoleSession viewer) {
        removeAll();
        if (shown.isEmpty()) {
            add(new EmptyState("inbox-empty", getTranslation("inbox.empty." + segment(tab) + ".title"),
                    getTranslation("inbox.empty." + segment(tab) + ".text")));
            return;
        }
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(getLocale()).withZone(ZoneId.systemDefault());
        Grid<ChatSummary> list = new Grid<>();
        list.setId("inbox-list");
        list.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        list.addColumn(ChatSummary::clientName).setHeader(getTranslation("inbox.column.client")).setFlexGrow(1);
        list.addColumn(ChatSummary::channel).setHeader(getTranslation("inbox.column.channel")).setAutoWidth(true);
        list.addColumn(ChatSummary::lastMessage).setHeader(getTranslation("inbox.column.lastMessage"))
                .setFlexGrow(3);
        list.addColumn(chat -> when.format(chat.lastActivity())).setHeader(getTranslation("inbox.column.when"))
                .setAutoWidth(true);
        list.setItems(List.copyOf(shown));
        add(list);
        setFlexGrow(1, list);
        if (next.isPresent()) {
            Button more = new Button(getTranslation("inbox.more"), click -> fetch(viewer));
            more.setId("inbox-more");
            more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            add(more);
        }
    }
}
