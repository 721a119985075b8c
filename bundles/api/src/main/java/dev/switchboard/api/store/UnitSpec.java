package dev.switchboard.api.store;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a bundle that owns tables tells the store.
 *
 * @param name           the owner's short name, lower case ({@code team}, {@code chat}, {@code crm_hubspot});
 *                       its migration history is kept in table {@code <name>_schema_history}
 * @param classLoader    the owner's class loader: it sees the entity classes and the migration scripts
 * @param entityClasses  fully qualified names of the owner's JPA entity classes
 * @param migrations     class-path folder of the owner's migrations, e.g. {@code db/migration/team}. Scripts
 *                       for every database go in its {@code common} sub-folder
 *                       ({@code V1__accounts.sql}); scripts for one engine only in {@code postgresql} or
 *                       {@code h2}. Versions are unique across these folders. In OSGi the scripts are
 *                       listed through the owner bundle's wiring, so they must be in the owner's own jar (or
 *                       a fragment of it), not in a bundle it imports from.
 */
public record UnitSpec(String name, ClassLoader classLoader, List<String> entityClasses, String migrations) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public UnitSpec {
        Objects.requireNonNull(classLoader, "classLoader");
        Objects.requireNonNull(migrations, "migrations");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("unit name must match " + NAME + ": " + name);
        }
        entityClasses = List.copyOf(entityClasses);
    }

    /** A unit whose entities and migrations are loaded through {@code anchor}'s class loader. */
    public static UnitSpec of(String name, Class<?> anchor, String migrations, Class<?>... entities) {
        return new UnitSpec(name, anchor.getClassLoader(),
                java.util.Arrays.stream(entities).map(Class::getName).toList(), migrations);
    }
}
