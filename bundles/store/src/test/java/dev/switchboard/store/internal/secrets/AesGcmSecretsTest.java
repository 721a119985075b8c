package dev.switchboard.store.internal.secrets;

import dev.switchboard.api.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secrets sealed with AES-256-GCM under a key that can be rotated (architecture §3: secrets encrypted at rest). */
class AesGcmSecretsTest {

    private static final UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    @TempDir
    Path etc;

    Path keyFile() {
        return etc.resolve("switchboard-secrets.key");
    }

    AesGcmSecrets secrets() {
        return AesGcmSecrets.load(NO_ENVIRONMENT, keyFile());
    }

    static String key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aSealedValueOpensToWhatWasSealedAndHidesIt() {
        AesGcmSecrets secrets = secrets();

        String sealed = secrets.seal("bot-token-123456:ABC");

        assertThat(sealed).startsWith("v1:k1:").doesNotContain("bot-token", "ABC");
        assertThat(secrets.open(sealed)).isEqualTo("bot-token-123456:ABC");
        assertThat(secrets.seal("bot-token-123456:ABC")).as("a fresh nonce every time").isNotEqualTo(sealed);
        assertThat(secrets.open(secrets.seal(""))).isEmpty();
        assertThat(secrets.open(secrets.seal("пароль \uD83D\uDD11"))).isEqualTo("пароль \uD83D\uDD11");
        assertThat(secrets.stale(sealed)).isFalse();
    }

    @Test
    void theKeyFileIsCreatedAtTheFirstStartForItsOwnerOnly() throws IOException {
        AesGcmSecrets first = secrets();

        assertThat(Files.getPosixFilePermissions(keyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readAllLines(keyFile())).filteredOn(line -> !line.startsWith("#"))
                .singleElement().asString().startsWith("k1:");
        String sealed = first.seal("kept across restarts");

        assertThat(secrets().open(sealed)).as("a restart reads the same key").isEqualTo("kept across restarts");
    }

    @Test
    void aTamperedValueIsRefused() {
        AesGcmSecrets secrets = secrets();
        String sealed = secrets.seal("webhook secret");
        String body = sealed.substring(sealed.lastIndexOf(':') + 1);
        byte[] bytes = Base64.getUrlDecoder().decode(body);
        bytes[bytes.length - 20] ^= 1;
        String flipped = "v1:k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThatThrownBy(() -> secrets.open(flipped)).isInstanceOf(StoreException.class).hasMessageContaining("changed");
        assertThatThrownBy(() -> secrets.open(sealed.substring(0, sealed.length() - 4)))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> secrets.open("v1:k1:")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> secrets.open("plain text")).isInstanceOf(StoreException.class)
                .hasMessageNotContaining("plain text");
        assertThatThrownBy(() -> secrets.open("v1:k1:***")).isInstanceOf(StoreException.class);
    }

