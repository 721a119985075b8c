package dev.switchboard.console.internal.web;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One class loader for Vaadin that sees both the vaadin-runtime bundle (Flow's classes, {@code META-INF/VAADIN}
 * with the precompiled frontend, the embedded jars' {@code META-INF/resources} and {@code META-INF/services})
 * and the console bundle (its views and messages). Vaadin looks things up by name through its service's class
 * loader and the thread context class loader; neither bundle's loader alone sees everything.
 */
final class VaadinClassLoader extends ClassLoader {

    private final List<ClassLoader> delegates;

    VaadinClassLoader(ClassLoader vaadinRuntime, ClassLoader console) {
        super(null);
        this.delegates = List.of(vaadinRuntime, console);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader delegate : delegates) {
            try {
                return delegate.loadClass(name);
            } catch (ClassNotFoundException notThere) {
                // the next bundle may have it
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader delegate : delegates) {
            URL url = delegate.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        LinkedHashSet<URL> urls = new LinkedHashSet<>();
        for (ClassLoader delegate : delegates) {
            urls.addAll(Collections.list(delegate.getResources(name)));
        }
        return Collections.enumeration(new ArrayList<>(urls));
    }
}
