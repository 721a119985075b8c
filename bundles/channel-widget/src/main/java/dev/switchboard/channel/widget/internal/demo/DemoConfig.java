package dev.switchboard.channel.widget.internal.demo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The demo, {@code etc/dev.switchboard.widget.demo.cfg}. Off unless configured: the distribution ships the file with
 * {@code enabled = true}, so that a new user finds the demo page; an installation assembled from the features
 * repository alone gets no connection it did not ask for.
 */
@ObjectClassDefinition(id = DemoConfig.PID, name = "Switchboard website widget demo",
        description = "A widget connection in the first project and the demo landing page at /demo/")
public @interface DemoConfig {

    String PID = "dev.switchboard.widget.demo";

    @AttributeDefinition(description = "Create a widget connection \"Website (demo)\" in the first project when it "
            + "has none, and serve the demo landing page at /demo/")
    boolean enabled() default false;
}
