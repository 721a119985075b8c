package dev.switchboard.chat.internal.rules;

import static dev.switchboard.chat.internal.rules.Decision.ALLOWED;
import static dev.switchboard.chat.internal.rules.Decision.refused;

import dev.switchboard.api.chat.ChatAction;
import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.domain.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * The chat state machine and the team's permission rules, in one place and free of framework types, so that the
 * services enforce exactly what the console offers (architecture §3). Spec: DIST-1..3, GRP-3, TEAM-1..7, WIN-3,
 * WIN-5, INB-3..6, MSG-3.
 * <ul>
 *   <li>Reading: owners and admins read every chat; the responsible, participants and the pending receiver read
 *       theirs; everyone else needs the chat's group to be open to them (GRP-3, DIST-3) and, for New, the right
 *       to see New (DIST-2), otherwise the right to see others' chats (TEAM-7).</li>
 *   <li>Notes: whoever may read (MSG-3, INB-5). Writing to the client: the responsible and participants of an
 *       active chat (TEAM-5, TEAM-6).</li>
 *   <li>Client cards: owners and admins of the contact's project, and the responsible or a participant of any of
 *       the contact's chats edit; everyone else reads (TEAM-1, TEAM-5, TEAM-6).</li>
 * </ul>
 */
public final class ChatRules {

    private ChatRules() {
    }

    /** Every action {@code context} allows. */
    public static Set<ChatAction> allowed(RuleContext context) {
        Set<ChatAction> allowed = EnumSet.noneOf(ChatAction.class);
        for (ChatAction action : ChatAction.values()) {
            if (decide(action, context).allowed()) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    public static Decision decide(ChatAction action, RuleContext c) {
        return switch (action) {
            case READ, NOTE -> read(c);
            case TAKE -> take(c);
            case ASSIGN -> assign(c);
            case HAND_OVER -> handOver(c);
            case ACCEPT_HANDOVER, DECLINE_HANDOVER -> answerHandover(c);
            case ADD_PARTICIPANT, REMOVE_PARTICIPANT, FORWARD, DONE -> responsibleOfActive(c);
            case LEAVE -> leave(c);
            case TAKE_OVER -> takeOver(c);
            case SEND -> send(c);
        };
    }

    private static Decision read(RuleContext c) {
        if (c.senior() || c.is(Relation.RESPONSIBLE) || c.is(Relation.PARTICIPANT)
                || c.is(Relation.PENDING_RECEIVER)) {
            return ALLOWED;
        }
        if (!c.groupVisible()) {
            return refused("the chat's group is closed to you");
        }
        if (c.state() == ChatState.NEW) {
            return c.rights().seeNew() ? ALLOWED : refused("you may not see New");
        }
        return c.rights().seeOthers() ? ALLOWED : refused("you may not see others' chats");
    }

    /** DIST-1: whoever may see New takes a New chat; the group must be open to them (DIST-3). */
    private static Decision take(RuleContext c) {
        if (c.state() != ChatState.NEW) {
            return refused("the chat is not new");
        }
        if (!c.senior() && !c.rights().seeNew()) {
            return refused("you may not see New");
        }
        if (!c.senior() && !c.groupVisible()) {
            return refused("the chat's group is closed to you");
        }
        return ALLOWED;
    }

    /** DIST-2: owners, admins and members who may see New distribute New chats. */
    private static Decision assign(RuleContext c) {
        if (c.state() != ChatState.NEW) {
            return refused("the chat is not new");
        }
        if (c.senior()) {
            return ALLOWED;
        }
        if (!c.rights().seeNew()) {
            return refused("only senior managers assign chats");
        }
        return c.groupVisible() ? ALLOWED : refused("the chat's group is closed to you");
    }

    /** TEAM-4: the responsible offers the chat; one offer at a time. */
    private static Decision handOver(RuleContext c) {
        Decision d = responsibleOfActive(c);
        if (!d.allowed()) {
            return d;
        }
        return c.handoverPending() ? refused("a hand-over is already waiting for an answer") : ALLOWED;
    }

    private static Decision answerHandover(RuleContext c) {
        if (c.state() != ChatState.ACTIVE || !c.handoverPending()) {
            return refused("no hand-over is waiting");
        }
        return c.is(Relation.PENDING_RECEIVER) ? ALLOWED : refused("the hand-over was offered to someone else");
    }

    /** TEAM-3, TEAM-4, WIN-3: only the responsible manages, forwards and closes an active chat. */
    private static Decision responsibleOfActive(RuleContext c) {
        if (c.state() != ChatState.ACTIVE) {
            return refused("the chat is not active");
        }
        return c.is(Relation.RESPONSIBLE) ? ALLOWED : refused("only the responsible may do this");
    }

    /** INB-4b, TEAM-5: a participant leaves whenever they like. */
    private static Decision leave(RuleContext c) {
        if (c.state() != ChatState.ACTIVE) {
            return refused("the chat is not active");
        }
        return c.is(Relation.PARTICIPANT) ? ALLOWED : refused("only participants leave");
    }

    /** WIN-5, TEAM-1: owners and admins take an active chat from its responsible. */
    private static Decision takeOver(RuleContext c) {
        if (!c.senior()) {
            return refused("only owners and admins take chats over");
        }
        if (c.state() != ChatState.ACTIVE) {
            return refused("the chat is not active");
        }
        return c.is(Relation.RESPONSIBLE) ? refused("you are the responsible already") : ALLOWED;
    }

    /** TEAM-5, TEAM-6, INB-5: the responsible and participants write to the client of an active chat. */
    private static Decision send(RuleContext c) {
        if (c.state() != ChatState.ACTIVE) {
            return refused("the chat is not active");
        }
        return c.is(Relation.RESPONSIBLE) || c.is(Relation.PARTICIPANT)
                ? ALLOWED : refused("only the responsible and participants write to the client");
    }

    /**
     * Whether {@code target} may receive a chat or join it (DIST-2 assign, TEAM-4 hand over, add participant):
     * a member of the chat's project to whom its group is open.
     */
    public static Decision target(boolean sameProject, boolean groupVisibleToTarget) {
        if (!sameProject) {
            return refused("the member is not in the chat's project");
        }
        return groupVisibleToTarget ? ALLOWED : refused("the chat's group is closed to that member");
    }

    /**
     * Whether a member may edit a client card (TEAM-1, TEAM-5, TEAM-6). A Done chat keeps its last responsible, who
     * may still complete the card; a member only offered a chat (pending hand-over) may not yet.
     *
     * @param sameProject       whether the contact has chats in the member's project
     * @param relationsToChats  the member's relations to any of the contact's chats, together
     */
    public static Decision editCard(Role role, boolean sameProject, Set<Relation> relationsToChats) {
        if (!sameProject) {
            return refused("the client is not in your project");
        }
        if (role.maySupervise() || relationsToChats.contains(Relation.RESPONSIBLE)
                || relationsToChats.contains(Relation.PARTICIPANT)) {
            return ALLOWED;
        }
        return refused("only the responsible, participants, owners and admins edit the card");
    }
}
