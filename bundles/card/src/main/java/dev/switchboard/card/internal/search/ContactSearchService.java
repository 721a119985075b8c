package dev.switchboard.card.internal.search;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.switchboard.api.card.ContactFilter;
import dev.switchboard.api.card.ContactHit;
import dev.switchboard.api.card.ContactSearch;
import dev.switchboard.api.card.DateRange;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.TagId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.store.Database;
import dev.switchboard.api.store.PersistenceUnit;
import dev.switchboard.api.store.StoreTimes;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.card.internal.funnel.FunnelRegistry;
import dev.switchboard.card.internal.personal.CardConfig;
import dev.switchboard.card.internal.store.CardUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Search tab (INB-7): the default search over names, phone, e-mail and About, and the Filters mode. Both list
 * a project's contacts newest first, keyset-paged on (created_at, id) over index contact_created_ix, so a page
 * costs the same however deep it is.
 * <p>
 * The search matches {@code contact.search_text}, which the card bundle keeps on every write (lower-cased names,
 * e-mail, phone digits and About): a plain LIKE, correct on every engine; on PostgreSQL a trigram index
 * (migration V10) serves it. A whole phone number or e-mail is also looked up exactly on its own index.
 * <p>
 * The filters read, beside the card's own tables, three tables of other core bundles in the same database:
 * interactions' {@code contact_acquisition} (tool), chat's {@code chat} (group, responsible, last activity).
 * That read-only join is deliberate: one indexed query pages through the combination of criteria, where
 * fetching id sets from each bundle's service and merging them in Java would read every matching id of a big
 * project for each page. Nothing here writes to those tables.
 * <p>
 * Statuses are read as the card shows them, through {@link FunnelRegistry}'s status reader (current funnel,
 * stored copies of funnels whose bundle is gone).
 */
@Component(service = ContactSearch.class, configurationPid = CardConfig.PID)
public final class ContactSearchService implements ContactSearch {

    private static final Logger LOG = LoggerFactory.getLogger(ContactSearchService.class);

    private static final String COLUMNS = "select c.id, c.first_name, c.last_name, c.phone, c.email, c.funnel_key,"
            + " c.funnel_stage, c.created_at from contact c where c.project_id = ";
    private static final String ORDER = " order by c.created_at desc, c.id desc limit ";

    private final PersistenceUnit unit;
    private final boolean postgres;
    private final MemberService members;
    private final FunnelRegistry funnels;
    private final String region;

    @Activate
    public ContactSearchService(@Reference CardUnit unit, @Reference MemberService members,
                                @Reference FunnelRegistry funnels, CardConfig config) {
        this(unit.unit(), unit.dialect(), members, funnels, config.phone_defaultRegion());
    }

    /*
     * Outside OSGi (tests, benchmarks) through a factory, not a second public constructor: Felix SCR picks the
     * constructor to inject by its number of parameters.
     */
    public static ContactSearchService on(PersistenceUnit unit, Database.Dialect dialect, MemberService members,
                                          FunnelRegistry funnels, String defaultRegion) {
        return new ContactSearchService(unit, dialect, members, funnels, defaultRegion);
    }

