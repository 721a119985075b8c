package dev.switchboard.store.internal.migration;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lists migration scripts that live in another bundle (the owner of a unit). Flyway's own OSGi scanner looks for
 * the bundle behind a {@code bundle://} URL by parsing its host, a format that differs between frameworks and
 * releases; the bundle's wiring lists exactly what the owner's class loader can load, including its
 * Bundle-ClassPath and fragments, without guessing.
 */
final class OwnerBundleResources implements ResourceProvider {

    private final List<LoadableResource> resources;
    private final Map<String, LoadableResource> byPath;

    /**
     * @param wiring  the owner's wiring
     * @param folders class-path folders to list, without leading or trailing slash
     */
    OwnerBundleResources(BundleWiring wiring, List<String> folders) {
        List<LoadableResource> found = new ArrayList<>();
        for (String folder : folders) {
            // recursive and unfiltered like Flyway's own class-path scanner, so both find the same scripts
            Collection<String> names = wiring.listResources("/" + folder, "*",
                    BundleWiring.LISTRESOURCES_LOCAL | BundleWiring.LISTRESOURCES_RECURSE);
            for (String name : names) {
                URL url = name.endsWith("/") ? null : wiring.getClassLoader().getResource(name);
                if (url != null) {
                    found.add(new BundleResource(name, name.substring(folder.length() + 1), url));
                }
            }
        }
        found.sort(null);
        this.resources = List.copyOf(found);
        this.byPath = resources.stream().collect(Collectors.toMap(LoadableResource::getRelativePath,
                // a name in common/ and in a vendor folder: Flyway reports the clash of versions itself
                Function.identity(), (first, duplicate) -> first));
    }

    /** The owner's resources, or null when {@code bundle} is not resolved and so has no class loader. */
    static OwnerBundleResources of(Bundle bundle, List<String> folders) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        return wiring == null || wiring.getClassLoader() == null ? null : new OwnerBundleResources(wiring, folders);
    }

    @Override
    public LoadableResource getResource(String name) {
        return byPath.get(name);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return resources.stream()
                .filter(resource -> matches(resource.getFilename(), prefix, suffixes))
                .toList();
    }

    private static boolean matches(String fileName, String prefix, String[] suffixes) {
        if (!fileName.startsWith(prefix)) {
            return false;
        }
        for (String suffix : suffixes) {
            if (fileName.endsWith(suffix) && fileName.length() > prefix.length() + suffix.length()) {
                return true;
            }
        }
        return false;
    }

    private static final class BundleResource extends LoadableResource {
        private final String absolutePath;
        private final String relativePath;
        private final URL url;

        BundleResource(String absolutePath, String relativePath, URL url) {
            this.absolutePath = absolutePath;
            this.relativePath = relativePath;
            this.url = url;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read migration " + absolutePath, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return absolutePath;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return url.toExternalForm();
        }

        @Override
        public String getFilename() {
            return absolutePath.substring(absolutePath.lastIndexOf('/') + 1);
        }

        @Override
        public String getRelativePath() {
            return relativePath;
        }
    }
}
