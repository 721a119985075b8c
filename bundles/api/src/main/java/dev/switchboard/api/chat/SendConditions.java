package dev.switchboard.api.chat;

import dev.switchboard.api.files.FileLimits;
import java.time.Instant;
import java.util.Optional;

/**
 * What the composer may send in a chat now, from its channel's capabilities and the chat's state (INP-2, INP-3): the
 * console shows the limits before sending, and the chat engine refuses what breaks them with the same reasons.
 *
 * @param maxTextLength  the channel's longest text
 * @param files          the kinds of file the channel takes with their sizes, within the spec's limits (no images on
 *                       VK)
 * @param maxFiles       the most files one message carries
 * @param convertsImages whether some images will be sent as JPEG because the channel does not take their format
 * @param unavailable    why nothing can be sent to the client now
 * @param windowClosesAt when the channel's messaging window closes for messages written by a person
 */
public record SendConditions(int maxTextLength, FileLimits files, int maxFiles, boolean convertsImages,
                             Optional<Unavailable> unavailable, Optional<Instant> windowClosesAt) {

    /** Why nothing can be sent now, and the detail the team sees (e.g. what the platform said). */
    public record Unavailable(Reason reason, String detail) {
    }

    /** The reasons a chat cannot take messages to the client. */
    public enum Reason {
        /** the client blocked the bot or unsubscribed; they can still write, which makes them reachable again */
        CLIENT_UNREACHABLE,
        /** the platform's messaging window has closed; the client's next message opens it again */
        WINDOW_CLOSED,
        /** an owner or admin switched the chat's connection off */
        CONNECTION_DISABLED,
        /** the chat's connection was deleted: the chat is history now */
        CONNECTION_DELETED
    }
}
