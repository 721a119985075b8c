package dev.switchboard.channel.widget.internal.demo;

import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.channel.widget.internal.Texts;
import dev.switchboard.channel.widget.internal.connector.WidgetConnector;
import dev.switchboard.channel.widget.internal.console.Snippet;
import dev.switchboard.channel.widget.internal.http.WidgetContexts;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo (issue 10): when enabled, makes the demo widget connection ({@link DemoConnection}) as it starts, and
 * serves {@code GET /demo/} ({@link DemoPage}); any query (UTM tags) is the page's own, for the widget to record.
 * {@code /demo} is redirected to {@code /demo/} with its query. Without a demo connection (switched off, no project
 * yet, the core not ready) the page answers 404 with a line of help, and tries to make the connection again at most
 * every ten seconds.
 * <p>
 * At start the core may not know the widget type yet although the connector is registered (the chat engine's registry
 * of connectors binds it on its own, possibly just after this component), so a first failure is tried again every
 * second for a while in the background: the demo connection is there without anyone opening the page, and a clean
 * start logs no warning.
 */
@Component(service = Servlet.class, configurationPid = DemoConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=switchboard-widget-demo",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + WidgetContexts.DEMO + ")"})
@Designate(ocd = DemoConfig.class)
public final class DemoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DemoServlet.class);
    private static final long RETRY_NANOS = Duration.ofSeconds(10).toNanos();
    /** Tries at start, a second apart, before a failure is worth a warning. */
    static final int START_TRIES = 30;

    private final transient ProjectService projects;
    private final transient MemberService members;
    private final transient ConnectionService connections;
    private final boolean enabled;
    private transient volatile Optional<Snippet> demo = Optional.empty();
    private final AtomicLong lastTry = new AtomicLong();
    private final transient ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-widget-demo");
        t.setDaemon(true);
        return t;
    });

    /** The connector is referenced so that the core knows the widget type before the demo connection is made. */
    @Activate
    public DemoServlet(@Reference ProjectService projects, @Reference MemberService members,
                       @Reference ConnectionService connections, @Reference WidgetConnector connector,
                       DemoConfig config) {
        this.projects = projects;
        this.members = members;
        this.connections = connections;
        this.enabled = config.enabled();
        if (enabled) {
            lastTry.set(System.nanoTime());
            demo = make(false);
            if (demo.isEmpty()) {
                retries.schedule(() -> retry(1), 1, TimeUnit.SECONDS);
            }
        }
    }

    /** Another try at start; the last one warns. */
    private void retry(int tried) {
        if (demo.isPresent()) {
            return;
        }
        lastTry.set(System.nanoTime());
        Optional<Snippet> made = make(tried + 1 >= START_TRIES);
        if (made.isPresent()) {
            demo = made;
        } else if (tried + 1 < START_TRIES) {
            retries.schedule(() -> retry(tried + 1), 1, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        retries.shutdownNow();
    }

    private Optional<Snippet> make(boolean warn) {
        try {
            return DemoConnection.ensure(projects, members, connections);
        } catch (RuntimeException e) {
            if (warn) {
                LOG.warn("The demo website widget could not be set up now: {}", e.toString());
            } else {
                LOG.debug("The demo website widget could not be set up yet: {}", e.toString());
            }
            return Optional.empty();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.isEmpty()) {
            String query = request.getQueryString();
            response.sendRedirect(request.getContextPath() + "/" + (query == null ? "" : "?" + query));
            return;
        }
        Texts texts = Texts.of(Texts.negotiate(null, request.getHeader("Accept-Language")));
        if (!path.equals("/") && !path.equals("/index.html")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Optional<Snippet> snippet = demo;
        if (enabled && snippet.isEmpty()) {
            long now = System.nanoTime();
            long last = lastTry.get();
            if (now - last >= RETRY_NANOS && lastTry.compareAndSet(last, now)) {
                snippet = make(true);
                demo = snippet;
            }
        }
        if (!enabled || snippet.isEmpty()) {
            text(response, 404, texts.text("demo.missing"));
            return;
        }
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        String root = context.endsWith("/demo") ? context.substring(0, context.length() - "/demo".length()) : "";
        byte[] page = DemoPage.html(texts, root, snippet.get().key()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Language", texts.locale().getLanguage());
        response.setHeader("Vary", "Accept-Language");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    private static void text(HttpServletResponse response, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
