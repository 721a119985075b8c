package dev.switchboard.console.internal.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Member;
import dev.switchboard.console.api.ConsolePanel;
import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.api.Slots;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class PanelRegistryTest {

    private static final Member MANAGER = new Member(new MemberId(1), new ProjectId(1), new AccountId(1),
            "m@example.com", "M", Role.MANAGER, AccessRights.ALL);
    private static final PanelContext CONTEXT = new PanelContext(MANAGER, Locale.ENGLISH, Optional.empty());

    private final PanelRegistry registry = new PanelRegistry();

    @Test
    void PLAT3_panelsAreOrderedByOrderThenRankingThenServiceId() {
        registry.addPanel(panel("late"), properties(Slots.VIEWS, 200, 0, 1));
        registry.addPanel(panel("older"), properties(Slots.VIEWS, 100, 0, 2));
        registry.addPanel(panel("newer"), properties(Slots.VIEWS, 100, 0, 3));
        registry.addPanel(panel("ranked"), properties(Slots.VIEWS, 100, 5, 4));

        assertThat(keys(registry.visible(Slots.VIEWS, CONTEXT))).containsExactly("ranked", "older", "newer", "late");
    }

    @Test
    void PLAT3_slotsAreSeparateAndHiddenPanelsAreLeftOut() {
        registry.addPanel(panel("card"), properties(Slots.CARD_SECTIONS, 1, 0, 1));
        registry.addPanel(hidden("secret"), properties(Slots.VIEWS, 1, 0, 2));
        registry.addPanel(panel("reports"), properties(Slots.VIEWS, 2, 0, 3));

        assertThat(keys(registry.visible(Slots.VIEWS, CONTEXT))).containsExactly("reports");
        assertThat(keys(registry.visible(Slots.CARD_SECTIONS, CONTEXT))).containsExactly("card");
    }

    @Test
    void PLAT3_listenersHearOfPanelsComingAndGoingUntilTheyUnsubscribe() {
        List<String> heard = new ArrayList<>();
        Runnable unsubscribe = registry.addListener(heard::add);
        ConsolePanel reports = panel("reports");
        Map<String, Object> properties = properties(Slots.VIEWS, 1, 0, 7);

        registry.addPanel(reports, properties);
        registry.removePanel(reports, properties);
        unsubscribe.run();
        registry.addPanel(reports, properties);

        assertThat(heard).containsExactly(Slots.VIEWS, Slots.VIEWS);
        assertThat(keys(registry.visible(Slots.VIEWS, CONTEXT))).containsExactly("reports");
    }

    @Test
    void PLAT3_aPanelWithoutSlotIsIgnored() {
        registry.addPanel(panel("stray"), Map.of(Constants.SERVICE_ID, 9L));

        assertThat(registry.visible(Slots.VIEWS, CONTEXT)).isEmpty();
    }

    @Test
    void PLAT3_testIdNamesSlotAndKey() {
        assertThat(PanelRegistry.testId(Slots.VIEWS, panel("reports"))).isEqualTo("panel-views-reports");
    }

    private static List<String> keys(List<ConsolePanel> panels) {
        return panels.stream().map(ConsolePanel::key).toList();
    }

    private static Map<String, Object> properties(String slot, int order, int ranking, long id) {
        return Map.of(ConsolePanel.SLOT_PROPERTY, slot, ConsolePanel.ORDER_PROPERTY, order,
                Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id);
    }

    private static ConsolePanel panel(String key) {
        return new TestPanel(key, true);
    }

    private static ConsolePanel hidden(String key) {
        return new TestPanel(key, false);
    }

    private record TestPanel(String key, boolean visible) implements ConsolePanel {
        @Override
        public String title(Locale locale) {
            return key;
        }

        @Override
        public boolean visibleFor(PanelContext context) {
            return visible;
        }

        @Override
        public Component create(PanelContext context) {
            return new Span(key);
        }
    }
}
