package dev.switchboard.api.card;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.TagId;
import java.util.List;

/**
 * A project's tag catalogue (CARD-4). Every member reads it and may create tags; renaming, recolouring and
 * deleting need an owner or admin. Names are unique in a project, case-insensitively. A project or tag of another
 * project than the actor's is {@link dev.switchboard.api.error.NotFound}, as one that does not exist (issue 12);
 * {@link #tags} takes no actor: a console passes its viewer's own project.
 */
public interface TagService {

    /** By name. */
    List<Tag> tags(ProjectId project);

    Tag create(ProjectId project, MemberId actor, String name, String colour);

    /** Renames and recolours a tag: every card carrying it shows the new name. */
    Tag update(TagId tag, MemberId actor, String name, String colour);

    /** Removes the tag from the catalogue and from every card. */
    void delete(TagId tag, MemberId actor);
}
