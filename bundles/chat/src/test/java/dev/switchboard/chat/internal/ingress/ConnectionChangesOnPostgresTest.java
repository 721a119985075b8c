package dev.switchboard.chat.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.chat.internal.connection.LiveConnection;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.store.testing.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ingress checks the connection in its own transaction (architecture §4): one changed on another node is read
 * again before anything is stored through it; one switched off or deleted meanwhile, here or on another node, is
 * refused for good (NotFound) and nothing is stored.
 */
class ConnectionChangesOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;
    static final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "versions");
    }

    /** A connection of the test's own, read into this node's cache. */
    static ConnectionId connection() {
        ConnectionId id = e.connections.create(e.project.id(), e.owner.id(), "test", "Bot " + names.incrementAndGet())
                .id();
        assertThat(e.connections.live(id)).isPresent();
        return id;
    }

    static InboundMessage message(ConnectionId connection, String id, String text) {
        return new InboundMessage(connection, id, "anna", ClientProfile.named("Anna", null), text, e.clock.instant(),
                Optional.empty());
    }

    /** What another node does: a committed change this node's cache has not seen. */
    static void anotherNode(String set, ConnectionId id) {
        try (Connection c = e.db.jdbc().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update channel_connection set " + set + ", version = version + 1 where id = " + id.value());
        } catch (SQLException x) {
            throw new IllegalStateException(x);
        }
    }

    static long messagesOf(ConnectionId id) {
        return e.count("select count(*) from message m join chat c on c.id = m.chat_id where c.connection_id = "
                + id.value());
    }

    @Test
    void INB1_aConnectionChangedOnAnotherNodeIsReadAgainBeforeAMessageIsStored() {
        ConnectionId id = connection();
        long cached = e.connections.live(id).orElseThrow().version();
        anotherNode("name = 'Renamed elsewhere'", id);
        assertThat(e.connections.live(id).orElseThrow().version()).as("this node has not seen it yet")
                .isEqualTo(cached);

        Ingress.Received r = e.ingress.accept(message(id, "c-1", "hello"));

        assertThat(r.duplicate()).isFalse();
        assertThat(messagesOf(id)).isEqualTo(1);
        LiveConnection now = e.connections.live(id).orElseThrow();
        assertThat(now.version()).isEqualTo(cached + 1);
        assertThat(now.context().connection().name()).isEqualTo("Renamed elsewhere");
    }

    @Test
    void INB1_aConnectionChangedOnAnotherNodeIsReadAgainBeforeAnEditIsStored() {
        ConnectionId id = connection();
        Ingress.Received m = e.ingress.accept(message(id, "c-1", "two apples"));
        long cached = e.connections.live(id).orElseThrow().version();
        anotherNode("name = 'Renamed for the edit'", id);

        Optional<Ingress.Received> edited = e.ingress.apply(new InboundEvent.Edited(id, "c-1", "anna", "three apples",
                e.clock.instant().plusSeconds(5)));

        assertThat(edited).contains(new Ingress.Received(m.message(), m.chat(), false));
        assertThat(e.connections.live(id).orElseThrow().version()).isEqualTo(cached + 1);
        assertThat(e.db.rows("select text from message where id = " + m.message().value()).get(0))
                .containsExactly("three apples");
    }

    @Test
    void INB1_aMessageForAConnectionSwitchedOffOnAnotherNodeIsRefusedAndNothingStored() {
        ConnectionId id = connection();
        anotherNode("state = 'DISABLED'", id);
        assertThatThrownBy(() -> e.ingress.accept(message(id, "d-1", "hello"))).isInstanceOf(NotFound.class);
        assertThat(messagesOf(id)).isZero();
        assertThat(e.count("select count(*) from chat where connection_id = " + id.value())).isZero();
        assertThat(e.connections.live(id)).hasValueSatisfying(l -> assertThat(l.enabled()).isFalse());
    }

    @Test
    void INB1_aMessageForAConnectionDeletedOnAnotherNodeIsRefusedAndNothingStored() {
        ConnectionId id = connection();
        anotherNode("state = 'DELETED'", id);
        assertThatThrownBy(() -> e.ingress.accept(message(id, "x-1", "hello"))).isInstanceOf(NotFound.class);
        assertThat(messagesOf(id)).isZero();
        assertThat(e.connections.live(id)).isEmpty();
    }

    @Test
    void INB1_anEventForAConnectionSwitchedOffOnAnotherNodeIsRefusedAndChangesNothing() {
        ConnectionId id = connection();
        Ingress.Received m = e.ingress.accept(message(id, "e-1", "original"));
        anotherNode("state = 'DISABLED'", id);
        assertThatThrownBy(() -> e.ingress.apply(new InboundEvent.Edited(id, "e-1", "anna", "changed",
                e.clock.instant().plusSeconds(5)))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> e.ingress.apply(new InboundEvent.Reachability(id, "anna", false, "blocked the bot",
                e.clock.instant()))).isInstanceOf(NotFound.class);
        assertThat(e.db.rows("select text from message where id = " + m.message().value()).get(0))
                .containsExactly("original");
        assertThat(e.db.rows("select unreachable_reason from chat where id = " + m.chat().value()).get(0).get(0))
                .isNull();
    }

    @Test
    void INB1_aConnectionSwitchedOffOrDeletedHereRefusesEverything() {
        ConnectionId off = connection();
        e.connections.setEnabled(off, e.owner.id(), false);
        assertThatThrownBy(() -> e.ingress.accept(message(off, "o-1", "hello"))).isInstanceOf(NotFound.class);
        ConnectionId gone = connection();
        e.ingress.accept(message(gone, "g-1", "hello"));
        e.connections.delete(gone, e.owner.id());
        assertThatThrownBy(() -> e.ingress.accept(message(gone, "g-2", "hello again"))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> e.ingress.apply(new InboundEvent.Edited(gone, "g-1", "anna", "edited",
                e.clock.instant().plusSeconds(5)))).isInstanceOf(NotFound.class);
        assertThat(messagesOf(off)).isZero();
        assertThat(messagesOf(gone)).isEqualTo(1);
    }
}
