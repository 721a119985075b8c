package dev.switchboard.api.team;

import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import java.util.Set;

/**
 * A group (department) of a project (GRP-1).
 *
 * @param members            who may see the group's chats; empty means every member (GRP-3, DIST-3)
 * @param autoForwardSources acquisition sources whose new requests go straight to this group (GRP-2)
 */
public record Group(GroupId id, ProjectId project, String name, Set<MemberId> members,
                    Set<String> autoForwardSources) {
    public Group {
        members = Set.copyOf(members);
        autoForwardSources = Set.copyOf(autoForwardSources);
    }

    /** Whether {@code member} may see this group's chats; owners and admins see every group. */
    public boolean visibleTo(Member member) {
        return members.isEmpty() || members.contains(member.id()) || member.role().maySupervise();
    }
}
