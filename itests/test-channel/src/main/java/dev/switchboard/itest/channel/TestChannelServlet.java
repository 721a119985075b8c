package dev.switchboard.itest.channel;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * How the tests steer and read the test platform, at {@code /test-channel} (a servlet context of its own). Clients'
 * messages do not come in here: they go to the core's {@code /hooks/test/<key>} like a real platform's webhooks.
 * Lists are one record a line, each line form-encoded ({@code key=value&...}, values URL-encoded).
 * <ul>
 *   <li>{@code GET /sent[?connection=<id>]}: the messages the platform accepted: {@code message, connection, user,
 *       attempt, external, text, at} and per file {@code file.<i>.id, .name, .type, .size, .sha256, .url}, with
 *       {@code files} their count;</li>
 *   <li>{@code GET /attempts}: every send and its answer: {@code message, connection, attempt, result (sent, retry,
 *       refused, failing), reason, at};</li>
 *   <li>{@code GET /fetches}: every file fetch: {@code ref, status, at};</li>
 *   <li>{@code GET /sending}: the sends under way now: {@code message, connection};</li>
 *   <li>{@code GET /connections}: the connections the connector has seen: {@code connection, connects,
 *       disconnects, webhook};</li>
 *   <li>{@code GET /secret?connection=<id>}: the connection's webhook secret, as the platform learned it when the
 *       connection was registered (404 while the connector has not seen the connection);</li>
 *   <li>{@code POST /mode} with {@code mode} (see {@link SendMode}) and optionally {@code connection};</li>
 *   <li>{@code POST /connect} with {@code mode=ok} or {@code mode=fail:<reason>}: how registering answers;</li>
 *   <li>{@code POST /reset}: forgets the records and modes;</li>
 *   <li>{@code GET /files/<name>} ({@link TestFiles}): a file to fetch. {@code ?hold=<token>} holds the answer until
 *       {@code POST /files/release?hold=<token>} (at most 60 s).</li>
 * </ul>
 */
@Component(service = Servlet.class, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=switchboard-itest-channel",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + TestChannelContext.NAME + ")"})
public final class TestChannelServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TestConnector connector;
    private final transient Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    @Activate
    public TestChannelServlet(@Reference TestConnector connector) {
        this.connector = connector;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        if (path.startsWith("/files/")) {
            file(path.substring("/files/".length()), request, response);
            return;
        }
        switch (path) {
            case "/sent" -> sent(request, response);
            case "/attempts" -> lines(response, connector.attempts().stream().map(a -> form(Map.of(
                    "message", a.message(), "connection", a.connection(), "attempt", a.attempt(),
                    "result", a.result(), "reason", a.reason(), "at", a.at()))).toList());
            case "/fetches" -> lines(response, connector.fetches().stream().map(f -> form(Map.of(
                    "ref", f.ref(), "status", f.status(), "at", f.at()))).toList());
            case "/sending" -> lines(response, connector.inFlight().stream().map(s -> form(Map.of(
                    "message", s.message(), "connection", s.connection()))).toList());
            case "/connections" -> lines(response, connector.known().entrySet().stream().map(e -> form(Map.of(
                    "connection", e.getKey(), "connects", e.getValue().connects(),
                    "disconnects", e.getValue().disconnects(),
                    "webhook", e.getValue().context().webhookUrl()))).toList());
            case "/secret" -> {
                Optional<TestConnector.Known> known = connection(request).flatMap(connector::known);
                if (known.isEmpty()) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND, "the platform has not seen the connection");
                    return;
                }
                text(response, known.get().context().webhookSecret());
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (path(request)) {
            case "/mode" -> {
                try {
                    connector.mode(connection(request), String.valueOf(request.getParameter("mode")));
                } catch (IllegalArgumentException e) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
                    return;
                }
                text(response, "ok");
            }
            case "/connect" -> {
                String mode = String.valueOf(request.getParameter("mode"));
                if (mode.equals("ok")) {
                    connector.connectFailure(Optional.empty());
                } else if (mode.startsWith("fail:") && mode.length() > "fail:".length()) {
                    connector.connectFailure(Optional.of(mode.substring("fail:".length())));
                } else {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, "mode is ok or fail:<reason>");
                    return;
                }
                text(response, "ok");
            }
            case "/reset" -> {
                connector.reset();
                holds.values().forEach(CountDownLatch::countDown);
                holds.clear();
                text(response, "ok");
            }
            case "/files/release" -> {
                String token = String.valueOf(request.getParameter("hold"));
                holds.computeIfAbsent(token, t -> new CountDownLatch(1)).countDown();
                text(response, "ok");
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void sent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Long> only = connection(request);
        lines(response, connector.delivered().stream().filter(d -> only.map(c -> c == d.connection()).orElse(true))
                .map(d -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("message", d.message());
                    fields.put("connection", d.connection());
                    fields.put("user", d.externalUserId());
                    fields.put("attempt", d.attempt());
                    fields.put("external", d.externalId());
                    fields.put("text", d.text());
                    fields.put("at", d.at());
                    fields.put("files", d.files().size());
                    for (int i = 0; i < d.files().size(); i++) {
                        TestConnector.File f = d.files().get(i);
                        fields.put("file." + i + ".id", f.id());
                        fields.put("file." + i + ".name", f.name());
                        fields.put("file." + i + ".type", f.contentType());
                        fields.put("file." + i + ".size", f.size());
                        fields.put("file." + i + ".sha256", f.sha256());
                        fields.put("file." + i + ".url", f.publicUrl());
                    }
                    return form(fields);
                }).toList());
    }

    private void file(String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<TestFiles.TestFile> file = TestFiles.named(name);
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String hold = request.getParameter("hold");
        if (hold != null) {
            try {
                holds.computeIfAbsent(hold, t -> new CountDownLatch(1)).await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
                return;
            }
        }
        byte[] bytes = file.get().bytes();
        response.setContentType(file.get().contentType());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static Optional<Long> connection(HttpServletRequest request) {
        String value = request.getParameter("connection");
        try {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getPathInfo() == null ? "" : request.getPathInfo();
    }

    private static String form(Map<String, ?> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static void lines(HttpServletResponse response, Iterable<String> lines) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        for (String line : lines) {
            out.print(line);
            out.print('\n');
        }
    }

    private static void text(HttpServletResponse response, String text) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(text);
    }
}
