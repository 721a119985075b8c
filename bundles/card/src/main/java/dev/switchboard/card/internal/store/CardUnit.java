package dev.switchboard.card.internal.store;

import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.UnitSpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The card bundle's persistence unit, migrated on activation; bundle-private. */
// Immediate: the schema is migrated at start-up even before anything uses the card services.
@Component(service = CardUnit.class, immediate = true)
public final class CardUnit {

    private final PersistenceUnit unit;
    private final Database.Dialect dialect;

    @Activate
    public CardUnit(@Reference Database database) {
        this.unit = database.open(spec());
        this.dialect = database.dialect();
    }

    public static UnitSpec spec() {
        return UnitSpec.of("card", CardUnit.class, "db/migration/card", ContactEntity.class, TagEntity.class);
    }

    public PersistenceUnit unit() {
        return unit;
    }

    public Database.Dialect dialect() {
        return dialect;
    }
}
