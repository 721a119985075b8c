package dev.switchboard.card.internal.shell;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;

/** Shell commands act as the project's first owner. */
final class Owners {

    private Owners() {
    }

    static MemberId owner(MemberService members, ProjectId project) {
        return members.list(project).stream().filter(m -> m.role() == Role.OWNER).map(Member::id).findFirst()
                .orElseThrow(() -> new NotFound("owner of project", project));
    }
}