    private ContactSearchService(PersistenceUnit unit, Database.Dialect dialect, MemberService members,
                                 FunnelRegistry funnels, String defaultRegion) {
        this.unit = unit;
        this.postgres = dialect == Database.Dialect.POSTGRESQL;
        this.members = members;
        this.funnels = funnels;
        String region = defaultRegion == null ? "" : defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            LOG.warn("phone.defaultRegion '{}' is not a region libphonenumber knows; reading numbers as RU", region);
            region = "RU";
        }
        this.region = region;
    }

    @Override
    public Page<ContactHit> search(ProjectId project, MemberId viewer, String text, Optional<String> after,
                                   int size) {
        checkSize(size);
        checkMember(project, viewer);
        Optional<SearchCursor> cursor = after.map(SearchCursor::decode);
        Optional<TextQuery> query = TextQuery.of(text, region);
        if (query.isEmpty()) {
            return Page.last(List.of());
        }
        TextQuery q = query.get();
        Sql sql = new Sql();
        sql.append(COLUMNS + sql.parameter(project.value()));
        if (q.email().isPresent()) {
            String email = sql.parameter(q.email().get());
            sql.append(" and (c.email = " + email + " or (c.search_text like " + sql.parameter(q.emailLocal().get())
                    + escape() + " and position(" + email + " in c.search_text) > 0))");
        } else {
            sql.append(" and (c.search_text like " + sql.parameter(q.like()) + escape());
            q.phone().ifPresent(phone -> sql.append(" or c.phone = " + sql.parameter(phone)));
            q.digits().ifPresent(digits -> sql.append(" or c.search_text like " + sql.parameter(digits) + escape()));
            sql.append(")");
        }
        return page(project, sql, cursor, size);
    }

    @Override
    public Page<ContactHit> filter(ProjectId project, MemberId viewer, ContactFilter filter, Optional<String> after,
                                   int size) {
        checkSize(size);
        checkMember(project, viewer);
        Optional<SearchCursor> cursor = after.map(SearchCursor::decode);
        Sql sql = new Sql();
        String p = sql.parameter(project.value());
        sql.append(COLUMNS + p);
        if (!filter.stages().isEmpty()) {
            sql.append(" and c.funnel_stage in (" + sql.parameters(filter.stages().stream().sorted().toList()) + ")");
        }
        // Rows of contact_tag and chat belong to the project of their contact, which is already the viewer's
        // project: the tag and last-activity conditions leave project_id out so that they are answered from the
        // indexes alone (contact_tag_tag_ix, chat_contact_ix) without reading table rows.
        for (TagId tag : filter.tags().stream().sorted((a, b) -> Long.compare(a.value(), b.value())).toList()) {
            sql.append(" and exists (select 1 from contact_tag t where t.contact_id = c.id and t.tag_id = "
                    + sql.parameter(tag.value()) + ")");
        }
        if (!filter.chains().isEmpty()) {
            sql.append(" and exists (select 1 from contact_subscription s where s.contact_id = c.id"
                    + " and s.project_id = " + p + " and s.chain in ("
                    + sql.parameters(filter.chains().stream().sorted().toList()) + "))");
        }
        if (!filter.tools().isEmpty()) {
            sql.append(" and exists (select 1 from contact_acquisition a where a.contact_id = c.id"
                    + " and a.project_id = " + p + " and a.tool_id in ("
                    + sql.parameters(filter.tools().stream().sorted().toList()) + "))");
        }
        // as with tags: a contact's chats are its project's, and chat_contact_team_ix answers these from the index
        filter.group().ifPresent(group -> sql.append(" and exists (select 1 from chat h where h.contact_id = c.id"
                + " and h.group_id = " + sql.parameter(group.value()) + ")"));
        filter.responsible().ifPresent(member -> sql.append(" and exists (select 1 from chat h"
                + " where h.contact_id = c.id and h.responsible_id = " + sql.parameter(member.value()) + ")"));
        filter.firstContact().ifPresent(range -> range(sql, "c.created_at", range));
        filter.lastActivity().ifPresent(range -> range(sql, "(select max(h.last_activity) from chat h"
                + " where h.contact_id = c.id)", range));
        return page(project, sql, cursor, size);
    }

    @Override
    public Map<String, String> chains(ProjectId project, MemberId viewer) {
        checkMember(project, viewer);
        return unit.read((em, tx) -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select chain, max(chain_name) from contact_subscription"
                    + " where project_id = ?1 group by chain").setParameter(1, project.value()).getResultList();
            Map<String, String> chains = new LinkedHashMap<>();
            rows.stream().sorted(Comparator.comparing((Object[] r) -> ((String) r[1]).toLowerCase(Locale.ROOT))
                            .thenComparing(r -> (String) r[0]))
                    .forEach(r -> chains.put((String) r[0], (String) r[1]));
            return chains;
        });
    }

    /** Runs the query after the keyset condition, newest first, one row more than the page to know if more follow. */
    private Page<ContactHit> page(ProjectId project, Sql sql, Optional<SearchCursor> cursor, int size) {
        // a card being merged away is shown as its survivor only
        sql.append(" and c.merged_into is null");
        cursor.ifPresent(c -> {
            String at = sql.parameter(StoreTimes.utc(c.createdAt()));
            // "created_at <= cursor" is an index condition: the walk starts at the cursor, not at the newest row
            sql.append(" and c.created_at <= " + at + " and (c.created_at < " + at + " or c.id < "
                    + sql.parameter(c.id()) + ")");
        });
        sql.append(ORDER + (size + 1));
        List<ContactHit> hits = unit.read((em, tx) -> {
            if (postgres) {
                /*
                 * Plan every call for its own values. After a few runs of the same statement PostgreSQL may switch
                 * to one generic plan, blind to the pattern: it cannot tell '%ива%' (a third of the contacts: walk
                 * newest first) from '%89123456789%' (one row: the trigram index), and the wrong choice costs a
                 * second on 1M contacts (bench/search.sh). Planning takes well under a millisecond. And no
                 * parallel workers: starting them costs more than reading one page of 51 rows.
                 */
                em.createNativeQuery("select set_config('plan_cache_mode', 'force_custom_plan', true),"
                        + " set_config('max_parallel_workers_per_gather', '0', true)").getSingleResult();
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = sql.query(em).getResultList();
            FunnelRegistry.StatusReader statuses = funnels.statuses(em, project.value());
            List<ContactHit> page = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                page.add(new ContactHit(new ContactId(((Number) row[0]).longValue()), text(row[1]), text(row[2]),
                        text(row[3]), text(row[4]), statuses.status(text(row[5]), text(row[6])),
                        StoreTimes.instant(row[7])));
            }
            return page;
        });
        if (hits.size() <= size) {
            return Page.last(hits);
        }
        hits = hits.subList(0, size);
        ContactHit last = hits.get(hits.size() - 1);
        return new Page<>(hits, Optional.of(new SearchCursor(last.createdAt(), last.id().value()).encode()));
    }

    private static void range(Sql sql, String column, DateRange range) {
        range.from().ifPresent(from -> sql.append(" and " + column + " >= " + sql.parameter(StoreTimes.utc(from))));
        range.to().ifPresent(to -> sql.append(" and " + column + " < " + sql.parameter(StoreTimes.utc(to))));
    }

    private static String escape() {
        return " escape '" + TextQuery.ESCAPE + "'";
    }

    private static void checkSize(int size) {
        if (size < 1 || size > 200) {
            throw new InvalidInput("size", "must be 1 to 200");
        }
    }

    private void checkMember(ProjectId project, MemberId viewer) {
        members.find(viewer).filter(m -> m.project().equals(project))
                .orElseThrow(() -> new NotFound("project", project.value()));
    }

    private static Optional<String> text(Object column) {
        return column == null || column.toString().isEmpty() ? Optional.empty() : Optional.of(column.toString());
    }
}
