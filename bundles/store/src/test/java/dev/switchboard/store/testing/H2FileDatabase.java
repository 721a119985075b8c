package dev.switchboard.store.testing;

import dev.switchboard.store.internal.config.StoreSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The embedded default for a test class: an H2 file in a temporary folder, opened by the store exactly as in an
 * installation without {@code etc/dev.switchboard.store.cfg} (PostgreSQL compatibility mode included), and
 * deleted afterwards. Register it like {@link PostgresDatabase}, on a {@code static} field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final H2FileDatabase DB = new H2FileDatabase();
 * }</pre>
 *
 * Run the same tests against both (an abstract test class with one subclass per extension) to show that a
 * feature behaves alike on the two engines.
 */
public class H2FileDatabase extends TestDatabase {

    private Path folder;

    @Override
    protected StoreSettings create() throws IOException {
        folder = Files.createTempDirectory("switchboard-h2-");
        return StoreSettings.h2(folder.resolve("switchboard"));
    }

    @Override
    protected void destroy(StoreSettings settings) throws IOException {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } finally {
            folder = null;
        }
    }
}
