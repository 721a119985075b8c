package dev.switchboard.console.api;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.team.Member;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a panel is about to be shown and to whom.
 *
 * @param viewer the member looking at the page, in the project shown
 * @param locale the viewer's console language
 * @param chat   the chat shown, for the chat and card slots
 */
public record PanelContext(Member viewer, Locale locale, Optional<ChatId> chat) {
}
