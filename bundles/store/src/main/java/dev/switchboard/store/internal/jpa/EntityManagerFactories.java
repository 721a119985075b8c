package dev.switchboard.store.internal.jpa;

import dev.switchboard.api.store.Database.Dialect;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.store.UnitSpec;
import jakarta.persistence.EntityManagerFactory;
import org.eclipse.persistence.config.LoggerType;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.eclipse.persistence.platform.database.H2Platform;
import org.eclipse.persistence.platform.database.PostgreSQLPlatform;

import javax.sql.DataSource;
import java.net.URL;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bootstraps EclipseLink per owner without {@code persistence.xml} and without the OSGi JPA service: the store
 * calls the provider directly, as a container would, with the shared pool as the unit's non-JTA DataSource.
 */
public final class EntityManagerFactories {

    private static final AtomicLong SESSIONS = new AtomicLong();

    private EntityManagerFactories() {
    }

    /**
     * EclipseLink needs a root URL to name the unit and to look for a default {@code META-INF/orm.xml} in it.
     * Owners have no archive of their own in OSGi; the migrations folder is theirs, exists and holds no
     * mapping file.
     */
    private static URL rootUrl(UnitSpec spec) {
        String folder = spec.migrations().replaceAll("^/+|/+$", "");
        URL root = spec.classLoader().getResource(folder);
        if (root == null) {
            root = spec.classLoader().getResource(folder + "/common");
        }
        if (root == null) {
            // Jars built without directory entries (Pax Exam's probes, some build tools) have no URL for the
            // folder itself; any script in it serves, as EclipseLink resolves META-INF/orm.xml beside it.
            root = FrameworkUtil.getBundle(spec.classLoader())
                    .map(b -> b.adapt(BundleWiring.class))
                    .flatMap(w -> w.listResources("/" + folder, "*", BundleWiring.LISTRESOURCES_RECURSE).stream()
                            .filter(name -> !name.endsWith("/")).sorted().findFirst()
                            .map(name -> w.getClassLoader().getResource(name)))
                    .orElse(null);
        }
        if (root == null) {
            throw new StoreException("unit '" + spec.name() + "' has no migrations folder " + folder);
        }
        return root;
    }

    public static EntityManagerFactory create(UnitSpec spec, DataSource dataSource, Dialect dialect) {
        ClassLoader loader = new UnitClassLoader(spec.name(), spec.classLoader(),
                PersistenceProvider.class.getClassLoader());
        Properties properties = new Properties();
        properties.put(PersistenceUnitProperties.CLASSLOADER, loader);
        // Weaving needs an agent or a transforming class loader, neither of which an owner bundle has.
        properties.put(PersistenceUnitProperties.WEAVING, "false");
        properties.put(PersistenceUnitProperties.TARGET_DATABASE, switch (dialect) {
            case H2 -> H2Platform.class.getName();
            case POSTGRESQL -> PostgreSQLPlatform.class.getName();
        });
        // The schema is the migrations' business alone.
        properties.put(PersistenceUnitProperties.DDL_GENERATION, PersistenceUnitProperties.NONE);
        // JUL reaches Karaf's log through Pax Logging; EclipseLink's own default logger would print to stdout.
        properties.put(PersistenceUnitProperties.LOGGING_LOGGER, LoggerType.JavaLogger);
        // SEVERE, not WARNING: EclipseLink logs every failed statement with its stack trace at WARNING, and the
        // engine's expected race losses (a lost take, a duplicate delivery) are failed statements. The failure
        // reaches the caller as a StoreException or a domain error and is logged once there, if at all.
        properties.put(PersistenceUnitProperties.LOGGING_LEVEL, "SEVERE");
        // A unit may own tables but no entities yet (migrations only): EclipseLink would warn on every start.
        properties.put(PersistenceUnitProperties.CATEGORY_LOGGING_LEVEL_ + "metamodel", "SEVERE");
        // Mapping errors surface when the owner opens its unit, not at its first transaction.
        properties.put(PersistenceUnitProperties.DEPLOY_ON_STARTUP, "true");
        // EclipseLink keeps deployed sessions in a static registry keyed by session name and would hand a
        // second store in the same JVM (a reopened one, a test) the first one's session and pool.
        properties.put(PersistenceUnitProperties.SESSION_NAME,
                "switchboard-" + spec.name() + "-" + SESSIONS.incrementAndGet());

        UnitInfo info = new UnitInfo(spec.name(), PersistenceProvider.class.getName(), rootUrl(spec), dataSource,
                spec.entityClasses(), loader, properties);
        return new PersistenceProvider().createContainerEntityManagerFactory(info, Map.of());
    }
}
