package dev.switchboard.card.internal.funnel;

import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.store.StoreFailures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.card.FunnelService;
import dev.switchboard.api.card.Status;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreException;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.card.internal.service.CardEventPublisher;
import dev.switchboard.card.internal.store.CardUnit;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The funnels (CARD-3): tracks every registered {@link FunnelDefinition} and keeps a copy of each in tables
 * {@code funnel} / {@code funnel_stage} when it arrives or changes, so that statuses stay readable after its
 * bundle is gone. Names come from the live definition when it is registered, else from the copy. Definitions
 * come and go on SCR's threads at any time: they are held in a concurrent map by service id, and every reader
 * takes what is there at that moment.
 */
// Immediate: every definition is copied when it arrives, even while nothing uses the funnels yet, so that a funnel
// bundle that comes and goes before the first card is read still leaves its names behind.
@Component(service = {FunnelService.class, FunnelRegistry.class}, immediate = true)
public final class FunnelRegistry implements FunnelService {

    /** What a project without a choice uses. */
    public static final String DEFAULT = "default";

    private static final Logger LOG = LoggerFactory.getLogger(FunnelRegistry.class);
    private static final Pattern KEY = Pattern.compile("[a-z0-9_-]{1,60}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> NAMES = new TypeReference<>() {
    };
    /** A stage whose funnel was never seen is shown by its key, in grey. */
    private static final String UNKNOWN_COLOUR = "#9e9e9e";

    private final PersistenceUnit unit;
    private final MemberService members;
    private final CardEventPublisher events;
    private final Clock clock;
    private final Map<Long, FunnelDefinition> live = new ConcurrentHashMap<>();

    @Activate
    public FunnelRegistry(@Reference CardUnit unit, @Reference MemberService members,
                          @Reference EventAdmin eventAdmin) {
        this(unit.unit(), members, eventAdmin, Clock.systemUTC());
    }

