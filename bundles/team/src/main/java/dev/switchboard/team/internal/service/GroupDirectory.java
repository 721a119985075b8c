package dev.switchboard.team.internal.service;

import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.GroupService;
import dev.switchboard.team.internal.store.GroupEntity;
import dev.switchboard.team.internal.store.MemberEntity;
import dev.switchboard.team.internal.store.ProjectEntity;
import dev.switchboard.team.internal.store.TeamUnit;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Groups (departments), their member restrictions and auto-forwarding sources (GRP-1..3, DIST-3).
 * <p>
 * A project, group or member of another project than the actor's is {@link NotFound}, as one that does not exist,
 * so that nobody learns what other projects hold (issue 12); a manager of the project is told {@link NotAllowed}.
 */
@Component(service = GroupService.class)
public final class GroupDirectory implements GroupService {

    private final PersistenceUnit unit;
    private final Clock clock;

    @Activate
    public GroupDirectory(@Reference TeamUnit unit) {
        this(unit.unit(), Clock.systemUTC());
    }

    public GroupDirectory(PersistenceUnit unit, Clock clock) {
        this.unit = unit;
        this.clock = clock;
    }

    @Override
    public Group create(ProjectId project, MemberId actor, String name) {
        String n = Inputs.name("name", name, 120);
        return unit.inTransaction((em, tx) -> {
            requireSenior(em, project.value(), actor, "create a group", () -> new NotFound("project", project));
            if (!em.createQuery("select g.id from GroupEntity g where g.projectId = :p and g.nameKey = :k")
                    .setParameter("p", project.value()).setParameter("k", ProjectEntity.key(n))
                    .getResultList().isEmpty()) {
                throw new Conflict("error.groupExists", "a group with this name exists: " + n, List.of(n));
            }
            GroupEntity g = new GroupEntity(project.value(), n, clock.instant());
            em.persist(g);
            em.flush();
            return g.toRecord(Set.of());
        });
    }

    @Override
    public Group setMembers(GroupId group, MemberId actor, Set<MemberId> members) {
        return unit.inTransaction((em, tx) -> {
            GroupEntity g = group(em, group);
            requireSenior(em, g.projectId(), actor, "change a group's members", () -> new NotFound("group", group));
            for (MemberId m : members) {
                MemberEntity member = em.find(MemberEntity.class, m.value());
                if (member == null || !member.toRecord().project().equals(new ProjectId(g.projectId()))) {
                    throw new NotFound("member", m);
                }
            }
            g.setMembers(members);
            return g.toRecord(sources(em, g.id()));
        });
    }

    @Override
    public Group setAutoForward(GroupId group, MemberId actor, Set<String> sources) {
        Set<String> clean = new LinkedHashSet<>();
        for (String s : sources) {
            clean.add(Inputs.name("sources", s, 200));
        }
        return unit.inTransaction((em, tx) -> {
            GroupEntity g = group(em, group);
            requireSenior(em, g.projectId(), actor, "change a group's auto-forwarding",
                    () -> new NotFound("group", group));
            List<?> taken = clean.isEmpty() ? List.of() : forwardedElsewhere(em, g, clean);
            if (!taken.isEmpty()) {
                throw new Conflict("error.sourceForwarded", "source forwards to another group already: " + taken,
                        List.of(String.valueOf(taken.get(0))));
            }
            em.createNativeQuery("delete from project_group_source where group_id = ?1")
                    .setParameter(1, g.id()).executeUpdate();
            for (String s : clean) {
                em.createNativeQuery("insert into project_group_source (group_id, project_id, source)"
                                + " values (?1, ?2, ?3)")
                        .setParameter(1, g.id()).setParameter(2, g.projectId()).setParameter(3, s).executeUpdate();
            }
            return g.toRecord(clean);
        });
    }

    @Override
    public List<Group> list(ProjectId project) {
        return unit.read((em, tx) -> em.createQuery(
                        "select g from GroupEntity g where g.projectId = :p order by g.nameKey, g.id", GroupEntity.class)
                .setParameter("p", project.value()).getResultStream()
                .map(g -> g.toRecord(sources(em, g.id()))).toList());
    }

    @Override
    public Optional<Group> find(GroupId id) {
        return unit.read((em, tx) -> Optional.ofNullable(em.find(GroupEntity.class, id.value()))
                .map(g -> g.toRecord(sources(em, g.id()))));
    }

    @Override
    public Optional<Group> forSource(ProjectId project, String source) {
        if (source == null || source.isBlank()) {
            return Optional.empty();
        }
        return unit.read((em, tx) -> {
            List<?> ids = em.createNativeQuery(
                            "select group_id from project_group_source where project_id = ?1 and source = ?2")
                    .setParameter(1, project.value()).setParameter(2, source.strip()).getResultList();
            return ids.stream().findFirst().map(id -> em.find(GroupEntity.class, ((Number) id).longValue()))
                    .map(g -> g.toRecord(sources(em, g.id())));
        });
    }

    /** Which of {@code sources} another group of the project forwards already: a source has one group. */
    private static List<?> forwardedElsewhere(EntityManager em, GroupEntity g, Set<String> sources) {
        var q = em.createNativeQuery("select source from project_group_source where project_id = ?1"
                        + " and group_id <> ?2 and source in (" + placeholders(sources.size(), 3) + ")")
                .setParameter(1, g.projectId()).setParameter(2, g.id());
        int i = 3;
        for (String s : sources) {
            q.setParameter(i++, s);
        }
        return q.getResultList();
    }

    private static String placeholders(int count, int first) {
        return java.util.stream.IntStream.range(first, first + count).mapToObj(i -> "?" + i)
                .collect(Collectors.joining(", "));
    }

    private static Set<String> sources(EntityManager em, long groupId) {
        List<?> rows = em.createNativeQuery(
                        "select source from project_group_source where group_id = ?1 order by source")
                .setParameter(1, groupId).getResultList();
        return rows.stream().map(String::valueOf).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static GroupEntity group(EntityManager em, GroupId id) {
        GroupEntity g = em.find(GroupEntity.class, id.value());
        if (g == null) {
            throw new NotFound("group", id);
        }
        return g;
    }

    /**
     * Group settings are the owners' and admins' business (GRP-3). An actor of another project gets {@code unknown},
     * what an id that names nothing gives, never NotAllowed, which would tell them the id exists.
     */
    private static void requireSenior(EntityManager em, long project, MemberId actor, String action,
                                      Supplier<NotFound> unknown) {
        MemberEntity m = em.find(MemberEntity.class, actor.value());
        if (m == null || m.toRecord().project().value() != project) {
            throw unknown.get();
        }
        if (!m.toRecord().role().maySupervise()) {
            throw new NotAllowed(action);
        }
    }
}
