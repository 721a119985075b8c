package dev.switchboard.channel.widget.internal.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The widget's HTTP settings, {@code etc/dev.switchboard.widget.cfg}. */
@ObjectClassDefinition(id = WidgetConfig.PID, name = "Switchboard website widget",
        description = "The visitors' API of the website widget at /widget")
public @interface WidgetConfig {

    String PID = "dev.switchboard.widget";

    @AttributeDefinition(description = "A reverse proxy in front adds the client's address to X-Forwarded-For: "
            + "the rate limits per address take the last address there instead of the proxy's")
    boolean trustProxy() default false;
}
