package dev.switchboard.api.team;

import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;

/** An account's membership of one project. */
public record Member(MemberId id, ProjectId project, AccountId account, String email, String displayName,
                     Role role, AccessRights rights) {
}
