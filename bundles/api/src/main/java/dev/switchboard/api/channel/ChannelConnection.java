package dev.switchboard.api.channel;

import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ProjectId;

/** One connected bot, page or widget of a project, served by the channel bundle of {@code type}. */
public record ChannelConnection(ConnectionId id, ProjectId project, String type, String name) {
}
