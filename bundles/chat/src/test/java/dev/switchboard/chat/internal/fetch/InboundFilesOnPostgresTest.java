package dev.switchboard.chat.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundAttachment;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.chat.Attachment;
import dev.switchboard.api.chat.ChatEvents;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.chat.internal.engine.Engine;
import dev.switchboard.chat.internal.engine.RecordingEventAdmin;
import dev.switchboard.store.testing.PostgresDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files clients send (MSG-1, architecture §4): stored with the message as pending, fetched after the commit through
 * the connector into the blob store by a durable job ({@link Fetches#scan()} runs it inline here, as no workers are
 * started), retried with a growing delay, refused with the reason when the channel cannot download them or the store
 * will not keep them, waiting while the channel is away. The chat's history shows each file with its state.
 */
class InboundFilesOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static Engine e;
    static final AtomicInteger ids = new AtomicInteger();
    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};
    static final byte[] PDF = "%PDF-1.7 the price list".getBytes();
    static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};

    @BeforeAll
    static void engine() {
        e = new Engine(DB, "files");
    }

    @BeforeEach
    void nothingDue() {
        settle();
        e.events.clear();
    }

    @AfterEach
    void theChannelAsItWas() {
        e.channel.failFetches = 0;
        e.registry.add(e.channel);
        settle();
    }

    /** Ends what a test left waiting, so that no later test's scan fetches it. */
    static void settle() {
        sql("update message_attachment set state = 'FAILED', problem = 'left by a test' where state = 'PENDING'");
        sql("update profile_fetch set state = 'FAILED' where state = 'PENDING'");
    }

    static void sql(String statement) {
        try (Connection c = e.db.jdbc().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        } catch (SQLException x) {
            throw new IllegalStateException(statement, x);
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A file as the platform names it: a reference, a name and the size it claims. */
    static InboundAttachment file(MediaKind kind, String ref, String name, long size) {
        return new InboundAttachment(kind, new RemoteFile(ref, Optional.empty(), Optional.of(name), Optional.empty(),
                OptionalLong.of(size)));
    }

    /** A file the platform serves with these bytes. */
    static InboundAttachment served(MediaKind kind, String name, byte[] bytes) {
        String ref = "file-" + ids.incrementAndGet();
        e.channel.remoteFiles.put(ref, bytes);
        return file(kind, ref, name, bytes.length);
    }

    static Ingress.Received clientSends(String text, InboundAttachment... files) {
        return clientSends(e.connection.id(), "client-" + ids.incrementAndGet(), "m-" + ids.incrementAndGet(), text,
                files);
    }

    static Ingress.Received clientSends(ConnectionId connection, String client, String id, String text,
                                        InboundAttachment... files) {
        return e.ingress.accept(new InboundMessage(connection, id, client, ClientProfile.named("Client", client), text,
                e.clock.instant(), Optional.empty()).withAttachments(List.of(files)));
    }

    /** The message as the team sees it in the chat's history. */
    static Message shown(Ingress.Received r) {
        return e.chats.history(r.chat(), e.owner.id(), Optional.empty(), 50).items().stream()
                .filter(m -> m.id().equals(r.message())).findFirst().orElseThrow();
    }

    static Attachment onlyFile(Ingress.Received r) {
        List<Attachment> files = shown(r).attachments();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    static int attempts(Ingress.Received r) {
        return ((Number) e.db.rows("select attempts from message_attachment where message_id = "
                + r.message().value()).get(0).get(0)).intValue();
    }

    static byte[] bytesOf(Attachment a) throws IOException {
        try (InputStream in = e.files.open(a.file().orElseThrow())) {
            return in.readAllBytes();
        }
    }

    // ---------------------------------------------------------------------------------------------- tests

    @Test
    void MSG1_aClientsFileIsPendingWithTheMessageAndReadyAfterTheFetch() throws IOException {
        Ingress.Received r = clientSends("the receipt", served(MediaKind.FILE, "receipt.pdf", PDF));

        Attachment pending = onlyFile(r);
        assertThat(pending.state()).isEqualTo(Attachment.State.PENDING);
        assertThat(pending.file()).isEmpty();
        assertThat(pending.name()).isEqualTo("receipt.pdf");
        assertThat(pending.size()).isEqualTo(PDF.length);
        assertThat(shown(r).text()).isEqualTo("the receipt");
        e.events.clear();

        e.fetches.scan();

        Attachment ready = onlyFile(r);
        assertThat(ready.state()).isEqualTo(Attachment.State.READY);
        assertThat(ready.name()).isEqualTo("receipt.pdf");
        assertThat(ready.contentType()).isEqualTo("application/octet-stream");
        assertThat(ready.size()).isEqualTo(PDF.length);
        assertThat(ready.kind()).isEqualTo(MediaKind.FILE);
        assertThat(ready.problem()).isEmpty();
        assertThat(bytesOf(ready)).isEqualTo(PDF);
        assertThat(e.files.claimed).as("kept by the blob store").contains(ready.file().get().value());
        assertThat(e.events.of(r.chat().value())).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo(ChatEvents.MESSAGE_CHANGED);
            assertThat(p.message()).isEqualTo(r.message().value());
        });
        assertThat(e.db.rows("select remote_ref from message_attachment where message_id = " + r.message().value())
                .get(0).get(0)).as("the platform's reference is not kept once the file is here").isNull();
    }

    @Test
    void MSG1_theStoredFileTakesTheTypeAndSizeFromItsBytesNotFromThePlatform() {
        String ref = "file-" + ids.incrementAndGet();
        e.channel.remoteFiles.put(ref, JPEG);
        Ingress.Received r = clientSends("", new InboundAttachment(MediaKind.FILE, new RemoteFile(ref,
                Optional.empty(), Optional.of("scan"), Optional.of("application/pdf"), OptionalLong.of(12345))));
        e.fetches.scan();
        Attachment ready = onlyFile(r);
        assertThat(ready.contentType()).isEqualTo("image/jpeg");
        assertThat(ready.kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(ready.size()).isEqualTo(JPEG.length);
    }

    @Test
    void MSG1_aFileOverTheChannelsDownloadLimitIsRefusedAtOnceAndNeverFetched() {
        Ingress.Received r = clientSends("a film", file(MediaKind.VIDEO, "too-big", "film.mp4", 21 * FileLimits.MB));
        Attachment refused = onlyFile(r);
        assertThat(refused.state()).isEqualTo(Attachment.State.REFUSED);
        assertThat(refused.problem()).contains("larger than the 20 MB this channel can download");
        assertThat(refused.name()).isEqualTo("film.mp4");
        e.fetches.scan();
        assertThat(onlyFile(r).state()).as("not tried: the platform would not give it").isEqualTo(
                Attachment.State.REFUSED);
    }

    @Test
    void MSG1_aKindTheChannelDoesNotDownloadIsRefusedAtOnce() {
        Ingress.Received r = clientSends("", file(MediaKind.AUDIO, "voice-1", "voice.ogg", 1000));
        Attachment refused = onlyFile(r);
        assertThat(refused.state()).isEqualTo(Attachment.State.REFUSED);
        assertThat(refused.problem()).contains("this channel cannot download audio files");
    }

    @Test
    void MSG1_aSlowPlatformIsTriedAgainWithAGrowingDelayAndTheFileFailsAfterTheLastAttempt() {
        e.channel.failFetches = 1000;
        Ingress.Received r = clientSends("", served(MediaKind.IMAGE, "photo.jpg", JPEG));
        e.fetches.scan();
        assertThat(attempts(r)).isEqualTo(1);
        Duration waited = Duration.ZERO;
        for (int failed = 1; failed < Fetches.ATTEMPTS; failed++) {
            Duration delay = Duration.ofSeconds(5L << (failed - 1));
            e.clock.advance(delay.minusMillis(1));
            e.fetches.scan();
            assertThat(attempts(r)).as("not due before %s", delay).isEqualTo(failed);
            Attachment meanwhile = onlyFile(r);
            assertThat(meanwhile.state()).as("shown pending meanwhile").isEqualTo(Attachment.State.PENDING);
            e.events.clear();
            e.clock.advance(Duration.ofMillis(1));
            e.fetches.scan();
            assertThat(attempts(r)).isEqualTo(failed + 1);
            waited = waited.plus(delay);
        }
        Attachment failed = onlyFile(r);
        assertThat(failed.state()).isEqualTo(Attachment.State.FAILED);
        assertThat(failed.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains(Fetches.ATTEMPTS + " attempts").contains("the platform is slow today"));
        assertThat(waited).as("about 45 minutes of attempts").isBetween(Duration.ofMinutes(40), Duration.ofMinutes(50));
        assertThat(e.events.of(r.chat().value())).extracting(RecordingEventAdmin.Posted::topic)
                .containsExactly(ChatEvents.MESSAGE_CHANGED);
        e.clock.advance(Duration.ofDays(1));
        e.fetches.scan();
        assertThat(attempts(r)).as("never again").isEqualTo(Fetches.ATTEMPTS);
    }

    @Test
    void MSG1_aPlatformThatRecoversDeliversTheFile() {
        e.channel.failFetches = 2;
        Ingress.Received r = clientSends("", served(MediaKind.IMAGE, "photo.jpg", JPEG));
        e.fetches.scan();
        e.clock.advance(Duration.ofSeconds(5));
        e.fetches.scan();
        e.clock.advance(Duration.ofSeconds(10));
        e.fetches.scan();
        Attachment ready = onlyFile(r);
        assertThat(ready.state()).isEqualTo(Attachment.State.READY);
        assertThat(ready.problem()).isEmpty();
        assertThat(attempts(r)).isEqualTo(2);
    }

    @Test
    void MSG1_aFileThePlatformCannotGiveFailsAtOnce() {
        Ingress.Received r = clientSends("", file(MediaKind.FILE, "expired-ref", "old.pdf", 100));
        e.fetches.scan();
        Attachment failed = onlyFile(r);
        assertThat(failed.state()).isEqualTo(Attachment.State.FAILED);
        assertThat(failed.problem()).hasValueSatisfying(p -> assertThat(p).contains("no such file at the platform"));
        assertThat(attempts(r)).isZero();
    }

    @Test
    void MSG1_anExecutableIsRefusedWithTheStoresReasonAndNotKept() {
        int stored = e.files.size();
        Ingress.Received r = clientSends("", served(MediaKind.FILE, "invoice.pdf", EXE));
        e.events.clear();
        e.fetches.scan();
        Attachment refused = onlyFile(r);
        assertThat(refused.state()).isEqualTo(Attachment.State.REFUSED);
        assertThat(refused.problem()).contains("executable files are not accepted");
        assertThat(refused.file()).isEmpty();
        assertThat(e.files.size()).isEqualTo(stored);
        assertThat(e.events.of(r.chat().value())).extracting(RecordingEventAdmin.Posted::topic)
                .containsExactly(ChatEvents.MESSAGE_CHANGED);
    }

    @Test
    void MSG1_filesWaitWhileTheChannelIsAwayWithoutLosingAttemptsAndGoWhenItIsBack() {
        e.registry.remove(e.channel);
        Ingress.Received r = clientSends("", served(MediaKind.IMAGE, "photo.jpg", JPEG));
        e.fetches.scan();
        e.clock.advance(Duration.ofHours(2));
        e.fetches.scan();
        assertThat(onlyFile(r).state()).isEqualTo(Attachment.State.PENDING);
        assertThat(attempts(r)).isZero();
        e.registry.add(e.channel);
        e.fetches.scan();
        assertThat(onlyFile(r).state()).isEqualTo(Attachment.State.READY);
    }

    @Test
    void MSG1_filesOfASwitchedOffConnectionWaitUntilItIsOnAgain() {
        ConnectionId id = e.connections.create(e.project.id(), e.owner.id(), "test", "Paused bot").id();
        Ingress.Received r = clientSends(id, "paula", "p-1", "", served(MediaKind.IMAGE, "photo.jpg", JPEG));
        e.connections.setEnabled(id, e.owner.id(), false);
        e.fetches.scan();
        assertThat(onlyFile(r).state()).isEqualTo(Attachment.State.PENDING);
        assertThat(attempts(r)).isZero();
        e.connections.setEnabled(id, e.owner.id(), true);
        e.clock.advance(Duration.ofMinutes(1));
        e.fetches.scan();
        assertThat(onlyFile(r).state()).isEqualTo(Attachment.State.READY);
    }

    @Test
    void MSG1_filesOfADeletedConnectionFailWithTheReason() {
        ConnectionId id = e.connections.create(e.project.id(), e.owner.id(), "test", "Deleted bot").id();
        Ingress.Received r = clientSends(id, "dora", "d-1", "", served(MediaKind.IMAGE, "photo.jpg", JPEG));
        e.connections.delete(id, e.owner.id());
        e.fetches.scan();
        Attachment failed = onlyFile(r);
        assertThat(failed.state()).isEqualTo(Attachment.State.FAILED);
        assertThat(failed.problem()).contains("the channel connection was deleted");
    }

    @Test
    void MSG1_aFileANodeClaimedBeforeItDiedIsFetchedByAnotherAfterTheLease() {
        Ingress.Received r = clientSends("", served(MediaKind.IMAGE, "photo.jpg", JPEG));
        sql("update message_attachment set claim_token = 'dead-node', claimed_until = timestamp with time zone '"
                + e.clock.instant().plus(Fetches.LEASE) + "' where message_id = " + r.message().value());
        e.fetches.scan();
        assertThat(onlyFile(r).state()).as("held by the other node's lease").isEqualTo(Attachment.State.PENDING);
        e.clock.advance(Fetches.LEASE.plusSeconds(1));
        e.fetches.scan();
        assertThat(onlyFile(r).state()).isEqualTo(Attachment.State.READY);
    }

    @Test
    void MSG1_theHistoryShowsEveryFileOfAMessageInOrderWithItsState() {
        Ingress.Received r = clientSends("three files",
                served(MediaKind.IMAGE, "cat.jpg", JPEG),
                served(MediaKind.FILE, "setup.pdf", EXE),
                file(MediaKind.FILE, "huge", "backup.zip", 500 * FileLimits.MB));
        e.fetches.scan();
        assertThat(shown(r).attachments())
                .extracting(Attachment::name, Attachment::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cat.jpg", Attachment.State.READY),
                        org.assertj.core.groups.Tuple.tuple("setup.pdf", Attachment.State.REFUSED),
                        org.assertj.core.groups.Tuple.tuple("backup.zip", Attachment.State.REFUSED));
    }

    @Test
    void MSG1_aRedeliveredMessageWithAFileStoresAndFetchesItOnce() {
        InboundAttachment photo = served(MediaKind.IMAGE, "photo.jpg", JPEG);
        Ingress.Received first = clientSends(e.connection.id(), "rita", "r-1", "", photo);
        Ingress.Received again = clientSends(e.connection.id(), "rita", "r-1", "", photo);
        assertThat(again.duplicate()).isTrue();
        int stored = e.files.size();
        e.fetches.scan();
        assertThat(e.files.size()).isEqualTo(stored + 1);
        assertThat(e.count("select count(*) from message_attachment where message_id = "
                + first.message().value())).isEqualTo(1);
        assertThat(onlyFile(first).state()).isEqualTo(Attachment.State.READY);
    }

    @Test
    void MSG1_aMessageWithOnlyAFileShowsTheFileInTheInbox() {
        Ingress.Received r = clientSends("", served(MediaKind.FILE, "contract.pdf", PDF));
        assertThat(e.db.rows("select last_message from chat where id = " + r.chat().value()).get(0).get(0))
                .asString().contains("contract.pdf");
    }
}
