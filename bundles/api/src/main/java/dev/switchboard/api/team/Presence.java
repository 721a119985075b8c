package dev.switchboard.api.team;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Who has the console open, over every node (a website widget says "we answer later" when nobody does). The console
 * reports each member with an open console at least once a minute; a member not seen for two minutes is away.
 */
@ProviderType
public interface Presence {

    /**
     * The member has the console open now. Cheap to call often: it writes at most about every half minute. Only the
     * console calls it, for its own logged-in viewer.
     */
    void seen(MemberId member);

    /**
     * Whether any member of the project had the console open within the last two minutes. For channel bundles, which
     * ask about the project of a connection they serve; it tells nothing else of the project.
     */
    boolean anyoneOnline(ProjectId project);
}
