package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NavigationTrigger;
import dev.switchboard.api.card.ContactHit;
import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.card.Tag;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.api.interactions.AcquisitionTool;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.Member;
import dev.switchboard.console.internal.chat.DirectoryNames;
import dev.switchboard.console.internal.chat.ErrorText;
import dev.switchboard.console.internal.chat.Texts;
import dev.switchboard.console.internal.search.ChatLink;
import dev.switchboard.console.internal.search.ChatTabs;
import dev.switchboard.console.internal.search.ContactHitItem;
import dev.switchboard.console.internal.search.DatePickerTexts;
import dev.switchboard.console.internal.search.FilterChoice;
import dev.switchboard.console.internal.search.QueryKind;
import dev.switchboard.console.internal.search.Results;
import dev.switchboard.console.internal.search.SearchState;
import dev.switchboard.console.internal.search.SearchState.Mode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Search tab (INB-7). By default one box: contacts whose name, phone, e-mail or About note contain the text
 * appear while the viewer types (the box sends its value after a short pause). The Filters mode selects contacts
 * by funnel stage, tags, acquisition tool, group, responsible and two date ranges, all combined. Either way each
 * contact shows its chats the viewer may read, each opening in the inbox, and a link to the card page; results
 * come a page at a time with "More".
 *
 * <p>Queries run on the page's own request, one after another, and every page of results belongs to one query
 * round ({@link Results}): results of a query that was replaced meanwhile are never shown. The mode, the text and
 * the filters survive a language switch, which rebuilds the page. Test ids: {@code search-query},
 * {@code search-mode-text}, {@code search-mode-filters}, {@code filter-*}, {@code search-clear},
 * {@code search-results}, {@code search-hint}, {@code search-short}, {@code search-empty}, {@code search-more},
 * and those of {@link ContactHitItem}.
 */
