package dev.switchboard.itest;

import static dev.switchboard.itest.kit.Await.until;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.switchboard.api.card.Card;
import dev.switchboard.api.card.CardService;
import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.card.FunnelService;
import dev.switchboard.api.card.Status;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Funnels as plugins in the booted distribution on PostgreSQL (CARD-3, architecture §4): the default funnel is
 * there after boot; the custom-funnel feature is installed as an operator does it and configured through Config
 * Admin and through a file in etc/; a project switches funnels with a mapping and keeps its statuses; the
 * funnel's bundle is stopped, started, reconfigured and uninstalled while statuses stay readable and the core
 * keeps creating contacts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FunnelHotDeployIT {

    static final String DB = "switchboard_itest_funnels";

    private static final String FEATURE = "switchboard-funnel-custom";
    private static final String BUNDLE = "dev.switchboard.funnel.custom";
    private static final String FACTORY_PID = "dev.switchboard.funnel.custom";
    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    @Inject
    BundleContext context;

    @Inject
    FeaturesService features;

    @Inject
    ConfigurationAdmin configurationAdmin;

    @Inject
    ServiceComponentRuntime scr;

    @Inject
    ProjectService projects;

    @Inject
    MemberService members;

    @Inject
    ConnectionService connections;

    @Inject
    ContactDirectory contacts;

    @Inject
    CardService cards;

    @Inject
    FunnelService funnels;

    @Inject
    Ingress ingress;

    @Configuration
    public Option[] config() throws SQLException {
        Postgres.recreate(DB);
        List<Option> options = new ArrayList<>(ExamOptions.distribution(ExamOptions.freePort()));
        options.add(systemProperty("switchboard.version").value(System.getProperty("switchboard.version")));
        options.addAll(ExamOptions.postgres(DB));
        // the contacts' connection is of the test channel's type
        options.add(ExamOptions.testChannel());
        return options.toArray(new Option[0]);
    }

    @Test
    public void CARD3_theDefaultFunnelIsThereAfterBootWithTheSixStagesOfTheSpec() throws Exception {
        Funnel funnel = until(() -> funnel("default"), f -> f.isPresent() && f.get().installed()).orElseThrow();

        assertEquals(List.of("not-client", "contacted", "interested", "desire", "client", "regular"),
                funnel.stages().stream().map(FunnelStage::key).toList());
        assertEquals(List.of("Not a client", "Contacted", "Interested", "Desire", "Client", "Regular client"),
                funnel.stages().stream().map(s -> s.name(Locale.ENGLISH)).toList());
        assertEquals(List.of("Не клиент", "Обратился", "Заинтересован", "Желание", "Клиент", "Постоянный клиент"),
                funnel.stages().stream().map(s -> s.name(RUSSIAN)).toList());
        assertEquals("Default funnel", funnel.name(Locale.ENGLISH));
        Project fresh = projects.create("Funnel IT fresh project");
        assertEquals("a project that chose nothing uses the default funnel", "default",
                funnels.funnelOf(fresh.id()).orElseThrow().key());
    }

    @Test
    public void CARD3_aCustomFunnelIsChosenWithAMappingAndItsStatusesOutliveItsBundle() throws Exception {
        Project project = projects.create("Funnel IT agency");
        Member owner = members.add(project.id(), "funnel-owner@example.com", "Funnel Owner", Role.OWNER);
        until(connections::types, types -> types.stream().anyMatch(t -> t.type().equals(TestChannel.TYPE)));
        ChannelConnection connection = connections.create(project.id(), owner.id(), TestChannel.TYPE,
                "Funnel channel");
        // A client writes first: the ingress makes her card (through the contact directory) and her chat.
        ingress.accept(new InboundMessage(connection.id(), "funnel-msg-1", "funnel-client-1",
                ClientProfile.named("Vera", "Client"), "I am looking for a flat", Instant.now(), Optional.empty()));
        ContactId vera = contacts.find(connection.id(), "funnel-client-1").orElseThrow();
        Card card = cards.card(vera, owner.id());
        card = cards.setStatus(vera, owner.id(), "interested", card.version());
        assertEquals("interested", card.status().orElseThrow().stage().key());

        features.installFeature(FEATURE);
        org.osgi.service.cm.Configuration realEstate =
                configurationAdmin.getFactoryConfiguration(FACTORY_PID, "realestate-it", "?");
        realEstate.update(realEstate(new String[] {
                "lead;Lead;Заявка;#90a4ae",
                "viewing-booked;Viewing booked;Показ назначен;#42a5f5",
                "viewing-done;Viewing done;Показ проведён;#26a69a",
                "offer;Offer;Предложение;#ffb300",
                "deal;Deal;Сделка;#43a047",
                "moved-in;Moved in;Заселился;#8e24aa"}));
        Funnel installed = until(() -> funnel("realestate"), f -> f.isPresent() && f.get().installed()).orElseThrow();
        assertEquals(List.of("lead", "viewing-booked", "viewing-done", "offer", "deal", "moved-in"),
                installed.stages().stream().map(FunnelStage::key).toList());
        assertEquals("Недвижимость", installed.name(RUSSIAN));

        int mapped = funnels.choose(project.id(), owner.id(), "realestate", Map.of("interested", "viewing-booked"));
        assertEquals("cards moved by the mapping", 1, mapped);
        assertEquals("realestate", funnels.funnelOf(project.id()).orElseThrow().key());
        assertStatus(vera, owner, "realestate", "viewing-booked", "Viewing booked", "Показ назначен", true);

        Bundle bundle = bundle(BUNDLE).orElseThrow();
        bundle.stop();
        until(() -> funnel("realestate"), f -> f.isPresent() && !f.get().installed());
        assertStatus(vera, owner, "realestate", "viewing-booked", "Viewing booked", "Показ назначен", true);

        bundle.start();
        until(() -> funnel("realestate"), f -> f.isPresent() && f.get().installed());

        realEstate.update(realEstate(new String[] {
                "lead;Lead;Заявка;#90a4ae",
                "viewing-booked;Viewing arranged;Показ согласован;#42a5f5",
                "deal;Deal;Сделка;#43a047",
                "keys-handed;Keys handed over;Ключи переданы;#8e24aa"}));
        Funnel changed = until(() -> funnel("realestate"), f -> f.isPresent() && f.get().installed()
                && f.get().stage("keys-handed").isPresent()).orElseThrow();
        assertEquals(List.of("lead", "viewing-booked", "deal", "keys-handed"),
                changed.stages().stream().map(FunnelStage::key).toList());
        assertStatus(vera, owner, "realestate", "viewing-booked", "Viewing arranged", "Показ согласован", true);

        features.uninstallFeature(FEATURE);
        until(() -> bundle(BUNDLE), Optional::isEmpty);
        until(() -> funnel("realestate"), f -> f.isPresent() && !f.get().installed());
        assertStatus(vera, owner, "realestate", "viewing-booked", "Viewing arranged", "Показ согласован", true);
        try {
            funnels.choose(project.id(), owner.id(), "realestate", Map.of());
            fail("an uninstalled funnel cannot be chosen");
        } catch (InvalidInput expected) {
            // the operator removed it
        }

        // The core keeps working without the project's funnel bundle: a new client's first message makes a card.
        Ingress.Received received = ingress.accept(new InboundMessage(connection.id(), "funnel-msg-2",
                "funnel-client-2", ClientProfile.named("Oleg", "Newcomer"), "Do you have a flat?", Instant.now(),
                Optional.empty()));
        assertFalse(received.duplicate());
        ContactId oleg = contacts.find(connection.id(), "funnel-client-2").orElseThrow();
        assertEquals("Oleg", cards.card(oleg, owner.id()).personal().firstName().orElseThrow());

        // Back to the default funnel: the status is kept, readable, and marked as not of the current funnel.
        funnels.choose(project.id(), owner.id(), "default", Map.of());
        assertStatus(vera, owner, "realestate", "viewing-booked", "Viewing arranged", "Показ согласован", false);
        realEstate.delete();
    }

    @Test
    public void CARD3_aFunnelFileInEtcIsReadAsUtf8AndABrokenOneRegistersNothing() throws Exception {
        features.installFeature(FEATURE);
        Path etc = Path.of(System.getProperty("karaf.etc"));
        Path good = etc.resolve("dev.switchboard.funnel.custom-b2b.cfg");
        Path broken = etc.resolve("dev.switchboard.funnel.custom-broken.cfg");
        Files.writeString(good, String.join("\n",
                "# A B2B sales funnel",
                "key = b2b",
                "name.en = B2B sales",
                "name.ru = Продажи B2B",
                "stages = call;First call;Первый звонок;#90a4ae, \\",
                "         meeting;Meeting;Встреча;#42a5f5, \\",
                "         contract;Contract signed;Договор подписан;#43a047",
                ""), StandardCharsets.UTF_8);
        Files.writeString(broken, String.join("\n",
                "key = broken",
                "name.en = Broken",
                "stages = call;First call;Первый звонок;#90a4ae, meeting;Meeting;Встреча;blue",
                ""), StandardCharsets.UTF_8);
        try {
            Funnel b2b = until(() -> funnel("b2b"), f -> f.isPresent() && f.get().installed()).orElseThrow();
            assertEquals("Продажи B2B", b2b.name(RUSSIAN));
            assertEquals(List.of("Первый звонок", "Встреча", "Договор подписан"),
                    b2b.stages().stream().map(s -> s.name(RUSSIAN)).toList());
            assertEquals(List.of(10, 20, 30), b2b.stages().stream().map(FunnelStage::order).toList());

            // The broken file's component is active (it read its configuration) and registered no funnel.
            String pid = until(() -> activeConfigurationFrom("dev.switchboard.funnel.custom-broken.cfg"),
                    Optional::isPresent).orElseThrow();
            assertEquals("no funnel service for " + pid, List.of(), funnelServicesOf(pid));
            assertTrue("a broken configuration is not listed", funnel("broken").isEmpty());
        } finally {
            Files.delete(good);
            Files.delete(broken);
        }
        until(() -> funnel("b2b"), f -> f.isPresent() && !f.get().installed());
    }

    private static Dictionary<String, Object> realEstate(String[] stages) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("key", "realestate");
        properties.put("name.en", "Real estate");
        properties.put("name.ru", "Недвижимость");
        properties.put("stages", stages);
        return properties;
    }

    private void assertStatus(ContactId contact, Member viewer, String funnel, String stage, String english,
                              String russian, boolean current) {
        Status status = cards.card(contact, viewer.id()).status().orElseThrow(() -> new AssertionError("no status"));
        assertEquals(funnel, status.funnel());
        assertEquals(stage, status.stage().key());
        assertEquals(english, status.stage().name(Locale.ENGLISH));
        assertEquals(russian, status.stage().name(RUSSIAN));
        assertEquals("status of the current funnel", current, status.current());
    }

    private Optional<Funnel> funnel(String key) {
        return funnels.funnels().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    private Optional<Bundle> bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The PID of the custom funnel component's active configuration read from this file in etc/, if any. */
    private Optional<String> activeConfigurationFrom(String fileName) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.equals(BUNDLE)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                Object file = c.properties.get("felix.fileinstall.filename");
                if (c.state == ComponentConfigurationDTO.ACTIVE && file != null
                        && file.toString().endsWith("/" + fileName)) {
                    return Optional.of(String.valueOf(c.properties.get("service.pid")));
                }
            }
        }
        return Optional.empty();
    }

    private List<ServiceReference<FunnelDefinition>> funnelServicesOf(String pid) throws Exception {
        return List.copyOf(context.getServiceReferences(FunnelDefinition.class,
                "(funnel.configuration=" + pid + ")"));
    }
}
