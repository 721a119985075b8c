package dev.switchboard.api.card;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which funnel a project uses for its clients' status (CARD-3). {@link #choose} is for an owner or admin of the
 * project; an actor of another project gets {@link dev.switchboard.api.error.NotFound}, as for a project that does
 * not exist (issue 12). {@link #funnelOf} takes no actor: the funnel's stages are no secret of a project, and a
 * console asks about its viewer's own project.
 */
public interface FunnelService {

    /** Every funnel known: the installed ones, and those seen before whose bundle is gone. */
    List<Funnel> funnels();

    /**
     * The project's funnel: the chosen one, or {@code default} when none was chosen; empty when neither is
     * known (no funnel bundle was ever installed).
     */
    Optional<Funnel> funnelOf(ProjectId project);

    /**
     * Switches the project to an installed funnel (owner or admin). Statuses are kept, never lost: a status
     * named in {@code mapping} (old stage key to a stage key of the new funnel) is changed to it; a status whose
     * key exists in the new funnel is kept as that stage; any other keeps its old stage, readable and marked as
     * not current.
     *
     * @return how many cards changed status through the mapping
     * @throws dev.switchboard.api.error.InvalidInput for an unknown or uninstalled funnel, or a mapping target
     *                                                that is not a stage of it
     */
    int choose(ProjectId project, MemberId actor, String funnel, Map<String, String> mapping);
}
