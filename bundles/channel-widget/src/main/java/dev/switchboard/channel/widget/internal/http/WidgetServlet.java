package dev.switchboard.channel.widget.internal.http;

import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.channel.LiveConnections;
import dev.switchboard.api.chat.ClientTranscripts;
import dev.switchboard.api.files.FileLinks;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.team.Presence;
import dev.switchboard.channel.widget.internal.live.LiveStreams;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * {@code /widget/*} (issue 10): {@code GET /widget/widget.js} ({@link ScriptResource}) and the visitors' API at
 * {@code /widget/api/<key>/...} ({@link WidgetApi}). A thin shell: it copies the request for the API, writes its
 * answer, and keeps event streams and long polls open as async responses, so that no thread is held per visitor.
 * It stays registered while the core's services restart and answers 503 meanwhile; when it stops, every stream it
 * opened is closed.
 */
@Component(service = Servlet.class, configurationPid = WidgetConfig.PID, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=switchboard-widget",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED + "=true",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + WidgetContexts.WIDGET + ")"})
@Designate(ocd = WidgetConfig.class)
public final class WidgetServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** An event stream ends after this; the browser reconnects on its own and the widget reads its messages. */
    static final Duration STREAM_TIME = Duration.ofMinutes(30);
    /** Above the poll's own 25 s, so that the poll answers before the container would. */
    static final Duration POLL_TIME = Duration.ofSeconds(35);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LiveConnections connections;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Ingress ingress;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClientTranscripts transcripts;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Presence presence;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FileStore files;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FileLinks links;

    private final transient LiveStreams live;
    private final transient WidgetApi api;
    private final transient ScriptResource script = ScriptResource.ofBundle();
    private final transient Set<Runnable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean trustProxy;

    @Activate
    public WidgetServlet(@Reference LiveStreams live, WidgetConfig config) {
        this.live = live;
        this.trustProxy = config.trustProxy();
        this.api = new WidgetApi(this::core, live, new RateLimits(), Clock.systemUTC(), () -> trustProxy);
    }

    @Modified
    void modified(WidgetConfig config) {
        trustProxy = config.trustProxy();
    }

    private Core core() {
        return new Core(connections, ingress, transcripts, presence, files, links);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.equals("/widget.js")) {
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                response.setHeader("Allow", "GET, HEAD");
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                return;
            }
            ApiAnswer answer = script.answer(request.getHeader("If-None-Match"), request.getHeader("Accept-Encoding"));
            write(response, answer, request.getMethod().equals("HEAD"));
            return;
        }
        if (!path.startsWith("/api/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        ApiRequest copy = copy(request);
        Reply reply = api.handle(path.substring("/api/".length()), copy);
        if (reply instanceof Reply.Stream s) {
            stream(request, response, s, copy);
        } else if (reply instanceof Reply.Poll p) {
            poll(request, response, p, copy);
        } else if (reply instanceof Reply.Answer a) {
            write(response, a.answer(), false);
        }
    }

    private void stream(HttpServletRequest request, HttpServletResponse response, Reply.Stream s, ApiRequest copy) {
        response.setStatus(200);
        s.headers().forEach(response::setHeader);
        AsyncContext async = request.startAsync();
        async.setTimeout(STREAM_TIME.toMillis());
        AsyncSink sink = new AsyncSink(async);
        Optional<Runnable> closer = live.openStream(s.visitor(), s.transcript(), sink);
        keepOpen(async, sink, closer, response, copy);
    }

    private void poll(HttpServletRequest request, HttpServletResponse response, Reply.Poll p, ApiRequest copy) {
        response.setStatus(200);
        p.headers().forEach(response::setHeader);
        AsyncContext async = request.startAsync();
        async.setTimeout(POLL_TIME.toMillis());
        AsyncSink sink = new AsyncSink(async);
        Optional<Runnable> closer = live.poll(p.visitor(), p.transcript(), p.since(), sink);
        keepOpen(async, sink, closer, response, copy);
    }

    /** Ties the live answer to the response's end; a node at its cap answers 503 at once. */
    private void keepOpen(AsyncContext async, AsyncSink sink, Optional<Runnable> closer,
                          HttpServletResponse response, ApiRequest copy) {
        if (closer.isEmpty()) {
            ApiAnswer busy = WidgetApi.busy(copy);
            response.setStatus(busy.status());
            busy.headers().forEach(response::setHeader);
            try {
                sink.send(busy.text());
            } catch (IOException e) {
                // gone already
            }
            sink.close();
            return;
        }
        Runnable close = closer.get();
        open.add(close);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                sink.ended();
                end();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                end();
            }

            @Override
            public void onError(AsyncEvent event) {
                end();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not started again
            }

            private void end() {
                open.remove(close);
                close.run();
                sink.close();
            }
        });
    }

    /** Closes what this servlet opened: the bundle stops, or the servlet is replaced. */
    @Deactivate
    void deactivate() {
        List<Runnable> all = new ArrayList<>(open);
        open.clear();
        all.forEach(Runnable::run);
    }

    private static ApiRequest copy(HttpServletRequest request) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, String.join(", ", Collections.list(request.getHeaders(name))));
        }
        return new ApiRequest(request.getMethod(), query(request.getQueryString()), headers, request.getRemoteAddr(),
                request.getScheme(), request.getContentLengthLong(), request.getInputStream());
    }

    /** The query parameters, decoded; the body is never parsed as a form. */
    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
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
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    private static void write(HttpServletResponse response, ApiAnswer answer, boolean head) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        if (answer.status() == 204 || answer.status() == 304) {
            return;
        }
        response.setContentLength(answer.body().length);
        if (!head) {
            response.getOutputStream().write(answer.body());
        }
    }
}
