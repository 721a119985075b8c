package dev.switchboard.store.internal.files;

import dev.switchboard.api.files.MediaKind;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * A file's content type from its first bytes, through Apache Tika's magic numbers (INP-2, INP-3). Neither the
 * name nor a browser's type decides it. The name only names a more specific type of a generic container the bytes
 * already showed (a zip that is a .docx, plain text that is a .csv), and never changes the kind, so a name cannot
 * move a file under another kind's limit; executables are refused before, by bytes and by name.
 */
final class ContentTypes {

    /** Tika reads at most this many bytes for its magic numbers (MimeTypes.getMinLength()). */
    static final int HEAD = 64 * 1024;

    /** Generic results that a name may make more specific. */
    private static final Set<MediaType> REFINABLE = Set.of(MediaType.APPLICATION_ZIP, MediaType.TEXT_PLAIN,
            MediaType.application("x-tika-ooxml"), MediaType.application("x-tika-msoffice"));

    private final MimeTypes types;
    private final MediaTypeRegistry registry;

    ContentTypes() {
        // the database of magic numbers ships inside tika-core; its own class loader finds it, in OSGi too
        this.types = MimeTypes.getDefaultMimeTypes(MimeTypes.class.getClassLoader());
        this.registry = types.getMediaTypeRegistry();
    }

    /**
     * The type of content starting with {@code head[0..length)}, without parameters ({@code application/pdf}).
     *
     * @param name the cleaned name, only to refine a generic container type
     */
    String detect(byte[] head, int length, String name) {
        MediaType byBytes = detect(head, length, new Metadata());
        MediaType type = byBytes;
        if (REFINABLE.contains(byBytes)) {
            Metadata named = new Metadata();
            named.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
            MediaType byName = detect(head, length, named);
            if (registry.isSpecializationOf(byName, byBytes)
                    && MediaKind.of(byName.toString()) == MediaKind.of(byBytes.toString())) {
                type = byName;
            }
        }
        return type.getBaseType().toString();
    }

    private MediaType detect(byte[] head, int length, Metadata metadata) {
        try {
            return types.detect(new ByteArrayInputStream(head, 0, length), metadata);
        } catch (IOException e) {
            // a byte array cannot fail to be read
            throw new UncheckedIOException(e);
        }
    }
}
