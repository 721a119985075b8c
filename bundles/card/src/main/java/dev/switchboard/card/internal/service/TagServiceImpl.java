package dev.switchboard.card.internal.service;

import dev.switchboard.api.store.StoreFailures;
import dev.switchboard.api.card.Tag;
import dev.switchboard.api.card.TagService;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.TagId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.card.internal.store.CardUnit;
import dev.switchboard.card.internal.store.TagEntity;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;

/**
 * A project's tag catalogue (CARD-4). Names are unique per project, case-insensitively: the database decides
 * (unique {@code (project_id, name_key)}), so two members creating the same tag at once get one tag and one
 * {@link Conflict}. Cards refer to tags by id, so a rename shows on every card at once.
 */
@Component(service = TagService.class)
public final class TagServiceImpl implements TagService {

    static final int NAME_MAX = 60;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");

    private final PersistenceUnit unit;
    private final MemberService members;
    private final CardEventPublisher events;

    @Activate
    public TagServiceImpl(@Reference CardUnit unit, @Reference MemberService members,
                          @Reference EventAdmin eventAdmin) {
        this(unit.unit(), members, eventAdmin);
    }

    private TagServiceImpl(PersistenceUnit unit, MemberService members, EventAdmin eventAdmin) {
        this.unit = unit;
        this.members = members;
        this.events = new CardEventPublisher(eventAdmin);
    }

    /** Plain construction (tests, tools). */
    public static TagServiceImpl create(PersistenceUnit unit, MemberService members, EventAdmin eventAdmin) {
        return new TagServiceImpl(unit, members, eventAdmin);
    }

    @Override
    public List<Tag> tags(ProjectId project) {
        return unit.read((em, tx) -> em.createQuery("select t from TagEntity t where t.projectId = :p"
                        + " order by t.nameKey", TagEntity.class).setParameter("p", project.value()).getResultList()
                .stream().map(TagEntity::toRecord).toList());
    }

    @Override
    public Tag create(ProjectId project, MemberId actor, String name, String colour) {
        // issue 12: someone of another project learns nothing, as for a project that does not exist
        members.find(actor).filter(m -> m.project().equals(project))
                .orElseThrow(() -> new NotFound("project", project));
        String n = name(name);
        String c = colour(colour);
        return unique(n, () -> unit.inTransaction((em, tx) -> {
            requireFree(em, project.value(), n, null);
            TagEntity t = new TagEntity(project.value(), n, c);
            em.persist(t);
            em.flush();
            tx.afterCommit(() -> events.catalogueChanged(project.value()));
            return t.toRecord();
        }));
    }

    @Override
    public Tag update(TagId tag, MemberId actor, String name, String colour) {
        Member m = supervisor(tag, actor, "change a tag");
        String n = name(name);
        String c = colour(colour);
        return unique(n, () -> unit.inTransaction((em, tx) -> {
            TagEntity t = load(em, tag, m);
            requireFree(em, t.projectId(), n, t.id());
            t.set(n, c);
            em.flush();
            tx.afterCommit(() -> events.catalogueChanged(t.projectId()));
            return t.toRecord();
        }));
    }

    @Override
    public void delete(TagId tag, MemberId actor) {
        Member m = supervisor(tag, actor, "delete a tag");
        unit.inTransaction((em, tx) -> {
            TagEntity t = load(em, tag, m);
            // cards lose the tag through the foreign key's cascade
            em.createNativeQuery("delete from tag where id = ?1").setParameter(1, t.id()).executeUpdate();
            tx.afterCommit(() -> events.catalogueChanged(t.projectId()));
            return null;
        });
    }

    /** An owner or admin of the tag's project; the tag of another project is not found. */
    private Member supervisor(TagId tag, MemberId actor, String action) {
        Member m = members.find(actor).orElseThrow(() -> new NotFound("tag", tag));
        unit.read((em, tx) -> load(em, tag, m));
        if (!m.role().maySupervise()) {
            throw new NotAllowed(action);
        }
        return m;
    }

    private static TagEntity load(EntityManager em, TagId tag, Member m) {
        TagEntity t = em.find(TagEntity.class, tag.value());
        if (t == null || t.projectId() != m.project().value()) {
            throw new NotFound("tag", tag);
        }
        return t;
    }

    private static void requireFree(EntityManager em, long project, String name, Long except) {
        List<TagEntity> same = em.createQuery("select t from TagEntity t where t.projectId = :p and t.nameKey = :k",
                TagEntity.class).setParameter("p", project).setParameter("k", TagEntity.key(name)).getResultList();
        if (same.stream().anyMatch(t -> !t.id().equals(except))) {
            throw exists(name);
        }
    }

    private static <T> T unique(String name, Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreException e) {
            if (StoreFailures.uniqueViolation(e)) {
                throw exists(name);
            }
            throw e;
        }
    }

    private static Conflict exists(String name) {
        return new Conflict("error.tagExists", "a tag of that name exists: " + name, List.of(name));
    }

    static String name(String name) {
        String n = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (n.isEmpty() || n.length() > NAME_MAX) {
            throw new InvalidInput("name", "must be 1 to " + NAME_MAX + " characters");
        }
        return n;
    }

    static String colour(String colour) {
        String c = colour == null ? "" : colour.strip().toLowerCase(Locale.ROOT);
        if (!COLOUR.matcher(c).matches()) {
            throw new InvalidInput("colour", "must be #rrggbb");
        }
        return c;
    }
}
