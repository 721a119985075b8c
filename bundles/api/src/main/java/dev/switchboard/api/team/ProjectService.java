package dev.switchboard.api.team;

import dev.switchboard.api.domain.ProjectId;
import java.util.List;
import java.util.Optional;

/**
 * Projects of this installation: the operator's (shell, first run) and the core's directory. It takes no acting
 * member: a console looks only at the projects its viewer's account is a member of
 * ({@link MemberService#membershipsOf}).
 */
public interface ProjectService {

    /** Creates a project; names are unique (case-insensitive) in the installation. */
    Project create(String name);

    /** All projects, by name. */
    List<Project> list();

    Optional<Project> find(ProjectId id);
}
