package dev.switchboard.console.internal.web;

import com.vaadin.flow.shared.ui.Transport;
import dev.switchboard.api.card.CardService;
import dev.switchboard.api.card.ContactSearch;
import dev.switchboard.api.card.FunnelService;
import dev.switchboard.api.card.TagService;
import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.chat.InboxService;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.team.GroupService;
import dev.switchboard.api.team.Authenticator;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.console.internal.files.FileRequestHandler;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import dev.switchboard.console.internal.live.ChatEventBridge;
import dev.switchboard.console.internal.live.PresenceReporter;
import dev.switchboard.console.internal.panel.PanelRegistry;
import dev.switchboard.console.internal.ui.CardSupport;
import dev.switchboard.console.internal.ui.ChatSupport;
import dev.switchboard.console.internal.ui.ConsoleSettings;
import dev.switchboard.console.internal.ui.ConsoleUiSetup;
import dev.switchboard.console.internal.ui.SessionGuard;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's servlet on the Jakarta servlet whiteboard (PLAT-2, INB-2): the DS component that holds the
 * console's services and settings, and makes a new {@link VaadinConsole} for each {@link #init} (the whiteboard
 * initialises one servlet object again after a {@code destroy} when Jetty restarts, which Vaadin's servlet does not
 * survive) and hands it every request.
 *
 * <p>Stored files (attachments, client photos) are served by the same servlet at {@code files/<id>} through a Vaadin
 * request handler ({@link FileRequestHandler}), so that they are given to logged-in members only, judged by the
 * console's own session.
 */
@Component(service = Servlet.class, configurationPid = ConsoleConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {
                HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=switchboard-console",
                HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
                // Atmosphere's long-polling and websocket upgrades park requests asynchronously
                HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED + ":Boolean=true",
                HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                        + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + ConsoleContextHelper.NAME + ")"
        })
@Designate(ocd = ConsoleConfig.class)
public final class ConsoleServlet extends GenericServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);

    private final transient ConsoleServices services;
    private final transient ConsoleI18N i18n = new ConsoleI18N();
    private final transient ConsoleUiSetup uiSetup;
    private final transient FileRequestHandler fileHandler;
    private final String contextPath;
    private final Transport transport;
    private final transient TrustedProxies proxies;
    private final transient SessionCookie cookie;
    private final transient SecurityHeaders headers;
    /** The Vaadin of the current {@link #init}; null before it and after {@link #destroy}. */
    private transient volatile VaadinConsole vaadin;

    @Activate
    public ConsoleServlet(ConsoleConfig config,
                          @Reference Authenticator authenticator,
                          @Reference MemberService members,
                          @Reference ProjectService projects,
                          @Reference InboxService inbox,
                          @Reference ChatService chats,
                          @Reference GroupService groups,
                          @Reference PanelRegistry panels,
                          @Reference ChatEventBridge live,
                          @Reference CardService cards,
                          @Reference TagService tags,
                          @Reference FunnelService funnels,
                          @Reference ContactSearch search,
                          @Reference ContactChats contactChats,
                          @Reference ContactSources sources,
                          @Reference ConnectionService connections,
                          @Reference FileStore files,
                          @Reference PresenceReporter presence,
                          @Reference SessionGuard guard) {
        this.contextPath = config.osgi_http_whiteboard_context_path();
        this.proxies = TrustedProxies.parse(config.trusted_proxies());
        if (!proxies.refused().isEmpty()) {
            LOG.error("Not trusted as proxies, being neither an IP address nor a CIDR range: {} (trusted.proxies in {})",
                    proxies.refused(), ConsoleConfig.PID);
        }
        this.cookie = new SessionCookie(config.session_cookie_sameSite());
        this.headers = new SecurityHeaders(config.content_security_policy());
        this.transport = Transport.valueOf(config.push_transport().name());
        ConsoleSettings settings = new ConsoleSettings(config.inbox_page_size());
        Map<Class<?>, Object> byType = new LinkedHashMap<>();
        byType.put(Authenticator.class, authenticator);
        byType.put(MemberService.class, members);
        byType.put(ProjectService.class, projects);
        byType.put(InboxService.class, inbox);
        byType.put(PanelRegistry.class, panels);
        byType.put(ChatEventBridge.class, live);
        byType.put(PresenceReporter.class, presence);
        byType.put(SessionGuard.class, guard);
        byType.put(ChatSupport.class, new ChatSupport(chats, members, groups, panels, i18n));
        byType.put(CardSupport.class, new CardSupport(cards, tags, funnels, search, contactChats, sources));
        byType.put(ConsoleI18N.class, i18n);
        byType.put(ConsoleSettings.class, settings);
        byType.put(ConnectionService.class, connections);
        byType.put(FileStore.class, files);
        this.services = new ConsoleServices(byType);
        this.fileHandler = new FileRequestHandler(files, members, guard);
        this.uiSetup = new ConsoleUiSetup(Duration.ofMinutes(config.session_timeout_minutes()), guard);
    }

    @Override
    public void init(ServletConfig servletConfig) throws ServletException {
        super.init(servletConfig);
        VaadinConsole fresh = new VaadinConsole(services, i18n, uiSetup, fileHandler, contextPath, transport);
        fresh.init(servletConfig);
        vaadin = fresh;
    }

    /**
     * Every response gets the console's {@link SecurityHeaders} before Vaadin writes anything; Vaadin gets the request
     * as {@link ConsoleRequest} sees it (the client's address and scheme, the session cookie hardened).
     */
    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        VaadinConsole current = vaadin;
        if (current == null) {
            throw new ServletException("The console is not started");
        }
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            throw new ServletException("The console speaks HTTP only");
        }
        headers.apply(httpResponse);
        current.service(new ConsoleRequest(http, httpResponse, proxies, cookie), httpResponse);
    }

    @Override
    public void destroy() {
        VaadinConsole current = vaadin;
        vaadin = null;
        if (current != null) {
            current.destroy();
        }
    }
}
