package dev.switchboard.api.team;

import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Groups (departments) and their auto-forwarding rules (GRP-1..3, DIST-3). Writes need an owner or admin. */
public interface GroupService {

    /**
     * @throws dev.switchboard.api.error.NotAllowed unless {@code actor} is an owner or admin of the project
     * @throws dev.switchboard.api.error.Conflict   if the project has a group of that name
     */
    Group create(ProjectId project, MemberId actor, String name);

    /** Restricts the group to these members; an empty set opens it to everyone again (GRP-3). */
    Group setMembers(GroupId group, MemberId actor, Set<MemberId> members);

    /** New requests from these acquisition sources go straight to this group's New (GRP-2). */
    Group setAutoForward(GroupId group, MemberId actor, Set<String> sources);

    List<Group> list(ProjectId project);

    Optional<Group> find(GroupId id);

    /** The group whose auto-forward rules name {@code source}, if any (first by name). */
    Optional<Group> forSource(ProjectId project, String source);
}
