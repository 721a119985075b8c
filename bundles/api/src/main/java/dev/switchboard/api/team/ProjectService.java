package dev.switchboard.api.team;

import dev.switchboard.api.domain.ProjectId;
import java.util.List;
import java.util.Optional;

/** Projects of this installation. */
public interface ProjectService {

    /** Creates a project; names are unique (case-insensitive) in the installation. */
    Project create(String name);

    /** All projects, by name. */
    List<Project> list();

    Optional<Project> find(ProjectId id);
}
