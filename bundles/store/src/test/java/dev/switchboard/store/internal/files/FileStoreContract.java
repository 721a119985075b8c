package dev.switchboard.store.internal.files;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.store.internal.PooledDatabase;
import dev.switchboard.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.switchboard.api.files.FileLimits.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The blob store's promises (INP-2, INP-3), run once per engine: the subclasses differ only in the database.
 * Tests in a class share one database; each counts the rows it cares about before and after itself.
 */
abstract class FileStoreContract {

    static final ProjectId PROJECT = new ProjectId(7);

    abstract TestDatabase db();

    /** One store per test (a new one runs the migration check again); a restart of the database drops it. */
    private FileStore files;

    FileStore files() {
        if (files == null) {
            files = db().files();
        }
        return files;
    }

    FileStore files(Clock clock) {
        return DatabaseFileStore.open((PooledDatabase) db().database(), clock);
    }

    StoredFile store(String name, byte[] content) {
        return files().store(PROJECT, name, new ByteArrayInputStream(content), FileLimits.SPEC);
    }

    long rows(String table) {
        return ((Number) db().rows("select count(*) from " + table).get(0).get(0)).longValue();
    }

    InvalidInput refusal(String name, byte[] content, FileLimits limits) {
        long blobs = rows("file_blob");
        long chunks = rows("file_chunk");
        InvalidInput refused = catchThrowableOfType(InvalidInput.class,
                () -> files().store(PROJECT, name, new ByteArrayInputStream(content), limits));
        assertThat(refused).as("refusal of %s", name).isNotNull();
        assertThat(rows("file_blob")).as("file rows after refusing %s", name).isEqualTo(blobs);
        assertThat(rows("file_chunk")).as("chunk rows after refusing %s", name).isEqualTo(chunks);
        return refused;
    }

