package dev.switchboard.chat.internal.store;

import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.UnitSpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The chat bundle's persistence unit, migrated on activation; bundle-private. */
@Component(service = ChatUnit.class)
public final class ChatUnit {

    private final PersistenceUnit unit;

    @Activate
    public ChatUnit(@Reference Database database) {
        this(database.open(spec()));
    }

    public ChatUnit(PersistenceUnit unit) {
        this.unit = unit;
    }

    public static UnitSpec spec() {
        return UnitSpec.of("chat", ChatUnit.class, "db/migration/chat", ChatEntity.class);
    }

    public PersistenceUnit unit() {
        return unit;
    }
}
