package dev.switchboard.store.internal.migration;

import dev.switchboard.api.store.UnitSpec;
import dev.switchboard.store.testing.H2FileDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Inside OSGi the scripts live in the owner's bundle, which Flyway's class-path scanner cannot list. */
class OwnerBundleMigrationTest {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    @TempDir
    Path owner;

    @Test
    void scriptsOfAnOwnerBundleAreFoundThroughItsWiring() throws IOException {
        write("db/owner/common/V1__first.sql", "create table owner_first (id bigint primary key);");
        write("db/owner/common/nested/V3__third.sql", "create table owner_third (id bigint primary key);");
        write("db/owner/common/README.txt", "not a migration");
        write("db/owner/h2/V2__second.sql", "create table owner_second_h2 (id bigint primary key);");
        write("db/owner/postgresql/V2__second.sql", "create table owner_second_pg (id bigint primary key);");

        DB.database().open(new UnitSpec("owner", new FakeOwnerBundle(owner), List.of(), "db/owner"));

        assertThat(DB.rows("select script from owner_schema_history where type = 'SQL' order by installed_rank"))
                .containsExactly(List.of("V1__first.sql"), List.of("V2__second.sql"), List.of("nested/V3__third.sql"));
        assertThat(DB.tableExists("owner_second_h2")).isTrue();
        assertThat(DB.tableExists("owner_second_pg")).isFalse();
    }

    private void write(String name, String content) throws IOException {
        Path file = owner.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
