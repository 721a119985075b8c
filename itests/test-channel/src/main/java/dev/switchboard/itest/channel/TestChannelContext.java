package dev.switchboard.itest.channel;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/** A servlet context of its own at /test-channel, so that the console's catch-all context never shadows it. */
@Component(service = ServletContextHelper.class, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + TestChannelContext.NAME,
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH + "=/test-channel"})
public final class TestChannelContext extends ServletContextHelper {

    static final String NAME = "switchboard.itest.channel";
}