public final class SearchView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SearchView.class);
    /** The most contacts one search query may return (ContactSearch's limit). */
    private static final int MAX_PAGE = 200;
    private static final int TYPING_PAUSE_MS = 300;

    private final transient CardSupport cards;
    private final transient ChatSupport chats;
    private final int pageSize;
    private final Notifications notifications = new Notifications();
    private final transient Results<ContactHit> results = new Results<>();

    private final TextField query = new TextField();
    private final Button textMode = new Button();
    private final Button filtersMode = new Button();
    private final Div filters = new Div();
    private final Div list = new Div();

    private MultiSelectComboBox<FunnelStage> stages;
    private MultiSelectComboBox<Tag> tags;
    private MultiSelectComboBox<String> chains;
    private MultiSelectComboBox<AcquisitionTool> tools;
    private ComboBox<Group> group;
    private ComboBox<Member> responsible;
    private DatePicker firstFrom;
    private DatePicker firstTo;
    private DatePicker activityFrom;
    private DatePicker activityTo;
    /** While fields are set from code (restore, clear), their change events do not each run a query. */
    private boolean quiet;

    private Mode mode = Mode.TEXT;
    private ZoneId zone = ZoneId.systemDefault();

    public SearchView(CardSupport cards, ChatSupport chats, ConsoleSettings settings) {
        this.cards = cards;
        this.chats = chats;
        this.pageSize = Math.min(MAX_PAGE, Math.max(1, settings.inboxPageSize()));
        addClassName("sb-search");

        Div modes = new Div(textMode, filtersMode);
        modes.setId("search-mode");
        modes.addClassName("sb-mode-switch");
        textMode.setText(getTranslation("search.mode.text"));
        textMode.setId("search-mode-text");
        textMode.addClickListener(click -> switchTo(Mode.TEXT));
        filtersMode.setText(getTranslation("search.mode.filters"));
        filtersMode.setId("search-mode-filters");
        filtersMode.addClickListener(click -> switchTo(Mode.FILTERS));
        for (Button button : List.of(textMode, filtersMode)) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }

        query.setId("search-query");
        query.addClassName("sb-search-query");
        query.setPlaceholder(getTranslation("search.placeholder"));
        query.setAriaLabel(getTranslation("search.placeholder"));
        query.setPrefixComponent(VaadinIcon.SEARCH.create());
        query.setClearButtonVisible(true);
        query.setValueChangeMode(ValueChangeMode.TIMEOUT);
        query.setValueChangeTimeout(TYPING_PAUSE_MS);
        query.addValueChangeListener(event -> inputChanged());

        filters.setId("search-filters");
        filters.addClassName("sb-search-filters");
        filters.setVisible(false);

        Div bar = new Div(modes, query);
        bar.addClassName("sb-search-bar");
        list.setId("search-results");
        list.addClassName("sb-search-results");
        add(bar, filters, list);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tab.search") + " · " + getTranslation("app.name");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<ConsoleSession> viewer = ConsoleSession.current();
        if (viewer.isEmpty()) {
            return;
        }
        UI ui = event.getUI();
        SearchState saved = ComponentUtil.getData(ui, SearchState.class);
        // only a rebuild of this very page (language or project switched) comes back as it was; arriving from
        // another tab starts afresh
        if (event.getTrigger() == NavigationTrigger.REFRESH_ROUTE && saved != null) {
            restore(saved.in(project()));
        } else {
            ComponentUtil.setData(ui, SearchState.class, null);
            showMode(Mode.TEXT);
            run();
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ExtendedClientDetails known = ui.getInternals().getExtendedClientDetails();
        if (known != null) {
            zone = zoneOf(known).orElse(zone);
        } else {
            ui.getPage().retrieveExtendedClientDetails(details -> zoneOf(details).ifPresent(browserZone -> {
                boolean changed = !browserZone.equals(zone);
                zone = browserZone;
                if (changed && mode == Mode.FILTERS && hasDates()) {
                    run();
                }
            }));
        }
    }

    private static Optional<ZoneId> zoneOf(ExtendedClientDetails details) {
        try {
            return Optional.ofNullable(details.getTimeZoneId()).filter(id -> !id.isBlank()).map(ZoneId::of);
        } catch (DateTimeException unknown) {
            return Optional.empty();
        }
    }

    private ConsoleSession viewer() {
        return ConsoleSession.current().orElseThrow();
    }

    private ProjectId project() {
        return viewer().member().project();
    }

    private MemberId me() {
        return viewer().member().id();
    }

    private Texts texts() {
        return new Texts(chats.i18n(), getLocale());
    }

    // ----- modes and state

    private void switchTo(Mode wanted) {
        if (wanted != mode) {
            showMode(wanted);
            run();
        }
    }

    private void showMode(Mode shown) {
        mode = shown;
        textMode.getElement().setAttribute("aria-pressed", Boolean.toString(shown == Mode.TEXT));
        filtersMode.getElement().setAttribute("aria-pressed", Boolean.toString(shown == Mode.FILTERS));
        query.setVisible(shown == Mode.TEXT);
        if (shown == Mode.FILTERS && stages == null) {
            buildFilters();
        }
        filters.setVisible(shown == Mode.FILTERS);
        if (shown == Mode.TEXT) {
            query.focus();
        }
    }

    private void restore(SearchState state) {
        quiet = true;
        try {
            query.setValue(state.text());
            if (!state.filters().isEmpty()) {
                buildFilters();
                applyChoice(state.filters());
            }
        } finally {
            quiet = false;
        }
        showMode(state.mode());
        run();
    }

    private void remember() {
        // the view may not be attached yet when it is entered
        UI ui = UI.getCurrent();
        if (ui != null) {
            ComponentUtil.setData(ui, SearchState.class, new SearchState(project(), mode, query.getValue(),
                    stages == null ? FilterChoice.none() : choice()));
        }
    }

    // ----- filters

    private void buildFilters() {
        if (stages != null) {
            return;
        }
        ProjectId project = project();
        Locale locale = getLocale();

        stages = new MultiSelectComboBox<>(getTranslation("search.filter.stage"));
        stages.setId("filter-stages");
        List<FunnelStage> funnelStages = cards.funnels().funnelOf(project).map(Funnel::stages).orElse(List.of());
        stages.setItems(funnelStages);
        stages.setItemLabelGenerator(stage -> stage.name(locale));
        stages.setVisible(!funnelStages.isEmpty());

        tags = new MultiSelectComboBox<>(getTranslation("search.filter.tags"));
        tags.setId("filter-tags");
        tags.setHelperText(getTranslation("search.filter.tags.help"));
        List<Tag> catalogue = cards.tags().tags(project);
        tags.setItems(catalogue);
        tags.setItemLabelGenerator(Tag::name);
        tags.setVisible(!catalogue.isEmpty());

        // automessage chains (CARD-5): those some client of the project is subscribed to
        chains = new MultiSelectComboBox<>(getTranslation("search.filter.chains"));
        chains.setId("filter-chains");
        Map<String, String> projectChains = cards.search().chains(project, viewer().member().id());
        chains.setItems(projectChains.keySet());
        chains.setItemLabelGenerator(projectChains::get);
        chains.setVisible(!projectChains.isEmpty());

        tools = new MultiSelectComboBox<>(getTranslation("search.filter.tools"));
        tools.setId("filter-tools");
        List<AcquisitionTool> projectTools = cards.sources().tools(project);
        tools.setItems(projectTools);
        tools.setItemLabelGenerator(AcquisitionTool::name);
        tools.setVisible(!projectTools.isEmpty());

        group = new ComboBox<>(getTranslation("search.filter.group"));
        group.setId("filter-group");
        Member member = viewer().member();
        List<Group> groups = chats.groups().list(project).stream().filter(candidate -> candidate.visibleTo(member))
                .toList();
        group.setItems(groups);
        group.setItemLabelGenerator(Group::name);
        group.setClearButtonVisible(true);
        group.setVisible(!groups.isEmpty());

        responsible = new ComboBox<>(getTranslation("search.filter.responsible"));
        responsible.setId("filter-responsible");
        responsible.setItems(chats.members().list(project));
        responsible.setItemLabelGenerator(Member::displayName);
        responsible.setClearButtonVisible(true);

        firstFrom = datePicker("filter-first-from", "search.filter.from");
        firstTo = datePicker("filter-first-to", "search.filter.to");
        activityFrom = datePicker("filter-activity-from", "search.filter.from");
        activityTo = datePicker("filter-activity-to", "search.filter.to");

        Button clear = new Button(getTranslation("search.filter.clear"), VaadinIcon.CLOSE_SMALL.create(),
                click -> clearFilters());
        clear.setId("search-clear");
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        for (MultiSelectComboBox<?> multi : List.of(stages, tags, chains, tools)) {
            multi.addValueChangeListener(event -> inputChanged());
        }
        group.addValueChangeListener(event -> inputChanged());
        responsible.addValueChangeListener(event -> inputChanged());
        for (DatePicker picker : List.of(firstFrom, firstTo, activityFrom, activityTo)) {
            picker.addValueChangeListener(event -> inputChanged());
        }

        Div choices = new Div(stages, tags, chains, tools, group, responsible);
        choices.addClassName("sb-search-filter-row");
        Div dates = new Div(dateRange("search.filter.firstContact", firstFrom, firstTo),
                dateRange("search.filter.lastActivity", activityFrom, activityTo), clear);
        dates.addClassName("sb-search-filter-row");
        filters.add(choices, dates);
    }

    private DatePicker datePicker(String id, String labelKey) {
        DatePicker picker = new DatePicker(getTranslation(labelKey));
        picker.setId(id);
        picker.setClearButtonVisible(true);
        DatePickerTexts.apply(picker, getLocale(), getTranslation("search.filter.today"),
                getTranslation("search.filter.cancel"));
        return picker;
    }

    private Div dateRange(String titleKey, DatePicker from, DatePicker to) {
        Span title = new Span(getTranslation(titleKey));
        title.addClassName("sb-search-range-title");
        Div pickers = new Div(from, to);
        pickers.addClassName("sb-search-range-pickers");
        Div range = new Div(title, pickers);
        range.addClassName("sb-search-range");
        return range;
    }

    private boolean hasDates() {
        return stages != null && (firstFrom.getValue() != null || firstTo.getValue() != null
                || activityFrom.getValue() != null || activityTo.getValue() != null);
    }

    private FilterChoice choice() {
        return new FilterChoice(
                stages.getValue().stream().map(FunnelStage::key).collect(Collectors.toSet()),
                tags.getValue().stream().map(Tag::id).collect(Collectors.toSet()),
                Set.copyOf(chains.getValue()),
                tools.getValue().stream().map(AcquisitionTool::id).collect(Collectors.toSet()),
                Optional.ofNullable(group.getValue()).map(Group::id),
                Optional.ofNullable(responsible.getValue()).map(Member::id),
                Optional.ofNullable(firstFrom.getValue()), Optional.ofNullable(firstTo.getValue()),
                Optional.ofNullable(activityFrom.getValue()), Optional.ofNullable(activityTo.getValue()));
    }

    /** Selects what {@code choice} names among the items offered now; what is gone stays unselected. */
    private void applyChoice(FilterChoice choice) {
        stages.setValue(pick(stages, stage -> choice.stages().contains(stage.key())));
        tags.setValue(pick(tags, tag -> choice.tags().contains(tag.id())));
        chains.setValue(pick(chains, chain -> choice.chains().contains(chain)));
        tools.setValue(pick(tools, tool -> choice.tools().contains(tool.id())));
        group.setValue(group.getListDataView().getItems()
                .filter(candidate -> choice.group().equals(Optional.of(candidate.id()))).findFirst().orElse(null));
        responsible.setValue(responsible.getListDataView().getItems()
                .filter(candidate -> choice.responsible().equals(Optional.of(candidate.id()))).findFirst()
                .orElse(null));
        firstFrom.setValue(choice.firstContactFrom().orElse(null));
        firstTo.setValue(choice.firstContactTo().orElse(null));
        activityFrom.setValue(choice.lastActivityFrom().orElse(null));
        activityTo.setValue(choice.lastActivityTo().orElse(null));
    }

    private static <T> Set<T> pick(MultiSelectComboBox<T> box, Predicate<T> chosen) {
        return box.getListDataView().getItems().filter(chosen).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private void inputChanged() {
        if (!quiet) {
            run();
        }
    }

    private void clearFilters() {
        quiet = true;
        try {
            applyChoice(FilterChoice.none());
        } finally {
            quiet = false;
        }
        run();
    }

    // ----- queries and results

    /** Starts a new query for what the page shows now, replacing the results. */
    private void run() {
        if (ConsoleSession.current().isEmpty()) {
            return;
        }
        remember();
        ProjectId project = project();
        MemberId me = me();
        Function<Optional<String>, Page<ContactHit>> pageQuery;
        if (mode == Mode.FILTERS) {
            var filter = choice().toFilter(zone);
            pageQuery = after -> cards.search().filter(project, me, filter, after, pageSize);
        } else {
            String text = query.getValue().strip();
            switch (QueryKind.of(text)) {
                case EMPTY -> {
                    results.clear();
                    showNote(new EmptyState("search-hint", getTranslation("search.hint.title"),
                            getTranslation("search.hint.text")));
                    return;
                }
                case TOO_SHORT -> {
                    results.clear();
                    showNote(new EmptyState("search-short", getTranslation("search.short.title"),
                            getTranslation("search.short.text", QueryKind.MIN_LENGTH)));
                    return;
                }
                case SEARCHABLE -> pageQuery = after -> cards.search().search(project, me, text, after, pageSize);
                default -> throw new IllegalStateException("unknown query kind");
            }
        }
        fetch(results.start(pageQuery));
    }

    private void showNote(EmptyState note) {
        list.removeAll();
        list.add(note);
    }

    /** Fetches the next page of the query round {@code round}, if it is still the current one, and shows it. */
    private void fetch(long round) {
        boolean first = results.items().isEmpty();
        Optional<List<ContactHit>> added;
        Map<ContactId, List<ChatSummary>> contactChats;
        try {
            added = results.fetch(round);
            if (added.isEmpty()) {
                return;
            }
            contactChats = added.get().isEmpty() ? Map.of()
                    : cards.contactChats().chats(ids(added.get()), me());
        } catch (DomainException refused) {
            LOG.debug("Search of member {} refused: {}", me(), refused.getMessage());
            notifications.error(ErrorText.of(refused, texts()));
            return;
        } catch (RuntimeException e) {
            LOG.error("Search of member {} failed", me(), e);
            notifications.error(getTranslation("error.unavailable"));
            return;
        }
        if (first) {
            list.removeAll();
        } else {
            list.getChildren().filter(child -> child.getId().equals(Optional.of("search-more"))).toList()
                    .forEach(list::remove);
        }
        if (results.items().isEmpty()) {
            list.add(mode == Mode.FILTERS
                    ? new EmptyState("search-empty", getTranslation("search.empty.filters.title"),
                            getTranslation("search.empty.filters.text"))
                    : new EmptyState("search-empty", getTranslation("search.empty.title"),
                            getTranslation("search.empty.text", query.getValue().strip())));
            return;
        }
        Texts texts = texts();
        DirectoryNames names = new DirectoryNames(chats.members(), chats.groups());
        for (ContactHit hit : added.get()) {
            List<ChatLink> links = contactChats.getOrDefault(hit.id(), List.of()).stream().map(this::link).toList();
            list.add(new ContactHitItem(hit, Routes.CARD + "/" + hit.id(), links, names, texts, zone));
        }
        if (results.hasMore()) {
            Button more = new Button(getTranslation("search.more"), click -> fetch(round));
            more.setId("search-more");
            more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            more.setWidthFull();
            list.add(more);
        }
    }

    private static Collection<ContactId> ids(List<ContactHit> hits) {
        List<ContactId> ids = new ArrayList<>(hits.size());
        hits.forEach(hit -> ids.add(hit.id()));
        return ids;
    }

    /** The chat's address in the tab it belongs to for the viewer, as the inbox would file it. */
    private ChatLink link(ChatSummary chat) {
        MemberId me = me();
        Set<MemberId> participants = Set.of();
        if (ChatTabs.needsParticipants(chat.state(), chat.responsible(), me)) {
            try {
                participants = chats.chats().get(chat.id(), me).participants();
            } catch (DomainException gone) {
                // changed since the list was read; Others is where a chat of a colleague is found
                LOG.debug("Chat {} is no longer readable by member {}: {}", chat.id(), me, gone.getMessage());
            }
        }
        InboxTab tab = ChatTabs.tabFor(chat.state(), chat.responsible(), participants, me);
        return new ChatLink(chat, tab, InboxView.chatPath(tab, chat.id()));
    }
}
