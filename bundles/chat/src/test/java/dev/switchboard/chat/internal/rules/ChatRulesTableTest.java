package dev.switchboard.chat.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.chat.ChatAction;
import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.team.AccessRights;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the rules table: role (owner, admin, manager with all, without New, without Others, without
 * both) × relation × state × whether the group is open, for every action. The expected table is written out in
 * {@code rules/chat-rules.csv}, one reviewable line per cell.
 */
class ChatRulesTableTest {

    record Cell(String role, Set<Relation> relations, String state, boolean groupOpen, Set<ChatAction> allowed) {
        RuleContext context() {
            Role r = role.startsWith("MANAGER") ? Role.MANAGER : Role.valueOf(role);
            AccessRights rights = switch (role) {
                case "MANAGER_NO_NEW" -> new AccessRights(false, true);
                case "MANAGER_NO_OTHERS" -> new AccessRights(true, false);
                case "MANAGER_NONE" -> new AccessRights(false, false);
                default -> AccessRights.ALL;
            };
            ChatState s = state.equals("ACTIVE_PENDING") ? ChatState.ACTIVE : ChatState.valueOf(state);
            return new RuleContext(r, rights, relations, s, groupOpen, state.equals("ACTIVE_PENDING"));
        }

        @Override
        public String toString() {
            return role + " " + (relations.isEmpty() ? "OTHER" : relations) + " " + state
                    + (groupOpen ? "" : " group closed");
        }
    }

    static List<Cell> table() throws IOException {
        List<Cell> cells = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ChatRulesTableTest.class.getResourceAsStream("/rules/chat-rules.csv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(";", -1);
                Set<Relation> relations = f[1].equals("-") ? EnumSet.noneOf(Relation.class)
                        : Arrays.stream(f[1].split(",")).map(Relation::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Relation.class)));
                Set<ChatAction> allowed = f[4].equals("-") ? EnumSet.noneOf(ChatAction.class)
                        : Arrays.stream(f[4].split(" ")).map(ChatAction::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ChatAction.class)));
                cells.add(new Cell(f[0], relations, f[2], Boolean.parseBoolean(f[3]), allowed));
            }
        }
        return cells;
    }

    static Stream<Arguments> everyCellAndAction() throws IOException {
        return table().stream().flatMap(c -> Arrays.stream(ChatAction.values()).map(a -> Arguments.of(c, a)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyCellAndAction")
    void everyCellDecidesAsTheTableSays(Cell cell, ChatAction action) {
        Decision decision = ChatRules.decide(action, cell.context());
        if (cell.allowed().contains(action)) {
            assertThat(decision).isEqualTo(Decision.ALLOWED);
        } else {
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class,
                    r -> assertThat(r.reason()).isNotBlank());
            assertThatThrownBy(() -> decision.require(action.name())).isInstanceOf(NotAllowed.class)
                    .hasMessageContaining(action.name());
        }
    }

    @Test
    void theTableCoversSixRolesAndElevenRelationStateCellsBothWaysOfGroup() throws IOException {
        assertThat(table()).hasSize(6 * 11 * 2);
        assertThat(table()).allSatisfy(c -> assertThat(ChatRules.allowed(c.context())).isEqualTo(c.allowed()));
    }

    @Test
    void DIST1_TEAM6_aPlainManagerMayTakeNewButOnlyReadAndNoteOthersChats() {
        RuleContext others = new RuleContext(Role.MANAGER, AccessRights.ALL, Set.of(), ChatState.ACTIVE, true, false);
        assertThat(ChatRules.allowed(others)).containsExactlyInAnyOrder(ChatAction.READ, ChatAction.NOTE);
    }

    @Test
    void TEAM7_withoutOthersAManagerMayNotEvenReadOthersChats() {
        RuleContext c = new RuleContext(Role.MANAGER, new AccessRights(true, false), Set.of(), ChatState.ACTIVE,
                true, false);
        assertThat(ChatRules.allowed(c)).isEmpty();
    }

    @Test
    void targetsMustBeInTheProjectAndSeeTheGroup() {
        assertThat(ChatRules.target(true, true)).isEqualTo(Decision.ALLOWED);
        assertThat(ChatRules.target(false, true).allowed()).isFalse();
        assertThat(ChatRules.target(true, false).allowed()).isFalse();
    }
}
