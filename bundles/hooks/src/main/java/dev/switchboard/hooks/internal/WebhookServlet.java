package dev.switchboard.hooks.internal;

import dev.switchboard.api.channel.WebhookAnswer;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.channel.Webhooks;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|POST /hooks/<type>/<key>} (architecture §4): the raw call (method, query, headers, body bytes) is handed
 * to the chat engine's {@link Webhooks}, whose answer is written back. This servlet stays registered while the chat
 * engine restarts (a store reconfiguration) and answers 503 meanwhile, so platforms retry instead of giving up on a
 * 404. Bodies are read up to {@link #MAX_BODY}; a larger one is answered 413 without being read further.
 */
@Component(service = Servlet.class, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=switchboard-webhooks",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + HooksContexts.HOOKS + ")"})
public final class WebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServlet.class);
    /** Webhook payloads are JSON of a few KB; Meta batches up to 1,000 events. */
    static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{20,64}");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Webhooks webhooks;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            response.setHeader("Allow", "GET, POST");
            write(response, WebhookAnswer.text(405, "GET or POST"));
            return;
        }
        String[] path = (request.getPathInfo() == null ? "" : request.getPathInfo()).split("/", -1);
        if (path.length != 3 || !TYPE.matcher(path[1]).matches() || !KEY.matcher(path[2]).matches()) {
            write(response, WebhookAnswer.text(404, "no such webhook"));
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            write(response, WebhookAnswer.text(413, "the body is larger than " + MAX_BODY + " bytes"));
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            write(response, WebhookAnswer.text(413, "the body is larger than " + MAX_BODY + " bytes"));
            return;
        }
        Webhooks target = webhooks;
        if (target == null) {
            write(response, WebhookAnswer.text(503, "starting, try again"));
            return;
        }
        WebhookAnswer answer;
        try {
            answer = target.receive(path[1], path[2], new WebhookRequest(method, query(request), headers(request),
                    body));
        } catch (RuntimeException e) {
            LOG.warn("Webhook of type {} failed: {}", path[1], e.toString());
            answer = WebhookAnswer.text(503, "not available, try again");
        }
        write(response, answer);
    }

    /** The body, or {@code null} when it is larger than {@link #MAX_BODY} (chunked bodies have no length). */
    static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            if (out.size() + n > MAX_BODY) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The query parameters, decoded, each with its values in order; the body is never parsed as a form. */
    static Map<String, List<String>> query(HttpServletRequest request) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = request.getQueryString();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String part) {
        try {
            return java.net.URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static void write(HttpServletResponse response, WebhookAnswer answer) throws IOException {
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setHeader("Cache-Control", "no-store");
        byte[] body = answer.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
