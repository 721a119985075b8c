package dev.switchboard.api.channel;

import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's channel connections (architecture §3, §4). Only owners and admins of the project create, change,
 * disable and delete them ({@link dev.switchboard.api.error.NotAllowed} otherwise); a connection of another
 * project is {@link dev.switchboard.api.error.NotFound}. Settings are checked (the field's type, required ones,
 * then the connector's {@link ChannelConnector#validate}) and a bad one is an
 * {@link dev.switchboard.api.error.InvalidInput} naming the field; secrets are stored encrypted.
 * <p>
 * After a connection is created, changed or enabled, its connector's {@link ChannelConnector#connect} runs (outside
 * the transaction) and the connection's status says how it went; after it is disabled or deleted,
 * {@link ChannelConnector#disconnect} runs. A deleted connection keeps its chats and their history (read-only), but
 * its webhook is gone and nothing more is sent through it.
 * <p>
 * The methods that take an acting member check that member's project and role. {@link #list(ProjectId)} and
 * {@link #find} take none: they are for the core and for channel bundles (never for ids from a browser), and a
 * channel bundle, one that registers a {@link ChannelConnector}, sees only the connections of its own types through
 * them: another type's connection is not found (issue 12).
 */
public interface ConnectionService {

    /** The channel types whose connectors are installed now, by type. */
    List<ChannelType> types();

    /**
     * Creates a connection with its settings; {@code settings} holds every field by key (missing ones take their
     * default).
     *
     * @throws dev.switchboard.api.error.InvalidInput for a type with no installed connector, a bad name or setting
     */
    ConnectionDetails create(ProjectId project, MemberId actor, String type, String name, Map<String, String> settings);

    /** Creates a connection of a type that needs no settings. */
    default ChannelConnection create(ProjectId project, MemberId actor, String type, String name) {
        return create(project, actor, type, name, Map.of()).connection();
    }

    /**
     * Changes a connection's name and settings. A secret left blank keeps its stored value.
     *
     * @throws dev.switchboard.api.error.Conflict when the connection changed since {@code version}
     */
    ConnectionDetails update(ConnectionId id, MemberId actor, String name, Map<String, String> settings, long version);

    /** Switches a connection off (webhooks refused, nothing sent; queued messages wait) or on again. */
    ConnectionDetails setEnabled(ConnectionId id, MemberId actor, boolean enabled);

    /** Asks the connector to register the connection at the platform again (after fixing something there). */
    ConnectionDetails reconnect(ConnectionId id, MemberId actor);

    /** Deletes the connection; its chats stay, read-only. Messages still queued for it fail with the reason. */
    void delete(ConnectionId id, MemberId actor);

    /** The project's connections (deleted ones left out), by name; for the project's owners and admins. */
    List<ConnectionDetails> list(ProjectId project, MemberId viewer);

    /** One connection of the viewer's project, for its owners and admins. */
    ConnectionDetails details(ConnectionId id, MemberId viewer);

    /**
     * The project's connections by name (deleted ones left out): what every member may know of them. No acting
     * member: for the core and channel bundles (a channel bundle gets its own types only); a console passes its
     * viewer's own project.
     */
    List<ChannelConnection> list(ProjectId project);

    /**
     * A connection by id, also a disabled one, never a deleted one; for the core and channel bundles. Empty, as for an
     * unknown id, when a channel bundle asks for a connection of another type.
     */
    Optional<ChannelConnection> find(ConnectionId id);
}
