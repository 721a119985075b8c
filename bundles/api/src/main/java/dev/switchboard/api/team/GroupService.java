package dev.switchboard.api.team;

import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Groups (departments) and their auto-forwarding rules (GRP-1..3, DIST-3). Writes need an owner or admin of the
 * group's project; an actor of another project gets {@link dev.switchboard.api.error.NotFound}, as for an id that
 * names nothing, never {@link dev.switchboard.api.error.NotAllowed}, which would tell that it exists. The reads take
 * no actor: they are for the core (the chat engine reads the groups of its actor's project, the ingress its
 * connection's) and for a console that passes its viewer's own project.
 */
public interface GroupService {

    /**
     * @throws dev.switchboard.api.error.NotFound   unless {@code actor} is a member of the project
     * @throws dev.switchboard.api.error.NotAllowed unless {@code actor} is an owner or admin of the project
     * @throws dev.switchboard.api.error.Conflict   if the project has a group of that name
     */
    Group create(ProjectId project, MemberId actor, String name);

    /**
     * Restricts the group to these members; an empty set opens it to everyone again (GRP-3).
     *
     * @throws dev.switchboard.api.error.NotFound for a group, or a member in {@code members}, of another project
     */
    Group setMembers(GroupId group, MemberId actor, Set<MemberId> members);

    /** New requests from these acquisition sources go straight to this group's New (GRP-2). */
    Group setAutoForward(GroupId group, MemberId actor, Set<String> sources);

    List<Group> list(ProjectId project);

    Optional<Group> find(GroupId id);

    /** The group whose auto-forward rules name {@code source}, if any (first by name). */
    Optional<Group> forSource(ProjectId project, String source);
}
