package dev.switchboard.api.chat;

import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.Page;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A client's chat as the client sees it, for channels that show the history themselves (the website widget, CARD-2,
 * MSG-1, MSG-2): the client's own messages and the team's messages once they were sent. Notes, system messages and
 * messages still queued or failed are never part of it (MSG-3). The caller has verified the client's identity on the
 * connection (a signed token); nothing here can reach another client's chat. An unknown or deleted connection, and
 * one of a type the calling channel bundle does not serve, is {@link dev.switchboard.api.error.NotFound} (issue 12).
 */
@ProviderType
public interface ClientTranscripts {

    /** The client's chat on the connection, if they have written. */
    Optional<ChatId> chat(ConnectionId connection, String externalUserId);

    /**
     * The client's messages newest first, keyset-paged ({@code before} is a page's {@link Page#next()}); an empty page
     * when the client has no chat.
     *
     * @throws dev.switchboard.api.error.InvalidInput for a size outside 1 to 200 or a malformed cursor
     */
    Page<ClientMessage> history(ConnectionId connection, String externalUserId, Optional<String> before, int size);
}
