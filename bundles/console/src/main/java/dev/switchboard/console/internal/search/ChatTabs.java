package dev.switchboard.console.internal.search;

import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.domain.MemberId;
import java.util.Optional;
import java.util.Set;

/**
 * The inbox tab a chat opened from the search results belongs in for its viewer (INB-2..7): New and Done by their
 * state, an active chat in Mine when the viewer is responsible for it or a participant, else in Others. The same
 * rule the inbox follows when a chat moves after the viewer's own action.
 */
public final class ChatTabs {

    private ChatTabs() {
    }

    public static InboxTab tabFor(ChatState state, Optional<MemberId> responsible, Set<MemberId> participants,
                                  MemberId viewer) {
        return switch (state) {
            case NEW -> InboxTab.NEW;
            case DONE -> InboxTab.DONE;
            case ACTIVE -> responsible.equals(Optional.of(viewer)) || participants.contains(viewer)
                    ? InboxTab.MINE : InboxTab.OTHERS;
        };
    }

    /**
     * Whether the tab depends on the chat's participants, which a chat list line does not carry: only an active
     * chat someone else is responsible for.
     */
    public static boolean needsParticipants(ChatState state, Optional<MemberId> responsible, MemberId viewer) {
        return state == ChatState.ACTIVE && !responsible.equals(Optional.of(viewer));
    }
}
