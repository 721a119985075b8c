package dev.switchboard.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

/**
 * Data survives restarts on both databases, and the operator's shell commands work (PLAT-3): the distribution is
 * started, given a project and a member through {@code switchboard:} commands, stopped and started again.
 */
public class RestartIT {

    @Test
    public void dataSurvivesARestartOnTheEmbeddedDatabase() throws Exception {
        survivesRestart("karaf-restart-h2", Map.of());
    }

    @Test
    public void dataSurvivesARestartOnPostgres() throws Exception {
        String db = "switchboard_itest_restart";
        Postgres.recreate(db);
        try {
            survivesRestart("karaf-restart-pg", Map.of("db.kind", "postgresql", "postgresql.url", Postgres.url(db),
                    "postgresql.user", "postgres"));
        } finally {
            Postgres.drop(db);
        }
    }

    private void survivesRestart(String dir, Map<String, String> store) throws Exception {
        Path home = Path.of(System.getProperty("switchboard.work"), dir);
        KarafProcess karaf = KarafProcess.unpack(home, Map.of("dev.switchboard.store.cfg", store));
        try (karaf) {
            karaf.start();
            String created = karaf.shell("switchboard:project-create \"Acme Realty\"");
            assertThat(created).contains("Created project");
            String projectId = created.replaceAll("(?s).*Created project (\\d+).*", "$1");
            karaf.shell("switchboard:member-add --role ADMIN " + projectId + " anna@acme.example \"Anna Admin\"");
        }
        try (karaf) {
            karaf.start();
            assertThat(karaf.shell("switchboard:project-list")).contains("Acme Realty").contains("Demo");
            String projectId = karaf.shell("switchboard:project-list").lines()
                    .filter(l -> l.contains("Acme Realty")).findFirst().orElseThrow().trim().split("\\s+")[0];
            assertThat(karaf.shell("switchboard:member-list " + projectId)).contains("anna@acme.example")
                    .contains("ADMIN");
        }
    }
}
