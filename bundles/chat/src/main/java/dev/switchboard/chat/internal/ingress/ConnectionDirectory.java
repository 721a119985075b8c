package dev.switchboard.chat.internal.ingress;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.chat.internal.store.ChatUnit;
import dev.switchboard.chat.internal.store.ConnectionEntity;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A project's channel connections (architecture §3); only owners and admins connect channels. A connection is
 * never changed or removed once created, so the ingress's lookup by id, which runs for every inbound message, is
 * served from a bounded cache of the connections found; a miss is never cached, so a connection created on another
 * node is found as soon as it is committed.
 */
@Component(service = ConnectionService.class)
public final class ConnectionDirectory implements ConnectionService {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    /** Far more connections than a node serves; past it the cache starts again rather than grow. */
    static final int CACHED = 10_000;

    private final PersistenceUnit unit;
    private final MemberService members;
    private final Clock clock;
    private final Map<Long, ChannelConnection> found = new ConcurrentHashMap<>();

    @Activate
    public ConnectionDirectory(@Reference ChatUnit unit, @Reference MemberService members) {
        this(unit.unit(), members, Clock.systemUTC());
    }

    public ConnectionDirectory(PersistenceUnit unit, MemberService members, Clock clock) {
        this.unit = unit;
        this.members = members;
        this.clock = clock;
    }

    @Override
    public ChannelConnection create(ProjectId project, MemberId actor, String type, String name) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new InvalidInput("type", "lower-case letters, digits and '-', at most 40");
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 120) {
            throw new InvalidInput("name", "1 to 120 characters");
        }
        Member m = members.find(actor).filter(x -> x.project().equals(project))
                .orElseThrow(() -> new NotAllowed("connect a channel to project " + project));
        if (!m.role().maySupervise()) {
            throw new NotAllowed("connect a channel: owners and admins only");
        }
        return unit.inTransaction((em, tx) -> {
            if (!em.createNativeQuery("select id from channel_connection where project_id = ?1 and name = ?2")
                    .setParameter(1, project.value()).setParameter(2, n).getResultList().isEmpty()) {
                throw new Conflict("error.connectionExists", "a connection with this name exists: " + n, List.of(n));
            }
            ConnectionEntity c = new ConnectionEntity(project.value(), type, n, clock.instant());
            em.persist(c);
            em.flush();
            return c.toRecord();
        });
    }

    @Override
    public List<ChannelConnection> list(ProjectId project) {
        return unit.read((em, tx) -> em.createQuery(
                        "select c from ConnectionEntity c where c.projectId = :p order by c.name", ConnectionEntity.class)
                .setParameter("p", project.value()).getResultList().stream().map(ConnectionEntity::toRecord).toList());
    }

    @Override
    public Optional<ChannelConnection> find(ConnectionId id) {
        ChannelConnection cached = found.get(id.value());
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ChannelConnection> connection = unit.read((em, tx) -> Optional.ofNullable(
                em.find(ConnectionEntity.class, id.value())).map(ConnectionEntity::toRecord));
        connection.ifPresent(c -> {
            if (found.size() >= CACHED) {
                found.clear();
            }
            found.put(c.id().value(), c);
        });
        return connection;
    }
}