    @Test
    void aValueSealedUnderAnotherKeyIdIsRefused() throws IOException {
        AesGcmSecrets secrets = secrets();
        String sealed = secrets.seal("token");

        assertThatThrownBy(() -> secrets.open(sealed.replace("v1:k1:", "v1:k9:"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("k9");
        Files.writeString(keyFile(), "k1:" + key(1) + "\n");
        assertThatThrownBy(() -> AesGcmSecrets.load(NO_ENVIRONMENT, keyFile()).open(sealed))
                .as("same id, other key").isInstanceOf(StoreException.class);
    }

    @Test
    void afterARotationOldValuesStillOpenAndAreStale() throws IOException {
        AesGcmSecrets secrets = secrets();
        String before = secrets.seal("old token");
        byte[] derivedBefore = secrets.derive("file-links");

        String id = secrets.rotate();
        String after = secrets.seal("new token");

        assertThat(id).isEqualTo("k2");
        assertThat(after).startsWith("v1:k2:");
        assertThat(secrets.open(before)).isEqualTo("old token");
        assertThat(secrets.open(after)).isEqualTo("new token");
        assertThat(secrets.stale(before)).isTrue();
        assertThat(secrets.stale(after)).isFalse();
        assertThat(secrets.derive("file-links")).as("derived from the current key").isNotEqualTo(derivedBefore);
        List<String> lines = Files.readAllLines(keyFile());
        assertThat(lines.get(0)).as("the file's comments stay on top").startsWith("#");
        List<String> keys = lines.stream().filter(line -> !line.startsWith("#")).toList();
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0)).startsWith("k2:");
        assertThat(keys.get(1)).startsWith("k1:");
        assertThat(Files.getPosixFilePermissions(keyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(secrets().open(before)).as("after a restart too").isEqualTo("old token");
    }

    @Test
    void aKeyFileChangedElsewhereIsReadAgain() throws IOException {
        AesGcmSecrets thisNode = secrets();
        Path otherEtc = Files.createDirectories(etc.resolve("other-node"));
        Files.copy(keyFile(), otherEtc.resolve("switchboard-secrets.key"));
        AesGcmSecrets otherNode = AesGcmSecrets.load(NO_ENVIRONMENT, otherEtc.resolve("switchboard-secrets.key"));
        otherNode.rotate();
        String sealedOnTheOtherNode = otherNode.seal("sealed after the rotation");

        Files.copy(otherEtc.resolve("switchboard-secrets.key"), keyFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(thisNode.open(sealedOnTheOtherNode)).isEqualTo("sealed after the rotation");
        assertThat(thisNode.seal("now")).startsWith("v1:k2:");
    }

    @Test
    void removingTheOldKeyAfterResealingKeepsTheNewValuesReadable() throws IOException {
        AesGcmSecrets secrets = secrets();
        String old = secrets.seal("token");
        secrets.rotate();
        String resealed = secrets.seal(secrets.open(old));
        List<String> lines = Files.readAllLines(keyFile());
        Files.write(keyFile(), lines.stream().filter(line -> !line.startsWith("k1:")).toList());

        AesGcmSecrets restarted = secrets();

        assertThat(restarted.open(resealed)).isEqualTo("token");
        assertThatThrownBy(() -> restarted.open(old)).isInstanceOf(StoreException.class).hasMessageContaining("k1");
    }

    @Test
    void theEnvironmentKeyWinsOverTheFile() {
        AesGcmSecrets fromFile = secrets();
        String sealedWithFile = fromFile.seal("file");
        Map<String, String> environment = Map.of("SWITCHBOARD_SECRETS_KEY", key(7));

        AesGcmSecrets fromEnvironment = AesGcmSecrets.load(environment::get, keyFile());
        String sealed = fromEnvironment.seal("from the environment");

        assertThat(sealed).startsWith("v1:env:");
        assertThat(AesGcmSecrets.load(environment::get, etc.resolve("absent.key")).open(sealed))
                .isEqualTo("from the environment");
        assertThat(Files.exists(etc.resolve("absent.key"))).as("no file is created").isFalse();
        assertThatThrownBy(() -> fromEnvironment.open(sealedWithFile)).isInstanceOf(StoreException.class);
        assertThatThrownBy(fromEnvironment::rotate).isInstanceOf(StoreException.class)
                .hasMessageContaining("SWITCHBOARD_SECRETS_KEY");
        assertThat(fromEnvironment.derive("links")).isNotEqualTo(fromFile.derive("links"));
    }

    @Test
    void theEnvironmentMayListOlderKeysAfterTheCurrentOne() {
        String old = AesGcmSecrets.load(Map.of("SWITCHBOARD_SECRETS_KEY", "a1:" + key(1))::get, keyFile()).seal("x");

        AesGcmSecrets rotated = AesGcmSecrets.load(
                Map.of("SWITCHBOARD_SECRETS_KEY", "a2:" + key(2) + ", a1:" + key(1))::get, keyFile());

        assertThat(rotated.open(old)).isEqualTo("x");
        assertThat(rotated.stale(old)).isTrue();
        assertThat(rotated.seal("y")).startsWith("v1:a2:");
    }

    @Test
    void derivedKeysAre32BytesAndDifferPerPurpose() {
        AesGcmSecrets secrets = secrets();

        assertThat(secrets.derive("file-links")).hasSize(32).isEqualTo(secrets.derive("file-links"))
                .isNotEqualTo(secrets.derive("webhooks"));
    }

    @Test
    void aBrokenKeyFileIsReportedWithoutItsContent() throws IOException {
        Files.writeString(keyFile(), "# comment, with a comma\nk1:" + key(1) + "\nk2:not-a-key-SECRETPART\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(this::secrets).isInstanceOf(StoreException.class).hasMessageContaining("entry 3")
                .hasMessageNotContaining("SECRETPART");
        Files.writeString(keyFile(), "k1:" + key(1) + "\nk1:" + key(2) + "\n");
        assertThatThrownBy(this::secrets).isInstanceOf(StoreException.class).hasMessageContaining("twice");
        Files.writeString(keyFile(), "# nothing\n");
        assertThatThrownBy(this::secrets).isInstanceOf(StoreException.class).hasMessageContaining("no key");
    }
}
