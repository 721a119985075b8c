package dev.switchboard.api.chat;

import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import java.util.List;

/**
 * What a system message records (MSG-4). Stored typed, rendered in the reader's language by the console; the
 * client never sees them.
 */
public sealed interface SystemEvent {

    /** {@code by} took the chat and became responsible (DIST-1). */
    record Took(MemberId by) implements SystemEvent {
    }

    /** A senior manager gave the chat to {@code to} (DIST-2). */
    record Assigned(MemberId by, MemberId to) implements SystemEvent {
    }

    /** The responsible offered the chat to {@code to}, who must accept (TEAM-4). */
    record HandedOver(MemberId by, MemberId to) implements SystemEvent {
    }

    record HandoverAccepted(MemberId by) implements SystemEvent {
    }

    record HandoverDeclined(MemberId by) implements SystemEvent {
    }

    record ParticipantAdded(MemberId by, MemberId member) implements SystemEvent {
    }

    record ParticipantRemoved(MemberId by, MemberId member) implements SystemEvent {
    }

    record Left(MemberId member) implements SystemEvent {
    }

    /** The responsible marked the request Done (WIN-3). */
    record Closed(MemberId by) implements SystemEvent {
    }

    /** The chat went to a group's New tab (TEAM-4); {@code by} is empty for auto-forwarding (GRP-2). */
    record Forwarded(java.util.Optional<MemberId> by, GroupId group) implements SystemEvent {
    }

    /** An owner or admin took the chat from {@code from} (WIN-5, TEAM-1). */
    record TookOver(MemberId by, MemberId from) implements SystemEvent {
    }

    /** The client wrote after Done: a new request, back in New (INB-3). */
    record Reopened() implements SystemEvent {
    }

    /** The client card's funnel status changed. */
    record StatusChanged(MemberId by, String from, String to) implements SystemEvent {
    }

    record TagsChanged(MemberId by, List<String> added, List<String> removed) implements SystemEvent {
    }

    record SentToCrm(MemberId by, String crm) implements SystemEvent {
    }

    record Subscribed(MemberId by, String chain) implements SystemEvent {
    }

    record Unsubscribed(MemberId by, String chain) implements SystemEvent {
    }

    /** The client blocked the bot or unsubscribed; {@code reason} is what the platform said. */
    record ClientUnreachable(String reason) implements SystemEvent {
    }

    /** The client can be written to again (they allowed messages, or wrote). */
    record ClientReachable() implements SystemEvent {
    }

    /** {@code by} merged the card of {@code otherName} into this chat's client: one person, one card. */
    record ContactsMerged(MemberId by, String otherName) implements SystemEvent {
    }
}
