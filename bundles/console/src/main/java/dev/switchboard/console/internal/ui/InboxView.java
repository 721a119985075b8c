package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.ChatView;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.chat.InboxService;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.api.Slots;
import dev.switchboard.console.internal.card.CardPanel;
import dev.switchboard.console.internal.card.CardView;
import dev.switchboard.console.internal.chat.DirectoryNames;
import dev.switchboard.console.internal.chat.Texts;
import dev.switchboard.console.internal.live.ChatChange;
import dev.switchboard.console.internal.live.ChatEventBridge;
import dev.switchboard.console.internal.live.UiFeed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One inbox tab (INB-2..6) beside the open chat: on the left the chats of New, Mine, Others or Done as the viewer
 * may see them, by last activity, read page by page from the {@link InboxService}; on the right the chat window
 * of the chat in the address ({@code inbox/<tab>/<chatId>}, so a chat's address can be shared), and beside it the
 * client's card with the {@code chat.sidebar} plugin panels under it (CARD). All follow the engine's events live
 * through server push.
 */
public final class InboxView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final long serialVersionUID = 1L;

    static final String TAB_PARAMETER = "tab";
    static final String CHAT_PARAMETER = "chat";
    /** The most chats one tab query may return (InboxService's limit). */
    private static final int MAX_PAGE = 200;

    private final transient InboxService inbox;
    private final transient ChatSupport support;
    private final transient CardSupport cards;
    private final transient ChatEventBridge live;
    private final ConsoleSettings settings;
    private final Notifications notifications = new Notifications();
    private final List<ChatSummary> shown = new ArrayList<>();
    private final Map<ChatId, ChatListItem> items = new HashMap<>();
    private final Div list = new Div();
    private final Div detail = new Div();
    private final Div side = new Div();
    private InboxTab tab = InboxTab.NEW;
    private Optional<ChatId> selected = Optional.empty();
    private Optional<String> next = Optional.empty();
    private Button more;
    private ChatWindow window;
    private CardPanel card;
    private transient Runnable unsubscribe;

    public InboxView(InboxService inbox, ChatSupport support, CardSupport cards, ChatEventBridge live,
                     ConsoleSettings settings) {
        this.inbox = inbox;
        this.support = support;
        this.cards = cards;
        this.live = live;
        this.settings = settings;
        setSizeFull();
        addClassName("sb-inbox");
        list.setId("inbox-list");
        list.addClassName("sb-inbox-list");
        detail.addClassName("sb-inbox-detail");
        side.setId("card-column");
        side.addClassName("sb-inbox-card");
        side.setVisible(false);
        add(list, detail, side);
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

    /** The address of a chat opened from a tab. */
    static String chatPath(InboxTab tab, ChatId chat) {
        return Routes.INBOX + "/" + segment(tab) + "/" + chat;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<String> segment = event.getRouteParameters().get(TAB_PARAMETER);
        Optional<InboxTab> requested = segment.flatMap(InboxView::fromSegment);
        Optional<ChatId> chat;
        try {
            chat = event.getRouteParameters().get(CHAT_PARAMETER).map(Long::parseLong).filter(id -> id > 0)
                    .map(ChatId::new);
        } catch (NumberFormatException e) {
            chat = Optional.empty();
        }
        if (segment.isPresent() && requested.isEmpty()) {
            event.forwardTo(InboxView.class);
            return;
        }
        tab = requested.orElse(InboxTab.NEW);
        selected = chat;
        Optional<ConsoleSession> viewer = ConsoleSession.current();
        if (viewer.isEmpty()) {
            return;
        }
        load(viewer.get(), Math.max(settings.inboxPageSize(), 1));
        openSelected(viewer.get());
    }

    @Override
    public String getPageTitle() {
        String tabTitle = getTranslation("tab." + segment(tab)) + " · " + getTranslation("app.name");
        return window == null ? tabTitle : window.clientName().map(name -> name + " · " + tabTitle).orElse(tabTitle);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ConsoleSession.current().ifPresent(viewer -> unsubscribe = UiFeed.follow(ui, live,
                viewer.member().project(), changes -> follow(viewer, changes)));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }

    private void follow(ConsoleSession viewer, List<ChatChange> changes) {
        // reload as many chats as are shown, so the list keeps its length and its order by last activity
        load(viewer, Math.min(MAX_PAGE, Math.max(settings.inboxPageSize(), shown.size())));
        if (window != null) {
            window.apply(changes);
            boolean shownChatChanged = changes.stream()
                    .anyMatch(change -> change.chatChanged() && change.chat().equals(window.chat()));
            if (shownChatChanged) {
                showCard(viewer, shownChatChanged);
            }
        }
    }

    private Texts texts() {
        return new Texts(support.i18n(), getLocale());
    }

    private void load(ConsoleSession viewer, int size) {
        shown.clear();
        next = Optional.empty();
        fetch(viewer, Math.min(size, MAX_PAGE));
    }

    private void fetch(ConsoleSession viewer, int size) {
        Page<ChatSummary> page = inbox.page(viewer.member().project(), viewer.member().id(), tab, next, size);
        shown.addAll(page.items());
        next = page.next();
        renderList(viewer);
    }

    /**
     * Draws the list. A chat that stays listed keeps its {@link ChatListItem} (only its content is redrawn when it
     * changed), so that the items a manager is about to click are not replaced under the pointer by the updates that
     * keep arriving while chats flow.
     */
    private void renderList(ConsoleSession viewer) {
        if (shown.isEmpty()) {
            items.clear();
            list.removeAll();
            list.add(new EmptyState("inbox-empty", getTranslation("inbox.empty." + segment(tab) + ".title"),
                    getTranslation("inbox.empty." + segment(tab) + ".text")));
            return;
        }
        Texts texts = texts();
        DirectoryNames names = new DirectoryNames(support.members(), support.groups());
        Map<ChatId, ChatListItem> kept = new HashMap<>();
        List<Component> wanted = new ArrayList<>();
        for (ChatSummary chat : shown) {
            ChatListItem item = items.get(chat.id());
            if (item == null) {
                // the tab is read when the item is clicked: a kept item opens the chat in the tab shown then
                item = new ChatListItem(chat.id(), () -> UI.getCurrent().navigate(chatPath(tab, chat.id())));
            }
            item.show(chat, names, texts, selected.equals(Optional.of(chat.id())));
            kept.put(chat.id(), item);
            wanted.add(item);
        }
        items.clear();
        items.putAll(kept);
        if (next.isPresent()) {
            if (more == null) {
                more = new Button(getTranslation("inbox.more"),
                        click -> fetch(viewer, Math.max(settings.inboxPageSize(), 1)));
                more.setId("inbox-more");
                more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                more.setWidthFull();
            }
            wanted.add(more);
        }
        List<Component> present = list.getChildren().toList();
        if (!present.equals(wanted)) {
            present.stream().filter(component -> !wanted.contains(component)).forEach(list::remove);
            for (int index = 0; index < wanted.size(); index++) {
                Component component = wanted.get(index);
                if (list.getComponentCount() <= index || list.getComponentAt(index) != component) {
                    list.addComponentAtIndex(index, component);
                }
            }
        }
    }

    /**
     * After the viewer's own action the chat may belong to another tab (taken: Mine; Done: Done); the page follows
     * it there with the chat still open. Changes by others never move the page.
     */
    private void followToItsTab(ConsoleSession viewer, ChatView chat) {
        MemberId me = viewer.member().id();
        InboxTab home = switch (chat.state()) {
            case NEW -> InboxTab.NEW;
            case DONE -> InboxTab.DONE;
            case ACTIVE -> chat.responsible().equals(Optional.of(me)) || chat.participants().contains(me)
                    ? InboxTab.MINE : InboxTab.OTHERS;
        };
        if (home != tab) {
            UI.getCurrent().navigate(chatPath(home, chat.id()));
        }
    }

    private void openSelected(ConsoleSession viewer) {
        if (selected.isEmpty()) {
            window = null;
            card = null;
            side.removeAll();
            side.setVisible(false);
            detail.removeAll();
            detail.add(new EmptyState("chat-none", getTranslation("inbox.noSelection.title"),
                    getTranslation("inbox.noSelection.text")));
            return;
        }
        if (window != null && window.chat().equals(selected.get())) {
            return;
        }
        detail.removeAll();
        window = new ChatWindow(selected.get(), viewer, support, cards, texts(), notifications, changed -> {
            // the viewer's own action (take, leave) may change whether they may edit the card (TEAM-5/6)
            showCard(viewer, true);
            followToItsTab(viewer, changed);
        });
        detail.add(window);
        card = null;
        showCard(viewer, false);
    }

    /**
     * The client's card beside the chat, with the chat's sidebar panels under it. A change of the chat (taken,
     * a participant added) may change who may edit the card (TEAM-5/6), so the card is read again; a merge may
     * give the chat another client.
     */
    private void showCard(ConsoleSession viewer, boolean chatChanged) {
        Optional<ContactId> contact = window.contact();
        if (card != null && contact.isPresent()) {
            if (!card.contact().equals(contact.get())) {
                card.show(contact.get());
            } else if (chatChanged) {
                card.refreshUnlessEditing();
            }
            return;
        }
        side.removeAll();
        card = null;
        ChatId chat = window.chat();
        contact.ifPresent(client -> {
            card = new CardPanel(client, viewer, cards, support, live, texts(), notifications::error,
                    shown -> CardView.cardSections(support, viewer, shown, Optional.of(chat)), true);
            side.add(card);
        });
        PanelSlot sidebar = new PanelSlot(support.panels(), Slots.CHAT_SIDEBAR, panel -> true, Div::new,
                ui -> Optional.of(new PanelContext(viewer.member(), ui.getLocale(), Optional.of(chat), contact)));
        sidebar.setId("chat-sidebar");
        sidebar.addClassName("sb-chat-sidebar");
        side.add(sidebar);
        side.setVisible(true);
    }
}