    public FunnelRegistry(PersistenceUnit unit, MemberService members, EventAdmin eventAdmin, Clock clock) {
        this.unit = unit;
        this.members = members;
        this.events = new CardEventPublisher(eventAdmin);
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------- tracking

    @Reference(service = FunnelDefinition.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeFunnel", updated = "updatedFunnel")
    public void addFunnel(FunnelDefinition definition, Map<String, Object> properties) {
        Optional<Funnel> funnel = read(definition, true);
        if (funnel.isEmpty()) {
            return;
        }
        live.put(serviceId(properties), definition);
        snapshot(funnel.get());
    }

    public void updatedFunnel(FunnelDefinition definition, Map<String, Object> properties) {
        addFunnel(definition, properties);
    }

    public void removeFunnel(FunnelDefinition definition, Map<String, Object> properties) {
        live.remove(serviceId(properties));
    }

    private static long serviceId(Map<String, Object> properties) {
        return ((Number) properties.get(Constants.SERVICE_ID)).longValue();
    }

    /** The definition as a funnel, if it keeps the SPI's promises; a broken one is logged and ignored. */
    private static Optional<Funnel> read(FunnelDefinition definition, boolean installed) {
        try {
            String key = definition.key();
            if (key == null || !KEY.matcher(key).matches()) {
                LOG.warn("Ignoring a funnel definition with an invalid key: {}", key);
                return Optional.empty();
            }
            Map<String, String> names = definition.names();
            List<FunnelStage> stages = new ArrayList<>(definition.stages());
            Set<String> keys = new HashSet<>();
            if (names == null || names.getOrDefault("en", "").isBlank() || stages.isEmpty()
                    || !stages.stream().allMatch(s -> keys.add(s.key()))) {
                LOG.warn("Ignoring funnel definition {}: it needs an English name and at least one stage, keys unique",
                        key);
                return Optional.empty();
            }
            stages.sort(Comparator.comparingInt(FunnelStage::order).thenComparing(FunnelStage::key));
            return Optional.of(new Funnel(key, names, stages, installed));
        } catch (RuntimeException e) {
            // a provider being stopped may fail while it is asked
            LOG.warn("Ignoring a funnel definition that failed to describe itself", e);
            return Optional.empty();
        }
    }

    /** Writes the copy of a funnel, unless the stored one is the same already. */
    private void snapshot(Funnel funnel) {
        for (int attempt = 1; ; attempt++) {
            try {
                unit.inTransaction((em, tx) -> {
                    Optional<Funnel> stored = stored(em, funnel.key());
                    Funnel copy = new Funnel(funnel.key(), funnel.names(), funnel.stages(), false);
                    if (stored.isPresent() && stored.get().equals(copy)) {
                        return null;
                    }
                    int updated = em.createNativeQuery("update funnel set names_json = ?1, seen_at = ?2 where funnel_key = ?3")
                            .setParameter(1, json(funnel.names())).setParameter(2, StoreTimes.utc(clock.instant()))
                            .setParameter(3, funnel.key()).executeUpdate();
                    if (updated == 0) {
                        em.createNativeQuery("insert into funnel (funnel_key, names_json, seen_at) values (?1, ?2, ?3)")
                                .setParameter(1, funnel.key()).setParameter(2, json(funnel.names()))
                                .setParameter(3, StoreTimes.utc(clock.instant())).executeUpdate();
                    }
                    // stages the definition dropped stay, retired, so cards at them keep their names
                    em.createNativeQuery("update funnel_stage set retired = true where funnel_key = ?1")
                            .setParameter(1, funnel.key()).executeUpdate();
                    for (FunnelStage s : funnel.stages()) {
                        int kept = em.createNativeQuery("update funnel_stage set names_json = ?3, stage_order = ?4,"
                                        + " colour = ?5, retired = false where funnel_key = ?1 and stage_key = ?2")
                                .setParameter(1, funnel.key()).setParameter(2, s.key()).setParameter(3, json(s.names()))
                                .setParameter(4, s.order()).setParameter(5, s.colour()).executeUpdate();
                        if (kept == 0) {
                            em.createNativeQuery("insert into funnel_stage (funnel_key, stage_key, names_json,"
                                            + " stage_order, colour) values (?1, ?2, ?3, ?4, ?5)")
                                    .setParameter(1, funnel.key()).setParameter(2, s.key())
                                    .setParameter(3, json(s.names())).setParameter(4, s.order())
                                    .setParameter(5, s.colour()).executeUpdate();
                        }
                    }
                    return null;
                });
                LOG.info("Funnel {} registered with {} stages", funnel.key(), funnel.stages().size());
                return;
            } catch (StoreException e) {
                if (attempt < 3 && StoreFailures.uniqueViolation(e)) {
                    // another node stored the same funnel at the same moment
                    continue;
                }
                // the funnel still works from the live definition; only its copy is missing
                LOG.error("Could not store the copy of funnel {}", funnel.key(), e);
                return;
            }
        }
    }

    private static Optional<Funnel> stored(EntityManager em, String key) {
        @SuppressWarnings("unchecked")
        List<Object> names = em.createNativeQuery("select names_json from funnel where funnel_key = ?1")
                .setParameter(1, key).getResultList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select stage_key, names_json, stage_order, colour from funnel_stage"
                + " where funnel_key = ?1 and retired = false order by stage_order, stage_key").setParameter(1, key)
                .getResultList();
        List<FunnelStage> stages = rows.stream().map(r -> new FunnelStage((String) r[0], names((String) r[1]),
                ((Number) r[2]).intValue(), (String) r[3])).toList();
        return Optional.of(new Funnel(key, names((String) names.get(0)), stages, false));
    }

    private static String json(Map<String, String> names) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(names));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("names cannot be written as JSON", e);
        }
    }

    private static Map<String, String> names(String json) {
        try {
            return JSON.readValue(json, NAMES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored funnel names are not JSON", e);
        }
    }

    // ---------------------------------------------------------------------------------------------- reads

    /** The installed funnel of that key, read from its definition now. */
    public Optional<Funnel> installed(String key) {
        for (FunnelDefinition d : live.values()) {
            Optional<Funnel> f = read(d, true);
            if (f.isPresent() && f.get().key().equals(key)) {
                return f;
            }
        }
        return Optional.empty();
    }

    private Map<String, Funnel> installed() {
        Map<String, Funnel> funnels = new LinkedHashMap<>();
        for (FunnelDefinition d : live.values()) {
            read(d, true).ifPresent(f -> funnels.putIfAbsent(f.key(), f));
        }
        return funnels;
    }

    /** A funnel by key: the installed definition, else its stored copy. */
    public Optional<Funnel> funnel(EntityManager em, String key) {
        Optional<Funnel> installed = installed(key);
        return installed.isPresent() ? installed : stored(em, key);
    }

    /** The key of the project's funnel: its choice, or {@value #DEFAULT}. */
    public String currentKey(EntityManager em, long project) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select funnel_key from project_funnel where project_id = ?1")
                .setParameter(1, project).getResultList();
        return rows.isEmpty() ? DEFAULT : (String) rows.get(0);
    }

    public Optional<Funnel> funnelOf(EntityManager em, long project) {
        return funnel(em, currentKey(em, project));
    }

    /** Reads statuses of one project's cards, each funnel looked up once. */
    public StatusReader statuses(EntityManager em, long project) {
        return new StatusReader(em, currentKey(em, project));
    }

    /** Statuses of one project, in one transaction. */
    public final class StatusReader {
        private final EntityManager em;
        private final String currentKey;
        private final Map<String, Optional<Funnel>> funnels = new HashMap<>();

        private StatusReader(EntityManager em, String currentKey) {
            this.em = em;
            this.currentKey = currentKey;
        }

        public String currentKey() {
            return currentKey;
        }

        public Optional<Funnel> current() {
            return funnel(currentKey);
        }

        private Optional<Funnel> funnel(String key) {
            return funnels.computeIfAbsent(key, k -> FunnelRegistry.this.funnel(em, k));
        }

        /** The status of a card that stores this funnel and stage; a stage without its funnel counts as current. */
        public Optional<Status> status(Optional<String> funnelKey, Optional<String> stageKey) {
            if (stageKey.isEmpty()) {
                return Optional.empty();
            }
            String key = funnelKey.orElse(currentKey);
            Optional<FunnelStage> stage = funnel(key).flatMap(f -> f.stage(stageKey.get()));
            boolean current = key.equals(currentKey) && stage.isPresent();
            FunnelStage shown = stage.or(() -> retired(em, key, stageKey.get()))
                    .orElseGet(() -> unknown(stageKey.get()));
            return Optional.of(new Status(key, shown, current));
        }
    }

    /** A stage its funnel no longer defines, as last seen (CARD-3). */
    private static Optional<FunnelStage> retired(EntityManager em, String funnelKey, String stageKey) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select names_json, stage_order, colour from funnel_stage"
                        + " where funnel_key = ?1 and stage_key = ?2 and retired = true")
                .setParameter(1, funnelKey).setParameter(2, stageKey).getResultList();
        return rows.stream().findFirst().map(r -> new FunnelStage(stageKey, names((String) r[0]),
                ((Number) r[1]).intValue(), (String) r[2]));
    }

    private static FunnelStage unknown(String stageKey) {
        return new FunnelStage(stageKey, Map.of("en", stageKey), Integer.MAX_VALUE, UNKNOWN_COLOUR);
    }

    @Override
    public List<Funnel> funnels() {
        Map<String, Funnel> installed = installed();
        return unit.read((em, tx) -> {
            List<Funnel> all = new ArrayList<>(installed.values());
            @SuppressWarnings("unchecked")
            List<Object> keys = em.createNativeQuery("select funnel_key from funnel order by funnel_key").getResultList();
            for (Object key : keys) {
                if (!installed.containsKey((String) key)) {
                    stored(em, (String) key).ifPresent(all::add);
                }
            }
            all.sort(Comparator.comparing(Funnel::key));
            return all;
        });
    }

    @Override
    public Optional<Funnel> funnelOf(ProjectId project) {
        return unit.read((em, tx) -> funnelOf(em, project.value()));
    }

    @Override
    public int choose(ProjectId project, MemberId actor, String funnel, Map<String, String> mapping) {
        // issue 12: someone of another project learns nothing, as for a project that does not exist
        Member member = members.find(actor).filter(m -> m.project().equals(project))
                .orElseThrow(() -> new NotFound("project", project));
        if (!member.role().maySupervise()) {
            throw new NotAllowed("choose the funnel");
        }
        Funnel chosen = installed(funnel).orElseThrow(() -> new InvalidInput("funnel", "not installed: " + funnel));
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            if (chosen.stage(m.getValue()).isEmpty()) {
                throw new InvalidInput("mapping", m.getValue() + " is not a stage of " + funnel);
            }
        }
        long p = project.value();
        return unit.inTransaction((em, tx) -> {
            int updated = em.createNativeQuery("update project_funnel set funnel_key = ?1, changed_at = ?2"
                            + " where project_id = ?3")
                    .setParameter(1, funnel).setParameter(2, StoreTimes.utc(clock.instant())).setParameter(3, p)
                    .executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("insert into project_funnel (project_id, funnel_key, changed_at) values (?1, ?2, ?3)")
                        .setParameter(1, p).setParameter(2, funnel).setParameter(3, StoreTimes.utc(clock.instant()))
                        .executeUpdate();
            }
            int mapped = 0;
            for (Map.Entry<String, String> m : mapping.entrySet()) {
                mapped += em.createNativeQuery("update contact set funnel_key = ?1, funnel_stage = ?2,"
                                + " version = version + 1 where project_id = ?3 and funnel_stage = ?4"
                                + " and (funnel_key is null or funnel_key <> ?1)")
                        .setParameter(1, funnel).setParameter(2, m.getValue()).setParameter(3, p)
                        .setParameter(4, m.getKey()).executeUpdate();
            }
            // a stage key the new funnel has too is kept as that stage; every other status stays as it was
            List<String> keys = chosen.stages().stream().map(FunnelStage::key).toList();
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                in.append(i == 0 ? "" : ", ").append('?').append(i + 3);
            }
            var keep = em.createNativeQuery("update contact set funnel_key = ?1, version = version + 1"
                    + " where project_id = ?2 and (funnel_key is null or funnel_key <> ?1) and funnel_stage in (" + in
                    + ")").setParameter(1, funnel).setParameter(2, p);
            for (int i = 0; i < keys.size(); i++) {
                keep.setParameter(i + 3, keys.get(i));
            }
            keep.executeUpdate();
            tx.afterCommit(() -> events.catalogueChanged(p));
            LOG.info("Project {} now uses funnel {}; {} statuses mapped", p, funnel, mapped);
            return mapped;
        });
    }
}
