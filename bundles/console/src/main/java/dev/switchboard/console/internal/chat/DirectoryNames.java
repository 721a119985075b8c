package dev.switchboard.console.internal.chat;

import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.GroupService;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names looked up in the team directory, remembered for the life of one page: a history of a hundred system
 * messages by three people asks the directory three times. Used on one UI's thread only.
 */
public final class DirectoryNames implements Names {

    private final MemberService members;
    private final GroupService groups;
    private final Map<MemberId, Optional<String>> memberNames = new HashMap<>();
    private final Map<GroupId, Optional<String>> groupNames = new HashMap<>();

    public DirectoryNames(MemberService members, GroupService groups) {
        this.members = members;
        this.groups = groups;
    }

    @Override
    public Optional<String> member(MemberId id) {
        return memberNames.computeIfAbsent(id, key -> members.find(key).map(Member::displayName));
    }

    @Override
    public Optional<String> group(GroupId id) {
        return groupNames.computeIfAbsent(id, key -> groups.find(key).map(Group::name));
    }
}
