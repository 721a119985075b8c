package dev.switchboard.channel.telegram.internal.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.channel.telegram.internal.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The update reader fed what a broken proxy, a forger who learned the secret, or a future Bot API may send (INB-1):
 * random bytes, every truncation of every documented update, random JSON of Telegram's field names, and the
 * documented updates with bytes changed. Nothing throws (a throw would be answered 503 and repeated by Telegram for a
 * day); what is not a readable update is ignored and produces nothing; what is read is well-formed.
 */
class UpdateFuzzTest {

    private static final ConnectionId CONNECTION = new ConnectionId(3);
    private static final String[] NAMES = {"update_id", "message", "edited_message", "my_chat_member", "chat", "id",
        "type", "private", "message_id", "date", "text", "caption", "entities", "offset", "length", "url",
        "text_link", "photo", "document", "file_id", "file_unique_id", "file_size", "width", "height", "sticker",
        "is_animated", "is_video", "emoji", "new_chat_member", "status", "kicked", "member", "from", "first_name",
        "contact", "location", "latitude", "voice", "video", "animation", "audio", "title", "edit_date"};

    private final UpdateReader reader = new UpdateReader(new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));

    @Test
    void INB1_everyTruncationOfEveryDocumentedUpdateIsIgnoredAndProducesNothing() {
        int read = 0;
        for (String name : Fixtures.ALL) {
            byte[] whole = new String(Fixtures.update(name), StandardCharsets.UTF_8).strip()
                    .getBytes(StandardCharsets.UTF_8);
            for (int length = 0; length < whole.length; length++) {
                WebhookOutcome outcome = read(Arrays.copyOf(whole, length));
                assertThat(outcome).as("%s cut at %d", name, length).isInstanceOf(WebhookOutcome.Ignore.class);
                read++;
            }
        }
        assertThat(read).isGreaterThan(2000);
    }

    @Test
    void INB1_randomBytesAreIgnoredAndProduceNothing() {
        Random random = new Random(11);
        for (int i = 0; i < 5000; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            assertThat(read(junk)).isInstanceOf(WebhookOutcome.Ignore.class);
        }
        for (String junk : new String[] {"", "null", "[]", "{}", "0", "\"update\"", "{\"update_id\":\"1\"}",
            "{\"update_id\":1}", "{\"update_id\":1.5,\"message\":{}}", "{\"update_id\":1} {\"update_id\":2}",
            "[".repeat(100_000), "{\"update_id\":1,\"message\":" + "[".repeat(5000)}) {
            assertThat(read(junk.getBytes(StandardCharsets.UTF_8))).as(junk.length() > 60 ? junk.substring(0, 60)
                    : junk).isInstanceOf(WebhookOutcome.Ignore.class);
        }
    }

    @Test
    void INB1_randomJsonOfTelegramsFieldNamesNeverThrows_andWhatIsReadIsWellFormed() {
        Random random = new Random(5);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String json = "{\"update_id\":" + maybe(random, "1") + ",\"" + NAMES[1 + random.nextInt(3)] + "\":"
                    + shaped(random) + "}";
            WebhookOutcome outcome = read(json.getBytes(StandardCharsets.UTF_8));
            if (outcome instanceof WebhookOutcome.Accept accept) {
                accepted++;
                accept.events().forEach(UpdateFuzzTest::wellFormed);
            }
        }
        // not a test that cannot fail: some random updates are genuine private messages
        assertThat(accepted).isGreaterThan(100);
    }

    @Test
    void INB1_documentedUpdatesWithBytesChangedNeverThrow_andWhatIsReadIsWellFormed() {
        Random random = new Random(7);
        for (String name : Fixtures.ALL) {
            byte[] whole = Fixtures.update(name);
            for (int i = 0; i < 3000; i++) {
                byte[] changed = whole.clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    changed[random.nextInt(changed.length)] = (byte) " {}[]\",:0123456789-.aez\\"
                            .charAt(random.nextInt(24));
                }
                WebhookOutcome outcome = read(changed);
                if (outcome instanceof WebhookOutcome.Accept accept) {
                    accept.events().forEach(UpdateFuzzTest::wellFormed);
                }
            }
        }
    }

    private WebhookOutcome read(byte[] body) {
        WebhookOutcome[] outcome = new WebhookOutcome[1];
        assertThatCode(() -> outcome[0] = reader.read(body, CONNECTION)).doesNotThrowAnyException();
        if (outcome[0] instanceof WebhookOutcome.Ignore ignore) {
            assertThat(ignore.reason()).isNotBlank();
        }
        return outcome[0];
    }

    private static void wellFormed(InboundEvent event) {
        assertThat(event.connection()).isEqualTo(CONNECTION);
        if (event instanceof InboundMessage m) {
            assertThat(m.externalMessageId()).matches("-?\\d+:-?\\d+");
            assertThat(m.externalUserId()).matches("-?\\d+");
            assertThat(m.text() != null && (!m.text().isEmpty() || !m.attachments().isEmpty())).isTrue();
        } else if (event instanceof InboundEvent.Edited e) {
            assertThat(e.externalMessageId()).matches("-?\\d+:-?\\d+");
            assertThat(e.text()).isNotEmpty();
        } else {
            assertThat(event).isInstanceOf(InboundEvent.Reachability.class);
        }
    }

    /**
     * A message or membership change whose fields Telegram sends are each there or not, of the right type or a random
     * one, with random other fields beside them.
     */
    private static String shaped(Random random) {
        StringBuilder object = new StringBuilder("{");
        object.append("\"chat\":").append(random.nextInt(8) == 0 ? value(random, 2)
                : "{\"id\":" + maybe(random, Long.toString(random.nextLong() >> random.nextInt(64))) + ",\"type\":"
                        + maybe(random, random.nextInt(4) == 0 ? "\"group\"" : "\"private\"") + "}");
        object.append(",\"message_id\":").append(maybe(random, Integer.toString(random.nextInt(100_000))));
        object.append(",\"date\":").append(maybe(random, "1750000000"));
        object.append(",\"text\":").append(maybe(random, "\"hi\""));
        object.append(",\"new_chat_member\":{\"status\":").append(maybe(random, "\"kicked\"")).append('}');
        for (int n = random.nextInt(4); n > 0; n--) {
            object.append(",\"").append(NAMES[random.nextInt(NAMES.length)]).append("\":").append(value(random, 1));
        }
        return object.append('}').toString();
    }

    /** {@code right} most of the time, else a random value of any type, or nothing (an empty string). */
    private static String maybe(Random random, String right) {
        int pick = random.nextInt(10);
        return pick < 7 ? right : pick < 9 ? value(random, 3) : "null";
    }

    /** A random JSON value built from Telegram's field names and values of every type. */
    private static String value(Random random, int depth) {
        int pick = random.nextInt(depth > 3 ? 6 : 9);
        return switch (pick) {
            case 0 -> Integer.toString(random.nextInt(2000) - 1000);
            case 1 -> "\"" + NAMES[random.nextInt(NAMES.length)] + "\"";
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> Long.toString(random.nextLong());
            case 4 -> "\"private\"";
            case 5 -> "1.5e3";
            case 6, 7 -> {
                StringBuilder object = new StringBuilder("{");
                for (int n = random.nextInt(6); n >= 0; n--) {
                    object.append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\":")
                            .append(value(random, depth + 1)).append(n > 0 ? "," : "");
                }
                yield object.append('}').toString();
            }
            default -> {
                StringBuilder array = new StringBuilder("[");
                for (int n = random.nextInt(3); n >= 0; n--) {
                    array.append(value(random, depth + 1)).append(n > 0 ? "," : "");
                }
                yield array.append(']').toString();
            }
        };
    }
}
