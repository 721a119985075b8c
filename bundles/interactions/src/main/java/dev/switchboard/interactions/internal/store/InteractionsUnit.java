package dev.switchboard.interactions.internal.store;

import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.UnitSpec;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The interactions bundle's persistence unit: its schema is migrated when the bundle activates. Its services and
 * entities arrive with the client-card work (CARD-1..9); the tables are here so that every installation
 * carries the same schema history from the first release.
 */
// Immediate: nothing references this unit yet, and its migrations must run at start-up all the same.
@Component(service = InteractionsUnit.class, immediate = true)
public final class InteractionsUnit {

    private final PersistenceUnit unit;

    @Activate
    public InteractionsUnit(@Reference Database database) {
        this.unit = database.open(spec());
    }

    public static UnitSpec spec() {
        return new UnitSpec("interactions", InteractionsUnit.class.getClassLoader(), List.of(), "db/migration/interactions");
    }

    public PersistenceUnit unit() {
        return unit;
    }
}
