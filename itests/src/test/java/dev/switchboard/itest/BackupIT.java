package dev.switchboard.itest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.itest.kit.Await;
import dev.switchboard.itest.kit.Http;
import dev.switchboard.itest.kit.Json;
import dev.switchboard.itest.kit.Webhook;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.Test;

/**
 * The embedded database backed up while Switchboard runs and restored into a fresh installation (issue 12; operator
 * guide, "Backup and restore"), as an operator does it: {@code switchboard:backup} in the shell of a running
 * distribution whose client wrote with files and a photo and got an answer; a new installation unpacked from the
 * distribution, the backup's database file unzipped into its {@code data/switchboard/} and the secrets key file copied
 * into its {@code etc/} before its first start. The client's card, chat and stored files read the same there, byte
 * for byte; what happened after the backup is not in it; the connection's sealed webhook secret still opens, so the
 * platform's webhooks keep working.
 */
public class BackupIT {

    private static final String CLIENT = "backup-client";

    @Test
    public void PLAT3_aBackupTakenWhileRunningRestoresIntoAFreshInstallation_withChatsCardsAndFilesIntact()
            throws Exception {
        Path work = Path.of(System.getProperty("switchboard.work"));
        Path backup = work.resolve("switchboard-backup.zip");
        Files.deleteIfExists(backup);
        Map<String, Map<String, String>> cfg = Map.of("dev.switchboard.team.cfg",
                Map.of("firstRun.ownerPassword", ExamOptions.OWNER_PASSWORD));
        Path sourceHome = work.resolve("karaf-backup-source");
        TestTeam.Client before;
        long connection;
        long owner;
        URI webhook;
        String chatShow;
        String secret;
        try (KarafProcess source = KarafProcess.unpack(sourceHome, cfg)) {
            source.start();
            ConsoleSteps steps = ConsoleSteps.withTestChannel(source);
            connection = steps.connection;
            webhook = steps.webhook;
            owner = ConsoleSteps.firstNumber(source.shell("switchboard:member-list " + steps.project),
                    "^\\s*(\\d+)\\s*\\|\\s*" + Pattern.quote(ExamOptions.OWNER_EMAIL));
            TestTeam team = new TestTeam(Http.at(source.consoleUri()));
            Json first = TestChannel.message("backup-1", CLIENT, "Here are the plan and a photo of the flat")
                    .put("first_name", "Vera").put("last_name", "Lebedeva").put("email", "vera@example.com")
                    .put("phone", "+33 6 12 34 56 78").put("source", "spring-campaign")
                    .put("photo", TestChannel.file(steps.channel.file("photo.jpg"), "vera.jpg", "image"))
                    .put("files", List.of(TestChannel.file(steps.channel.file("sample.pdf"), "plan.pdf", "file"),
                            TestChannel.file(steps.channel.file("photo.png"), "flat.png", "image")));
            steps.inbound(first, Map.of());
            steps.inbound("Vera", "Lebedeva", CLIENT, "When can I see it?");
            long reply = team.reply(connection, CLIENT, owner, "Tomorrow at ten", "backup-reply");
            before = Await.until(Duration.ofSeconds(60), () -> team.client(connection, CLIENT, owner).orElseThrow(),
                    c -> !c.card().get("photo").isEmpty() && c.messages().stream().allMatch(m ->
                            !m.get("kind").equals("OUTBOUND") || m.get("delivery").equals("SENT"))
                            && c.messages().stream().filter(m -> !m.get("files").equals("0"))
                            .allMatch(m -> m.get("file.0.state").equals("READY")
                                    && m.get("file.1.state").equals("READY")));
            long chat = Long.parseLong(before.messages().get(0).get("chat"));
            chatShow = source.shell("switchboard:chat-show " + chat + " " + owner);
            secret = steps.channel.secret(connection);

            String written = source.shell("switchboard:backup " + backup);
            assertThat(written).contains("Wrote " + backup, "switchboard.mv.db", "switchboard-secrets.key");
            // written after the backup: not in it
            steps.inbound("Vera", "Lebedeva", CLIENT, "Never mind, I found another flat");

            assertThat(before.card()).containsEntry("name", "Vera Lebedeva")
                    .containsEntry("email", "vera@example.com").containsEntry("phone", "+33612345678")
                    .containsEntry("photo", sha256(steps.channel.file("photo.jpg").toString(), source));
            Map<String, String> withFiles = before.messages().get(0);
            assertThat(withFiles).containsEntry("file.0.name", "plan.pdf")
                    .containsEntry("file.0.sha256", sha256(steps.channel.file("sample.pdf").toString(), source))
                    .containsEntry("file.1.name", "flat.png")
                    .containsEntry("file.1.sha256", sha256(steps.channel.file("photo.png").toString(), source));
            assertThat(before.messages()).extracting(m -> m.get("message")).contains(Long.toString(reply));
        }

        Path restoredHome = work.resolve("karaf-backup-restored");
        try (KarafProcess restored = KarafProcess.unpack(restoredHome, cfg)) {
            unzip(backup, restoredHome.resolve("data/switchboard"));
            Files.copy(sourceHome.resolve("etc/switchboard-secrets.key"),
                    restoredHome.resolve("etc/switchboard-secrets.key"));
            restored.start();
            // plugins are installed features, not data: the operator installs the same ones again
            restored.shell("feature:repo-add " + ExamOptions.itestFeaturesRepository());
            restored.shell("feature:install switchboard-itest-channel");
            Http http = Http.at(restored.consoleUri());
            TestTeam team = new TestTeam(http);
            TestTeam.Client after = Await.until(Duration.ofSeconds(60),
                    () -> team.client(connection, CLIENT, owner), Optional::isPresent).orElseThrow();

            assertThat(after.card()).isEqualTo(before.card());
            assertThat(after.messages()).isEqualTo(before.messages());
            long chat = Long.parseLong(before.messages().get(0).get("chat"));
            assertThat(restored.shell("switchboard:chat-show " + chat + " " + owner)).isEqualTo(chatShow)
                    .doesNotContain("Never mind");

            // the platform still signs with the secret it was given: the sealed secret opened with the copied key
            HttpResponse<String> answer = http.send(webhook, Webhook.post("application/json",
                    TestChannel.message("backup-3", CLIENT, "I am back").toString(),
                    Map.of(TestChannel.SECRET_HEADER, secret)));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(new TestChannel(http).secret(connection)).isEqualTo(secret);
            assertThat(KarafLog.errors(restored.log())).as("errors in karaf.log").isEmpty();
        }
    }

    private static String sha256(String url, KarafProcess karaf) throws Exception {
        HttpResponse<byte[]> file = Http.at(karaf.consoleUri()).bytes(URI.create(url));
        assertThat(file.statusCode()).isEqualTo(200);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body()));
    }

    private static void unzip(Path zip, Path into) throws Exception {
        Files.createDirectories(into);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Files.copy(entries, into.resolve(entry.getName()));
            }
        }
    }
}
