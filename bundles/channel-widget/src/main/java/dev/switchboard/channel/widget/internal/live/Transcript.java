package dev.switchboard.channel.widget.internal.live;

import dev.switchboard.api.chat.ClientMessage;
import dev.switchboard.api.domain.ChatId;
import java.util.List;
import java.util.Optional;

/**
 * One visitor's chat as a live stream reads it again on every wake: the latest page of the transcript, and each
 * message as the widget's JSON. Made by the HTTP side with the core's services of the moment; a read may throw while
 * the core restarts, and the stream tries again on the next wake.
 */
public interface Transcript {

    /** The visitor's chat, once they have written. */
    Optional<ChatId> chat();

    /** The latest messages, newest first. */
    List<ClientMessage> latest();

    /** The message as the widget's JSON ({@code M}), in one line. */
    String json(ClientMessage message);
}
