package dev.switchboard.api.channel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bytes of a {@link RemoteFile}, as the connector's {@link ChannelConnector#fetch} opens them: the core reads
 * the stream into the blob store and closes it.
 */
public record FetchedFile(InputStream content, Optional<String> contentType, OptionalLong size)
        implements AutoCloseable {

    public static FetchedFile of(InputStream content) {
        return new FetchedFile(content, Optional.empty(), OptionalLong.empty());
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
