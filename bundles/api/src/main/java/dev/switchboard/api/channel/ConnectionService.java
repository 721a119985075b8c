package dev.switchboard.api.channel;

import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import java.util.List;
import java.util.Optional;

/** A project's channel connections. Creating one needs an owner or admin. */
public interface ConnectionService {

    ChannelConnection create(ProjectId project, MemberId actor, String type, String name);

    List<ChannelConnection> list(ProjectId project);

    Optional<ChannelConnection> find(ConnectionId id);
}
