package dev.switchboard.itest.channel;

import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.domain.ConnectionId;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The test channel's webhook (architecture §4, channels.md patterns): {@code POST /test-channel/inbound} with form
 * fields {@code connection, externalId, userId, firstName, lastName, text, source} and the optional profile and
 * tracking fields {@code first_name, last_name, photo, ga, url, referrer} (CARD-2, CARD-8) answers 200 with
 * {@code message=<id> chat=<id> duplicate=<bool>} only after the ingress committed, and 503 if it threw, so the
 * sender retries; {@code GET /test-channel/sent} lists what the connector delivered, one per line;
 * {@code POST /test-channel/mode} with {@code mode=ok|refuse|retry:N} steers the connector.
 */
@Component(service = Servlet.class, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=switchboard-itest-channel",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + TestChannelContext.NAME + ")"})
public final class TestChannelServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Ingress ingress;
    private final transient TestConnector connector;

    @Activate
    public TestChannelServlet(@Reference Ingress ingress, @Reference TestConnector connector) {
        this.ingress = ingress;
        this.connector = connector;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/inbound" -> inbound(request, response);
            case "/mode" -> {
                try {
                    connector.mode(String.valueOf(request.getParameter("mode")));
                    response.getWriter().println("ok");
                } catch (IllegalArgumentException e) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
                }
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/sent".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        for (TestConnector.Sent s : connector.sent()) {
            out.println(s.messageId() + "\t" + s.externalUserId() + "\t" + s.attempt() + "\t" + s.text());
        }
    }

    private void inbound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Ingress.Received received;
        try {
            ClientProfile profile = new ClientProfile(
                    param(request, "first_name").or(() -> param(request, "firstName")),
                    param(request, "last_name").or(() -> param(request, "lastName")), param(request, "photo"));
            Optional<String> ga = param(request, "ga");
            Optional<String> url = param(request, "url");
            Optional<String> referrer = param(request, "referrer");
            Optional<InboundMessage.Tracking> tracking = ga.isPresent() || url.isPresent() || referrer.isPresent()
                    ? Optional.of(new InboundMessage.Tracking(ga, url, referrer)) : Optional.empty();
            received = ingress.accept(new InboundMessage(
                    new ConnectionId(Long.parseLong(request.getParameter("connection"))),
                    request.getParameter("externalId"), request.getParameter("userId"), profile,
                    Optional.ofNullable(request.getParameter("text")).orElse(""), Instant.now(),
                    param(request, "source"), tracking));
        } catch (RuntimeException e) {
            // not stored: a platform retries on 5xx
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getClass().getSimpleName());
            return;
        }
        response.getWriter().println("message=" + received.message() + " chat=" + received.chat()
                + " duplicate=" + received.duplicate());
    }

    /** A form field, absent when missing or empty (a platform sends empty fields for what it does not know). */
    private static Optional<String> param(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getParameter(name)).filter(v -> !v.isEmpty());
    }
}
