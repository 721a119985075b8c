package dev.switchboard.chat.internal.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.chat.ClientMessage;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.store.testing.PostgresDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client's transcript on PostgreSQL, as a website widget shows it (MSG-1, MSG-2, MSG-3): the client's messages and
 * the team's once the channel took them; never a note, a system message, a queued or a failed message, nor another
 * client's chat.
 */
class ClientTranscriptsOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;
    static ClientTranscriptsImpl transcripts;
    static int ids;

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "transcripts");
        transcripts = ClientTranscriptsImpl.on(e.unit, e.team);
    }

    @BeforeEach
    void channelTakesMessages() {
        e.channel.answer = m -> new DeliveryResult.Sent("ext-" + m.id());
    }

    static String client(String name) {
        return name + "-" + (++ids);
    }

    static ChatId writes(String client, String text) {
        return e.ingress.accept(e.message(client, "t-" + (++ids), text, Optional.empty())).chat();
    }

    static Message sends(ChatId chat, String text) {
        return e.chats.send(chat, e.vitaly.id(), text, Optional.of("k-" + (++ids)));
    }

    static List<ClientMessage> transcript(String client) {
        return transcripts.history(e.connection.id(), client, Optional.empty(), 50).items();
    }

    @Test
    void MSG3_notesAndSystemMessagesNeverReachTheClient() {
        String client = client("anna");
        ChatId chat = writes(client, "Do you deliver on Sundays?");
        e.chats.take(chat, e.vitaly.id());
        e.chats.note(chat, e.vitaly.id(), "asks every week, a good client");
        sends(chat, "Yes, from 10 to 18.");
        e.outbox.drain();
        e.chats.done(chat, e.vitaly.id());
        assertThat(e.count("select count(*) from message where kind in ('NOTE', 'SYSTEM') and chat_id = "
                + chat.value())).as("the team's history has them").isGreaterThanOrEqualTo(3);

        assertThat(transcript(client)).extracting(ClientMessage::text)
                .containsExactly("Yes, from 10 to 18.", "Do you deliver on Sundays?");
        assertThat(transcript(client)).first().satisfies(m -> {
            assertThat(m.fromClient()).isFalse();
            assertThat(m.chat()).isEqualTo(chat);
            assertThat(m.authorName()).contains("Vitaly");
            assertThat(m.delivery()).contains(DeliveryState.SENT);
        });
        assertThat(transcript(client)).last().satisfies(m -> {
            assertThat(m.fromClient()).isTrue();
            assertThat(m.authorName()).isEmpty();
            assertThat(m.delivery()).isEmpty();
        });
    }

    @Test
    void MSG2_aTeamMessageAppearsOnlyOnceTheChannelTookItAndStaysWhenRead() {
        String client = client("boris");
        ChatId chat = writes(client, "Is the blue one in stock?");
        e.chats.take(chat, e.vitaly.id());
        Message answer = sends(chat, "Let me check.");
        assertThat(transcript(client)).extracting(ClientMessage::text).containsExactly("Is the blue one in stock?");

        e.outbox.drain();
        assertThat(transcript(client)).extracting(ClientMessage::id).first().isEqualTo(answer.id());

        e.clock.advance(Duration.ofSeconds(1));
        e.ingress.apply(new InboundEvent.ReadUpTo(e.connection.id(), client, DeliveryState.READ, e.clock.instant()));
        assertThat(transcript(client)).first().satisfies(m -> {
            assertThat(m.id()).isEqualTo(answer.id());
            assertThat(m.delivery()).contains(DeliveryState.READ);
        });
    }

    @Test
    void MSG2_aMessageTheChannelRefusedNeverReachesTheTranscript() {
        String client = client("vera");
        ChatId chat = writes(client, "Hello?");
        e.chats.take(chat, e.vitaly.id());
        e.channel.answer = m -> new DeliveryResult.Refused("the platform found the text invalid");
        Message refused = sends(chat, "This one fails.");
        e.outbox.drain();
        assertThat(e.count("select count(*) from message where delivery = 'FAILED' and id = "
                + refused.id().value())).isOne();
        assertThat(transcript(client)).extracting(ClientMessage::text).containsExactly("Hello?");
    }

    @Test
    void anotherClientsChatIsNeverReachable() {
        String anna = client("anna");
        String boris = client("boris");
        ChatId annas = writes(anna, "I am Anna");
        writes(boris, "I am Boris");
        ChannelConnection other = e.connections.create(e.project.id(), e.owner.id(), "telegram", "Other bot",
                Map.of()).connection();
        // the same platform user id on another connection is another client
        ChatId elsewhere = e.ingress.accept(new InboundMessage(other.id(), "o-1", anna,
                ClientProfile.named("Anna", null), "Anna on the other bot", e.clock.instant(), Optional.empty()))
                .chat();

        assertThat(transcripts.chat(e.connection.id(), anna)).contains(annas);
        assertThat(transcripts.chat(other.id(), anna)).contains(elsewhere).isNotEqualTo(Optional.of(annas));
        assertThat(transcript(anna)).extracting(ClientMessage::text).containsExactly("I am Anna");
        assertThat(transcripts.history(other.id(), anna, Optional.empty(), 50).items())
                .extracting(ClientMessage::text).containsExactly("Anna on the other bot");
        assertThat(transcripts.chat(e.connection.id(), "nobody")).isEmpty();
        assertThat(transcripts.history(e.connection.id(), "nobody", Optional.empty(), 50)).satisfies(p -> {
            assertThat(p.items()).isEmpty();
            assertThat(p.next()).isEmpty();
        });
    }

    @Test
    void MSG1_theTranscriptIsPagedNewestFirstAndEveryMessageShowsOnce() {
        String client = client("gleb");
        ChatId chat = writes(client, "m1");
        e.chats.take(chat, e.vitaly.id());
        for (int i = 2; i <= 5; i++) {
            // the same instant for several: the id breaks the tie
            if (i == 4) {
                e.clock.advance(Duration.ofMillis(1));
            }
            writes(client, "m" + i);
            e.chats.note(chat, e.vitaly.id(), "note " + i);
        }
        List<String> seen = new ArrayList<>();
        Optional<String> next = Optional.empty();
        List<Integer> sizes = new ArrayList<>();
        do {
            Page<ClientMessage> page = transcripts.history(e.connection.id(), client, next, 2);
            page.items().forEach(m -> seen.add(m.text()));
            sizes.add(page.items().size());
            next = page.next();
        } while (next.isPresent());
        assertThat(seen).containsExactly("m5", "m4", "m3", "m2", "m1");
        assertThat(sizes).containsExactly(2, 2, 1);

        assertThatThrownBy(() -> transcripts.history(e.connection.id(), client, Optional.empty(), 0))
                .isInstanceOfSatisfying(InvalidInput.class, x -> assertThat(x.field()).isEqualTo("size"));
        assertThatThrownBy(() -> transcripts.history(e.connection.id(), client, Optional.empty(), 201))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> transcripts.history(e.connection.id(), client, Optional.of("bm9wZQ"), 10))
                .isInstanceOfSatisfying(InvalidInput.class, x -> assertThat(x.field()).isEqualTo("cursor"));
    }
}
