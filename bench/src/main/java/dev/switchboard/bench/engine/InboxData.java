package dev.switchboard.bench.engine;

import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Group;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.Project;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inbox of a large project, generated in PostgreSQL. Team, groups and connections go through the real
 * services (so they are what the engine expects); chats, participants, requests and messages are written by
 * set-based SQL ({@code INSERT ... SELECT ... generate_series}) straight into the engine's tables, which the store
 * has migrated with Flyway first. For speed the secondary indexes of those tables are dropped before the load
 * and re-created after it from their own definitions ({@code pg_get_indexdef}), foreign-key triggers are skipped
 * for the loading session (the rows are consistent by construction), and the tables are vacuumed and analysed
 * at the end, as autovacuum would have done on a live installation.
 *
 * <p>The spread: one project; 1 owner, 2 admins and the rest managers; 5 groups, of which "VIP" is restricted to
 * 10 managers and "Partners" to 20; a quarter of the chats in a group; states about 10 % NEW, 30 % ACTIVE,
 * 60 % DONE; NEW chats active in the last 7 days, ACTIVE in the last 60, DONE over a year; responsibles skewed
 * (the busiest manager holds about 3 % of all handled chats), 30 % of NEW chats are repeat requests with a
 * previous responsible; every 20th handled chat has a participant; one request per chat (closed for DONE);
 * messages per chat fixed (10 by default: first inbound, then inbound, outbound, notes and system messages).
 */
final class InboxData {

    static final String PROJECT = "Inbox bench";

    final Project project;
    final Member owner;
    /** The manager holding the most chats; member of VIP, not of Partners. */
    final Member busy;
    /** A manager who may see New but not Others, and is in neither restricted group. */
    final Member restricted;

    private InboxData(Project project, Member owner, Member busy, Member restricted) {
        this.project = project;
        this.owner = owner;
        this.busy = busy;
        this.restricted = restricted;
    }

    /** The team of an earlier run's database. */
    static InboxData existing(Wiring w) {
        Project project = w.team.list().stream().filter(p -> p.name().equals(PROJECT)).findFirst().orElseThrow();
        List<Member> members = w.team.list(project.id());
        return new InboxData(project, byEmail(members, "owner@inbox.bench"), byEmail(members, "manager0@inbox.bench"),
                byEmail(members, "manager100@inbox.bench"));
    }

    private static Member byEmail(List<Member> members, String email) {
        return members.stream().filter(m -> m.email().equals(email)).findFirst().orElseThrow();
    }

    static InboxData generate(Wiring w, BenchDatabase db, int chats, int messagesPerChat, int members)
            throws SQLException {
        long t0 = System.nanoTime();
        Project project = w.team.create(PROJECT);
        Member owner = w.team.add(project.id(), "owner@inbox.bench", "Owner", Role.OWNER);
        w.team.add(project.id(), "admin0@inbox.bench", "Admin 0", Role.ADMIN);
        w.team.add(project.id(), "admin1@inbox.bench", "Admin 1", Role.ADMIN);
        List<Member> managers = new ArrayList<>();
        for (int i = 0; i < members - 3; i++) {
            managers.add(w.team.add(project.id(), "manager" + i + "@inbox.bench", "Manager " + i, Role.MANAGER));
        }
        Member busy = managers.get(0);
        Member restricted = w.team.setRights(managers.get(100).id(), new AccessRights(true, false));
        List<Group> groups = new ArrayList<>();
        for (String name : List.of("Sales", "Support", "Billing", "VIP", "Partners")) {
            groups.add(w.groups.create(project.id(), owner.id(), name));
        }
        Set<dev.switchboard.api.domain.MemberId> vip = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            vip.add(managers.get(i).id());
        }
        w.groups.setMembers(groups.get(3).id(), owner.id(), vip);
        Set<dev.switchboard.api.domain.MemberId> partners = new HashSet<>();
        for (int i = 150; i < 170; i++) {
            partners.add(managers.get(i).id());
        }
        w.groups.setMembers(groups.get(4).id(), owner.id(), partners);
        for (String type : List.of("telegram", "whatsapp", "widget")) {
            w.connect(project.id(), owner.id(), type, "Bench " + type);
        }
        step("team, groups, connections through the services", t0);

        try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
            s.execute("set maintenance_work_mem = '512MB'");
            s.execute("set synchronous_commit = off");
            s.execute("set session_replication_role = replica");
            long p = project.id().value();
            s.execute("create temp table bm as select (row_number() over (order by id) - 1)::int as idx, id"
                    + " from member where project_id = " + p + " and role = 'MANAGER'");
            s.execute("create temp table bg as select (row_number() over (order by id) - 1)::int as idx, id"
                    + " from project_group where project_id = " + p);
            s.execute("create temp table bc as select (row_number() over (order by id) - 1)::int as idx, id, type"
                    + " from channel_connection where project_id = " + p);
            s.execute("select setseed(0.42)");
            Map<String, String> indexes = secondaryIndexes(c, List.of("chat", "chat_participant", "request", "message"));
            for (String index : indexes.keySet()) {
                s.execute("drop index " + index);
            }
            int m = members - 3;

