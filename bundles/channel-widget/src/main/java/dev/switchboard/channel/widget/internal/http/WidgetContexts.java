package dev.switchboard.channel.widget.internal.http;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The widget's servlet contexts, each of its own so that the console's catch-all context at {@code /} never shadows
 * them (as the hooks bundle's {@code /hooks} and {@code /media}).
 */
public final class WidgetContexts {

    public static final String WIDGET = "switchboard.widget";
    public static final String DEMO = "switchboard.widget.demo";

    private WidgetContexts() {
    }

    /** {@code /widget}: the script and the visitors' API. */
    @Component(service = ServletContextHelper.class, property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + WIDGET,
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH + "=/widget"})
    public static final class Widget extends ServletContextHelper {
    }

    /** {@code /demo}: the demo landing page with the widget. */
    @Component(service = ServletContextHelper.class, property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + DEMO,
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH + "=/demo"})
    public static final class Demo extends ServletContextHelper {
    }
}