    @Test
    void INP2_aFileOfSeveralChunksComesBackByteForByte() throws IOException {
        // more than one batch of chunks, the last one short
        byte[] content = Samples.random(1, 6 * DatabaseFileStore.CHUNK + 17);

        StoredFile stored = store("data.dat", content);

        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.project()).isEqualTo(PROJECT);
        assertThat(stored.kind()).isEqualTo(MediaKind.FILE);
        assertThat(stored.contentType()).isEqualTo("application/octet-stream");
        assertThat(files().find(stored.id())).contains(stored);
        assertThat(Samples.sha256(files().open(stored.id())))
                .isEqualTo(Samples.sha256(new ByteArrayInputStream(content)));
        try (InputStream in = files().open(stored.id())) {
            assertThat(in.read()).isEqualTo(content[0] & 0xFF);
            assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOfRange(content, 1, 11));
        }
        assertThat(db().rows("select count(*) from file_chunk where file_id = " + stored.id().value()))
                .containsExactly(List.of(7L));
    }

    @Test
    void INP2_aFileOfExactlyTheLimitIsAccepted() {
        FileLimits tiny = new FileLimits(Map.of(MediaKind.FILE, 1000L));

        StoredFile stored = files().store(PROJECT, "exact.dat", new ByteArrayInputStream(Samples.random(2, 1000)), tiny);

        assertThat(stored.size()).isEqualTo(1000);
    }

    @Test
    void INP2_anImageOverThreeMegabytesIsRefusedAndNothingIsLeftBehind() {
        byte[] png = Samples.padded(Samples.transparentPng(), (int) (3 * MB) + 1);

        InvalidInput refused = refusal("big.png", png, FileLimits.SPEC);

        assertThat(refused.field()).isEqualTo("file.tooLarge");
        assertThat(refused.getMessage()).contains("images may be at most 3 MB");
    }

    @Test
    void INP3_aFileOverItsLimitIsRefusedAfterSeveralChunksAndItsChunksAreRemoved() {
        FileLimits small = new FileLimits(Map.of(MediaKind.FILE, 2L * DatabaseFileStore.CHUNK * DatabaseFileStore.BATCH));
        byte[] content = Samples.random(3, 2 * DatabaseFileStore.CHUNK * DatabaseFileStore.BATCH + 1);

        InvalidInput refused = refusal("big.dat", content, small);

        assertThat(refused.field()).isEqualTo("file.tooLarge");
        assertThat(refused.getMessage()).contains("files may be at most 2 MB");
    }

    @Test
    void INP2_aKindTheLimitsDoNotAcceptIsRefused() {
        FileLimits noImages = new FileLimits(Map.of(MediaKind.FILE, 10 * MB, MediaKind.VIDEO, 10 * MB));

        InvalidInput refused = refusal("photo.jpg", Samples.jpeg(), noImages);

        assertThat(refused.field()).isEqualTo("file.kind");
        assertThat(refused.getMessage()).contains("images are not accepted");
    }

    @Test
    void INP2_eachKindHasItsOwnLimit() {
        FileLimits limits = new FileLimits(Map.of(MediaKind.VIDEO, 2000L, MediaKind.AUDIO, 1000L,
                MediaKind.FILE, 100L));

        assertThat(files().store(PROJECT, "clip.mp4", new ByteArrayInputStream(Samples.padded(Samples.mp4(), 2000)),
                limits).kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(refusal("clip.mp4", Samples.padded(Samples.mp4(), 2001), limits).getMessage())
                .contains("videos may be at most 2000 bytes");
        assertThat(files().store(PROJECT, "song.mp3", new ByteArrayInputStream(Samples.padded(Samples.mp3(), 1000)), limits).kind())
                .isEqualTo(MediaKind.AUDIO);
        assertThat(refusal("song.mp3", Samples.padded(Samples.mp3(), 1001), limits).field()).isEqualTo("file.tooLarge");
        assertThat(refusal("doc.pdf", Samples.padded(Samples.pdf(), 101), limits).getMessage())
                .contains("files may be at most 100 bytes");
    }

    @Test
    void INP2_anEmptyFileIsRefused() {
        assertThat(refusal("empty.txt", new byte[0], FileLimits.SPEC).field()).isEqualTo("file.empty");
    }

    @Test
    void INP2_aBlankOrOverlongNameIsRefused() {
        assertThat(refusal("  ", Samples.pdf(), FileLimits.SPEC).field()).isEqualTo("file.name");
        assertThat(refusal("\u200B\u202E", Samples.pdf(), FileLimits.SPEC).field()).isEqualTo("file.name");
        assertThat(refusal(null, Samples.pdf(), FileLimits.SPEC).field()).isEqualTo("file.name");
        assertThat(refusal("a".repeat(252) + ".pdf", Samples.pdf(), FileLimits.SPEC).field()).isEqualTo("file.name");
        assertThat(store("a".repeat(251) + ".pdf", Samples.pdf()).name()).hasSize(255);
    }

    static Stream<Arguments> executablesByContent() {
        return Stream.of(
                arguments("a Windows program", Samples.pe(), "report.pdf"),
                arguments("a Linux program", Samples.elf(), "holiday.jpg"),
                arguments("a macOS program", Samples.machO(), "contract.pdf"),
                arguments("a macOS universal program", Samples.machOUniversal(), "photo.jpg"),
                arguments("a shell script", Samples.shellScript(), "notes.txt"),
                arguments("a shell script behind a byte order mark",
                        concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Samples.shellScript()), "readme.pdf"));
    }

    @ParameterizedTest(name = "{0} named {2}")
    @MethodSource("executablesByContent")
    void INP3_anExecutableRenamedToADocumentIsRefusedByItsBytes(String what, byte[] content, String name) {
        InvalidInput refused = refusal(name, content, FileLimits.SPEC);

        assertThat(refused.field()).isEqualTo("file.executable");
    }

    static Stream<Arguments> executablesByName() {
        return Stream.of(
                arguments("setup.exe", Samples.pdf()),
                arguments("SETUP.EXE", Samples.pdf()),
                arguments("photo\u202Egpj.exe", Samples.jpeg()),
                arguments("invoice.pdf.exe", Samples.pdf()),
                arguments("virus.e\u200Bxe", Samples.pdf()),
                arguments("virus.exe.", Samples.pdf()),
                arguments("virus.exe \u2060", Samples.pdf()),
                arguments("C:\\Users\\me\\run.bat", "@echo off".getBytes()),
                arguments("update.msi", Samples.pdf()),
                arguments("game.jar", Samples.jar()),
                arguments("app.apk", Samples.jar()),
                arguments("script.ps1", "Remove-Item C:\\".getBytes()),
                arguments("doc.js", "alert(1)".getBytes()),
                arguments("shortcut.lnk", Samples.pdf()),
                arguments("Installer.dmg", Samples.pdf()),
                arguments("tool.AppImage", Samples.pdf()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executablesByName")
    void INP3_anExecutableIsRefusedByItsNameAlsoBehindInvisibleCharactersAndDoubleExtensions(String name, byte[] content) {
        InvalidInput refused = refusal(name, content, FileLimits.SPEC);

        assertThat(refused.field()).isEqualTo("file.executable");
    }

    @Test
    void INP3_aDoubleExtensionIsNamedInTheReason() {
        assertThat(refusal("invoice.pdf.exe", Samples.pdf(), FileLimits.SPEC).getMessage())
                .contains("two extensions", ".exe");
    }

    @Test
    void INP3_aZipNamedAsAJarIsRefusedButTheSameZipAsADocumentIsKept() {
        assertThat(refusal("tool.jar", Samples.jar(), FileLimits.SPEC).field()).isEqualTo("file.executable");

        assertThat(store("tool.zip", Samples.jar()).contentType()).isEqualTo("application/zip");
    }

    static Stream<Arguments> imagesWithWrongNames() {
        return Stream.of(
                arguments(Samples.jpeg(), "photo.png", "image/jpeg"),
                arguments(Samples.transparentPng(), "logo.gif", "image/png"),
                arguments(Samples.gif(), "anim.jpg", "image/gif"),
                arguments(Samples.pdf(), "scan.jpg", "application/pdf"),
                arguments(Samples.mp4(), "movie.pdf", "video/mp4"));
    }

    @ParameterizedTest(name = "{2} named {1}")
    @MethodSource("imagesWithWrongNames")
    void INP2_theTypeComesFromTheBytesNotFromTheName(byte[] content, String name, String type) {
        StoredFile stored = store(name, content);

        assertThat(stored.contentType()).isEqualTo(type);
        assertThat(stored.kind()).isEqualTo(MediaKind.of(type));
        assertThat(stored.name()).isEqualTo(name);
    }

    @Test
    void INP3_theNameOnlyRefinesAGenericContainerAndNeverChangesTheKind() {
        assertThat(store("report.docx", Samples.officeZip()).contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        StoredFile video = store("report.mp4", Samples.officeZip());
        assertThat(video.kind()).isEqualTo(MediaKind.FILE);
        assertThat(video.contentType()).isEqualTo("application/x-tika-ooxml");
    }

    @Test
    void INP3_theStoredNameIsCleanedOfInvisibleAndDirectionCharacters() {
        StoredFile stored = store("re\u200Bport\u202E.pdf", Samples.pdf());

        assertThat(stored.name()).isEqualTo("report.pdf");
        assertThat(files().find(stored.id()).orElseThrow().name()).isEqualTo("report.pdf");
        assertThat(store("/home/alice/Downloads/scan.pdf", Samples.pdf()).name()).isEqualTo("scan.pdf");
    }

    @Test
    void INP2_aTransparentPngBecomesAJpegOnWhite() throws IOException {
        StoredFile png = store("logo.png", Samples.transparentPng());

        StoredFile jpeg = files().toJpeg(png.id());

        assertThat(jpeg.id()).isNotEqualTo(png.id());
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(jpeg.kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(jpeg.name()).isEqualTo("logo.jpg");
        assertThat(jpeg.project()).isEqualTo(PROJECT);
        BufferedImage image;
        try (InputStream in = files().open(jpeg.id())) {
            image = ImageIO.read(in);
        }
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(20);
        int[] transparentPart = rgb(image.getRGB(5, 10));
        int[] redPart = rgb(image.getRGB(30, 10));
        assertThat(transparentPart[0]).isGreaterThan(245);
        assertThat(transparentPart[1]).isGreaterThan(245);
        assertThat(transparentPart[2]).isGreaterThan(245);
        assertThat(redPart[0]).isGreaterThan(230);
        assertThat(redPart[1]).isLessThan(25);
        assertThat(redPart[2]).isLessThan(25);
        assertThat(files().find(png.id())).as("the original stays").isPresent();
    }

    @Test
    void INP2_anAnimatedGifABrokenImageAndADocumentAreNotConverted() {
        StoredFile animated = store("dance.gif", Samples.animatedGif());
        StoredFile broken = store("broken.png", Samples.brokenPng());
        StoredFile pdf = store("doc.pdf", Samples.pdf());

        assertThat(animated.contentType()).isEqualTo("image/gif");
        assertThat(broken.contentType()).isEqualTo("image/png");
        assertThatThrownBy(() -> files().toJpeg(animated.id())).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("animated").extracting(e -> ((InvalidInput) e).field()).isEqualTo("file.convert");
        assertThatThrownBy(() -> files().toJpeg(broken.id())).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("file.convert");
        assertThatThrownBy(() -> files().toJpeg(pdf.id())).isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("file.convert");
    }

    @Test
    void INP2_unclaimedFilesOlderThanTheAgeAreRemovedAndClaimedOnesKept() {
        Clock clock = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        FileStore twoDaysAgo = files(clock);
        StoredFile oldClaimed = twoDaysAgo.store(PROJECT, "kept.pdf", new ByteArrayInputStream(Samples.pdf()), FileLimits.SPEC);
        twoDaysAgo.claim(oldClaimed.id());
        twoDaysAgo.claim(oldClaimed.id());
        StoredFile oldUnclaimed = twoDaysAgo.store(PROJECT, "never-sent.pdf", new ByteArrayInputStream(Samples.pdf()),
                FileLimits.SPEC);
        StoredFile freshUnclaimed = store("just-uploaded.pdf", Samples.pdf());

        int removed = files().removeUnclaimed(Duration.ofDays(1));

        assertThat(removed).isEqualTo(1);
        assertThat(files().find(oldClaimed.id())).isPresent();
        assertThat(files().find(oldUnclaimed.id())).isEmpty();
        assertThat(files().find(freshUnclaimed.id())).isPresent();
        assertThat(db().rows("select count(*) from file_chunk where file_id = " + oldUnclaimed.id().value()))
                .containsExactly(List.of(0L));
    }

    @Test
    void INP2_theStoreRemovesOldUnclaimedFilesByItself() throws InterruptedException {
        StoredFile old = files(Clock.fixed(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC))
                .store(PROJECT, "forgotten.pdf", new ByteArrayInputStream(Samples.pdf()), FileLimits.SPEC);

        try (DatabaseFileStore scheduled = DatabaseFileStore.withCleanup((PooledDatabase) db().database(),
                Clock.systemUTC(), Duration.ofMillis(50))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (scheduled.find(old.id()).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        assertThat(files().find(old.id())).isEmpty();
    }

    @Test
    void INP2_unknownFilesAreNotFoundAndDeletingThemIsHarmless() {
        FileId unknown = new FileId(Long.MAX_VALUE);

        assertThat(files().find(unknown)).isEmpty();
        assertThatThrownBy(() -> files().open(unknown)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> files().claim(unknown)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> files().toJpeg(unknown)).isInstanceOf(NotFound.class);
        files().delete(unknown);
    }

    @Test
    void INP2_aDeletedFileIsGoneAndDeletingAgainIsHarmless() {
        StoredFile stored = store("gone.pdf", Samples.pdf());

        files().delete(stored.id());
        files().delete(stored.id());

        assertThat(files().find(stored.id())).isEmpty();
        assertThatThrownBy(() -> files().open(stored.id())).isInstanceOf(NotFound.class);
        assertThat(db().rows("select count(*) from file_chunk where file_id = " + stored.id().value()))
                .containsExactly(List.of(0L));
    }

    @Test
    void INP2_aFileRemovedWhileItIsReadEndsTheStreamWithAnError() throws IOException {
        StoredFile stored = store("long.dat", Samples.random(4, 3 * DatabaseFileStore.CHUNK));

        try (InputStream in = files().open(stored.id())) {
            assertThat(in.readNBytes(10)).hasSize(10);
            files().delete(stored.id());
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("removed");
        }
    }

    @Test
    void INP2_filesOutliveARestartOfTheStore() {
        StoredFile stored = store("kept.pdf", Samples.pdf());

        db().reopen();
        files = null;

        assertThat(files().find(stored.id())).contains(stored);
        assertThat(Samples.sha256(files().open(stored.id())))
                .isEqualTo(Samples.sha256(new ByteArrayInputStream(Samples.pdf())));
    }

    private static int[] rgb(int argb) {
        return new int[]{(argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF};
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