            t0 = System.nanoTime();
            s.execute("insert into chat (id, project_id, client_name, channel, state, responsible_id,"
                    + " previous_responsible_id, last_message, last_activity, version, connection_id, external_user_id,"
                    + " group_id, pending_handover_id, repeat_request)"
                    + " select s.i, " + p + ", 'Client ' || s.i, bc.type, s.state,"
                    + "   case when s.state <> 'NEW' then r.id end,"
                    + "   case when s.state = 'NEW' and s.rep then pr.id end,"
                    + "   'Last message of generated chat ' || s.i || ', about as long as a real one',"
                    + "   now() - s.age, 1, bc.id, 'user-' || s.i, bg.id, null, s.state = 'NEW' and s.rep"
                    + " from (select i, state, case state when 'NEW' then a * interval '7 days'"
                    + "         when 'ACTIVE' then a * interval '60 days' else a * interval '365 days' end as age,"
                    + "         rep, ridx, pidx, gidx, i % 3 as cidx"
                    + "       from (select i, case when u < 0.10 then 'NEW' when u < 0.40 then 'ACTIVE' else 'DONE' end"
                    + "               as state, random() as a, random() < 0.3 as rep,"
                    + "               floor(" + m + " * power(random(), 1.5))::int as ridx,"
                    + "               floor(" + m + " * random())::int as pidx, floor(20 * random())::int as gidx"
                    + "             from (select i, random() as u from generate_series(1, " + chats + ") i) x) y) s"
                    + " join bm r on r.idx = s.ridx join bm pr on pr.idx = s.pidx join bc on bc.idx = s.cidx"
                    + " left join bg on bg.idx = s.gidx");
            step("chats", t0);

            t0 = System.nanoTime();
            s.execute("insert into chat_participant (chat_id, member_id)"
                    + " select c.id, pm.id from chat c join bm pm on pm.idx = ((c.id * 7919) % " + m + ")::int"
                    + " where c.state <> 'NEW' and c.id % 20 = 0 and pm.id is distinct from c.responsible_id");
            s.execute("insert into request (id, project_id, chat_id, opened_at, closed_at, closed_by, first_message_id)"
                    + " select c.id, c.project_id, c.id, c.last_activity - interval '1 hour',"
                    + "   case when c.state = 'DONE' then c.last_activity end,"
                    + "   case when c.state = 'DONE' then c.responsible_id end,"
                    + "   (c.id - 1) * " + messagesPerChat + " + 1 from chat c");
            step("participants and requests", t0);

            t0 = System.nanoTime();
            s.execute("insert into message (id, project_id, chat_id, kind, origin, author_id, text, event_type,"
                    + " event_by, delivery, connection_id, external_id, created_at)"
                    + " select (c.id - 1) * " + messagesPerChat + " + k + 1, c.project_id, c.id, x.kind,"
                    + "   case when x.kind = 'OUTBOUND' then 'MANAGER' end,"
                    + "   case when x.kind in ('OUTBOUND', 'NOTE') then c.responsible_id end,"
                    + "   case when x.kind = 'SYSTEM' then 'Manager took the chat'"
                    + "     else 'Message ' || k || ' of a generated conversation, roughly as long as a real one' end,"
                    + "   case when x.kind = 'SYSTEM' then 'Took' end,"
                    + "   case when x.kind = 'SYSTEM' then c.responsible_id end,"
                    + "   case when x.kind = 'OUTBOUND' then 'DELIVERED' end,"
                    + "   case when x.kind = 'INBOUND' then c.connection_id end,"
                    + "   case when x.kind = 'INBOUND' then 'gen-' || ((c.id - 1) * " + messagesPerChat + " + k + 1) end,"
                    + "   c.last_activity - (" + (messagesPerChat - 1) + " - k) * interval '3 minutes'"
                    + " from chat c cross join generate_series(0, " + (messagesPerChat - 1) + ") k"
                    + " cross join lateral (select case when k = 0 or c.state = 'NEW' then 'INBOUND'"
                    + "   when (c.id * 31 + k * 7) % 20 < 9 then 'INBOUND' when (c.id * 31 + k * 7) % 20 < 17 then 'OUTBOUND'"
                    + "   when (c.id * 31 + k * 7) % 20 < 18 then 'NOTE' else 'SYSTEM' end as kind) x");
            step("messages", t0);

            t0 = System.nanoTime();
            for (String seq : List.of("chat", "request", "message")) {
                s.execute("select setval('" + seq + "_seq', (select coalesce(max(id), 0) + 50 from " + seq + "))");
            }
            for (Map.Entry<String, String> index : indexes.entrySet()) {
                long i0 = System.nanoTime();
                s.execute(index.getValue());
                step("  index " + index.getKey(), i0);
            }
            step("indexes re-created", t0);
            t0 = System.nanoTime();
            s.execute("set session_replication_role = origin");
            s.execute("vacuum (analyze) chat, chat_participant, request, message");
            step("vacuum analyze", t0);
            s.execute("create table bench_meta (chats bigint, messages bigint, members int, generated_at"
                    + " timestamp with time zone)");
            s.execute("insert into bench_meta select (select count(*) from chat), (select count(*) from message),"
                    + " (select count(*) from member), now()");
        }
        return new InboxData(project, owner, busy, restricted);
    }

    /** Whether an earlier run finished generating into this database. */
    static boolean complete(BenchDatabase db) throws SQLException {
        try (Connection c = db.jdbc(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "select count(*) from information_schema.tables where table_name = 'bench_meta'")) {
            r.next();
            return r.getLong(1) == 1;
        }
    }

    /** Index name to its definition, for every index of these tables that no constraint owns. */
    private static Map<String, String> secondaryIndexes(Connection c, List<String> tables) throws SQLException {
        Map<String, String> indexes = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("select i.indexname, i.indexdef from pg_indexes i"
                + " where i.schemaname = current_schema() and i.tablename = any (?)"
                + " and not exists (select 1 from pg_constraint k where k.conname = i.indexname)"
                + " order by i.tablename, i.indexname")) {
            q.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    indexes.put(r.getString(1), r.getString(2));
                }
            }
        }
        return indexes;
    }

    private static void step(String what, long since) {
        System.out.printf("  %-50s %6.1f s%n", what, (System.nanoTime() - since) / 1e9);
    }
}
