package dev.switchboard.chat.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.NotAllowed;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of who edits a client card: role × whether the contact is in the member's project × relations to
 * the contact's chats, written out in {@code rules/card-edit-rules.csv}.
 */
class CardEditRulesTableTest {

    record Cell(Role role, boolean sameProject, Set<Relation> relations, boolean allowed) {
        @Override
        public String toString() {
            return role + (sameProject ? "" : " other project") + " " + (relations.isEmpty() ? "OTHER" : relations);
        }
    }

    static List<Cell> table() throws IOException {
        List<Cell> cells = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CardEditRulesTableTest.class.getResourceAsStream("/rules/card-edit-rules.csv"),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(";", -1);
                Set<Relation> relations = f[2].equals("-") ? EnumSet.noneOf(Relation.class)
                        : Arrays.stream(f[2].split(",")).map(Relation::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Relation.class)));
                cells.add(new Cell(Role.valueOf(f[0]), Boolean.parseBoolean(f[1]), relations,
                        Boolean.parseBoolean(f[3])));
            }
        }
        return cells;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void TEAM5_TEAM6_everyCellDecidesAsTheTableSays(Cell cell) {
        Decision d = ChatRules.editCard(cell.role(), cell.sameProject(), cell.relations());
        assertThat(d.allowed()).isEqualTo(cell.allowed());
        if (!cell.allowed()) {
            assertThatThrownBy(() -> d.require("edit card")).isInstanceOf(NotAllowed.class)
                    .hasMessageContaining("edit card");
        }
    }

    @Test
    void theTableCoversThreeRolesBothProjectsAndSixRelationSets() throws IOException {
        assertThat(table()).hasSize(3 * 2 * 6);
        assertThat(table()).filteredOn(Cell::allowed).isNotEmpty();
        assertThat(table()).filteredOn(c -> !c.allowed()).isNotEmpty();
    }

    @Test
    void TEAM6_aManagerWithoutRelationOnlyReadsTheCard() {
        assertThat(ChatRules.editCard(Role.MANAGER, true, Set.of()).allowed()).isFalse();
        assertThat(ChatRules.editCard(Role.MANAGER, true, Set.of(Relation.PARTICIPANT)).allowed()).isTrue();
        assertThat(ChatRules.editCard(Role.OWNER, false, Set.of()).allowed()).isFalse();
    }
}
