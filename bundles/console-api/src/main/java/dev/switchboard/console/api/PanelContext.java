package dev.switchboard.console.api;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.team.Member;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a panel is about to be shown and to whom.
 *
 * @param viewer  the member looking at the page, in the project shown
 * @param locale  the viewer's console language
 * @param chat    the chat shown, for the chat and card slots
 * @param contact    the client whose card is shown, for the {@link Slots#CARD_SECTIONS} slot (and beside a chat
 *                   whose client is known)
 * @param connection the channel connection whose settings page is shown, for the {@link Slots#CONNECTION} slot
 */
public record PanelContext(Member viewer, Locale locale, Optional<ChatId> chat, Optional<ContactId> contact,
                           Optional<ChannelConnection> connection) {

    /** A context with no connection. */
    public PanelContext(Member viewer, Locale locale, Optional<ChatId> chat, Optional<ContactId> contact) {
        this(viewer, locale, chat, contact, Optional.empty());
    }

    /** A context with no client card: pages and chats whose client is not known. */
    public PanelContext(Member viewer, Locale locale, Optional<ChatId> chat) {
        this(viewer, locale, chat, Optional.empty());
    }
}
