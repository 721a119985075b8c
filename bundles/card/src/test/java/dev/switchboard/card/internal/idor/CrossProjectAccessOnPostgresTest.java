package dev.switchboard.card.internal.idor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.card.ContactFilter;
import dev.switchboard.api.card.PersonalInfo;
import dev.switchboard.api.channel.ChannelCapabilities;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.channel.WebhookAnswer;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.channel.WebhookRequest;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.RequestId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.domain.TagId;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import dev.switchboard.card.internal.funnel.FunnelRegistry;
import dev.switchboard.card.internal.search.ContactSearchService;
import dev.switchboard.card.internal.service.CardServiceImpl;
import dev.switchboard.card.internal.service.ContactDirectoryImpl;
import dev.switchboard.card.internal.service.TagServiceImpl;
import dev.switchboard.card.internal.store.CardUnit;
import dev.switchboard.chat.internal.connection.ConnectionDirectory;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.contact.ContactChatsImpl;
import dev.switchboard.chat.internal.engine.ChatServiceImpl;
import dev.switchboard.chat.internal.fetch.Fetches;
import dev.switchboard.chat.internal.inbox.InboxQueries;
import dev.switchboard.chat.internal.ingress.IngressImpl;
import dev.switchboard.chat.internal.scope.CallerTypes;
import dev.switchboard.chat.internal.scope.ScopedConnections;
import dev.switchboard.chat.internal.scope.ScopedIngress;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.chat.internal.transcript.ClientTranscriptsImpl;
import dev.switchboard.chat.internal.webhook.WebhookEndpoint;
import dev.switchboard.interactions.internal.sources.ContactSourcesImpl;
import dev.switchboard.interactions.internal.store.InteractionsUnit;
import dev.switchboard.store.internal.secrets.AesGcmSecrets;
import dev.switchboard.store.testing.PostgresDatabase;
import dev.switchboard.team.internal.auth.Credentials;
import dev.switchboard.team.internal.auth.LoginThrottle;
import dev.switchboard.team.internal.auth.PasswordHasher;
import dev.switchboard.team.internal.service.GroupDirectory;
import dev.switchboard.team.internal.service.TeamDirectory;
import dev.switchboard.team.internal.store.TeamUnit;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * No cross-project reads or writes through any exported service (issue 12, TEAM-7): the table of
 * {@code docs/reliability.md}, "Cross-project access (IDOR)", as a test. Two projects, A and B, each with members, a
 * group, a tag, connections, chats, contacts with their cards and sources, requests, messages and a file, all made
 * through the real services; then the owner of A (the most powerful member there, so that a refusal is never a
 * matter of role) calls every method of every service in {@code api} that takes an id, with B's id. Each call must be
 * {@link NotFound}, never NotAllowed, which would tell the caller the id exists; where a method's contract is a
 * lookup or a filter (an Optional, a list, a yes or no), its answer must be exactly the answer for an id that names
 * nothing. And nothing may change: every table of the installation is checksummed before and after each call.
 * <p>
 * Calls that name no acting member are made as their real callers make them: a channel bundle (the website widget,
 * which registered the connector of type {@code widget}) handed the id of B's connection of type {@code test}; the
 * core with a connection deleted, or not of the project it names.
 * <p>
 * The services are the bundles' own classes on one PostgreSQL database, wired by hand as the bench does
 * ({@code bench/.../Wiring.java}): team, chat (with the bundle-scoped channel services), card and interactions on
 * their real migrations, the store's blob store and secrets.
 */
class CrossProjectAccessOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    @TempDir
    static Path keys;

    /** An id no table has issued: what a foreign id must be indistinguishable from. */
    static final long UNKNOWN = 987_654_321L;
    static final long TEST_BUNDLE = 101;
    static final long WIDGET_BUNDLE = 102;
    static final long CORE_BUNDLE = 103;

    static Services s;
    static Side a;
    static Side b;

    @BeforeAll
    static void installation() {
        s = new Services(DB.database(), DB.files(), keys);
        a = s.side("Alpha");
        b = s.side("Beta");
    }

    // ---------------------------------------------------------------------------------------------- the table

    /** What a foreign id must give. */
    enum Expect {
        /** {@link NotFound}. */
        NOT_FOUND,
        /** The answer an unknown id gets (empty, false, nothing listed, a 404): the contract of a lookup. */
        AS_UNKNOWN
    }

    /** Picks the foreign value, or in the comparison run the unknown one. */
    record Pick(boolean foreign) {
        long id(long foreignId) {
            return foreign ? foreignId : UNKNOWN;
        }

        String key(String foreignKey) {
            return foreign ? foreignKey : "k".repeat(43);
        }
    }

    /** One row: a method of a service, the id it is given, and what that must give. */
    record Row(String service, String method, String id, Expect expect, Function<Pick, Object> call) {
        String name() {
            return "IDOR_" + service + "_" + method + "_foreignIdIsNotFound (" + id + ")";
        }
    }

    static Row row(String service, String method, String id, Expect expect, Function<Pick, Object> call) {
        return new Row(service, method, id, expect, call);
    }

    static List<Row> table() {
        MemberId actor = a.owner.id();
        List<Row> rows = new ArrayList<>();
        Expect nf = Expect.NOT_FOUND;
        Expect asUnknown = Expect.AS_UNKNOWN;

        // channel: ConnectionService as the console and the card bundle get it (acting member), and as a channel
        // bundle gets it (no actor: its own types only)
        rows.add(row("ConnectionService", "create", "ProjectId of B", nf,
                p -> s.console.create(new ProjectId(p.id(b.project.id().value())), actor, "test", "Mine", Map.of())));
        rows.add(row("ConnectionService", "update", "ConnectionId of B", nf,
                p -> s.console.update(new ConnectionId(p.id(b.connection.id().value())), actor, "Mine", Map.of(),
                        b.connectionVersion)));
        rows.add(row("ConnectionService", "setEnabled", "ConnectionId of B", nf,
                p -> s.console.setEnabled(new ConnectionId(p.id(b.connection.id().value())), actor, false)));
        rows.add(row("ConnectionService", "reconnect", "ConnectionId of B", nf,
                p -> s.console.reconnect(new ConnectionId(p.id(b.connection.id().value())), actor)));
        rows.add(row("ConnectionService", "delete", "ConnectionId of B", nf, p -> {
            s.console.delete(new ConnectionId(p.id(b.connection.id().value())), actor);
            return null;
        }));
        rows.add(row("ConnectionService", "list", "ProjectId of B, owner of A", nf,
                p -> s.console.list(new ProjectId(p.id(b.project.id().value())), actor)));
        rows.add(row("ConnectionService", "details", "ConnectionId of B", nf,
                p -> s.console.details(new ConnectionId(p.id(b.connection.id().value())), actor)));
        rows.add(row("ConnectionService", "find", "ConnectionId of another type, widget bundle", asUnknown,
                p -> s.widgetConnections.find(new ConnectionId(p.id(b.connection.id().value())))));
        rows.add(row("ConnectionService", "list", "ProjectId of B, widget bundle: connections of another type",
                asUnknown, p -> s.widgetConnections.list(new ProjectId(p.id(b.project.id().value())))));

        // channel: LiveConnections, Webhooks, Ingress (no actor: the connection's type and state are checked)
        rows.add(row("LiveConnections", "byId", "ConnectionId of another type, widget bundle", asUnknown,
                p -> s.widgetConnections.byId(new ConnectionId(p.id(b.connection.id().value())))));
        rows.add(row("LiveConnections", "byKey", "key of a connection of another type, widget bundle", asUnknown,
                p -> s.widgetConnections.byKey("test", p.key(b.key))));
        rows.add(row("Webhooks", "receive", "key of a connection of another type", asUnknown,
                p -> answer(s.webhooks.receive("widget", p.key(b.key), new WebhookRequest("POST", Map.of(),
                        Map.of(), "{}".getBytes(StandardCharsets.UTF_8))))));
        rows.add(row("Ingress", "accept", "ConnectionId of another type, widget bundle", nf,
                p -> s.widgetIngress.accept(message(new ConnectionId(p.id(b.connection.id().value())), "intruder"))));
        rows.add(row("Ingress", "apply", "ConnectionId of another type, widget bundle", nf,
                p -> s.widgetIngress.apply(new InboundEvent.Edited(new ConnectionId(p.id(b.connection.id().value())),
                        b.firstMessageExternalId, b.client1, "rewritten", Instant.now()))));
        rows.add(row("Ingress", "accept", "deleted ConnectionId", nf,
                p -> s.coreIngress.accept(message(new ConnectionId(p.id(a.deleted.id().value())), "late"))));

        // chat: ClientTranscripts (a channel bundle's, keyed by connection)
        rows.add(row("ClientTranscripts", "chat", "ConnectionId of another type, widget bundle", nf,
                p -> s.widgetIngress.chat(new ConnectionId(p.id(b.connection.id().value())), b.client1)));
        rows.add(row("ClientTranscripts", "history", "ConnectionId of another type, widget bundle", nf,
                p -> s.widgetIngress.history(new ConnectionId(p.id(b.connection.id().value())), b.client1,
                        Optional.empty(), 10)));
        rows.add(row("ClientTranscripts", "chat", "deleted ConnectionId", nf,
                p -> s.coreIngress.chat(new ConnectionId(p.id(a.deleted.id().value())), a.client1)));

        // chat: ChatService, every method with B's chat (or message), then A's chat with B's member, group, file
        Function<Pick, ChatId> chatB = p -> new ChatId(p.id(b.activeChat.value()));
        rows.add(row("ChatService", "get", "ChatId of B", nf, p -> s.chats.get(chatB.apply(p), actor)));
        rows.add(row("ChatService", "history", "ChatId of B", nf,
                p -> s.chats.history(chatB.apply(p), actor, Optional.empty(), 10)));
        rows.add(row("ChatService", "allowedActions", "ChatId of B", nf,
                p -> s.chats.allowedActions(chatB.apply(p), actor)));
        rows.add(row("ChatService", "take", "ChatId of B", nf,
                p -> s.chats.take(new ChatId(p.id(b.newChat.value())), actor)));
        rows.add(row("ChatService", "assign", "ChatId of B", nf,
                p -> s.chats.assign(new ChatId(p.id(b.newChat.value())), actor, a.manager.id())));
        rows.add(row("ChatService", "handOver", "ChatId of B", nf,
                p -> s.chats.handOver(chatB.apply(p), actor, a.manager.id())));
        rows.add(row("ChatService", "acceptHandover", "ChatId of B", nf,
                p -> s.chats.acceptHandover(chatB.apply(p), actor)));
        rows.add(row("ChatService", "declineHandover", "ChatId of B", nf,
                p -> s.chats.declineHandover(chatB.apply(p), actor)));
        rows.add(row("ChatService", "addParticipant", "ChatId of B", nf,
                p -> s.chats.addParticipant(chatB.apply(p), actor, a.manager.id())));
        rows.add(row("ChatService", "removeParticipant", "ChatId of B", nf,
                p -> s.chats.removeParticipant(chatB.apply(p), actor, a.manager.id())));
        rows.add(row("ChatService", "leave", "ChatId of B", nf, p -> s.chats.leave(chatB.apply(p), actor)));
        rows.add(row("ChatService", "forward", "ChatId of B", nf,
                p -> s.chats.forward(chatB.apply(p), actor, a.group)));
        rows.add(row("ChatService", "done", "ChatId of B", nf, p -> s.chats.done(chatB.apply(p), actor)));
        rows.add(row("ChatService", "takeOver", "ChatId of B", nf, p -> s.chats.takeOver(chatB.apply(p), actor)));
        rows.add(row("ChatService", "send", "ChatId of B", nf,
                p -> s.chats.send(chatB.apply(p), actor, "hi", Optional.of("idor-send"))));
        rows.add(row("ChatService", "sendConditions", "ChatId of B", nf,
                p -> s.chats.sendConditions(chatB.apply(p), actor)));
        rows.add(row("ChatService", "upload", "ChatId of B", nf, p -> s.chats.upload(chatB.apply(p), actor,
                "a.txt", new ByteArrayInputStream("text".getBytes(StandardCharsets.UTF_8)))));
        rows.add(row("ChatService", "note", "ChatId of B", nf, p -> s.chats.note(chatB.apply(p), actor, "psst")));
        rows.add(row("ChatService", "retry", "MessageId of B", nf,
                p -> s.chats.retry(new MessageId(p.id(b.message.value())), actor)));
        rows.add(row("ChatService", "assign", "MemberId of B", nf,
                p -> s.chats.assign(a.newChat, actor, new MemberId(p.id(b.manager.id().value())))));
        rows.add(row("ChatService", "handOver", "MemberId of B", nf,
                p -> s.chats.handOver(a.activeChat, actor, new MemberId(p.id(b.manager.id().value())))));
        rows.add(row("ChatService", "addParticipant", "MemberId of B", nf,
                p -> s.chats.addParticipant(a.activeChat, actor, new MemberId(p.id(b.manager.id().value())))));
        rows.add(row("ChatService", "removeParticipant", "MemberId of B", nf,
                p -> s.chats.removeParticipant(a.activeChat, actor, new MemberId(p.id(b.manager.id().value())))));
        rows.add(row("ChatService", "forward", "GroupId of B", nf,
                p -> s.chats.forward(a.activeChat, actor, new GroupId(p.id(b.group.value())))));
        rows.add(row("ChatService", "send", "FileId of B", nf, p -> s.chats.send(a.activeChat, actor, "see file",
                List.of(new FileId(p.id(b.file.value()))), Optional.of("idor-file"))));

        // chat: InboxService, ContactChats
        rows.add(row("InboxService", "page", "ProjectId of B", nf,
                p -> s.inbox.page(new ProjectId(p.id(b.project.id().value())), actor, InboxTab.NEW, Optional.empty(),
                        10)));
        rows.add(row("InboxService", "counts", "ProjectId of B", nf,
                p -> s.inbox.counts(new ProjectId(p.id(b.project.id().value())), actor)));
        Function<Pick, ContactId> contactB = p -> new ContactId(p.id(b.contact1.value()));
        rows.add(row("ContactChats", "chats", "ContactId of B", asUnknown,
                p -> s.contactChats.chats(contactB.apply(p), actor)));
        rows.add(row("ContactChats", "chats", "ContactIds of B", asUnknown,
                p -> s.contactChats.chats(List.of(contactB.apply(p)), actor)));
        rows.add(row("ContactChats", "mayEditCard", "ContactId of B", asUnknown,
                p -> s.contactChats.mayEditCard(contactB.apply(p), actor)));
        rows.add(row("ContactChats", "requests", "ContactId of B", asUnknown,
                p -> s.contactChats.requests(contactB.apply(p), actor)));
        rows.add(row("ContactChats", "requestHistory", "RequestId of B", nf,
                p -> s.contactChats.requestHistory(new RequestId(p.id(b.request.value())), actor, Optional.empty(),
                        10)));
        rows.add(row("ContactChats", "recordCardEvent", "ContactId of B, event by a member of A", asUnknown, p -> {
            s.contactChats.recordCardEvent(contactB.apply(p), new SystemEvent.StatusChanged(actor, "new", "won"));
            return null;
        }));
        rows.add(row("ContactChats", "moveChats", "ContactId of B as the other", nf, p -> {
            s.contactChats.moveChats(contactB.apply(p), a.contact2, actor, "Theirs");
            return null;
        }));
        rows.add(row("ContactChats", "moveChats", "ContactId of B as the survivor", nf, p -> {
            s.contactChats.moveChats(a.contact2, contactB.apply(p), actor, "Ours");
            return null;
        }));

        // card: CardService, ContactDirectory, ContactSearch, FunnelService, TagService
        rows.add(row("CardService", "card", "ContactId of B", nf, p -> s.cards.card(contactB.apply(p), actor)));
        rows.add(row("CardService", "edit", "ContactId of B", nf, p -> s.cards.edit(contactB.apply(p), actor,
                info("Mallory"), b.cardVersion)));
        rows.add(row("CardService", "setStatus", "ContactId of B", nf,
                p -> s.cards.setStatus(contactB.apply(p), actor, "won", b.cardVersion)));
        rows.add(row("CardService", "addTag", "ContactId of B", nf,
                p -> s.cards.addTag(contactB.apply(p), actor, a.tag)));
        rows.add(row("CardService", "removeTag", "ContactId of B", nf,
                p -> s.cards.removeTag(contactB.apply(p), actor, a.tag)));
        rows.add(row("CardService", "subscribe", "ContactId of B", nf,
                p -> s.cards.subscribe(contactB.apply(p), actor, "spam", "Spam")));
        rows.add(row("CardService", "unsubscribe", "ContactId of B", nf,
                p -> s.cards.unsubscribe(contactB.apply(p), actor, "chain-1")));
        rows.add(row("CardService", "duplicates", "ContactId of B", nf,
                p -> s.cards.duplicates(contactB.apply(p), actor)));
        rows.add(row("CardService", "merge", "ContactId of B as the other", nf,
                p -> s.cards.merge(a.contact1, contactB.apply(p), actor)));
        rows.add(row("CardService", "merge", "ContactId of B as the survivor", nf,
                p -> s.cards.merge(contactB.apply(p), a.contact1, actor)));
        rows.add(row("CardService", "addTag", "TagId of B", nf,
                p -> s.cards.addTag(a.contact1, actor, new TagId(p.id(b.tag.value())))));
        rows.add(row("CardService", "removeTag", "TagId of B", nf,
                p -> s.cards.removeTag(a.contact1, actor, new TagId(p.id(b.tag.value())))));
        rows.add(row("ContactDirectory", "identify", "ConnectionId of B for project A", nf,
                p -> s.directory.identify(a.project.id(), new ConnectionId(p.id(b.connection.id().value())),
                        b.client1, ClientProfile.named("Renamed", "By A"))));
        rows.add(row("ContactDirectory", "identify", "deleted ConnectionId", nf,
                p -> s.directory.identify(a.project.id(), new ConnectionId(p.id(a.deleted.id().value())),
                        a.client1, ClientProfile.named("Late", null))));
        rows.add(row("ContactDirectory", "find", "deleted ConnectionId", asUnknown,
                p -> s.directory.find(new ConnectionId(p.id(a.deleted.id().value())), a.deletedClient)));
        rows.add(row("ContactDirectory", "setPhoto", "FileId of B", nf, p -> {
            s.directory.setPhoto(a.contact1, new FileId(p.id(b.file.value())));
            return null;
        }));
        rows.add(row("ContactSearch", "search", "ProjectId of B", nf,
                p -> s.search.search(new ProjectId(p.id(b.project.id().value())), actor, "client", Optional.empty(),
                        10)));
        rows.add(row("ContactSearch", "filter", "ProjectId of B", nf,
                p -> s.search.filter(new ProjectId(p.id(b.project.id().value())), actor, ContactFilter.none(),
                        Optional.empty(), 10)));
        rows.add(row("ContactSearch", "chains", "ProjectId of B", nf,
                p -> s.search.chains(new ProjectId(p.id(b.project.id().value())), actor)));
        rows.add(row("ContactSearch", "filter", "TagId of B", asUnknown, p -> s.search.filter(a.project.id(), actor,
                filter(Set.of(new TagId(p.id(b.tag.value()))), Set.of(), Optional.empty(), Optional.empty()),
                Optional.empty(), 10)));
        rows.add(row("ContactSearch", "filter", "acquisition tool of B", asUnknown,
                p -> s.search.filter(a.project.id(), actor, filter(Set.of(), Set.of(p.id(b.tool)), Optional.empty(),
                        Optional.empty()), Optional.empty(), 10)));
        rows.add(row("ContactSearch", "filter", "GroupId of B", asUnknown, p -> s.search.filter(a.project.id(), actor,
                filter(Set.of(), Set.of(), Optional.of(new GroupId(p.id(b.group.value()))), Optional.empty()),
                Optional.empty(), 10)));
        rows.add(row("ContactSearch", "filter", "MemberId of B", asUnknown, p -> s.search.filter(a.project.id(),
                actor, filter(Set.of(), Set.of(), Optional.empty(),
                        Optional.of(new MemberId(p.id(b.owner.id().value())))), Optional.empty(), 10)));
        rows.add(row("FunnelService", "choose", "ProjectId of B", nf,
                p -> s.funnels.choose(new ProjectId(p.id(b.project.id().value())), actor, FunnelRegistry.DEFAULT,
                        Map.of())));
        rows.add(row("TagService", "create", "ProjectId of B", nf,
                p -> s.tags.create(new ProjectId(p.id(b.project.id().value())), actor, "Planted", "#000000")));
        rows.add(row("TagService", "update", "TagId of B", nf,
                p -> s.tags.update(new TagId(p.id(b.tag.value())), actor, "Renamed", "#000000")));
        rows.add(row("TagService", "delete", "TagId of B", nf, p -> {
            s.tags.delete(new TagId(p.id(b.tag.value())), actor);
            return null;
        }));

        // interactions: ContactSources (no actor: the core names the project it identified the contact in)
        rows.add(row("ContactSources", "recordAcquisition", "ContactId of B for project A", nf,
                p -> s.sources.recordAcquisition(a.project.id(), contactB.apply(p), "Planted", "landing",
                        Instant.now())));
        rows.add(row("ContactSources", "recordGoogleClientId", "ContactId of B for project A", nf,
                p -> s.sources.recordGoogleClientId(a.project.id(), contactB.apply(p), "GA1.2.111.222",
                        Instant.now())));
        rows.add(row("ContactSources", "recordVisit", "ContactId of B for project A", nf,
                p -> s.sources.recordVisit(a.project.id(), contactB.apply(p), Instant.now(),
                        Optional.of("https://alpha.example/?utm_source=idor"), Optional.empty())));
        rows.add(row("ContactSources", "merge", "ContactId of B", nf, p -> {
            s.sources.merge(a.contact1, contactB.apply(p));
            return null;
        }));

        // team: GroupService (MemberService and ProjectService take no actor: the operator's, see the docs)
        rows.add(row("GroupService", "create", "ProjectId of B", nf,
                p -> s.groups.create(new ProjectId(p.id(b.project.id().value())), actor, "Planted")));
        rows.add(row("GroupService", "setMembers", "GroupId of B", nf,
                p -> s.groups.setMembers(new GroupId(p.id(b.group.value())), actor, Set.of())));
        rows.add(row("GroupService", "setAutoForward", "GroupId of B", nf,
                p -> s.groups.setAutoForward(new GroupId(p.id(b.group.value())), actor, Set.of("planted"))));
        rows.add(row("GroupService", "setMembers", "MemberId of B", nf,
                p -> s.groups.setMembers(a.group, actor, Set.of(new MemberId(p.id(b.manager.id().value()))))));
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyExportedMethodWithAForeignIdIsNotFoundAndWritesNothing() {
        return table().stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> check(row)));
    }

    static void check(Row row) {
        Map<String, String> before = s.checksums();
        Object foreign = outcome(() -> row.call().apply(new Pick(true)));
        Map<String, String> after = s.checksums();
        assertThat(changed(before, after)).as("tables changed by %s", row.name()).isEmpty();
        switch (row.expect()) {
            case NOT_FOUND -> assertThat(foreign).as(row.name()).isInstanceOf(NotFound.class);
            case AS_UNKNOWN -> {
                assertThat(foreign instanceof Throwable).as("%s threw %s", row.name(), foreign).isFalse();
                Object unknown = outcome(() -> row.call().apply(new Pick(false)));
                assertThat(foreign).as("%s answers a foreign id as an unknown one", row.name()).isEqualTo(unknown);
            }
        }
    }

    /** What a call answered, or what it threw. */
    static Object outcome(java.util.function.Supplier<Object> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return e;
        }
    }

    static List<String> changed(Map<String, String> before, Map<String, String> after) {
        return after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .map(Map.Entry::getKey).toList();
    }

    // ---------------------------------------------------------------------------------------------- the table holds

    /**
     * The table would prove nothing if B's ids did not work for B, or A's own for A: the same kinds of calls with the
     * right member succeed, so a NotFound above is the project's doing, not a broken fixture.
     */
    @Test
    void theForeignIdsAreRealAndWorkInTheirOwnProject() {
        assertThat(s.chats.get(b.activeChat, b.owner.id()).project()).isEqualTo(b.project.id());
        assertThat(s.cards.card(b.contact1, b.owner.id()).project()).isEqualTo(b.project.id());
        assertThat(s.console.details(b.connection.id(), b.owner.id()).connection().project())
                .isEqualTo(b.project.id());
        assertThat(s.contactChats.requests(b.contact1, b.owner.id())).isNotEmpty();
        assertThat(s.contactChats.mayEditCard(b.contact1, b.owner.id())).isTrue();
        // the second client's chat and the one left by the deleted bot
        assertThat(s.inbox.counts(b.project.id(), b.owner.id())).containsEntry(InboxTab.NEW, 2L);
        assertThat(s.coreConnections.find(b.connection.id())).isPresent();
        assertThat(s.coreConnections.byId(b.connection.id())).isPresent();
        assertThat(s.coreIngress.chat(b.connection.id(), b.client1)).contains(b.activeChat);
        assertThat(s.search.filter(b.project.id(), b.owner.id(), filter(Set.of(b.tag), Set.of(b.tool),
                Optional.empty(), Optional.empty()), Optional.empty(), 10).items()).hasSize(1);
        assertThat(s.sources.sources(b.contact1).visits()).hasSize(1);
        assertThat(s.directory.find(b.connection.id(), b.client1)).contains(b.contact1);
        assertThat(s.groups.find(b.group).orElseThrow().project()).isEqualTo(b.project.id());
        // the owner of A is an owner: a refusal in the table is never a matter of role
        assertThat(s.cards.card(a.contact1, a.owner.id()).editable()).isTrue();
        assertThat(table()).hasSizeGreaterThanOrEqualTo(80);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static InboundMessage message(ConnectionId connection, String client) {
        return new InboundMessage(connection, "idor-" + client, client, ClientProfile.named("Mallory", null),
                "let me in", Instant.now(), Optional.empty());
    }

    static PersonalInfo info(String first) {
        return new PersonalInfo(Optional.of(first), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static ContactFilter filter(Set<TagId> tags, Set<Long> tools, Optional<GroupId> group,
                                Optional<MemberId> responsible) {
        return new ContactFilter(Set.of(), tags, Set.of(), tools, group, responsible, Optional.empty(),
                Optional.empty());
    }

    /** A webhook answer by what the platform sees of it (its body is an array, which a record compares by identity). */
    static String answer(WebhookAnswer answer) {
        return answer.status() + " " + answer.contentType() + " " + new String(answer.body(), StandardCharsets.UTF_8);
    }

    /** One project with what the table names of it. */
    static final class Side {
        Project project;
        Member owner;
        Member manager;
        GroupId group;
        TagId tag;
        ChannelConnection connection;
        long connectionVersion;
        String key;
        ChannelConnection deleted;
        String deletedClient;
        String client1;
        String firstMessageExternalId;
        ChatId activeChat;
        ChatId newChat;
        ContactId contact1;
        ContactId contact2;
        MessageId message;
        RequestId request;
        FileId file;
        long tool;
        long cardVersion;
    }

    /** The services of the bundles, wired by hand on one database. */
    static final class Services {
        final Database database;
        final TeamDirectory team;
        final GroupDirectory groups;
        final ConnectorRegistry registry = new ConnectorRegistry();
        final ConnectionDirectory connections;
        final ScopedConnections console;
        final ScopedConnections coreConnections;
        final ScopedConnections widgetConnections;
        final ScopedIngress coreIngress;
        final ScopedIngress widgetIngress;
        final WebhookEndpoint webhooks;
        final ChatServiceImpl chats;
        final InboxQueries inbox;
        final ContactChatsImpl contactChats;
        final FunnelRegistry funnels;
        final ContactDirectoryImpl directory;
        final CardServiceImpl cards;
        final TagServiceImpl tags;
        final ContactSearchService search;
        final ContactSourcesImpl sources;
        final FileStore files;
        final List<String> tables;

        Services(Database database, FileStore files, Path keys) {
            this.database = database;
            this.files = files;
            Clock clock = Clock.systemUTC();
            EventAdmin events = new Quiet();
            PersistenceUnit teamUnit = database.open(TeamUnit.spec());
            team = new TeamDirectory(teamUnit, new Credentials(new PasswordHasher(8192, 1),
                    new LoginThrottle(clock, 5, Duration.ofMinutes(1), Duration.ofMinutes(1))), clock);
            groups = new GroupDirectory(teamUnit, clock);
            PersistenceUnit chatUnit = database.open(ChatUnit.spec());
            registry.add(new Channel("test"), TEST_BUNDLE);
            registry.add(new Channel("widget"), WIDGET_BUNDLE);
            connections = ConnectionDirectory.on(chatUnit, team, AesGcmSecrets.load(v -> null,
                    keys.resolve("switchboard-secrets.key")), registry, events, URI.create("https://idor.example"),
                    clock);
            CallerTypes core = new CallerTypes(registry, CORE_BUNDLE);
            CallerTypes widget = new CallerTypes(registry, WIDGET_BUNDLE);
            console = ScopedConnections.of(connections, core);
            coreConnections = console;
            widgetConnections = ScopedConnections.of(connections, widget);
            PersistenceUnit cardUnit = database.open(CardUnit.spec());
            funnels = new FunnelRegistry(cardUnit, team, events, clock);
            funnels.addFunnel(new Standard(), Map.of(Constants.SERVICE_ID, 1L));
            sources = ContactSourcesImpl.create(database.open(InteractionsUnit.spec()), events);
            directory = ContactDirectoryImpl.on(cardUnit, funnels, files, coreConnections, events, "RU", clock);
            Fetches fetches = Fetches.on(chatUnit, connections, registry, files, directory, events, clock);
            IngressImpl ingress = IngressImpl.on(chatUnit, connections, registry, groups, events, directory, sources,
                    fetches, clock);
            ClientTranscriptsImpl transcripts = ClientTranscriptsImpl.on(chatUnit, team);
            coreIngress = ScopedIngress.of(ingress, transcripts, connections, core);
            widgetIngress = ScopedIngress.of(ingress, transcripts, connections, widget);
            webhooks = new WebhookEndpoint(connections, registry, coreIngress);
            chats = ChatServiceImpl.on(chatUnit, team, groups, events, () -> { }, connections, registry, files,
                    clock);
            inbox = InboxQueries.on(chatUnit, team, groups);
            contactChats = ContactChatsImpl.on(chatUnit, team, groups, events, clock);
            cards = CardServiceImpl.create(cardUnit, funnels, team, contactChats, sources, coreConnections, files,
                    events, "RU", clock);
            tags = TagServiceImpl.create(cardUnit, team, events);
            search = ContactSearchService.on(cardUnit, database.dialect(), team, funnels, "RU");
            tables = DB.rows("select table_name from information_schema.tables where table_schema = current_schema()"
                    + " and table_type = 'BASE TABLE' order by table_name").stream()
                    .map(r -> (String) r.get(0)).toList();
        }

        /** A project with members, a group, a tag, connections, two clients with chats, cards and sources. */
        Side side(String name) {
            Side x = new Side();
            String domain = name.toLowerCase() + ".example";
            x.project = team.create(name);
            x.owner = team.add(x.project.id(), "owner@" + domain, name + " owner", Role.OWNER);
            x.manager = team.add(x.project.id(), "manager@" + domain, name + " manager", Role.MANAGER);
            x.group = groups.create(x.project.id(), x.owner.id(), "Sales").id();
            x.tag = tags.create(x.project.id(), x.owner.id(), "VIP", "#ff0000").id();
            ConnectionDetails details = console.create(x.project.id(), x.owner.id(), "test", name + " bot", Map.of());
            x.connection = details.connection();
            x.connectionVersion = details.version();
            String path = details.webhookUrl().getPath();
            x.key = path.substring(path.lastIndexOf('/') + 1);
            x.deleted = console.create(x.project.id(), x.owner.id(), "test", name + " old bot", Map.of())
                    .connection();
            x.deletedClient = "old-" + name;
            coreIngress.accept(clientMessage(x.deleted.id(), x.deletedClient, "o-1"));
            console.delete(x.deleted.id(), x.owner.id());

            x.client1 = "client-1-" + name;
            x.firstMessageExternalId = "m-1-" + name;
            x.activeChat = coreIngress.accept(clientMessage(x.connection.id(), x.client1, x.firstMessageExternalId))
                    .chat();
            x.newChat = coreIngress.accept(clientMessage(x.connection.id(), "client-2-" + name, "m-2-" + name))
                    .chat();
            x.contact1 = directory.find(x.connection.id(), x.client1).orElseThrow();
            x.contact2 = directory.find(x.connection.id(), "client-2-" + name).orElseThrow();
            chats.take(x.activeChat, x.owner.id());
            x.message = chats.send(x.activeChat, x.owner.id(), "Hello from " + name, Optional.of("hello")).id();
            chats.note(x.activeChat, x.owner.id(), "a good client");
            x.request = contactChats.requests(x.contact1, x.owner.id()).get(0).id();
            x.file = files.store(x.project.id(), "price list.txt",
                    new ByteArrayInputStream(("prices of " + name).getBytes(StandardCharsets.UTF_8)), FileLimits.SPEC)
                    .id();
            cards.addTag(x.contact1, x.owner.id(), x.tag);
            x.cardVersion = cards.subscribe(x.contact1, x.owner.id(), "chain-1", "Welcome").version();
            sources.recordVisit(x.project.id(), x.contact1, Instant.now(),
                    Optional.of("https://" + domain + "/?utm_source=test"), Optional.empty());
            sources.recordGoogleClientId(x.project.id(), x.contact1, "GA1.2.1234." + x.project.id().value(),
                    Instant.now());
            x.tool = sources.recordAcquisition(x.project.id(), x.contact1, "Landing", "landing", Instant.now())
                    .tool().id();
            return x;
        }

        static InboundMessage clientMessage(ConnectionId connection, String client, String id) {
            return new InboundMessage(connection, id, client, ClientProfile.named("Client", client), "hello",
                    Instant.now(), Optional.empty());
        }

        /** A checksum of every row of every table, by table: one statement. */
        Map<String, String> checksums() {
            String sql = tables.stream().map(t -> "select '" + t + "', md5(coalesce(string_agg(x::text, '|'"
                    + " order by x::text), '')) from \"" + t + "\" x").collect(Collectors.joining(" union all "));
            Map<String, String> sums = new LinkedHashMap<>();
            DB.rows(sql).forEach(r -> sums.put((String) r.get(0), (String) r.get(1)));
            return sums;
        }
    }

    /** A channel that takes every message and reads no webhook; one for each type the table needs. */
    static final class Channel implements ChannelConnector {
        private final String type;

        Channel(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Map<String, String> names() {
            return Map.of("en", type);
        }

        @Override
        public ChannelCapabilities capabilities() {
            return ChannelCapabilities.textOnly(4096, new ChannelCapabilities.SendRate(30, Duration.ZERO, 4));
        }

        @Override
        public WebhookOutcome handle(WebhookRequest request, dev.switchboard.api.channel.ConnectionContext connection) {
            return new WebhookOutcome.Ignore("nothing to read");
        }

        @Override
        public DeliveryResult send(OutboundMessage message) {
            return new DeliveryResult.Sent("ext-" + message.id());
        }
    }

    /** The spec's funnel under the key a project without a choice uses. */
    static final class Standard implements FunnelDefinition {
        @Override
        public String key() {
            return FunnelRegistry.DEFAULT;
        }

        @Override
        public Map<String, String> names() {
            return Map.of("en", "Default funnel");
        }

        @Override
        public List<FunnelStage> stages() {
            return Arrays.asList(new FunnelStage("new", Map.of("en", "New"), 10, "#9e9e9e"),
                    new FunnelStage("won", Map.of("en", "Won"), 20, "#43a047"));
        }
    }

    /** Events after commit go nowhere: what is checked is the database. */
    static final class Quiet implements EventAdmin {
        @Override
        public void postEvent(Event event) {
        }

        @Override
        public void sendEvent(Event event) {
        }
    }
}
