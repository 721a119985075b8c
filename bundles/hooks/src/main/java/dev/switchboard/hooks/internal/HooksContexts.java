package dev.switchboard.hooks.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * The servlet contexts of the platform-facing endpoints, each of its own so that the console's catch-all context at
 * {@code /} never shadows them (architecture §4).
 */
final class HooksContexts {

    static final String HOOKS = "switchboard.hooks";
    static final String MEDIA = "switchboard.media";

    private HooksContexts() {
    }

    /** {@code /hooks}: webhooks of channel connections. */
    @Component(service = ServletContextHelper.class, property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + HOOKS,
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH + "=/hooks"})
    public static final class Hooks extends ServletContextHelper {
    }

    /** {@code /media}: signed public links to stored files. */
    @Component(service = ServletContextHelper.class, property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + MEDIA,
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH + "=/media"})
    public static final class Media extends ServletContextHelper {
    }
}
