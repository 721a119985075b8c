package dev.switchboard.chat.internal.media;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.files.FileLinks;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.store.Secrets;
import dev.switchboard.chat.internal.connection.ConnectionDirectory;
import dev.switchboard.chat.internal.outbox.ChatConfig;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Public links to stored files for platforms that fetch media by URL (Viber; Meta and WhatsApp by link): {@code
 * <public URL>/media/<token>}, the token being the file id and an expiry, signed with HMAC-SHA256 under a key
 * derived from the installation's secrets key. Nothing is stored per link; a link dies when it expires, when the file
 * is removed, or when the secrets key is rotated.
 */
@Component(service = FileLinks.class, configurationPid = ChatConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class SignedFileLinks implements FileLinks {

    static final Duration LONGEST = Duration.ofDays(7);
    private static final int MAC_BYTES = 16;

    private final FileStore files;
    private final byte[] key;
    private final URI publicUrl;
    private final Clock clock;

    @Activate
    public SignedFileLinks(@Reference FileStore files, @Reference Secrets secrets, ChatConfig config) {
        this(files, secrets.derive("switchboard-file-links"), ConnectionDirectory.publicUrl(config.public_url()),
                Clock.systemUTC());
    }

    /* Outside OSGi (tests): a factory, so the component keeps one public constructor per arity. */
    public static SignedFileLinks on(FileStore files, byte[] key, URI publicUrl, Clock clock) {
        return new SignedFileLinks(files, key, publicUrl, clock);
    }

    private SignedFileLinks(FileStore files, byte[] key, URI publicUrl, Clock clock) {
        this.files = files;
        this.key = key.clone();
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @Override
    public URI link(FileId file, Duration valid) {
        if (valid.isNegative() || valid.isZero() || valid.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("a link is valid for up to 7 days, not " + valid);
        }
        ByteBuffer body = ByteBuffer.allocate(16).putLong(file.value())
                .putLong(clock.instant().plus(valid).getEpochSecond());
        byte[] token = ByteBuffer.allocate(16 + MAC_BYTES).put(body.array()).put(mac(body.array())).array();
        return URI.create(publicUrl + "/media/" + Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    @Override
    public Optional<StoredFile> resolve(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token == null ? "" : token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != 16 + MAC_BYTES) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(raw, 16);
        if (!MessageDigest.isEqual(mac(body), Arrays.copyOfRange(raw, 16, raw.length))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        long id = b.getLong();
        long expires = b.getLong();
        if (id <= 0 || !clock.instant().isBefore(Instant.ofEpochSecond(expires))) {
            return Optional.empty();
        }
        return files.find(new FileId(id));
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(body), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
