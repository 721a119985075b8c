package dev.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.UnitSpec;
import dev.switchboard.api.team.Authenticator;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.console.api.ConsolePanel;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.Repository;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.dto.ServiceReferenceDTO;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;

/**
 * What every boot of the distribution must give, whichever database it is pointed at. Runs inside the
 * container (Pax Exam probe); subclasses choose the database.
 */
public abstract class DistributionChecks {

    static final String HTTP_PORT = "itest.http.port";

    @Inject
    protected BundleContext context;

    @Inject
    protected Database database;

    @Inject
    protected ProjectService projects;

    @Inject
    protected Authenticator authenticator;

    @Inject
    protected ServiceComponentRuntime scr;

    @Inject
    protected FeaturesService features;

    @Test
    public void everyBundleIsActive() throws InterruptedException {
        // The boot features are installed in the background; the probe may be running before the last start.
        List<String> notActive = notActiveBundles();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!notActive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            notActive = notActiveBundles();
        }
        assertEquals("bundles not active", List.of(), notActive);
    }

    private List<String> notActiveBundles() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            if (b.getState() != Bundle.ACTIVE && !(fragment && b.getState() == Bundle.RESOLVED)) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        return notActive;
    }

    /**
     * What an operator's {@code feature:list} shows is the product: the integration tests' features live in a
     * repository of their own that only the tests add.
     */
    @Test
    public void theProductsFeaturesHoldNoTestFeature() throws Exception {
        List<String> repositories = new ArrayList<>();
        List<String> testFeatures = new ArrayList<>();
        for (Repository repository : features.listRepositories()) {
            repositories.add(repository.getName());
            for (Feature feature : repository.getFeatures()) {
                if (feature.getName().toLowerCase(Locale.ROOT).contains("itest")) {
                    testFeatures.add(repository.getName() + ": " + feature.getName());
                }
            }
        }
        assertTrue("the product's repository is listed: " + repositories,
                repositories.stream().anyMatch(name -> name.startsWith("switchboard-")));
        assertEquals("features of the tests in the installation", List.of(), testFeatures);
    }

    @Test
    public void everySwitchboardComponentIsSatisfied() {
        List<String> broken = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.startsWith("dev.switchboard.")) {
                continue;
            }
            Collection<ComponentConfigurationDTO> configs = scr.getComponentConfigurationDTOs(d);
            for (ComponentConfigurationDTO c : configs) {
                if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                        || c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    broken.add(d.name + " state " + c.state + " " + c.failure);
                }
            }
        }
        assertEquals("components not satisfied", List.of(), broken);
    }

    @Test
    public void everyCoreBundleMigratedItsOwnSchema() {
        PersistenceUnit unit = probeUnit();
        for (String owner : List.of("team", "chat", "card", "interactions")) {
            Number applied = unit.read((em, tx) -> (Number) em.createNativeQuery(
                    "select count(*) from " + owner + "_schema_history where success = true").getSingleResult());
            assertTrue(owner + " has applied migrations", applied.longValue() >= 1);
        }
    }

    @Test
    public void aPluginBundleBringsItsOwnMigrations() {
        PersistenceUnit unit = probeUnit();
        Object note = unit.read((em, tx) -> em.createNativeQuery("select note from itest_probe where id = 1")
                .getSingleResult());
        assertEquals("migrated", note);
    }

    @Test
    public void firstRunCreatedTheDemoProjectAndItsOwnerCanLogIn() {
        assertFalse(projects.list().isEmpty());
        Authenticator.Result result = authenticator.authenticate(ExamOptions.OWNER_EMAIL,
                ExamOptions.OWNER_PASSWORD.toCharArray(), "127.0.0.1");
        assertTrue("owner logs in: " + result, result instanceof Authenticator.Success);
    }

    @Test
    public void consoleAnswers() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + System.getProperty(HTTP_PORT) + "/");
        HttpResponse<String> response = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // the servlet registers shortly after the bundle starts
            }
            Thread.sleep(250);
        }
        assertTrue("console answered", response != null);
        assertEquals(200, response.statusCode());
    }

    @Test
    public void panelOfAPluginGoesAndComesBackWithItsBundle() throws Exception {
        Bundle plugin = context.installBundle(new File(System.getProperty("itest.panel.jar")).toURI().toString());
        try {
            plugin.start();
            awaitPanels(1);
            plugin.stop();
            awaitPanels(0);
            plugin.start();
            awaitPanels(1);
        } finally {
            plugin.uninstall();
        }
        awaitPanels(0);
    }

    /** Waits until the console's panel registry has bound exactly {@code expected} panels of the itest bundle. */
    private void awaitPanels(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long found = -1;
        while (System.nanoTime() < deadline) {
            found = registryBound().stream().filter(bundleId -> {
                Bundle b = context.getBundle(bundleId);
                return b != null && "dev.switchboard.itest.panel".equals(b.getSymbolicName());
            }).count();
            if (found == expected) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals("itest panels bound by the console", expected, found);
    }

    /** For each ConsolePanel service the console's panel registry has bound now, the bundle that registered it. */
    private List<Long> registryBound() {
        List<Long> bound = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.equals("dev.switchboard.console") || !d.name.endsWith("PanelRegistry")) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                for (SatisfiedReferenceDTO ref : c.satisfiedReferences) {
                    for (ServiceReferenceDTO service : ref.boundServices) {
                        Object classes = service.properties.get("objectClass");
                        if (classes instanceof String[] names && List.of(names).contains(ConsolePanel.class.getName())) {
                            bound.add(service.bundle);
                        }
                    }
                }
            }
        }
        return bound;
    }

    private PersistenceUnit probeUnit() {
        return database.open(new UnitSpec("itest", getClass().getClassLoader(), List.of(), "db/migration/itest"));
    }
}
