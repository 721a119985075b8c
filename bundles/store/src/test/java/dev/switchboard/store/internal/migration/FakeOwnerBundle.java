package dev.switchboard.store.internal.migration;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleReference;
import org.osgi.framework.wiring.BundleWiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of an owner bundle, as far as the store uses it: {@code FrameworkUtil.getBundle} finds a
 * bundle behind it, whose wiring lists the files under {@code root}. Like a Felix bundle class loader it answers
 * {@code getResource} but does not list folders through {@code getResources}, so Flyway's own class-path scanner
 * finds nothing here and only the wiring can.
 */
final class FakeOwnerBundle extends ClassLoader implements BundleReference {

    private final Path root;
    private final Bundle bundle;

    FakeOwnerBundle(Path root) {
        super(FakeOwnerBundle.class.getClassLoader());
        this.root = root;
        BundleWiring wiring = proxy(BundleWiring.class, (method, args) -> switch (method) {
            case "getClassLoader" -> this;
            case "listResources" -> list((String) args[0], (String) args[1], (Integer) args[2]);
            default -> throw new UnsupportedOperationException(method);
        });
        this.bundle = proxy(Bundle.class, (method, args) -> switch (method) {
            case "adapt" -> args[0] == BundleWiring.class ? wiring : null;
            case "getSymbolicName" -> "fake.owner";
            default -> throw new UnsupportedOperationException(method);
        });
    }

    @Override
    public Bundle getBundle() {
        return bundle;
    }

    @Override
    protected URL findResource(String name) {
        Path file = root.resolve(name);
        try {
            return Files.exists(file) ? file.toUri().toURL() : null;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        return Collections.emptyEnumeration();
    }

    private List<String> list(String path, String pattern, int options) {
        if ((options & BundleWiring.LISTRESOURCES_RECURSE) == 0) {
            throw new UnsupportedOperationException("the store lists recursively");
        }
        Path folder = root.resolve(path.replaceFirst("^/", ""));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> matcher.matches(file.getFileName()))
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> "fake " + type.getSimpleName();
                    default -> answer.answer(method.getName(), args);
                }));
    }
}
