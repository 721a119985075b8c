package dev.switchboard.store.internal.secrets;

import dev.switchboard.api.store.Secrets;
import dev.switchboard.api.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Seals what must not be readable in the database or a backup (channel tokens, CRM keys, webhook secrets) with
 * AES-256-GCM through the JDK (architecture §3). A sealed value is {@code v1:<key id>:<base64url of a fresh
 * 12-byte nonce, the ciphertext and the 16-byte tag>}; the version and the key id are authenticated too.
 * <p>
 * The keys come from {@value #ENVIRONMENT} when it is set (one key in base64, or {@code <id>:<base64>} entries
 * separated by commas, current first), otherwise from {@code <karaf.etc>/switchboard-secrets.key}, created with a
 * fresh key at the first start. The file is read again when it changes (a rotation on this node, or the rotated
 * file copied to another node), so every node opens values sealed with a key it was given.
 * <p>
 * Not tied to the database's configuration: the keys stay the same when {@code etc/dev.switchboard.store.cfg}
 * changes.
 */
@Component(service = {Secrets.class, SecretsRotation.class})
public final class AesGcmSecrets implements Secrets, SecretsRotation {

    static final String ENVIRONMENT = "SWITCHBOARD_SECRETS_KEY";
    static final String FILE_NAME = "switchboard-secrets.key";
    /** The id of a key given bare (without {@code <id>:}) in the environment variable. */
    static final String ENVIRONMENT_KEY_ID = "env";

    private static final Logger LOG = LoggerFactory.getLogger(AesGcmSecrets.class);
    private static final String FORMAT = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    /** The key file, or null when the keys come from the environment. */
    private final KeyFile file;
    private volatile Loaded loaded;

    /** The keys from the environment or {@code etc/switchboard-secrets.key} of this installation. */
    @Activate
    public AesGcmSecrets() {
        this(System::getenv, Path.of(System.getProperty("karaf.etc", "etc"), FILE_NAME));
    }

    /**
     * Secrets with the keys from {@code environment}'s {@value #ENVIRONMENT} or else from {@code keyFile},
     * created when missing; for tests and tools.
     */
    public static AesGcmSecrets load(UnaryOperator<String> environment, Path keyFile) {
        return new AesGcmSecrets(environment, keyFile);
    }

    private AesGcmSecrets(UnaryOperator<String> environment, Path keyFile) {
        String variable = environment.apply(ENVIRONMENT);
        if (variable != null && !variable.isBlank()) {
            this.file = null;
            this.loaded = new Loaded(KeyRing.parse(variable.replace(',', '\n'), ENVIRONMENT, ENVIRONMENT_KEY_ID), null);
            LOG.info("Secrets are sealed with the key from {} (keys {})", ENVIRONMENT, loaded.ring().ids());
        } else {
            this.file = new KeyFile(keyFile, random);
            KeyRing ring = file.loadOrCreate();
            this.loaded = new Loaded(ring, file.version());
            LOG.info("Secrets are sealed with key {} of {} (keys {})", ring.current().id(), file.path(), ring.ids());
        }
    }

    @Override
    public String seal(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        KeyRing.Key key = keys().current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] body = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return FORMAT + ":" + key.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        } catch (GeneralSecurityException e) {
            throw new StoreException("sealing failed: the JDK lacks AES-GCM", e);
        }
    }

    @Override
    public String open(String sealed) {
        Sealed parts = Sealed.parse(sealed);
        KeyRing.Key key = keys().find(parts.keyId())
                // a key added elsewhere (another node rotated and the file was copied here) may be newer than ours
                .or(() -> reload().find(parts.keyId()))
                .orElseThrow(() -> new StoreException("the value was sealed with key " + parts.keyId()
                        + ", which is not among the secrets keys (" + source() + ")"));
        if (parts.body().length < NONCE_BYTES + TAG_BITS / 8) {
            throw new StoreException("the sealed value is damaged (too short)");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(parts.body(), NONCE_BYTES));
            byte[] plain = cipher.doFinal(parts.body(), NONCE_BYTES, parts.body().length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new StoreException("the sealed value was changed or does not belong to key " + key.id(), e);
        } catch (GeneralSecurityException e) {
            throw new StoreException("opening a sealed value failed", e);
        }
    }

    @Override
    public byte[] derive(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        KeyRing.Key key = keys().current();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new StoreException("deriving a key failed: the JDK lacks HMAC-SHA256", e);
        }
    }

    @Override
    public boolean stale(String sealed) {
        return !Sealed.parse(sealed).keyId().equals(keys().current().id());
    }

    @Override
    public String rotate() {
        if (file == null) {
            throw new StoreException("the secrets key comes from " + ENVIRONMENT + ": put a new key first in it ("
                    + "<id>:<base64>, then the older ones after commas) and restart, or move the keys to "
                    + FILE_NAME);
        }
        String id = file.rotate();
        reload();
        return id;
    }

    @Override
    public String source() {
        return file == null ? "environment variable " + ENVIRONMENT : file.path().toString();
    }

    /** The keys, read again first if the key file has changed since they were read. */
    private KeyRing keys() {
        Loaded current = loaded;
        if (file != null && !Objects.equals(current.version(), file.version())) {
            return reload();
        }
        return current.ring();
    }

    private synchronized KeyRing reload() {
        if (file == null) {
            return loaded.ring();
        }
        KeyFile.Version version = file.version();
        if (version == null) {
            // removed or unreadable while running: keep the keys we have rather than fail every call
            return loaded.ring();
        }
        try {
            KeyRing ring = file.load();
            if (!ring.current().id().equals(loaded.ring().current().id())) {
                LOG.info("Secrets key file {} changed: key {} is now current", file.path(), ring.current().id());
            }
            loaded = new Loaded(ring, version);
            return ring;
        } catch (StoreException e) {
            LOG.error("Secrets key file {} changed but cannot be read; the keys read before stay in use",
                    file.path(), e);
            loaded = new Loaded(loaded.ring(), version);
            return loaded.ring();
        }
    }

    private static Cipher cipher(int mode, KeyRing.Key key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.secret(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((FORMAT + ":" + key.id()).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** The keys and the version of the file they were read from (null for the environment). */
    private record Loaded(KeyRing ring, KeyFile.Version version) {
    }

    /** A sealed value taken apart. */
    private record Sealed(String keyId, byte[] body) {

        static Sealed parse(String sealed) {
            if (sealed == null) {
                throw new StoreException("no sealed value");
            }
            String[] parts = sealed.split(":", -1);
            if (parts.length != 3 || !FORMAT.equals(parts[0]) || parts[1].isEmpty()) {
                throw new StoreException("not a sealed value (expected " + FORMAT + ":<key id>:<data>)");
            }
            try {
                return new Sealed(parts[1], Base64.getUrlDecoder().decode(parts[2]));
            } catch (IllegalArgumentException e) {
                throw new StoreException("the sealed value is damaged (not base64url)");
            }
        }
    }
}
