package dev.switchboard.chat.internal.rules;

import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.AccessRights;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything the rules need to decide what an actor may do with a chat.
 *
 * @param relations       the actor's relations to the chat; empty for everyone else (TEAM-6)
 * @param groupVisible    whether the chat's group is open to the actor (GRP-3, DIST-3); true for no group
 * @param handoverPending whether the responsible's offer to someone is still open (TEAM-4: one at a time)
 */
public record RuleContext(Role role, AccessRights rights, Set<Relation> relations, ChatState state,
                          boolean groupVisible, boolean handoverPending) {

    public RuleContext {
        relations = relations.isEmpty() ? EnumSet.noneOf(Relation.class) : EnumSet.copyOf(relations);
    }

    boolean is(Relation relation) {
        return relations.contains(relation);
    }

    boolean senior() {
        return role.maySupervise();
    }
}
