package dev.switchboard.console.internal.web;

import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attributes of a servlet context as one servlet found them, so that the servlet can leave the context as it
 * found it. On the servlet whiteboard the context belongs to its {@code ServletContextHelper} and lives as long as
 * that is registered; a servlet registered anew in it (its own references changed) meets what the servlet before
 * it left there. Vaadin stores its lookup, route registry, app shell and more as context attributes and refuses to
 * set its lookup a second time, so a console that did not take them away could not start again.
 */
final class ContextAttributes {

    private static final Logger LOG = LoggerFactory.getLogger(ContextAttributes.class);

    private final ServletContext context;
    private final Set<String> found;

    private ContextAttributes(ServletContext context, Set<String> found) {
        this.context = context;
        this.found = found;
    }

    /** Remembers the names {@code context} holds now. */
    static ContextAttributes of(ServletContext context) {
        return new ContextAttributes(context, new HashSet<>(Collections.list(context.getAttributeNames())));
    }

    /**
     * Removes every attribute added since {@link #of}; the ones found then are left alone, whatever their value
     * is now. Safe to run more than once.
     */
    void restore() {
        List<String> added = Collections.list(context.getAttributeNames()).stream()
                .filter(name -> !found.contains(name)).toList();
        // not through VaadinServletContext, which refuses to remove the lookup
        added.forEach(context::removeAttribute);
        LOG.debug("Removed {} attributes from the console's servlet context: {}", added.size(), added);
    }
}
