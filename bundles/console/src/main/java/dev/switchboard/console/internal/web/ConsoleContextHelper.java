package dev.switchboard.console.internal.web;

import com.vaadin.flow.server.VaadinServlet;
import java.net.URL;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The console's own servlet context on the Jakarta servlet whiteboard (PLAT-2). Its context path comes from the
 * console's configuration ({@link ConsoleConfig#osgi_http_whiteboard_context_path()}), which DS copies into this
 * service's properties.
 *
 * <p>Vaadin reads static resources through {@code ServletContext.getResource}; in a WAR the container would serve
 * the jars' {@code META-INF/resources}, here nobody does, so this helper maps them onto the class path of the
 * vaadin-runtime and console bundles. It also names MIME types, since the whiteboard asks the helper first.
 */
@Component(service = ServletContextHelper.class, configurationPid = ConsoleConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {
                HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + ConsoleContextHelper.NAME,
                HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH + "=/"
        })
public final class ConsoleContextHelper extends ServletContextHelper {

    static final String NAME = "switchboard.console";

    private static final String WEB_RESOURCES = "META-INF/resources";

    private final ClassLoader loader = new VaadinClassLoader(VaadinServlet.class.getClassLoader(),
            ConsoleContextHelper.class.getClassLoader());

    @Override
    public URL getResource(String name) {
        if (name == null || name.contains("..")) {
            return null;
        }
        String path = name.startsWith("/") ? name : "/" + name;
        return loader.getResource(WEB_RESOURCES + path);
    }

    @Override
    public String getMimeType(String name) {
        return MimeTypes.of(name).orElse(null);
    }
}
