package dev.switchboard.itest.kit;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import java.net.URI;

/**
 * A project of its own with an owner and one connection of the channel under test, as {@link Flows#connect} made
 * it: what a channel's test needs to play its platform.
 *
 * @param webhookUrl where the platform sends the connection's webhooks ({@code <public URL>/hooks/<type>/<key>})
 */
public record Connected(ProjectId project, MemberId owner, ChannelConnection connection, URI webhookUrl) {

    public ConnectionId id() {
        return connection.id();
    }

    /** The webhook key: the last part of the webhook URL. */
    public String key() {
        String path = webhookUrl.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
