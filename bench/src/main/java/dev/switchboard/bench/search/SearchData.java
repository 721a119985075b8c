package dev.switchboard.bench.search;

import dev.switchboard.card.internal.store.SearchText;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One project of generated contacts, loaded with COPY into the tables the real migrations created: names
 * (two thirds Russian in Cyrillic, one third English), +7 9xx mobile numbers (90 %), e-mails made from the names
 * (70 %), an About note (20 %), a status of the six default stages, 0..3 of 20 tags (a few common, most rare),
 * creation times over two years, and one chat each (group, responsible, last activity) for the chat criteria.
 * Seeded, so every run generates the same data; {@code search_text} through the card's own {@link SearchText}.
 */
final class SearchData {

    static final String[] STAGES = {"not-client", "contacted", "interested", "desire", "client", "regular"};
    private static final double[] STAGE_WEIGHTS = {0.10, 0.35, 0.20, 0.12, 0.15, 0.08};
    static final int TAGS = 20;
    static final int GROUPS = 5;
    static final Duration SPAN = Duration.ofDays(730);
    private static final int BATCH = 50_000;
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    private static final long FIRST_TAG = 1_000_000_000L;

    final long project;
    final Instant start;
    final Instant end;
    final long firstTag;
    final List<Long> members;

    private SearchData(long project, Instant end, long firstTag, List<Long> members) {
        this.project = project;
        this.end = end;
        this.start = end.minus(SPAN);
        this.firstTag = firstTag;
        this.members = members;
    }

    static SearchData generate(Connection c, long project, List<Long> members, int contacts) throws SQLException,
            IOException {
        Instant end = END;
        SplittableRandom random = new SplittableRandom(20261125);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long firstTag = FIRST_TAG;
        StringBuilder tags = new StringBuilder();
        for (int t = 0; t < TAGS; t++) {
            tags.append(firstTag + t).append('\t').append(project).append('\t').append("Tag ").append(t + 1)
                    .append('\t').append("tag ").append(t + 1).append("\t#336699\t1\n");
        }
        copy.copyIn("copy tag (id, project_id, name, name_key, colour, version) from stdin", reader(tags));
        SearchData data = new SearchData(project, end, firstTag, members);
        long spanMicros = SPAN.toNanos() / 1000;
        StringBuilder contactRows = new StringBuilder();
        StringBuilder tagRows = new StringBuilder();
        StringBuilder chatRows = new StringBuilder();
        for (int i = 1; i <= contacts; i++) {
            boolean russian = random.nextInt(3) < 2;
            boolean female = random.nextBoolean();
            String first;
            String last;
            if (russian) {
                first = Names.pick(female ? Names.RU_FEMALE : Names.RU_MALE, random);
                String l = Names.pick(Names.RU_LAST, random);
                last = female ? Names.feminine(l) : l;
            } else {
                first = Names.pick(Names.EN_FIRST, random);
                last = Names.pick(Names.EN_LAST, random);
            }
            if (random.nextInt(10) == 0) {
                last = null;
            }
            String phone = random.nextInt(10) < 9 ? String.format("+79%09d", random.nextInt(1_000_000_000)) : null;
            String email = random.nextInt(10) < 7 ? Names.email(first, last, random) : null;
            String about = random.nextInt(5) == 0 ? Names.pick(Names.ABOUT, random) : null;
            String stage = STAGES[weighted(random)];
            // ids grow with creation time, as in a live installation
            long slot = spanMicros / contacts;
            Instant created = data.start.plus(Duration.ofNanos(1000 * (slot * (i - 1) + random.nextLong(slot + 1))));
            long id = i;
            row(contactRows, id, project, first, last, email, phone, about, "default", stage, created, 1, "f",
                    SearchText.of(first, last, email, phone, about));
            int tagCount = tagCount(random);
            long seen = 0;
            for (int t = 0; t < tagCount; t++) {
                int tag = zipfTag(random);
                if ((seen & (1L << tag)) == 0) {
                    seen |= 1L << tag;
                    row(tagRows, id, firstTag + tag, project, created);
                }
            }
            Instant activity = created.plus(Duration.ofMinutes(random.nextLong(60L * 24 * 90)));
            if (activity.isAfter(end)) {
                activity = end.minusSeconds(random.nextInt(86_400));
            }
            Long responsible = random.nextInt(10) == 0 ? null : members.get(random.nextInt(members.size()));
            Long group = random.nextInt(3) == 0 ? null : (long) (1 + random.nextInt(GROUPS));
            row(chatRows, id, project, last == null ? first : first + " " + last, "telegram", responsible == null ? "NEW" : "DONE",
                    responsible, activity, 1, group, id, "f");
            if (i % BATCH == 0 || i == contacts) {
                copy.copyIn("copy contact (id, project_id, first_name, last_name, email, phone, about, funnel_key,"
                        + " funnel_stage, created_at, version, names_edited, search_text) from stdin",
                        reader(contactRows));
                copy.copyIn("copy contact_tag (contact_id, tag_id, project_id, added_at) from stdin", reader(tagRows));
                copy.copyIn("copy chat (id, project_id, client_name, channel, state, responsible_id, last_activity,"
                        + " version, group_id, contact_id, repeat_request) from stdin", reader(chatRows));
                contactRows.setLength(0);
                tagRows.setLength(0);
                chatRows.setLength(0);
                if (i % 200_000 == 0) {
                    System.out.println("  " + i + " contacts");
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("select setval('contact_seq', " + (contacts + 1000) + ")");
            s.execute("select setval('chat_seq', " + (contacts + 1000) + ")");
        }
        return data;
    }

    /** The data an earlier run generated (kept with --keep). */
    static SearchData existing(long project, List<Long> members) {
        return new SearchData(project, END, FIRST_TAG, members);
    }

    long tag(int index) {
        return firstTag + index;
    }

    private static int weighted(SplittableRandom random) {
        double r = random.nextDouble();
        for (int i = 0; i < STAGE_WEIGHTS.length; i++) {
            r -= STAGE_WEIGHTS[i];
            if (r < 0) {
                return i;
            }
        }
        return STAGE_WEIGHTS.length - 1;
    }

    /** 0..3 tags: 35 %, 35 %, 20 %, 10 %. */
    private static int tagCount(SplittableRandom random) {
        int r = random.nextInt(100);
        return r < 35 ? 0 : r < 70 ? 1 : r < 90 ? 2 : 3;
    }

    /** Tag i with weight 1/(i+1): tag 1 on about 28 % of tagged contacts, tag 20 on about 1.4 %. */
    private static int zipfTag(SplittableRandom random) {
        double total = 0;
        for (int i = 1; i <= TAGS; i++) {
            total += 1.0 / i;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < TAGS; i++) {
            r -= 1.0 / (i + 1);
            if (r < 0) {
                return i;
            }
        }
        return TAGS - 1;
    }

    /** One line of COPY's text format. */
    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else {
                String s = v.toString();
                for (int k = 0; k < s.length(); k++) {
                    char ch = s.charAt(k);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        case '\t' -> out.append("\\t");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }

    private static Reader reader(StringBuilder text) {
        return new StringReader(text.toString());
    }
}
