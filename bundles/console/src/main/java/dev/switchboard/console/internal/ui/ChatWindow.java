package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.avatar.AvatarVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import dev.switchboard.api.chat.ChatAction;
import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.ChatView;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.SendConditions;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.Member;
import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.api.Slots;
import dev.switchboard.console.internal.card.CardNames;
import dev.switchboard.console.internal.chat.DirectoryNames;
import dev.switchboard.console.internal.chat.ErrorText;
import dev.switchboard.console.internal.chat.Names;
import dev.switchboard.console.internal.chat.Texts;
import dev.switchboard.console.internal.live.ChatChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat window (WIN-1..5): the client's name top left (and a mark when the client cannot be written to), the
 * participants control (WIN-2), the actions the engine allows this viewer right now
 * ({@link ChatService#allowedActions}; the window never decides permissions itself), the hand-over prompt for its
 * receiver (TEAM-4), the history with the newest message at the bottom (MSG-1..4, with files), and the composer
 * with the channel's rules (INP-1..4; files can be dropped anywhere on the window). A refused action shows the
 * engine's reason in the reader's language. Test ids beyond the composer's and the history's:
 * {@code chat-unreachable} (the header's mark, its reason in {@code title}).
 *
 * <p>The window is refreshed from the engine after each of the viewer's own actions and whenever the page's live
 * feed reports a change of this chat, so a second manager's browser follows without a reload.
 */
final class ChatWindow extends Div {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ChatWindow.class);
    private static final int HISTORY_PAGE = 50;
    /** How many newest pages a refresh reads at most looking for messages it has not shown yet. */
    private static final int CATCH_UP_PAGES = 5;

    private final ChatId chat;
    private final transient ConsoleSession viewer;
    private final transient ChatSupport support;
    private final transient Texts texts;
    private final transient Names names;
    private final Notifications notifications;
    private final transient Consumer<ChatView> afterOwnAction;

    private final Div header = new Div();
    private final Div banner = new Div();
    private final Div messages = new Div();
    private final Scroller scroller = new Scroller(messages);
    private final Button earlier = new Button();
    private final Composer composer;
    private final Map<MessageId, MessageRow> rows = new LinkedHashMap<>();

    private transient ChatView view;
    private Set<ChatAction> allowed = EnumSet.noneOf(ChatAction.class);
    private Optional<String> earlierCursor = Optional.empty();
    private boolean available;

    ChatWindow(ChatId chat, ConsoleSession viewer, ChatSupport support, CardSupport cards, Texts texts,
               Notifications notifications, Consumer<ChatView> afterOwnAction) {
        this.chat = chat;
        this.afterOwnAction = afterOwnAction;
        this.viewer = viewer;
        this.support = support;
        this.texts = texts;
        this.notifications = notifications;
        // status changes name their funnel stages in the reader's language (MSG-4, CARD-3)
        this.names = new CardNames(new DirectoryNames(support.members(), support.groups()), cards.funnels(),
                viewer.member().project());
        this.composer = new Composer(this::compose,
                (name, content) -> support.chats().upload(chat, viewer.member().id(), name, content), texts,
                notifications::error);
        composer.acceptDropsOn(this);
        setId("chat-window");
        getElement().setAttribute("data-chat", chat.toString());
        addClassName("sb-chat-window");

        header.addClassName("sb-chat-header");
        banner.addClassName("sb-chat-banner");
        messages.addClassName("sb-history");
        scroller.addClassName("sb-history-scroller");
        scroller.setScrollDirection(Scroller.ScrollDirection.VERTICAL);
        earlier.setText(texts.text("chat.history.earlier"));
        earlier.setId("history-earlier");
        earlier.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        earlier.addClickListener(click -> loadEarlier());
        earlier.addClassName("sb-history-earlier");
        messages.add(earlier);

        refresh();
        if (available) {
            loadLatest();
            scrollToBottom();
        }
    }

    ChatId chat() {
        return chat;
    }

    /** The chat's client card, once the chat was read and when the chat engine knows the client. */
    Optional<ContactId> contact() {
        return Optional.ofNullable(view).flatMap(ChatView::contact);
    }

    /** The client's name once the chat was read, for the page title. */
    Optional<String> clientName() {
        return Optional.ofNullable(view).map(ChatView::clientName);
    }

    /**
     * Follows the engine's events about this chat: new messages at the bottom, and messages shown that changed (an
     * edit, a file that arrived, a delivery that moved on), wherever they are in the history shown (MSG-1, MSG-2).
     */
    void apply(List<ChatChange> changes) {
        if (changes.stream().noneMatch(change -> change.chat().equals(chat))) {
            return;
        }
        refresh();
        if (!available) {
            return;
        }
        Set<MessageId> read = new HashSet<>();
        if (loadLatest(read) > 0) {
            scrollToBottom();
        }
        Set<MessageId> stale = new HashSet<>();
        changes.stream().filter(change -> change.chat().equals(chat) && change.messageChanged())
                .flatMap(change -> change.message().stream())
                .filter(id -> rows.containsKey(id) && !read.contains(id))
                .forEach(stale::add);
        if (!stale.isEmpty()) {
            reread(stale);
        }
    }

    // ----- state, header and actions

    private void refresh() {
        MemberId me = viewer.member().id();
        try {
            view = support.chats().get(chat, me);
            allowed = EnumSet.noneOf(ChatAction.class);
            allowed.addAll(support.chats().allowedActions(chat, me));
        } catch (DomainException e) {
            LOG.debug("Chat {} is not available to member {}: {}", chat, me, e.getMessage());
            showUnavailable();
            return;
        }
        if (!allowed.contains(ChatAction.READ)) {
            showUnavailable();
            return;
        }
        available = true;
        if (header.getParent().isEmpty()) {
            // first shown, or readable again after a spell out of reach (forwarded to a closed group and back)
            removeAll();
            add(header, banner, scroller, composer);
        }
        getElement().setAttribute("data-state", view.state().name().toLowerCase(Locale.ROOT));
        renderHeader();
        renderBanner();
        List<Composer.Mode> modes = new ArrayList<>();
        if (allowed.contains(ChatAction.SEND)) {
            modes.add(Composer.Mode.MESSAGE);
        }
        if (allowed.contains(ChatAction.NOTE)) {
            modes.add(Composer.Mode.NOTE);
        }
        composer.offer(modes);
        composer.conditions(allowed.contains(ChatAction.SEND) ? sendConditions(me) : Optional.empty());
    }

    /** The channel's rules for the composer; without them it still sends text (the engine checks anyway). */
    private Optional<SendConditions> sendConditions(MemberId me) {
        try {
            return Optional.of(support.chats().sendConditions(chat, me));
        } catch (DomainException e) {
            LOG.debug("Chat {}: no send conditions for member {}: {}", chat, me, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Chat {}: could not read the channel's send conditions", chat, e);
        }
        return Optional.empty();
    }

    private void showUnavailable() {
        available = false;
        view = null;
        removeAll();
        add(new EmptyState("chat-unavailable", texts.text("chat.notFound.title"), texts.text("chat.notFound.text")));
    }

    private void renderHeader() {
        header.removeAll();
        Avatar avatar = new Avatar(view.clientName());
        avatar.addClassName("sb-client-avatar");
        H3 name = new H3(view.clientName());
        name.setId("chat-client-name");
        name.addClassName("sb-client-name");
        Span channel = new Span(view.channel());
        channel.getElement().getThemeList().add("badge small contrast");
        channel.setId("chat-channel");
        Span state = new Span(texts.text("chat.state." + view.state().name().toLowerCase(Locale.ROOT)));
        state.setId("chat-state");
        state.getElement().getThemeList().add(switch (view.state()) {
            case NEW -> "badge small";
            case ACTIVE -> "badge small success";
            case DONE -> "badge small contrast";
        });
        Div subtitle = new Div(channel, state);
        subtitle.addClassName("sb-client-subtitle");
        view.unreachable().ifPresent(reason -> {
            // the client blocked the bot or unsubscribed: nobody can write to them until they write (MSG-2)
            Span unreachable = new Span(VaadinIcon.BAN.create(), new Span(texts.text("chat.unreachable")));
            unreachable.setId("chat-unreachable");
            unreachable.getElement().getThemeList().add("badge small error");
            unreachable.getElement().setAttribute("title", texts.text("chat.unreachable.hint", reason));
            subtitle.add(unreachable);
        });
        view.contact().ifPresent(contact -> {
            Anchor card = new Anchor("card/" + contact, texts.text("chat.openCard"));
            card.setId("chat-card-link");
            card.addClassName("sb-chat-card-link");
            subtitle.add(card);
        });
        Div titles = new Div(name, subtitle);
        titles.addClassName("sb-client-titles");
        Div client = new Div(avatar, titles);
        client.addClassName("sb-client");

        Div right = new Div();
        right.addClassName("sb-chat-tools");
        if (view.state() == ChatState.NEW) {
            view.previousResponsible().flatMap(names::member).ifPresent(previous -> {
                Span shown = new Span(VaadinIcon.TIME_BACKWARD.create(),
                        new Span(texts.text("chat.previousResponsible", previous)));
                shown.setId("chat-previous-responsible");
                shown.addClassName("sb-previous-responsible");
                right.add(shown);
            });
        }
        right.add(participantsControl());
        right.add(actions());
        header.add(client, right);
    }

    private Component participantsControl() {
        Div control = new Div();
        control.addClassName("sb-participants");
        String responsible = view.responsible().flatMap(names::member)
                .orElseGet(() -> texts.text("chat.noResponsible"));
        Button button = new Button(responsible + (view.participants().isEmpty() ? ""
                : " +" + view.participants().size()), VaadinIcon.USERS.create());
        button.setId("participants");
        button.setIconAfterText(false);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        button.setSuffixComponent(VaadinIcon.ANGLE_DOWN.create());
        button.getElement().setAttribute("aria-haspopup", "true");
        Picker picker = new Picker(button, texts.text("chat.participants.filter"));

        List<Component> who = new ArrayList<>();
        who.add(pickerTitle(texts.text("chat.responsible")));
        who.add(person(view.responsible(), "participants-responsible"));
        who.add(pickerTitle(texts.text("chat.participants")));
        if (view.participants().isEmpty()) {
            Span none = new Span(texts.text("chat.participants.none"));
            none.addClassName("sb-picker-none");
            who.add(none);
        }
        for (MemberId participant : sortedByName(view.participants())) {
            Div line = new Div(person(Optional.of(participant), "participant-" + participant));
            line.addClassName("sb-participant-line");
            if (allowed.contains(ChatAction.REMOVE_PARTICIPANT)) {
                String label = names.member(participant).orElse("?");
                Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> {
                    picker.close();
                    act(() -> support.chats().removeParticipant(chat, me(), participant));
                });
                remove.setId("remove-participant-" + participant);
                remove.setAriaLabel(texts.text("chat.participants.remove", label));
                remove.setTooltipText(texts.text("chat.participants.remove", label));
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
                line.add(remove);
            }
            who.add(line);
        }
        view.pendingHandover().flatMap(names::member).ifPresent(pending -> {
            Span waiting = new Span(texts.text("chat.pendingHandover", pending));
            waiting.addClassName("sb-picker-none");
            who.add(waiting);
        });

        List<Picker.Section> sections = new ArrayList<>();
        if (allowed.contains(ChatAction.HAND_OVER)) {
            sections.add(new Picker.Section(texts.text("chat.participants.handOver"), "handover-to",
                    memberChoices(member -> !view.responsible().equals(Optional.of(member.id()))
                                    && !view.pendingHandover().equals(Optional.of(member.id())),
                            to -> act(() -> support.chats().handOver(chat, me(), to)))));
        }
        if (allowed.contains(ChatAction.ADD_PARTICIPANT)) {
            sections.add(new Picker.Section(texts.text("chat.participants.add"), "add-participant",
                    memberChoices(member -> !view.responsible().equals(Optional.of(member.id()))
                                    && !view.participants().contains(member.id()),
                            member -> act(() -> support.chats().addParticipant(chat, me(), member)))));
        }
        picker.show(who, sections, texts.text("chat.participants.nobody"));
        control.add(button, picker);
        return control;
    }

    private Component actions() {
        Div bar = new Div();
        bar.addClassName("sb-chat-actions");
        if (allowed.contains(ChatAction.TAKE)) {
            bar.add(action("action-take", "chat.action.take", VaadinIcon.HAND, ButtonVariant.LUMO_PRIMARY,
                    () -> support.chats().take(chat, me())));
        }
        if (allowed.contains(ChatAction.TAKE_OVER)) {
            bar.add(action("action-take-over", "chat.action.takeOver", VaadinIcon.ARROW_CIRCLE_DOWN_O, null,
                    () -> support.chats().takeOver(chat, me())));
        }
        if (allowed.contains(ChatAction.ASSIGN)) {
            Button assign = button("action-assign", "chat.action.assign", VaadinIcon.USER_CHECK, null);
            Picker picker = new Picker(assign, texts.text("chat.participants.filter"));
            picker.show(List.of(), List.of(new Picker.Section(texts.text("chat.action.assign"), "assign-to",
                    memberChoices(member -> true, to -> act(() -> support.chats().assign(chat, me(), to))))),
                    texts.text("chat.participants.nobody"));
            bar.add(assign, picker);
        }
        if (allowed.contains(ChatAction.FORWARD)) {
            Button forward = button("action-forward", "chat.action.forward", VaadinIcon.SHARE, null);
            Picker picker = new Picker(forward, texts.text("chat.participants.filter"));
            List<Picker.Choice> groups = new ArrayList<>();
            for (Group group : support.groups().list(viewer.member().project())) {
                if (view.group().equals(Optional.of(group.id()))) {
                    continue;
                }
                groups.add(new Picker.Choice(group.id().toString(), group.name(), null,
                        () -> act(() -> support.chats().forward(chat, me(), group.id()))));
            }
            picker.show(List.of(), List.of(new Picker.Section(texts.text("chat.action.forward"), "forward-to",
                    groups)), texts.text("chat.action.forward.none"));
            bar.add(forward, picker);
        }
        if (allowed.contains(ChatAction.LEAVE)) {
            bar.add(action("action-leave", "chat.action.leave", VaadinIcon.SIGN_OUT, ButtonVariant.LUMO_TERTIARY,
                    () -> support.chats().leave(chat, me())));
        }
        bar.add(new PanelSlot(support.panels(), Slots.CHAT_ACTIONS, panel -> true, Span::new, this::panelContext));
        if (allowed.contains(ChatAction.DONE)) {
            Button done = action("action-done", "chat.action.done", VaadinIcon.CHECK, ButtonVariant.LUMO_SUCCESS,
                    () -> support.chats().done(chat, me()));
            done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            done.setTooltipText(texts.text("chat.action.done.hint"));
            bar.add(done);
        }
        bar.getChildren().filter(PanelSlot.class::isInstance)
                .forEach(slot -> ((PanelSlot) slot).setWidth(null));
        return bar;
    }

    private Optional<PanelContext> panelContext(UI ui) {
        return Optional.of(new PanelContext(viewer.member(), texts.locale(), Optional.of(chat),
                Optional.ofNullable(view).flatMap(ChatView::contact)));
    }

    private void renderBanner() {
        banner.removeAll();
        banner.setVisible(false);
        if (allowed.contains(ChatAction.ACCEPT_HANDOVER) || allowed.contains(ChatAction.DECLINE_HANDOVER)) {
            String from = view.responsible().flatMap(names::member).orElseGet(() -> texts.text("system.unknownMember"));
            Span prompt = new Span(texts.text("chat.handover.prompt", from));
            Div box = new Div(VaadinIcon.EXCHANGE.create(), prompt);
            box.setId("handover-prompt");
            box.addClassName("sb-handover-prompt");
            if (allowed.contains(ChatAction.ACCEPT_HANDOVER)) {
                box.add(action("handover-accept", "chat.handover.accept", VaadinIcon.CHECK,
                        ButtonVariant.LUMO_PRIMARY, () -> support.chats().acceptHandover(chat, me())));
            }
            if (allowed.contains(ChatAction.DECLINE_HANDOVER)) {
                box.add(action("handover-decline", "chat.handover.decline", VaadinIcon.CLOSE, null,
                        () -> support.chats().declineHandover(chat, me())));
            }
            banner.add(box);
            banner.setVisible(true);
        } else if (view.pendingHandover().isPresent()) {
            names.member(view.pendingHandover().get()).ifPresent(pending -> {
                Span waiting = new Span(texts.text("chat.pendingHandover", pending));
                waiting.setId("handover-pending");
                waiting.addClassName("sb-handover-pending");
                banner.add(waiting);
                banner.setVisible(true);
            });
        }
    }

    private Button button(String id, String key, VaadinIcon icon, ButtonVariant variant) {
        Button button = new Button(texts.text(key), icon.create());
        button.setId(id);
        if (variant != null) {
            button.addThemeVariants(variant);
        }
        return button;
    }

    private Button action(String id, String key, VaadinIcon icon, ButtonVariant variant, Supplier<?> call) {
        Button button = button(id, key, icon, variant);
        button.addClickListener(click -> act(call));
        return button;
    }

    /** Runs one of the viewer's actions, then shows the chat as it is now, whether the engine agreed or not. */
    private void act(Supplier<?> call) {
        boolean changedChat = false;
        try {
            changedChat = call.get() instanceof ChatView;
        } catch (DomainException refused) {
            LOG.debug("Chat {}: the engine refused an action of member {}: {}", chat, me(), refused.getMessage());
            notifications.error(ErrorText.of(refused, texts));
        } catch (RuntimeException e) {
            LOG.error("Chat {}: an action of member {} failed", chat, me(), e);
            notifications.error(texts.text("error.unavailable"));
        }
        refresh();
        if (available) {
            loadLatest();
            scrollToBottom();
            if (changedChat) {
                afterOwnAction.accept(view);
            }
        }
    }

    private boolean compose(Composer.Mode mode, String text, List<FileId> files, String key) {
        try {
            Message stored = mode == Composer.Mode.MESSAGE
                    ? support.chats().send(chat, me(), text, files, Optional.of(key))
                    : support.chats().note(chat, me(), text);
            show(stored);
            scrollToBottom();
            return true;
        } catch (DomainException refused) {
            notifications.error(ErrorText.of(refused, texts));
            refresh();
            return false;
        } catch (RuntimeException e) {
            LOG.error("Chat {}: member {} could not write", chat, me(), e);
            notifications.error(texts.text("error.unavailable"));
            return false;
        }
    }

    private List<Picker.Choice> memberChoices(Predicate<Member> include, Consumer<MemberId> chosen) {
        List<Picker.Choice> choices = new ArrayList<>();
        for (Member member : support.members().list(viewer.member().project())) {
            if (include.test(member)) {
                choices.add(new Picker.Choice(member.id().toString(), member.displayName(),
                        member.id().equals(me()) ? "✓" : null, () -> chosen.accept(member.id())));
            }
        }
        return choices;
    }

    private Component person(Optional<MemberId> member, String id) {
        String label = member.flatMap(names::member).orElseGet(() -> texts.text("chat.noResponsible"));
        Avatar avatar = new Avatar(label);
        avatar.addThemeVariants(AvatarVariant.LUMO_XSMALL);
        Div line = new Div(avatar, new Span(label));
        line.setId(id);
        line.addClassName("sb-person");
        return line;
    }

    private static Span pickerTitle(String text) {
        Span title = new Span(text);
        title.addClassName("sb-picker-title");
        return title;
    }

    private List<MemberId> sortedByName(Set<MemberId> members) {
        return members.stream()
                .sorted(Comparator.comparing((MemberId id) -> names.member(id).orElse("")).thenComparing(
                        MemberId::value))
                .toList();
    }

    private MemberId me() {
        return viewer.member().id();
    }

    // ----- history

    /**
     * Reads the newest messages and shows those not shown yet, and the newer state of those shown.
     *
     * @return how many messages were added at the bottom
     */
    private int loadLatest() {
        return loadLatest(new HashSet<>());
    }

    /** As {@link #loadLatest()}, collecting the ids of the messages read into {@code read}. */
    private int loadLatest(Set<MessageId> read) {
        Optional<String> cursor = Optional.empty();
        List<Message> fresh = new ArrayList<>();
        boolean first = rows.isEmpty();
        for (int pages = 0; pages < CATCH_UP_PAGES; pages++) {
            Page<Message> page;
            try {
                page = support.chats().history(chat, me(), cursor, HISTORY_PAGE);
            } catch (DomainException e) {
                showUnavailable();
                return 0;
            }
            boolean reachedShown = false;
            for (Message message : page.items()) {
                read.add(message.id());
                MessageRow row = rows.get(message.id());
                if (row == null) {
                    fresh.add(message);
                } else {
                    row.update(message);
                    reachedShown = true;
                }
            }
            if (first) {
                earlierCursor = page.next();
            }
            if (first || reachedShown || page.next().isEmpty()) {
                break;
            }
            cursor = page.next();
        }
        // pages come newest first; the history reads top to bottom, oldest first
        for (int i = fresh.size() - 1; i >= 0; i--) {
            show(fresh.get(i));
        }
        earlier.setVisible(earlierCursor.isPresent());
        renderEmptyNote();
        return fresh.size();
    }

    /**
     * Reads the history again as far back as the window shows it, to show the newer state of older messages that
     * changed. The engine has no single-message read, so this pages; edits and arriving files concern recent
     * messages, so it rarely goes past the first pages.
     */
    private void reread(Set<MessageId> stale) {
        Optional<String> cursor = Optional.empty();
        int pages = rows.size() / HISTORY_PAGE + 2;
        for (int i = 0; i < pages && !stale.isEmpty(); i++) {
            Page<Message> page;
            try {
                page = support.chats().history(chat, me(), cursor, HISTORY_PAGE);
            } catch (DomainException e) {
                return;
            }
            for (Message message : page.items()) {
                if (stale.remove(message.id())) {
                    rows.get(message.id()).update(message);
                }
            }
            if (page.next().isEmpty()) {
                return;
            }
            cursor = page.next();
        }
    }

    private void loadEarlier() {
        if (earlierCursor.isEmpty()) {
            return;
        }
        Page<Message> page;
        try {
            page = support.chats().history(chat, me(), earlierCursor, HISTORY_PAGE);
        } catch (DomainException e) {
            notifications.error(ErrorText.of(e, texts));
            return;
        }
        earlierCursor = page.next();
        int at = 1;
        List<Message> older = new ArrayList<>(page.items());
        for (int i = older.size() - 1; i >= 0; i--) {
            Message message = older.get(i);
            if (!rows.containsKey(message.id())) {
                MessageRow row = row(message);
                rows.put(message.id(), row);
                messages.addComponentAtIndex(at++, row);
            }
        }
        earlier.setVisible(earlierCursor.isPresent());
    }

    private void show(Message message) {
        MessageRow existing = rows.get(message.id());
        if (existing != null) {
            existing.update(message);
            return;
        }
        MessageRow row = row(message);
        rows.put(message.id(), row);
        messages.add(row);
        renderEmptyNote();
    }

    private MessageRow row(Message message) {
        return new MessageRow(message, texts, names, allowed.contains(ChatAction.SEND), failed -> act(
                () -> support.chats().retry(failed.id(), me())));
    }

    private void renderEmptyNote() {
        messages.getChildren().filter(child -> child.getId().equals(Optional.of("history-empty")))
                .toList().forEach(messages::remove);
        if (rows.isEmpty()) {
            Span empty = new Span(texts.text("chat.history.empty"));
            empty.setId("history-empty");
            empty.addClassName("sb-history-empty");
            messages.add(empty);
        }
    }

    private void scrollToBottom() {
        scroller.getElement().executeJs("requestAnimationFrame(() => { this.scrollTop = this.scrollHeight; })");
    }
}
