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
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import com.vaadin.flow.server.startup.ErrorNavigationTargetInitializer;
import com.vaadin.flow.server.startup.LookupServletContainerInitializer;
import com.vaadin.flow.server.startup.VaadinAppShellInitializer;
import com.vaadin.flow.shared.ui.Transport;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import dev.switchboard.console.internal.ui.ConsoleShell;
import dev.switchboard.console.internal.ui.Routes;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vaadin in the console's servlet context, for one {@code init} of {@link ConsoleServlet} (PLAT-2, INB-2): made anew
 * each time the whiteboard initialises the console, and never initialised twice. Vaadin's servlet keeps its service
 * after {@code destroy} and skips its set-up on a second {@code init}; Felix HTTP destroys and initialises the same
 * servlet again when it restarts Jetty (the HTTP port changed), so one Vaadin servlet per {@code init} is the only
 * way the console comes back there.
 *
 * <p>No servlet container scans bundles for Vaadin's {@code ServletContainerInitializer}s here, so {@link #init}
 * does by hand what they would do, in their order: Vaadin's lookup first, then the app shell, the error views and
 * the routes. Vaadin finds its resources (the precompiled frontend, {@code flow-build-info.json}) and services by
 * class loader; {@link VaadinClassLoader} sees both the vaadin-runtime and the console bundle and is installed as
 * the service's class loader and, while Vaadin runs, as the thread context class loader.
 *
 * <p>The whiteboard's servlet context belongs to the console's {@link ConsoleContextHelper}, not to the servlet: it
 * outlives the servlet when only the servlet is registered anew (the store, a core bundle or a service the console
 * uses restarted). Vaadin keeps its lookup, route registry and the like in context attributes and refuses to set
 * its lookup twice, so {@link ContextAttributes} takes away on {@link #destroy} (or a failed {@link #init}) whatever
 * Vaadin added, and the next Vaadin starts in the context as the first one did. Browser sessions of an earlier
 * Vaadin are let go ({@link ConsoleService#readFromHttpSession}): their pages hold that console's services.
 */
final class VaadinConsole extends VaadinServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(VaadinConsole.class);

    private final transient ClassLoader vaadinLoader = new VaadinClassLoader(VaadinServlet.class.getClassLoader(),
            VaadinConsole.class.getClassLoader());
    private final transient ConsoleServices services;
    private final transient ConsoleI18N i18n;
    private final transient VaadinServiceInitListener uiSetup;
    private final transient RequestHandler fileHandler;
    private final String contextPath;
    private final Transport transport;
    /** What the context held before this Vaadin started; null until {@link #init}. */
    private transient ContextAttributes contextAttributes;

    VaadinConsole(ConsoleServices services, ConsoleI18N i18n, VaadinServiceInitListener uiSetup,
                  RequestHandler fileHandler, String contextPath, Transport transport) {
        this.services = services;
        this.i18n = i18n;
        this.uiSetup = uiSetup;
        this.fileHandler = fileHandler;
        this.contextPath = contextPath;
        this.transport = transport;
    }

    @Override
    public void init(ServletConfig servletConfig) throws ServletException {
        if (contextAttributes != null) {
            throw new IllegalStateException("A console's Vaadin is initialised once; make a new one");
        }
        long started = System.nanoTime();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(vaadinLoader);
        ServletContext servletContext = servletConfig.getServletContext();
        contextAttributes = ContextAttributes.of(servletContext);
        try {
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
        } catch (ServletException | RuntimeException | Error e) {
            // the whiteboard does not destroy a servlet whose init failed: leave the context as it was found
            contextAttributes.restore();
            throw e;
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
            if (contextAttributes != null) {
                contextAttributes.restore();
            }
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

        /**
         * A Vaadin session made by an earlier registration of the console (same HTTP session, same servlet name)
         * is dropped rather than adopted: its pages were built with that servlet's services, which are gone, and
         * its login may belong to another database. Its UIs are detached (their listeners leave), the browser's
         * next request finds no session and the page reloads, at the login page.
         */
        @Override
        protected VaadinSession readFromHttpSession(WrappedSession wrappedSession) {
            VaadinSession session = super.readFromHttpSession(wrappedSession);
            if (session != null && session.getService() != this) {
                LOG.debug("Dropping a console session of an earlier registration");
                VaadinService earlier = session.getService();
                // unbinding queues the session's destruction (its UIs closed and detached) behind the session lock,
                // which this request holds; run it now, or it would wait for an unlock that never comes
                wrappedSession.removeAttribute(getSessionAttributeName());
                if (earlier != null) {
                    earlier.runPendingAccessTasks(session);
                }
                return null;
            }
            return session;
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
