package dev.switchboard.team.internal.store;

import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.UnitSpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The team bundle's persistence unit, migrated when the bundle activates. Registered under this bundle-private
 * type, so only the team's own components can use it.
 */
@Component(service = TeamUnit.class)
public final class TeamUnit {

    private final PersistenceUnit unit;

    @Activate
    public TeamUnit(@Reference Database database) {
        this.unit = database.open(spec());
    }

    public static UnitSpec spec() {
        return UnitSpec.of("team", TeamUnit.class, "db/migration/team",
                ProjectEntity.class, AccountEntity.class, MemberEntity.class, GroupEntity.class);
    }

    public PersistenceUnit unit() {
        return unit;
    }
}
