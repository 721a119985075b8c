package dev.switchboard.channel.telegram.internal.botapi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.channel.ConnectionContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.osgi.service.component.annotations.Component;

/**
 * The bundle's one HTTP client and JSON mapper, shared by the connector and the console panel: the JDK's
 * {@link HttpClient} (keep-alive connections to the Bot API are reused across connections and threads) with a
 * connect timeout, and Jackson with trailing garbage after a JSON value taken as an error, so that a body such as
 * {@code {"update_id":1} x} is not read as an update.
 */
@Component(service = BotHttp.class)
public final class BotHttp {

    /** The Bot API's address unless a connection names a self-hosted server. */
    public static final String DEFAULT_API = "https://api.telegram.org";

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ObjectMapper json;

    public BotHttp() {
        // HTTP/1.1: one plain keep-alive connection per call in flight; the Bot API speaks it everywhere, and a plain
        // http:// self-hosted server is not asked to upgrade to h2c on every new connection
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    BotHttp(HttpClient http) {
        this.http = http;
        this.json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ObjectMapper json() {
        return json;
    }

    HttpClient client() {
        return http;
    }

    /** The bot of a connection: its token and Bot API server from the connection's settings. */
    public BotApi bot(ConnectionContext connection) {
        return bot(connection.setting(Settings.API).orElse(DEFAULT_API), connection.required(Settings.TOKEN));
    }

    /** A bot by its token at {@code api} (an absolute http(s) address, with or without a trailing '/'). */
    public BotApi bot(String api, String token) {
        String base = api.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new BotApi(this, URI.create(base), token);
    }
}
