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
import dev.switchboard.api.card.ContactHit;
import dev.switchboard.api.card.ContactSearch;
import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.card.FunnelService;
import dev.switchboard.api.card.PersonalInfo;
import dev.switchboard.api.card.Tag;
import dev.switchboard.api.card.TagService;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.RequestSummary;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.interactions.Sources;
import dev.switchboard.api.interactions.Visit;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.itest.kit.Connected;
import dev.switchboard.itest.kit.Flows;
import dev.switchboard.itest.kit.Http;
import dev.switchboard.itest.kit.Json;
import dev.switchboard.itest.kit.Webhook;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The client card end to end in the booted distribution on PostgreSQL, fed by the test channel's platform through
 * the core's webhook (CARD-1..4, CARD-6..9, INB-7, TEAM-5/6, MSG-4): the first message creates the card with the
 * channel's names at the funnel's first stage and its photo fetched into the store, a redelivery creates nothing,
 * newer names refresh it, tracking fields become contact sources; the member who took the chat edits the card and
 * the chat records it, a member without relation to the chat may not; search finds the client by phone digits and
 * e-mail; the card lists the request.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClientCardIT {

    static final String DB = "switchboard_itest_client_card";

    @Inject
    ProjectService projects;

    @Inject
    MemberService members;

    @Inject
    ConnectionService connections;

    @Inject
    ChatService chats;

    @Inject
    ContactDirectory directory;

    @Inject
    CardService cards;

    @Inject
    TagService tags;

    @Inject
    FunnelService funnels;

    @Inject
    ContactSearch search;

    @Inject
    ContactSources sources;

    @Inject
    ContactChats contactChats;

    @Inject
    FileStore files;

    @Configuration
    public Option[] config() throws SQLException {
        Postgres.recreate(DB);
        int port = ExamOptions.freePort();
        List<Option> options = new ArrayList<>(ExamOptions.distribution(port));
        options.add(systemProperty(Http.PORT).value(Integer.toString(port)));
        options.add(systemProperty("switchboard.version").value(System.getProperty("switchboard.version")));
        options.addAll(ExamOptions.postgres(DB));
        options.add(ExamOptions.testChannel());
        return options.toArray(new Option[0]);
    }

    @Test
    public void aClientsCardIsCreatedFedByTheChannelEditedByTheTeamAndFoundBySearch() throws Exception {
        Http http = Http.local();
        TestChannel channel = new TestChannel(http);
        Flows flows = new Flows(projects, members, connections, chats, directory, contactChats);
        flows.awaitType(TestChannel.TYPE);
        Project project = projects.create("Client card IT");
        Member owner = members.add(project.id(), "card-owner@example.com", "Card Owner", Role.OWNER);
        Member vitaly = members.add(project.id(), "card-vitaly@example.com", "Vitaly", Role.MANAGER);
        Member dima = members.add(project.id(), "card-dima@example.com", "Dima", Role.MANAGER);
        ConnectionDetails details = connections.create(project.id(), owner.id(), TestChannel.TYPE, "Card channel",
                Map.of());
        Connected connected = new Connected(project.id(), owner.id(), details.connection(), details.webhookUrl());
        ChannelConnection connection = details.connection();

        // CARD-1, CARD-2, CARD-8: the first message with the channel's profile and the visit it came from
        Webhook first = channel.signed(connection.id().value(),
                TestChannel.message("card-1", "anna-1", "Hello, I would like a green sofa")
                        .put("first_name", "Anna").put("last_name", "Petrova")
                        .put("photo", TestChannel.file(channel.file("photo.jpg"), "anna.jpg", "image"))
                        .put("source", "promo-qr")
                        .put("tracking", Json.object("ga", "GA1.2.1234567890.1600000000", "url",
                                "https://shop.example/sofas?utm_source=google&utm_medium=cpc&utm_campaign=autumn",
                                "referrer", "https://www.google.com/")));
        assertEquals(200, http.send(connected.webhookUrl(), first).statusCode());
        ChatId chat = flows.awaitChat(connected, "anna-1");
        ContactId contact = directory.find(connection.id(), "anna-1").orElseThrow();
        assertEquals(Optional.of(contact), chats.get(chat, owner.id()).contact());

        Card card = cards.card(contact, owner.id());
        assertEquals(Optional.of("Anna"), card.personal().firstName());
        assertEquals(Optional.of("Petrova"), card.personal().lastName());
        Funnel funnel = funnels.funnelOf(project.id()).orElseThrow();
        assertEquals(funnel.stages().get(0).key(), card.status().orElseThrow().stage().key());
        // CARD-2: the photo is fetched from the platform into the store and shown from there
        FileId photo = until(() -> cards.card(contact, owner.id()).photo(), Optional::isPresent).orElseThrow();
        StoredFile stored = files.find(photo).orElseThrow();
        assertEquals("image/jpeg", stored.contentType());
        assertEquals(project.id(), stored.project());
        assertEquals(http.bytes(channel.file("photo.jpg")).body().length, stored.size());

        // a redelivery of the same message: answered 200, still one message and one contact
        assertEquals(200, http.send(connected.webhookUrl(), first).statusCode());
        assertEquals(List.of("Hello, I would like a green sofa"), flows.inboundTexts(connected, chat));
        assertEquals(Optional.of(contact), directory.find(connection.id(), "anna-1"));
        assertEquals(1, search.search(project.id(), owner.id(), "Petrova", Optional.empty(), 10).items().size());

        // CARD-2: a later message with a newer profile refreshes the names
        Webhook second = channel.signed(connection.id().value(), TestChannel.message("card-2", "anna-1",
                "Is it in stock?").put("first_name", "Anna-Maria").put("last_name", "Petrova"));
        assertEquals(200, http.send(connected.webhookUrl(), second).statusCode());
        assertEquals(Optional.of("Anna-Maria"), cards.card(contact, owner.id()).personal().firstName());

        // CARD-8: acquisition tool, Google client id, the visit with its UTM tags
        Sources s = sources.sources(contact);
        assertTrue("tools " + s.tools(), s.tools().stream()
                .anyMatch(a -> a.tool().name().equals("promo-qr") && a.tool().kind().equals("link")));
        assertTrue("google ids " + s.googleIds(), s.googleIds().stream()
                .anyMatch(g -> g.clientId().equals("1234567890.1600000000")));
        assertEquals("visits " + s.visits(), 1, s.visits().size());
        Visit visit = s.visits().get(0);
        assertEquals(Optional.of("https://www.google.com/"), visit.referrer());
        assertEquals(Map.of("source", "google", "medium", "cpc", "campaign", "autumn"), visit.utm());

        // TEAM-5/6: the member who took the chat edits; a member without relation to it only reads
        chats.take(chat, vitaly.id());
        Card before = cards.card(contact, vitaly.id());
        assertTrue(before.editable());
        PersonalInfo p = before.personal();
        Card edited = cards.edit(contact, vitaly.id(), new PersonalInfo(p.firstName(), p.lastName(),
                Optional.of("Anna.Petrova@Example.com"), Optional.of("8 (912) 345-67-89"), p.gender(),
                p.country(), p.city(), p.address(), Optional.of("Wants a green sofa")), before.version());
        assertEquals(Optional.of("+79123456789"), edited.personal().phone());
        String stage = funnel.stages().get(1).key();
        edited = cards.setStatus(contact, vitaly.id(), stage, edited.version());
        assertEquals(stage, edited.status().orElseThrow().stage().key());
        Tag vip = tags.create(project.id(), owner.id(), "VIP", "#c0392b");
        edited = cards.addTag(contact, vitaly.id(), vip.id());
        assertTrue(edited.tags().stream().anyMatch(t -> t.id().equals(vip.id())));

        // MSG-4: the status and the tag left system messages in the chat
        List<Message> history = until(() -> chats.history(chat, vitaly.id(), Optional.empty(), 50).items(),
                h -> h.stream().anyMatch(m -> m.event().filter(SystemEvent.TagsChanged.class::isInstance)
                        .isPresent()));
        assertTrue("status message in " + history, history.stream()
                .anyMatch(m -> m.event().filter(e -> e instanceof SystemEvent.StatusChanged c
                        && c.to().equals(stage) && c.by().equals(vitaly.id())).isPresent()));
        assertTrue("tag message in " + history, history.stream()
                .anyMatch(m -> m.event().filter(e -> e instanceof SystemEvent.TagsChanged c
                        && c.added().contains("VIP")).isPresent()));

        Card read = cards.card(contact, dima.id());
        assertFalse(read.editable());
        try {
            cards.edit(contact, dima.id(), read.personal(), read.version());
            fail("a member without relation to the client's chats edited the card");
        } catch (NotAllowed expected) {
            // TEAM-6
        }

        // INB-7: by phone digits as typed, and by e-mail
        assertEquals(List.of(contact), ids(search.search(project.id(), dima.id(), "912 345", Optional.empty(),
                10).items()));
        assertEquals(List.of(contact), ids(search.search(project.id(), dima.id(), "anna.petrova@example.com",
                Optional.empty(), 10).items()));

        // CARD-7, CARD-9: the request with its first message
        List<RequestSummary> requests = contactChats.requests(contact, owner.id());
        assertEquals(1, requests.size());
        assertEquals(chat, requests.get(0).chat());
        assertEquals("Hello, I would like a green sofa", requests.get(0).firstMessage());
        assertTrue(requests.get(0).closedAt().isEmpty());
    }

    private static List<ContactId> ids(List<ContactHit> hits) {
        return hits.stream().map(ContactHit::id).toList();
    }
}
