package dev.switchboard.interactions.internal.store;

import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.UnitSpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The interactions bundle's persistence unit (contact sources, CARD-8): its schema is migrated on activation. */
// Immediate: the schema must be migrated at start-up even before anything asks for contact sources.
@Component(service = InteractionsUnit.class, immediate = true)
public final class InteractionsUnit {

    private final PersistenceUnit unit;

    @Activate
    public InteractionsUnit(@Reference Database database) {
        this.unit = database.open(spec());
    }

    public static UnitSpec spec() {
        return UnitSpec.of("interactions", InteractionsUnit.class, "db/migration/interactions",
                AcquisitionToolEntity.class, ContactAcquisitionEntity.class, GoogleClientIdEntity.class,
                VisitEntity.class, VisitLockEntity.class);
    }

    public PersistenceUnit unit() {
        return unit;
    }
}
