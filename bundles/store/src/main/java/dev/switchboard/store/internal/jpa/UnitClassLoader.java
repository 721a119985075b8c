package dev.switchboard.store.internal.jpa;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The owner's class loader, falling back to EclipseLink's. EclipseLink loads everything named in properties
 * (the target-database platform, the logger) through the unit's class loader; an owner bundle imports
 * {@code jakarta.persistence} but not EclipseLink's internals, so the owner's loader alone cannot find them.
 */
final class UnitClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader provider;

    UnitClassLoader(String unit, ClassLoader owner, ClassLoader provider) {
        super("switchboard-unit-" + unit, owner);
        this.provider = provider;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        return provider.loadClass(name);
    }

    @Override
    protected URL findResource(String name) {
        return provider.getResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return provider.getResources(name);
    }
}
