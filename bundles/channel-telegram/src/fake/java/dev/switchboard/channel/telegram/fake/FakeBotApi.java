package dev.switchboard.channel.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bot API server for tests, speaking the documented JSON exactly (channel-facts.md §1; core.telegram.org/bots/api):
 * {@code POST /bot<token>/<method>} with parameters in the query string, as JSON, as a form or as multipart, answered
 * {@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":...,"description":...,"parameters":{...}}};
 * files at {@code /file/bot<token>/<file_path>}. It knows the bots a test registers ({@link #bot}), answers an unknown
 * or revoked token 401 {@code Unauthorized}, an unknown method 404 {@code Not Found}, a blocked client 403
 * {@code Forbidden: bot was blocked by the user}, an unknown chat 400 {@code Bad Request: chat not found}, an empty or
 * too long text 400 as Telegram does, and queued answers a test asks for ({@link #answerNext}: a 429 with
 * {@code retry_after}, a 5xx). It records every call ({@link #calls}), the webhook each bot registered
 * ({@link #webhook}) and each message it "delivered" ({@link #sent}), and delivers updates to a registered webhook
 * with the secret header as Telegram does ({@link #deliver}).
 * <p>
 * Where the docs do not say what Telegram answers (a photo over 10 MB, a file over 50 MB), the fake says what
 * Telegram is reported to say: 400 {@code Bad Request: file is too big}, 413 {@code Request Entity Too Large}.
 * A fake in "local" mode is a self-hosted Bot API server, which takes http:// webhook addresses; otherwise only
 * https:// ones, as api.telegram.org.
 * <p>
 * JDK and Jackson only: it runs in unit tests, inside a Pax Exam container and beside a distribution.
 */
public final class FakeBotApi implements AutoCloseable {

    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    public static final long MB = 1024L * 1024L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METHOD = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");
    private static final Pattern FILE = Pattern.compile("/file/bot([^/]+)/(.+)");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Set<String> METHODS = Set.of("getMe", "setWebhook", "deleteWebhook", "getWebhookInfo",
            "sendMessage", "sendPhoto", "sendDocument", "sendVideo", "sendAnimation", "getFile",
            "getUserProfilePhotos");
    private static final Map<String, String> UPLOAD_FIELD = Map.of("sendPhoto", "photo", "sendDocument", "document",
            "sendVideo", "video", "sendAnimation", "animation");
    /** Uploads up to this size are kept whole for the tests to compare; larger ones by their hash. */
    private static final int KEEP_BYTES = 2 * 1024 * 1024;

    /** A bot the fake knows. */
    public record Bot(long id, String token, String username, String firstName) {
    }

    /** A webhook a bot registered with {@code setWebhook}. */
    public record Webhook(String url, String secret, List<String> allowedUpdates) {
    }

    /** A file a request carried (multipart). */
    public record Upload(String field, String fileName, String contentType, long size, String sha256,
                         byte[] bytes) {
    }

    /** One call: the bot's token, the method as Telegram names it, the parameters as text, the answer's status. */
    public record Call(String token, String method, Map<String, String> params, List<Upload> files, int status,
                       Instant at) {
        public String param(String name) {
            return params.get(name);
        }
    }

    /**
     * A message the bot sent to a chat and Telegram took.
     *
     * @param text the text, or the caption of a file
     */
    public record Sent(String token, long chat, long messageId, String method, String text, Optional<Upload> file,
                       Instant at) {
    }

    /** A file bots can fetch: by {@code getFile} with its id, then downloaded from its path. */
    public record RemoteFile(String fileId, String uniqueId, long size, String path) {
    }

    private record Queued(int code, String description, Long retryAfter) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final boolean local;
    private final AtomicLong ids = new AtomicLong(7_000_000_000L);
    private final Map<String, Bot> bots = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Map<String, Webhook> webhooks = new ConcurrentHashMap<>();
    private final Map<String, Deque<Queued>> queued = new ConcurrentHashMap<>();
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    private final Set<String> unknownChats = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> messageIds = new ConcurrentHashMap<>();
    private final Map<String, RemoteFile> files = new ConcurrentHashMap<>();
    private final Map<String, byte[]> fileBytes = new ConcurrentHashMap<>();
    private final Map<Long, List<RemoteFile>> profilePhotos = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<String> downloads = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private FakeBotApi(boolean local) throws IOException {
        this.local = local;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-bot-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** A fake of api.telegram.org: webhooks must be https://. */
    public static FakeBotApi start() throws IOException {
        return new FakeBotApi(false);
    }

    /** A fake of a self-hosted Bot API server in local mode: webhooks may be http://, as the tests' are. */
    public static FakeBotApi local() throws IOException {
        return new FakeBotApi(true);
    }

    /** The server's address, to put into a connection's {@code api} setting. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ------------------------------------------------------------------------------------------ what tests set up

    /** A new bot with a token of BotFather's shape. */
    public Bot bot(String username) {
        long id = ids.incrementAndGet();
        byte[] secret = new byte[26];
        new java.security.SecureRandom().nextBytes(secret);
        String token = id + ":AA" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Bot bot = new Bot(id, token, username, username.replace('_', ' '));
        bots.put(token, bot);
        return bot;
    }

    /** The bot's token stops working (revoked in @BotFather): 401 from now on. */
    public void revoke(String token) {
        revoked.add(token);
    }

    /** The token works again. */
    public void restore(String token) {
        revoked.remove(token);
    }

    /** The next call of {@code method} by the bot is answered with this error instead. */
    public void answerNext(String token, String method, int code, String description, Long retryAfter) {
        queued.computeIfAbsent(token + "/" + method, k -> new ArrayDeque<>())
                .add(new Queued(code, description, retryAfter));
    }

    /** The client of {@code chat} blocked the bot: sends are answered 403. */
    public void block(String token, long chat) {
        blocked.add(token + "/" + chat);
    }

    /** No such chat for the bot (the client never started it): sends are answered 400. */
    public void unknownChat(String token, long chat) {
        unknownChats.add(token + "/" + chat);
    }

    /** A file bots can fetch, under {@code path} (e.g. {@code photos/file_1.jpg}). */
    public RemoteFile file(byte[] bytes, String path) {
        String n = Long.toString(ids.incrementAndGet());
        RemoteFile file = new RemoteFile("AgACAgIAAxkBAAI" + n, "AQAD" + n, bytes.length, path);
        files.put(file.fileId(), file);
        fileBytes.put(path, bytes.clone());
        return file;
    }

    /** A file Telegram knows but a bot may not download (over 20 MB). */
    public RemoteFile largeFile(long size, String path) {
        String n = Long.toString(ids.incrementAndGet());
        RemoteFile file = new RemoteFile("BQACAgIAAxkBAAI" + n, "AgAD" + n, size, path);
        files.put(file.fileId(), file);
        return file;
    }

    /** The download link of a file stops working (links are valid for at least an hour). */
    public void expire(String path) {
        fileBytes.remove(path);
    }

    /** The user's newest profile photo, in sizes from small to large. */
    public void profilePhoto(long user, List<RemoteFile> sizes) {
        profilePhotos.put(user, List.copyOf(sizes));
    }

    // --------------------------------------------------------------------------------------------- what tests read

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String token, String method) {
        return calls.stream().filter(c -> c.token().equals(token) && c.method().equals(method)).toList();
    }

    public Optional<Webhook> webhook(String token) {
        return Optional.ofNullable(webhooks.get(token));
    }

    public List<Sent> sent(String token) {
        return sent.stream().filter(s -> s.token().equals(token)).toList();
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The file paths downloaded, in order. */
    public List<String> downloads() {
        return List.copyOf(downloads);
    }

    /**
     * Delivers an update to the bot's webhook as Telegram does: a POST of the JSON with the secret header; returns the
     * status the webhook answered (Telegram repeats the update until it is 2xx).
     */
    public int deliver(String token, String update) throws IOException, InterruptedException {
        Webhook hook = webhook(token).orElseThrow(() -> new IllegalStateException("no webhook set for the bot"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.url())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update, StandardCharsets.UTF_8));
        if (hook.secret() != null) {
            request.header(SECRET_HEADER, hook.secret());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // -------------------------------------------------------------------------------------------------- serving

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Matcher file = FILE.matcher(path);
            if (file.matches()) {
                download(exchange, file.group(1), URLDecoder.decode(file.group(2), StandardCharsets.UTF_8));
                return;
            }
            Matcher method = METHOD.matcher(path);
            if (!method.matches()) {
                answer(exchange, error(404, "Not Found", null));
                return;
            }
            String token = method.group(1);
            String name = METHODS.stream().filter(m -> m.equalsIgnoreCase(method.group(2))).findFirst()
                    .orElse(method.group(2));
            Request request = Request.read(exchange);
            ObjectNode answer = call(token, name, request);
            calls.add(new Call(token, name, Map.copyOf(request.params), List.copyOf(request.files),
                    answer.path("ok").asBoolean() ? 200 : answer.path("error_code").asInt(), Instant.now()));
            answer(exchange, answer);
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private void download(HttpExchange exchange, String token, String path) throws IOException {
        byte[] bytes = fileBytes.get(path);
        if (!bots.containsKey(token) || revoked.contains(token) || bytes == null) {
            answer(exchange, error(404, "Not Found", null));
            return;
        }
        downloads.add(path);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ObjectNode call(String token, String method, Request r) {
        Bot bot = bots.get(token);
        if (bot == null || revoked.contains(token)) {
            return error(401, "Unauthorized", null);
        }
        if (!METHODS.contains(method)) {
            return error(404, "Not Found", null);
        }
        Deque<Queued> next = queued.get(token + "/" + method);
        Queued q = next == null ? null : next.poll();
        if (q != null) {
            return error(q.code(), q.description(), q.retryAfter());
        }
        return switch (method) {
            case "getMe" -> ok(me(bot));
            case "setWebhook" -> setWebhook(token, r);
            case "deleteWebhook" -> {
                boolean had = webhooks.remove(token) != null;
                yield ok(JSON.getNodeFactory().booleanNode(true)).put("description", had ? "Webhook was deleted"
                        : "Webhook is already deleted");
            }
            case "getWebhookInfo" -> {
                Webhook hook = webhooks.get(token);
                ObjectNode info = JSON.createObjectNode().put("url", hook == null ? "" : hook.url())
                        .put("has_custom_certificate", false).put("pending_update_count", 0);
                if (hook != null) {
                    info.put("max_connections", 40);
                    ArrayNode allowed = info.putArray("allowed_updates");
                    hook.allowedUpdates().forEach(allowed::add);
                }
                yield ok(info);
            }
            case "sendMessage" -> sendMessage(bot, r);
            case "sendPhoto", "sendDocument", "sendVideo", "sendAnimation" -> sendFile(bot, method, r);
            case "getFile" -> getFile(r);
            case "getUserProfilePhotos" -> profilePhotos(r);
            default -> error(404, "Not Found", null);
        };
    }

    private ObjectNode setWebhook(String token, Request r) {
        String url = r.params.getOrDefault("url", "");
        if (url.isEmpty()) {
            webhooks.remove(token);
            return ok(JSON.getNodeFactory().booleanNode(true)).put("description", "Webhook was deleted");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request: invalid webhook URL specified", null);
        }
        if (!"https".equals(uri.getScheme()) && !(local && "http".equals(uri.getScheme()))) {
            return error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook", null);
        }
        String secret = r.params.get("secret_token");
        if (secret != null && !SECRET.matcher(secret).matches()) {
            return error(400, "Bad Request: secret token contains unallowed characters", null);
        }
        List<String> allowed = new ArrayList<>();
        String allowedJson = r.params.get("allowed_updates");
        if (allowedJson != null) {
            try {
                JsonNode list = JSON.readTree(allowedJson);
                if (!list.isArray()) {
                    return error(400, "Bad Request: can't parse allowed updates JSON array", null);
                }
                list.forEach(n -> allowed.add(n.asText()));
            } catch (IOException e) {
                return error(400, "Bad Request: can't parse allowed updates JSON array", null);
            }
        }
        webhooks.put(token, new Webhook(url, secret, List.copyOf(allowed)));
        return ok(JSON.getNodeFactory().booleanNode(true)).put("description", "Webhook was set");
    }

    private ObjectNode sendMessage(Bot bot, Request r) {
        Optional<ObjectNode> refused = refused(bot, r);
        if (refused.isPresent()) {
            return refused.get();
        }
        String text = r.params.getOrDefault("text", "");
        if (text.isBlank()) {
            return error(400, "Bad Request: message text is empty", null);
        }
        if (text.length() > 4096) {
            return error(400, "Bad Request: message is too long", null);
        }
        long chat = Long.parseLong(r.params.get("chat_id"));
        long id = messageIds.computeIfAbsent(bot.token() + "/" + chat, k -> new AtomicLong(100)).incrementAndGet();
        sent.add(new Sent(bot.token(), chat, id, "sendMessage", text, Optional.empty(), Instant.now()));
        return ok(message(bot, chat, id).put("text", text));
    }

    private ObjectNode sendFile(Bot bot, String method, Request r) {
        Optional<ObjectNode> refused = refused(bot, r);
        if (refused.isPresent()) {
            return refused.get();
        }
        String field = UPLOAD_FIELD.get(method);
        Optional<Upload> upload = r.files.stream().filter(f -> f.field().equals(field)).findFirst();
        if (upload.isEmpty()) {
            return error(400, "Bad Request: there is no " + field + " in the request", null);
        }
        long size = upload.get().size();
        if (size > 50 * MB) {
            return error(413, "Request Entity Too Large", null);
        }
        if (method.equals("sendPhoto") && size > 10 * MB) {
            return error(400, "Bad Request: file is too big", null);
        }
        String caption = r.params.getOrDefault("caption", "");
        if (caption.length() > 1024) {
            return error(400, "Bad Request: message caption is too long", null);
        }
        long chat = Long.parseLong(r.params.get("chat_id"));
        long id = messageIds.computeIfAbsent(bot.token() + "/" + chat, k -> new AtomicLong(100)).incrementAndGet();
        sent.add(new Sent(bot.token(), chat, id, method, caption, upload, Instant.now()));
        ObjectNode message = message(bot, chat, id);
        String n = Long.toString(ids.incrementAndGet());
        ObjectNode file = JSON.createObjectNode().put("file_id", "F" + n).put("file_unique_id", "U" + n)
                .put("file_size", size);
        if (method.equals("sendPhoto")) {
            message.putArray("photo").add(file.put("width", 800).put("height", 600));
        } else {
            message.set(field, file.put("file_name", upload.get().fileName())
                    .put("mime_type", upload.get().contentType()));
        }
        if (!caption.isEmpty()) {
            message.put("caption", caption);
        }
        return ok(message);
    }

    /** A send to a chat that cannot take it: not a number, blocked, unknown. */
    private Optional<ObjectNode> refused(Bot bot, Request r) {
        String chat = r.params.get("chat_id");
        if (chat == null || chat.isEmpty()) {
            return Optional.of(error(400, "Bad Request: chat_id is empty", null));
        }
        try {
            Long.parseLong(chat);
        } catch (NumberFormatException e) {
            return Optional.of(error(400, "Bad Request: chat not found", null));
        }
        if (blocked.contains(bot.token() + "/" + chat)) {
            return Optional.of(error(403, "Forbidden: bot was blocked by the user", null));
        }
        if (unknownChats.contains(bot.token() + "/" + chat)) {
            return Optional.of(error(400, "Bad Request: chat not found", null));
        }
        return Optional.empty();
    }

    private ObjectNode getFile(Request r) {
        RemoteFile file = files.get(r.params.getOrDefault("file_id", ""));
        if (file == null) {
            return error(400, "Bad Request: invalid file_id", null);
        }
        if (file.size() > 20 * MB) {
            return error(400, "Bad Request: file is too big", null);
        }
        return ok(JSON.createObjectNode().put("file_id", file.fileId()).put("file_unique_id", file.uniqueId())
                .put("file_size", file.size()).put("file_path", file.path()));
    }

    private ObjectNode profilePhotos(Request r) {
        long user;
        try {
            user = Long.parseLong(r.params.getOrDefault("user_id", ""));
        } catch (NumberFormatException e) {
            return error(400, "Bad Request: user not found", null);
        }
        List<RemoteFile> photo = profilePhotos.get(user);
        ObjectNode result = JSON.createObjectNode().put("total_count", photo == null ? 0 : 1);
        ArrayNode photos = result.putArray("photos");
        if (photo != null) {
            ArrayNode sizes = photos.addArray();
            int side = 160;
            for (RemoteFile size : photo) {
                sizes.addObject().put("file_id", size.fileId()).put("file_unique_id", size.uniqueId())
                        .put("file_size", size.size()).put("width", side).put("height", side);
                side *= 2;
            }
        }
        return ok(result);
    }

    private static ObjectNode me(Bot bot) {
        return JSON.createObjectNode().put("id", bot.id()).put("is_bot", true).put("first_name", bot.firstName())
                .put("username", bot.username()).put("can_join_groups", true)
                .put("can_read_all_group_messages", false).put("supports_inline_queries", false);
    }

    private static ObjectNode message(Bot bot, long chat, long id) {
        ObjectNode message = JSON.createObjectNode().put("message_id", id);
        message.putObject("from").put("id", bot.id()).put("is_bot", true).put("first_name", bot.firstName())
                .put("username", bot.username());
        message.putObject("chat").put("id", chat).put("type", "private");
        message.put("date", Instant.now().getEpochSecond());
        return message;
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode answer = JSON.createObjectNode().put("ok", true);
        answer.set("result", result);
        return answer;
    }

    /** {@code {"ok":false,"error_code":...,"description":...,"parameters":{"retry_after":...}}}. */
    private static ObjectNode error(int code, String description, Long retryAfter) {
        ObjectNode answer = JSON.createObjectNode().put("ok", false).put("error_code", code)
                .put("description", description);
        if (retryAfter != null) {
            answer.putObject("parameters").put("retry_after", retryAfter);
        }
        return answer;
    }

    private static void answer(HttpExchange exchange, ObjectNode answer) throws IOException {
        byte[] body = JSON.writeValueAsBytes(answer);
        int status = answer.path("ok").asBoolean() ? 200 : answer.path("error_code").asInt(400);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A request's parameters from the query string and the body (JSON, form or multipart) and its files. */
    private static final class Request {
        final Map<String, String> params = new LinkedHashMap<>();
        final List<Upload> files = new ArrayList<>();

        static Request read(HttpExchange exchange) throws IOException {
            Request r = new Request();
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                r.form(query);
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            type = type == null ? "" : type.toLowerCase(Locale.ROOT);
            if (type.startsWith("application/json")) {
                JsonNode json = JSON.readTree(body);
                if (json != null && json.isObject()) {
                    json.fields().forEachRemaining(e -> r.params.put(e.getKey(),
                            e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
                }
            } else if (type.startsWith("application/x-www-form-urlencoded")) {
                r.form(new String(body, StandardCharsets.UTF_8));
            } else if (type.startsWith("multipart/form-data")) {
                Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(
                        exchange.getRequestHeaders().getFirst("Content-Type"));
                if (boundary.find()) {
                    r.multipart(body, boundary.group(1));
                }
            }
            return r;
        }

        private void form(String form) {
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }

        /** RFC 7578: parts between {@code --boundary} lines, each with its headers, a blank line and its bytes. */
        private void multipart(byte[] body, String boundary) {
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int at = indexOf(body, delimiter, 0);
            while (at >= 0) {
                int start = at + delimiter.length;
                if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                    return;
                }
                start += 2; // CRLF after the delimiter
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
                int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), start);
                if (headersEnd < 0 || next < 0) {
                    return;
                }
                String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
                byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
                Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
                Matcher fileName = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
                Matcher contentType = Pattern.compile("(?i)Content-Type: *([^\r\n]+)").matcher(headers);
                if (name.find()) {
                    if (fileName.find()) {
                        files.add(new Upload(name.group(1), fileName.group(1),
                                contentType.find() ? contentType.group(1).strip() : "application/octet-stream",
                                content.length, sha256(content), content.length <= KEEP_BYTES ? content : null));
                    } else {
                        params.put(name.group(1), new String(content, StandardCharsets.UTF_8));
                    }
                }
                at = next + 2;
            }
        }

        private static int indexOf(byte[] data, byte[] pattern, int from) {
            outer:
            for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
