package dev.switchboard.chat.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.chat.internal.connection.ConnectorRegistry;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.chat.internal.engine.TestChannel;
import dev.switchboard.chat.internal.ingress.IngressImpl;
import dev.switchboard.chat.internal.transcript.ClientTranscriptsImpl;
import dev.switchboard.store.testing.PostgresDatabase;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The services channel bundles get, as one bundle sees them (INB-1, MSG-1, issue 12): a bundle that registered the
 * connector of type {@code widget} reaches widget connections only; a connection of another type, whose id it may
 * have been handed, is not found, as an unknown one, and nothing is written. A bundle that serves no channel (the
 * core's own, a test) is not limited by type; a deleted connection's transcript is unknown to every bundle.
 */
class ChannelScopeOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static final long WIDGET_BUNDLE = 42;
    static final long CORE_BUNDLE = 7;

    static Engine e;
    static ChannelConnection widget;
    static ScopedIngress widgetIngress;
    static ScopedConnections widgetConnections;
    static ScopedIngress coreIngress;
    static ScopedConnections coreConnections;

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "scope");
        // as SCR binds it: the properties name the bundle that registered the connector
        e.registry.bind(new TestChannel("widget"), Map.of("service.bundleid", WIDGET_BUNDLE));
        widget = e.connections.create(e.project.id(), e.owner.id(), "widget", "Website");
        ClientTranscriptsImpl transcripts = ClientTranscriptsImpl.on(e.unit, e.team);
        CallerTypes widgetBundle = new CallerTypes(e.registry, WIDGET_BUNDLE);
        CallerTypes coreBundle = new CallerTypes(e.registry, CORE_BUNDLE);
        widgetIngress = ScopedIngress.of((IngressImpl) e.ingress, transcripts, e.connections, widgetBundle);
        widgetConnections = ScopedConnections.of(e.connections, widgetBundle);
        coreIngress = ScopedIngress.of((IngressImpl) e.ingress, transcripts, e.connections, coreBundle);
        coreConnections = ScopedConnections.of(e.connections, coreBundle);
    }

    static InboundMessage message(ConnectionId connection, String client, String id) {
        return new InboundMessage(connection, id, client, ClientProfile.named("Visitor", client), "hello",
                e.clock.instant(), Optional.empty());
    }

    static long rows() {
        return e.count("select (select count(*) from chat) + (select count(*) from message)"
                + " + (select count(*) from request)");
    }

    @Test
    void INB1_aChannelBundleStoresMessagesOnlyInConnectionsOfItsOwnType() {
        e.ingress.accept(message(e.connection.id(), "known-client", "k-1"));
        long before = rows();

        assertThatThrownBy(() -> widgetIngress.accept(message(e.connection.id(), "intruder", "w-1")))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> widgetIngress.apply(new InboundEvent.Edited(e.connection.id(), "k-1",
                "known-client", "rewritten", e.clock.instant()))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> widgetIngress.apply(new InboundEvent.ReadUpTo(e.connection.id(), "known-client",
                DeliveryState.READ, e.clock.instant()))).isInstanceOf(NotFound.class);
        assertThat(rows()).isEqualTo(before);
        assertThat(e.count("select count(*) from message where text = 'rewritten'")).isZero();

        assertThat(widgetIngress.accept(message(widget.id(), "visitor", "w-2")).duplicate()).isFalse();
        assertThat(coreIngress.accept(message(e.connection.id(), "core-client", "c-1")).duplicate()).isFalse();
        assertThat(e.registry.typesOf(WIDGET_BUNDLE)).containsExactly("widget");
        assertThat(e.registry.typesOf(CORE_BUNDLE)).isEmpty();
    }

    @Test
    void MSG1_aChannelBundleReadsTranscriptsOnlyOfItsOwnTypeAndNobodyOfADeletedConnection() {
        e.ingress.accept(message(e.connection.id(), "reader", "r-1"));
        assertThatThrownBy(() -> widgetIngress.chat(e.connection.id(), "reader")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> widgetIngress.history(e.connection.id(), "reader", Optional.empty(), 10))
                .isInstanceOf(NotFound.class);
        assertThat(coreIngress.chat(e.connection.id(), "reader")).isPresent();

        ChannelConnection gone = e.connections.create(e.project.id(), e.owner.id(), "widget", "Old site");
        widgetIngress.accept(message(gone.id(), "old-visitor", "o-1"));
        assertThat(widgetIngress.chat(gone.id(), "old-visitor")).isPresent();
        e.connections.delete(gone.id(), e.owner.id());
        for (ScopedIngress caller : new ScopedIngress[] {widgetIngress, coreIngress}) {
            assertThatThrownBy(() -> caller.chat(gone.id(), "old-visitor")).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> caller.history(gone.id(), "old-visitor", Optional.empty(), 10))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> caller.accept(message(gone.id(), "old-visitor", "o-2")))
                    .isInstanceOf(NotFound.class);
        }
        assertThatThrownBy(() -> widgetIngress.chat(new ConnectionId(987_654_321), "x")).isInstanceOf(NotFound.class);
    }

    @Test
    void aChannelBundleNeverSeesAnotherTypesConnectionNorItsSecrets() {
        String testKey = key(e.connection.id());
        String widgetKey = key(widget.id());

        assertThat(widgetConnections.byId(e.connection.id())).isEmpty();
        assertThat(widgetConnections.byKey("test", testKey)).isEmpty();
        assertThat(widgetConnections.find(e.connection.id())).isEmpty();
        assertThat(widgetConnections.list(e.project.id())).extracting(ChannelConnection::type).containsOnly("widget");
        assertThat(widgetConnections.byId(widget.id())).isPresent();
        assertThat(widgetConnections.byKey("widget", widgetKey)).isPresent();
        assertThat(widgetConnections.find(widget.id())).contains(widget);

        assertThat(coreConnections.byId(e.connection.id())).isPresent();
        assertThat(coreConnections.find(e.connection.id())).isPresent();
        assertThat(coreConnections.list(e.project.id())).extracting(ChannelConnection::type)
                .contains("test", "widget");
    }

    @Test
    void aConnectorWhoseBundleIsUnknownMakesNoBundleAChannel() {
        ConnectorRegistry registry = new ConnectorRegistry();
        registry.add(new TestChannel("viber"));
        registry.bind(new TestChannel("vk"), Map.of());
        assertThat(new CallerTypes(registry, ConnectorRegistry.UNKNOWN_BUNDLE).limited()).isFalse();
        registry.add(new TestChannel("vk"), 5);
        assertThat(new CallerTypes(registry, 5).allows("vk")).isTrue();
        assertThat(new CallerTypes(registry, 5).allows("viber")).isFalse();
        // the connector going away does not free its bundle from its types
        registry.remove(registry.connector("vk").orElseThrow());
        assertThat(new CallerTypes(registry, 5).allows("viber")).isFalse();
    }

    /** The key of a connection's webhook address, which a widget's script tag carries. */
    static String key(ConnectionId id) {
        String path = e.connections.details(id, e.owner.id()).webhookUrl().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
