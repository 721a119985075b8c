package dev.switchboard.console.internal.web;

import java.util.Map;
import java.util.Optional;

/**
 * The OSGi services and settings that console views may ask for in their constructors; the console's
 * {@link ConsoleInstantiator} hands them out by type, so no view reaches for a static holder.
 */
public final class ConsoleServices {

    private final Map<Class<?>, Object> byType;

    ConsoleServices(Map<Class<?>, Object> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** The service of exactly this type, if the console offers one. */
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(byType.get(type)).map(type::cast);
    }
}
