package dev.switchboard.console.internal.chat;

import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import java.util.Optional;

/** Display names of members and groups, as system messages and the participants control show them. */
public interface Names {

    /** The member's display name, if the member still exists. */
    Optional<String> member(MemberId id);

    /** The group's name, if the group still exists. */
    Optional<String> group(GroupId id);
}
