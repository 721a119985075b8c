package dev.switchboard.funnel.defaults.internal;

import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The spec's client funnel (CARD-3): Not a client, Contacted, Interested, Desire, Client, Regular client. A
 * project that has chosen no funnel uses the one with key {@code default}, so this bundle is booted with the
 * distribution; the stage keys are what cards store and must never change.
 */
@Component(service = FunnelDefinition.class, property = "funnel.key=" + DefaultFunnel.KEY)
public final class DefaultFunnel implements FunnelDefinition {

    static final String KEY = "default";

    private static final Map<String, String> NAMES = Map.of("en", "Default funnel", "ru", "Воронка по умолчанию");

    private static final List<FunnelStage> STAGES = List.of(
            stage("not-client", "Not a client", "Не клиент", 10, "#9e9e9e"),
            stage("contacted", "Contacted", "Обратился", 20, "#42a5f5"),
            stage("interested", "Interested", "Заинтересован", 30, "#26a69a"),
            stage("desire", "Desire", "Желание", 40, "#ffb300"),
            stage("client", "Client", "Клиент", 50, "#43a047"),
            stage("regular", "Regular client", "Постоянный клиент", 60, "#8e24aa"));

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Map<String, String> names() {
        return NAMES;
    }

    @Override
    public List<FunnelStage> stages() {
        return STAGES;
    }

    private static FunnelStage stage(String key, String english, String russian, int order, String colour) {
        return new FunnelStage(key, Map.of("en", english, "ru", russian), order, colour);
    }
}
