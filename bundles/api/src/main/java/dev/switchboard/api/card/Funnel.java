package dev.switchboard.api.card;

import dev.switchboard.api.funnel.FunnelStage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A funnel as the card bundle knows it: from a registered {@link dev.switchboard.api.funnel.FunnelDefinition},
 * or from its last copy when the contributing bundle is gone ({@code installed} false).
 *
 * @param stages sorted by order
 */
public record Funnel(String key, Map<String, String> names, List<FunnelStage> stages, boolean installed) {
    public Funnel {
        names = Map.copyOf(names);
        stages = List.copyOf(stages);
    }

    public String name(Locale locale) {
        String name = names.get(locale.getLanguage());
        return name == null || name.isBlank() ? names.get("en") : name;
    }

    public Optional<FunnelStage> stage(String key) {
        return stages.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
