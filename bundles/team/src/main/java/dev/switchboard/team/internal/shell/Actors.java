package dev.switchboard.team.internal.shell;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;

/** Who a shell command acts as: the member given with --as, or else the project's first owner. */
final class Actors {

    private Actors() {
    }

    static MemberId actor(MemberService members, ProjectId project, Long as) {
        if (as != null) {
            return new MemberId(as);
        }
        return members.list(project).stream().filter(m -> m.role() == Role.OWNER).map(Member::id).findFirst()
                .orElseThrow(() -> new NotFound("owner of project", project));
    }
}
