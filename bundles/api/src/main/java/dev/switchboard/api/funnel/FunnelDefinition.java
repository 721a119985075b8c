package dev.switchboard.api.funnel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A funnel a project may choose for its clients' status (CARD-3), contributed by a plugin bundle as an OSGi
 * service. The card bundle tracks these services and keeps a copy of each definition it has seen, so that
 * statuses stay readable (names, colours) after the contributing bundle is stopped or removed.
 *
 * <pre>{@code
 * @Component(service = FunnelDefinition.class)
 * public final class RealEstateFunnel implements FunnelDefinition { ... }
 * }</pre>
 *
 * A definition may change while registered (a configured funnel whose configuration was edited): the
 * provider then re-registers or modifies its service properties, and the card bundle reads it again.
 */
@ConsumerType
public interface FunnelDefinition {

    /** Stable, unique among installed funnels; lower-case letters, digits, '-' and '_', 1..60. */
    String key();

    /** The funnel's name by language tag ({@code en} required). */
    Map<String, String> names();

    /** The stages, in any order (sorted by {@link FunnelStage#order()}); at least one, keys unique. */
    List<FunnelStage> stages();

    /** The name in the locale's language, else English. */
    default String name(Locale locale) {
        String name = names().get(locale.getLanguage());
        return name == null || name.isBlank() ? names().get("en") : name;
    }
}
