package dev.switchboard.channel.telegram.internal.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.ConnectionContext;
import dev.switchboard.api.channel.FetchedFile;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.channel.telegram.internal.botapi.BotAnswer;
import dev.switchboard.channel.telegram.internal.botapi.BotApi;
import dev.switchboard.channel.telegram.internal.botapi.BotHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Files of the platform for the core's download job (MSG-1, CARD-2; channel-facts.md §1 "Downloading inbound media",
 * "User profile"): {@code getFile} turns a {@code file_id} into a {@code file_path}, valid for at least an hour, and
 * the bytes are streamed from {@code <api>/file/bot<token>/<file_path>}. That address carries the bot's token, so it
 * is never stored or shown: the core keeps the {@code file_id} and the bytes it stored. Bots may download up to
 * 20 MB; Telegram refuses larger files with 400, which is for good ({@link IllegalArgumentException}), as is an
 * unknown {@code file_id}. A refused token, a rate limit, a server error or an expired link is for now
 * ({@link IOException}): the job tries again later and calls {@code getFile} again.
 * <p>
 * A client's photo: {@code getUserProfilePhotos} with {@code limit=1} gives the newest photo in up to four sizes;
 * the largest is fetched like any file.
 */
public final class FileFetcher {

    /** What a bot may download (the Bot API's limit), also declared as the channel's inbound limit. */
    public static final long MAX_DOWNLOAD = 20 * FileLimits.MB;

    private final BotHttp http;

    public FileFetcher(BotHttp http) {
        this.http = http;
    }

    public FetchedFile fetch(RemoteFile file, ConnectionContext connection) throws IOException {
        BotApi bot = http.bot(connection);
        BotAnswer answer = bot.call("getFile", Map.of("file_id", file.ref()));
        if (!answer.ok()) {
            if (answer.errorCode() == 400) {
                throw new IllegalArgumentException(answer.reason());
            }
            throw new IOException(answer.reason());
        }
        JsonNode result = answer.result();
        JsonNode size = result.path("file_size");
        if (size.canConvertToLong() && size.longValue() > MAX_DOWNLOAD) {
            throw new IllegalArgumentException("larger than the 20 MB a Telegram bot may download");
        }
        String path = result.path("file_path").asText("");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("Telegram gave no download for this file");
        }
        HttpResponse<InputStream> response = bot.download(path);
        int status = response.statusCode();
        if (status != 200) {
            response.body().close();
            throw new IOException("Telegram's download answered " + status
                    + (status == 404 ? " (the link expired; asking for a new one next time)" : ""));
        }
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        // Telegram serves application/octet-stream: the type the message named is the better hint
        Optional<String> type = file.contentType().or(() -> response.headers().firstValue("Content-Type"));
        return new FetchedFile(response.body(), type, length);
    }

    public Optional<ClientProfile> profile(String externalUserId, ConnectionContext connection) throws IOException {
        long user;
        try {
            user = Long.parseLong(externalUserId);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        BotAnswer answer = http.bot(connection).call("getUserProfilePhotos", Map.of("user_id", user, "limit", 1));
        if (!answer.ok()) {
            if (answer.errorCode() == 400) {
                // no such user for this bot: nothing to show, and asking again will not change it
                return Optional.empty();
            }
            throw new IOException(answer.reason());
        }
        JsonNode sizes = answer.result().path("photos").path(0);
        JsonNode largest = null;
        long area = -1;
        for (JsonNode size : sizes) {
            long a = size.path("width").asLong(0) * size.path("height").asLong(0);
            if (size.path("file_id").isTextual() && !size.path("file_id").textValue().isBlank() && a >= area) {
                largest = size;
                area = a;
            }
        }
        if (largest == null) {
            return Optional.empty();
        }
        JsonNode bytes = largest.path("file_size");
        RemoteFile photo = new RemoteFile(largest.path("file_id").textValue(),
                Optional.ofNullable(largest.path("file_unique_id").textValue()), Optional.of("photo.jpg"),
                Optional.of("image/jpeg"), bytes.canConvertToLong() ? OptionalLong.of(bytes.longValue())
                        : OptionalLong.empty());
        return Optional.of(ClientProfile.unknown().withPhoto(photo));
    }
}
