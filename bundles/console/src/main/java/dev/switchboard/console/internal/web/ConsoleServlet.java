package dev.switchboard.console.internal.web;

import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.di.LookupInitializer;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.router.InternalServerError;
import com.vaadin.flow.router.RouteNotFoundError;
import com.vaadin.flow.server.Constants;
import com.vaadin.flow.server.InitParameters;
import com.vaadin.flow.server.RequestHandler;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import com.vaadin.flow.server.startup.ErrorNavigationTargetInitializer;
import com.vaadin.flow.server.startup.LookupServletContainerInitializer;
import com.vaadin.flow.server.startup.VaadinAppShellInitializer;
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
import dev.switchboard.console.internal.ui.ConsoleShell;
import dev.switchboard.console.internal.ui.ConsoleUiSetup;
import dev.switchboard.console.internal.ui.Routes;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's Vaadin servlet on the Jakarta servlet whiteboard (PLAT-2, INB-2).
 *
 * <p>No servlet container scans bundles for Vaadin's {@code ServletContainerInitializer}s here, so {@link #init}
 * does by hand what they would do, in their order: Vaadin's lookup first, then the app shell, the error views and
 * the routes. Vaadin finds its resources (the precompiled frontend, {@code flow-build-info.json}) and services by
 * class loader; {@link VaadinClassLoader} sees both the vaadin-runtime and the console bundle and is installed as
 * the service's class loader and, while Vaadin runs, as the thread context class loader.
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
public final class ConsoleServlet extends VaadinServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);

    private final transient ClassLoader vaadinLoader = new VaadinClassLoader(VaadinServlet.class.getClassLoader(),
            ConsoleServlet.class.getClassLoader());
    private final transient ConsoleServices services;
    private final transient ConsoleI18N i18n = new ConsoleI18N();
    private final transient ConsoleUiSetup uiSetup;
    private final transient FileRequestHandler fileHandler;
    private final String contextPath;
    private final Transport transport;

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
                          @Reference PresenceReporter presence) {
        this.contextPath = config.osgi_http_whiteboard_context_path();
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
        byType.put(ChatSupport.class, new ChatSupport(chats, members, groups, panels, i18n));
        byType.put(CardSupport.class, new CardSupport(cards, tags, funnels, search, contactChats, sources));
        byType.put(ConsoleI18N.class, i18n);
        byType.put(ConsoleSettings.class, settings);
        byType.put(ConnectionService.class, connections);
        byType.put(FileStore.class, files);
        this.services = new ConsoleServices(byType);
        this.fileHandler = new FileRequestHandler(files, members);
        this.uiSetup = new ConsoleUiSetup(Duration.ofMinutes(config.session_timeout_minutes()));
    }

    @Override
    public void init(ServletConfig servletConfig) throws ServletException {
        long started = System.nanoTime();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(vaadinLoader);
        try {
            ServletContext servletContext = servletConfig.getServletContext();
            new LookupServletContainerInitializer().process(new HashSet<>(Set.of(LookupInitializer.class)),
                    servletContext);
            VaadinServletContext context = new VaadinServletContext(servletContext);
            VaadinAppShellInitializer.init(new HashSet<>(Set.of(ConsoleShell.forTransport(transport))),
                    context);
            new ErrorNavigationTargetInitializer().initialize(
                    new HashSet<>(Set.of(RouteNotFoundError.class, InternalServerError.class)), context);
            Routes.register(ApplicationRouteRegistry.getInstance(context));
            super.init(new ConsoleServletConfig(servletConfig, pushPath()));
            LOG.info("Console started at {} in {} ms, mode={}, push={}", contextPath,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    getService().getDeploymentConfiguration().getMode().name(), transport);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Where the browser opens the push websocket: Vaadin's {@code VAADIN/push} under the context path. */
    private String pushPath() {
        String prefix = contextPath.endsWith("/") ? contextPath.substring(0, contextPath.length() - 1) : contextPath;
        return prefix + "/" + Constants.PUSH_MAPPING;
    }

    @Override
    protected VaadinServletService createServletService(DeploymentConfiguration configuration)
            throws ServiceException {
        VaadinServletService service = new ConsoleService(this, configuration);
        service.setClassLoader(vaadinLoader);
        service.init();
        return service;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(vaadinLoader);
        try {
            super.service(request, response);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void destroy() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(vaadinLoader);
        try {
            super.destroy();
            LOG.info("Console at {} stopped", contextPath);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Hands views their OSGi collaborators through {@link ConsoleInstantiator}. */
    private final class ConsoleService extends VaadinServletService {
        private static final long serialVersionUID = 1L;

        ConsoleService(VaadinServlet servlet, DeploymentConfiguration configuration) {
            super(servlet, configuration);
        }

        /**
         * Adds the stored files' download handler ({@code files/<id>}). Vaadin reverses this list, so the handler
         * added last is asked first: file addresses never reach the bootstrap page or the router.
         */
        @Override
        protected List<RequestHandler> createRequestHandlers() throws ServiceException {
            List<RequestHandler> handlers = super.createRequestHandlers();
            handlers.add(fileHandler);
            return handlers;
        }

        @Override
        protected Instantiator createInstantiator() {
            return new ConsoleInstantiator(this, services, i18n, uiSetup);
        }

        /**
         * Asks the servlet context directly. Vaadin's own version, seeing Jetty 12, checks that the URL exists
         * through {@code Path.of(url.toURI())}, which fails for {@code bundle:} URLs; the console's context
         * helper only ever returns URLs of resources that exist.
         */
        @Override
        public URL getStaticResource(String path) {
            try {
                return getServlet().getServletContext().getResource(path);
            } catch (MalformedURLException e) {
                LOG.warn("Cannot look up static resource {}", path, e);
                return null;
            }
        }
    }

    /**
     * Adds the init parameters a WAR's web.xml would carry. Production mode is also in the precompiled bundle's
     * {@code flow-build-info.json}; saying it here keeps a missing file from silently starting development mode.
     * The frontend mapping is named because the whiteboard's servlet context does not list its registrations.
     */
    private static final class ConsoleServletConfig implements ServletConfig {
        /** {@code org.atmosphere.cpr.ApplicationConfig.JSR356_MAPPING_PATH}; Atmosphere is private to vaadin-runtime. */
        private static final String ATMOSPHERE_JSR356_MAPPING_PATH = "org.atmosphere.container.JSR356AsyncSupport.mappingPath";

        private final ServletConfig delegate;
        private final Map<String, String> parameters = new LinkedHashMap<>();

        ConsoleServletConfig(ServletConfig delegate, String pushPath) {
            this.delegate = delegate;
            for (String name : Collections.list(delegate.getInitParameterNames())) {
                parameters.put(name, delegate.getInitParameter(name));
            }
            parameters.put(InitParameters.SERVLET_PARAMETER_PRODUCTION_MODE, "true");
            parameters.put(VaadinServlet.INTERNAL_VAADIN_SERVLET_VITE_DEV_MODE_FRONTEND_PATH, "/*");
            // Atmosphere registers its websocket endpoint at the servlet's mapping, which it reads from the servlet
            // registrations the whiteboard does not offer; name it, as Vaadin's Spring integration does
            parameters.put(ATMOSPHERE_JSR356_MAPPING_PATH, pushPath);
        }

        @Override
        public String getServletName() {
            return delegate.getServletName();
        }

        @Override
        public ServletContext getServletContext() {
            return delegate.getServletContext();
        }

        @Override
        public String getInitParameter(String name) {
            return parameters.get(name);
        }

        @Override
        public Enumeration<String> getInitParameterNames() {
            return Collections.enumeration(List.copyOf(parameters.keySet()));
        }
    }
}
