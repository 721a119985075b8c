package dev.switchboard.console.internal.card;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.api.Slots;
import dev.switchboard.console.internal.chat.Texts;
import dev.switchboard.console.internal.live.ChatEventBridge;
import dev.switchboard.console.internal.ui.CardSupport;
import dev.switchboard.console.internal.ui.ChatSupport;
import dev.switchboard.console.internal.ui.ConsoleSession;
import dev.switchboard.console.internal.ui.EmptyState;
import dev.switchboard.console.internal.ui.Notifications;
import dev.switchboard.console.internal.ui.PanelSlot;
import java.util.Optional;

/**
 * A client card as its own page, {@code card/<contactId>} (CARD), opened from search results and from the chat
 * window. A contact outside the viewer's project, or a malformed address, shows the card's "not available" note.
 */
public final class CardView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final long serialVersionUID = 1L;

    public static final String CONTACT_PARAMETER = "contactId";

    private final transient CardSupport cards;
    private final transient ChatSupport chats;
    private final transient ChatEventBridge live;
    private final Notifications notifications = new Notifications();
    private CardPanel panel;

    public CardView(CardSupport cards, ChatSupport chats, ChatEventBridge live) {
        this.cards = cards;
        this.chats = chats;
        this.live = live;
        addClassName("sb-card-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        panel = null;
        Optional<ConsoleSession> viewer = ConsoleSession.current();
        if (viewer.isEmpty()) {
            return;
        }
        Optional<ContactId> contact = parse(event.getRouteParameters().get(CONTACT_PARAMETER).orElse(""));
        if (contact.isEmpty()) {
            add(new EmptyState("card-unavailable", getTranslation("card.unavailable.title"),
                    getTranslation("card.unavailable.text")));
            return;
        }
        panel = new CardPanel(contact.get(), viewer.get(), cards, chats, live,
                new Texts(chats.i18n(), getLocale()), notifications::error,
                shown -> sections(viewer.get(), shown), false);
        add(panel);
    }

    static Optional<ContactId> parse(String value) {
        try {
            long id = Long.parseLong(value.strip());
            return id > 0 ? Optional.of(new ContactId(id)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The {@code card.sections} plugin panels for one contact; nothing at all when no plugin contributes. */
    private Component sections(ConsoleSession viewer, ContactId contact) {
        return cardSections(chats, viewer, contact, Optional.empty());
    }

    /** The {@code card.sections} slot of a card shown for {@code chat} (beside the chat window) or on its own. */
    public static Component cardSections(ChatSupport chats, ConsoleSession viewer, ContactId contact,
                                         Optional<ChatId> chat) {
        PanelSlot slot = new PanelSlot(chats.panels(), Slots.CARD_SECTIONS, panel -> true, Span::new,
                ui -> Optional.of(new PanelContext(viewer.member(), ui.getLocale(), chat, Optional.of(contact))));
        slot.addClassName("sb-card-plugins");
        slot.setId("card-plugin-sections");
        return slot;
    }

    @Override
    public String getPageTitle() {
        String app = getTranslation("app.name");
        return panel == null ? app : panel.displayName().map(name -> name + " · " + app).orElse(app);
    }
}
