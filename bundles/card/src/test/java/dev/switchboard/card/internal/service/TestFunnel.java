package dev.switchboard.card.internal.service;

import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A funnel definition as a plugin bundle would register it. */
record TestFunnel(String key, Map<String, String> names, List<FunnelStage> stages) implements FunnelDefinition {

    /** The spec's six stages (CARD-3). */
    static TestFunnel standard() {
        return of("default", "Client funnel", "not_client", "contacted", "interested", "desire", "client", "regular");
    }

    /** Stages in the order given, each named after its key (English) and "ru-" + key (Russian). */
    static TestFunnel of(String key, String name, String... stageKeys) {
        List<FunnelStage> stages = new ArrayList<>();
        for (int i = stageKeys.length - 1; i >= 0; i--) {
            // given in reverse: the registry must sort by order
            stages.add(new FunnelStage(stageKeys[i], Map.of("en", stageKeys[i], "ru", "ru-" + stageKeys[i]), i * 10,
                    "#00000" + (i % 10)));
        }
        return new TestFunnel(key, Map.of("en", name), stages);
    }
}
