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
    private final Database.Dialect dialect;

    @Activate
    public ChatUnit(@Reference Database database) {
        this(database.open(spec()), database.dialect());
    }

    public ChatUnit(PersistenceUnit unit, Database.Dialect dialect) {
        this.unit = unit;
        this.dialect = dialect;
    }

    public static UnitSpec spec() {
        return UnitSpec.of("chat", ChatUnit.class, "db/migration/chat", ChatEntity.class, MessageEntity.class,
                RequestEntity.class, ConnectionEntity.class);
    }

    public PersistenceUnit unit() {
        return unit;
    }

    public Database.Dialect dialect() {
        return dialect;
    }
}
