package dev.switchboard.team.internal.presence;

import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.team.Presence;
import dev.switchboard.team.internal.store.TeamUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Who has the console open, kept in the member's row ({@code last_seen_at}) so that every node answers alike (the
 * website widget asks on one node what the console reported on another). The console reports each open console
 * about every 45 s; a write is skipped while this node wrote the member less than {@link #WRITE_EVERY} ago, and the
 * answer per project is kept for {@link #ANSWER_KEPT}, so many pages and many visitors cost the database little.
 * A member this node has just seen makes their project online here at once.
 */
@Component(service = Presence.class)
public final class MemberPresence implements Presence {

    /** A member's time is written at most this often per node. */
    static final Duration WRITE_EVERY = Duration.ofSeconds(30);
    /** A member not seen for this long is away. */
    static final Duration ONLINE = Duration.ofMinutes(2);
    /** How long a project's answer is given without asking the database again. */
    static final Duration ANSWER_KEPT = Duration.ofSeconds(5);

    private final PersistenceUnit unit;
    private final Clock clock;
    private final Map<Long, Instant> written = new ConcurrentHashMap<>();
    private final Map<Long, Answer> answers = new ConcurrentHashMap<>();

    /** Whether a project was online, and when that was asked. */
    private record Answer(boolean online, Instant at) {
    }

    @Activate
    public MemberPresence(@Reference TeamUnit unit) {
        this(unit.unit(), Clock.systemUTC());
    }

    public MemberPresence(PersistenceUnit unit, Clock clock) {
        this.unit = unit;
        this.clock = clock;
    }

    @Override
    public void seen(MemberId member) {
        Instant now = clock.instant();
        Instant last = written.get(member.value());
        if (last != null && last.plus(WRITE_EVERY).isAfter(now)) {
            return;
        }
        // two pages of one member reporting at once: one of them writes
        boolean claimed = last == null ? written.putIfAbsent(member.value(), now) == null
                : written.replace(member.value(), last, now);
        if (!claimed) {
            return;
        }
        Optional<Long> project;
        try {
            project = unit.inTransaction((em, tx) -> {
                int updated = em.createNativeQuery("update member set last_seen_at = ?1 where id = ?2")
                        .setParameter(1, StoreTimes.utc(now)).setParameter(2, member.value()).executeUpdate();
                if (updated == 0) {
                    return Optional.<Long>empty();
                }
                @SuppressWarnings("unchecked")
                List<Object> rows = em.createNativeQuery("select project_id from member where id = ?1")
                        .setParameter(1, member.value()).getResultList();
                return rows.stream().findFirst().map(r -> ((Number) r).longValue());
            });
        } catch (RuntimeException e) {
            // the next report tries again
            written.remove(member.value(), now);
            throw e;
        }
        project.ifPresent(p -> answers.put(p, new Answer(true, now)));
    }

    @Override
    public boolean anyoneOnline(ProjectId project) {
        Instant now = clock.instant();
        Answer kept = answers.get(project.value());
        if (kept != null && kept.at().plus(ANSWER_KEPT).isAfter(now)) {
            return kept.online();
        }
        boolean online = unit.read((em, tx) -> !em.createNativeQuery("select id from member where project_id = ?1"
                        + " and last_seen_at >= ?2")
                .setParameter(1, project.value()).setParameter(2, StoreTimes.utc(now.minus(ONLINE)))
                .setMaxResults(1).getResultList().isEmpty());
        answers.put(project.value(), new Answer(online, now));
        return online;
    }
}
