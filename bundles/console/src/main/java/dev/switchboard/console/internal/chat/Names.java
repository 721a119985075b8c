package dev.switchboard.console.internal.chat;

import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.funnel.FunnelStage;
import java.util.Optional;

/**
 * Display names of members, groups and funnel stages, as system messages and the participants control show
 * them.
 */
public interface Names {

    /** The member's display name, if the member still exists. */
    Optional<String> member(MemberId id);

    /** The group's name, if the group still exists. */
    Optional<String> group(GroupId id);

    /**
     * The funnel stage a status key names (the project's current funnel first, then any funnel known), for a
     * status change written in the reader's language; empty when no funnel knows the key.
     */
    default Optional<FunnelStage> stage(String key) {
        return Optional.empty();
    }
}
