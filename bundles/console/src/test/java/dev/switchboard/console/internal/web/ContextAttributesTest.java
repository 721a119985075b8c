package dev.switchboard.console.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.di.Lookup;
import com.vaadin.flow.di.LookupInitializer;
import com.vaadin.flow.server.startup.LookupServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the console's servlet is registered anew in the same whiteboard context when the store (or another
 * service it uses) restarts; Vaadin's lookup, set once per context, made the second start fail and the console
 * answered 404 until Karaf restarted.
 */
class ContextAttributesTest {

    @Test
    void vaadinStartsASecondTimeInTheContextTheFirstServletLeft() throws Exception {
        ServletContext context = context(Map.of("jetty.tempdir", "kept"));
        ContextAttributes first = ContextAttributes.of(context);
        initialiseLookup(context);
        assertThat(context.getAttribute(Lookup.class.getName())).isNotNull();

        first.restore();

        assertThat(Collections.list(context.getAttributeNames())).containsExactly("jetty.tempdir");
        ContextAttributes second = ContextAttributes.of(context);
        initialiseLookup(context);
        assertThat(context.getAttribute(Lookup.class.getName())).isNotNull();
        second.restore();
        second.restore();
        assertThat(context.getAttribute("jetty.tempdir")).isEqualTo("kept");
    }

    /** What the console did before: the second start in the same context fails as it did in Karaf. */
    @Test
    void withoutRestoringTheSecondStartFailsOnTheLookup() throws Exception {
        ServletContext context = context(Map.of());
        initialiseLookup(context);
        assertThatThrownBy(() -> initialiseLookup(context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has been already set once");
    }

    private static void initialiseLookup(ServletContext context) throws Exception {
        new LookupServletContainerInitializer().process(new HashSet<>(Set.of(LookupInitializer.class)), context);
    }

    /** A servlet context with attributes and nothing else, as much of one as Vaadin's lookup needs. */
    private static ServletContext context(Map<String, Object> initial) {
        Map<String, Object> attributes = new ConcurrentHashMap<>(initial);
        ClassLoader loader = ContextAttributesTest.class.getClassLoader();
        return (ServletContext) Proxy.newProxyInstance(loader, new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    case "removeAttribute" -> {
                        attributes.remove((String) args[0]);
                        yield null;
                    }
                    case "getAttributeNames" -> Collections.enumeration(List.copyOf(attributes.keySet()));
                    case "getInitParameterNames" -> Collections.emptyEnumeration();
                    case "getInitParameter" -> null;
                    case "getClassLoader" -> loader;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test servlet context";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
