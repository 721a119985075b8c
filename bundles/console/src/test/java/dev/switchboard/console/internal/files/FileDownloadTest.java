package dev.switchboard.console.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.console.internal.files.FileDownload.Answer;
import dev.switchboard.console.internal.files.FileDownload.Part;
import dev.switchboard.console.internal.files.FileDownload.Serve;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class FileDownloadTest {

    private static final ProjectId MINE = new ProjectId(1);
    private static final ProjectId FOREIGN = new ProjectId(2);
    private static final Predicate<ProjectId> MEMBER_OF_MINE = MINE::equals;

    private final FakeFileStore store = new FakeFileStore();

    {
        store.add(10, MINE, "photo.jpg", "image/jpeg", new byte[1000]);
        store.add(11, MINE, "clip.mp4", "video/mp4", new byte[5000]);
        store.add(12, MINE, "Отчёт за март.pdf", "application/pdf", new byte[300]);
        store.add(13, MINE, "logo.svg", "image/svg+xml", "<svg/>".getBytes(StandardCharsets.UTF_8));
        store.add(14, MINE, "page.html", "text/html", "<script>".getBytes(StandardCharsets.UTF_8));
        store.add(15, MINE, "feed.xml", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8));
        store.add(20, FOREIGN, "theirs.jpg", "image/jpeg", new byte[100]);
    }

    @Test
    void INP2_aMembersImageIsShownInThePageWithItsTypeAndNoSniffing() {
        Serve serve = serve(get("/files/10"));

        assertThat(serve.status()).isEqualTo(200);
        assertThat(serve.contentType()).isEqualTo("image/jpeg");
        assertThat(serve.length()).isEqualTo(1000);
        assertThat(serve.body()).isTrue();
        assertThat(serve.headers())
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Content-Security-Policy", "default-src 'none'; sandbox")
                .containsEntry("Cache-Control", "private")
                .containsEntry("Content-Disposition", "inline; filename=\"photo.jpg\"; filename*=UTF-8''photo.jpg");
        assertThat(serve(get("/files/11")).headers().get("Content-Disposition")).startsWith("inline;");
    }

    @Test
    void INP3_documentsAreDownloadsNamedInUtf8() {
        Serve serve = serve(get("/files/12/anything-after-the-id"));

        assertThat(serve.contentType()).isEqualTo("application/octet-stream");
        assertThat(serve.headers().get("Content-Disposition")).isEqualTo("attachment; filename=\"_____ __ ____.pdf\";"
                + " filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%D0%B7%D0%B0%20%D0%BC%D0%B0%D1%80%D1%82.pdf");
    }

    @Test
    void svgHtmlAndXmlAreNeverShownInThePage() {
        for (String path : new String[] {"/files/13", "/files/14", "/files/15"}) {
            Serve serve = serve(get(path));
            assertThat(serve.contentType()).as(path).isEqualTo("application/octet-stream");
            assertThat(serve.headers().get("Content-Disposition")).as(path).startsWith("attachment;");
            assertThat(serve.headers()).as(path).containsEntry("X-Content-Type-Options", "nosniff");
        }
    }

    @Test
    void aForeignAnUnknownAMalformedIdAndAnAnonymousVisitorAllGetTheSame404() {
        assertThat(get("/files/20")).isInstanceOf(FileDownload.NotFound.class);
        assertThat(get("/files/99")).isInstanceOf(FileDownload.NotFound.class);
        assertThat(get("/files/abc")).isInstanceOf(FileDownload.NotFound.class);
        assertThat(get("/files/0")).isInstanceOf(FileDownload.NotFound.class);
        assertThat(get("/files/-3")).isInstanceOf(FileDownload.NotFound.class);
        assertThat(get("/files/99999999999999999999")).isInstanceOf(FileDownload.NotFound.class);
        assertThat(get("/files")).isInstanceOf(FileDownload.NotFound.class);
        assertThat(get("/files/")).isInstanceOf(FileDownload.NotFound.class);
        assertThat(FileDownload.answer("GET", "/files/10", Optional.empty(), false, project -> true, store))
                .isInstanceOf(FileDownload.NotFound.class);
        assertThat(FileDownload.answer("GET", "/files/10", Optional.empty(), true, project -> false, store))
                .isInstanceOf(FileDownload.NotFound.class);
    }

    @Test
    void otherAddressesAreLeftToTheConsole() {
        assertThat(get("/inbox/new/5")).isInstanceOf(FileDownload.NotOurs.class);
        assertThat(get("/filesystem")).isInstanceOf(FileDownload.NotOurs.class);
        assertThat(get(null)).isInstanceOf(FileDownload.NotOurs.class);
    }

    @Test
    void filesAreOnlyRead() {
        assertThat(FileDownload.answer("POST", "/files/10", Optional.empty(), true, MEMBER_OF_MINE, store))
                .isInstanceOf(FileDownload.WrongMethod.class);
        Serve head = serve(FileDownload.answer("HEAD", "/files/10", Optional.empty(), true, MEMBER_OF_MINE, store));
        assertThat(head.body()).isFalse();
        assertThat(head.length()).isEqualTo(1000);
    }

    @Test
    void aVideoPlayerGetsTheRangeItAsksFor() {
        Serve serve = serve(FileDownload.answer("GET", "/files/11", Optional.of("bytes=1000-1999"), true,
                MEMBER_OF_MINE, store));

        assertThat(serve.status()).isEqualTo(206);
        assertThat(serve.offset()).isEqualTo(1000);
        assertThat(serve.length()).isEqualTo(1000);
        assertThat(serve.headers()).containsEntry("Content-Range", "bytes 1000-1999/5000");
        assertThat(FileDownload.answer("GET", "/files/11", Optional.of("bytes=6000-"), true, MEMBER_OF_MINE, store))
                .isEqualTo(new FileDownload.Unsatisfiable(5000));
    }

    @Test
    void rangesFollowHttp() {
        assertThat(FileDownload.part(Optional.empty(), 100)).contains(new Part(0, 100, false));
        assertThat(FileDownload.part(Optional.of("bytes=10-"), 100)).contains(new Part(10, 90, true));
        assertThat(FileDownload.part(Optional.of("bytes=10-500"), 100)).contains(new Part(10, 90, true));
        assertThat(FileDownload.part(Optional.of("bytes=-30"), 100)).contains(new Part(70, 30, true));
        assertThat(FileDownload.part(Optional.of("bytes=-300"), 100)).contains(new Part(0, 100, true));
        assertThat(FileDownload.part(Optional.of("bytes=100-"), 100)).isEmpty();
        assertThat(FileDownload.part(Optional.of("bytes=-0"), 100)).isEmpty();
        // several ranges, other units and nonsense are ignored: the whole file
        assertThat(FileDownload.part(Optional.of("bytes=0-1,5-6"), 100)).contains(new Part(0, 100, false));
        assertThat(FileDownload.part(Optional.of("items=0-1"), 100)).contains(new Part(0, 100, false));
        assertThat(FileDownload.part(Optional.of("bytes=9-3"), 100)).contains(new Part(0, 100, false));
        assertThat(FileDownload.part(Optional.of("bytes=x-3"), 100)).contains(new Part(0, 100, false));
    }

    @Test
    void noNameCanBreakOutOfTheHeader() {
        String disposition = FileDownload.contentDisposition(false, "a\"b\r\nSet-Cookie: x=1;.txt");

        assertThat(disposition).doesNotContain("\r").doesNotContain("\n");
        assertThat(disposition).isEqualTo("attachment; filename=\"a_b__Set-Cookie_ x_1_.txt\";"
                + " filename*=UTF-8''a%22b%0D%0ASet-Cookie%3A%20x%3D1%3B.txt");
        assertThat(FileDownload.contentDisposition(false, " ")).isEqualTo(
                "attachment; filename=\"file\"; filename*=UTF-8''file");
    }

    @Test
    void theIdIsTheFirstSegmentAfterFiles() {
        assertThat(FileDownload.fileId("/files/42")).contains(new FileId(42));
        assertThat(FileDownload.fileId("/files/42/photo.jpg")).contains(new FileId(42));
        assertThat(FileDownload.fileId("/files/42abc")).isEmpty();
    }

    @Test
    void linksCarryTheNameAsOneEscapedSegment() {
        assertThat(FileUrls.of(new FileId(7))).isEqualTo("files/7");
        assertThat(FileUrls.named(new FileId(7), "a b?#.pdf")).isEqualTo("files/7/a%20b%3F%23.pdf");
        // what Jetty refuses in a path even escaped never gets into one
        assertThat(FileUrls.named(new FileId(7), "a/b\\c%d;e\n.txt")).isEqualTo("files/7/a_b_c_d_e_.txt");
        assertThat(FileUrls.named(new FileId(7), "..")).isEqualTo("files/7");
        assertThat(FileUrls.named(new FileId(7), "фото.jpg")).isEqualTo("files/7/%D1%84%D0%BE%D1%82%D0%BE.jpg");
        assertThat(FileUrls.named(new FileId(7), "")).isEqualTo("files/7");
    }

    @Test
    void theHistoryShowsInThePageExactlyWhatIsServedInline() {
        for (String type : new String[] {"image/jpeg", "image/png", "image/gif", "image/svg+xml", "video/mp4",
                "text/html", "application/xhtml+xml", "application/pdf", "audio/ogg"}) {
            StoredFile file = new StoredFile(new FileId(1), MINE, "f", type, 1, MediaKind.of(type), Instant.EPOCH);
            assertThat(StoredFile.inline(file.kind(), type)).as(type).isEqualTo(file.inline());
        }
    }

    private Answer get(String path) {
        return FileDownload.answer("GET", path, Optional.empty(), true, MEMBER_OF_MINE, store);
    }

    private static Serve serve(Answer answer) {
        assertThat(answer).isInstanceOf(Serve.class);
        return (Serve) answer;
    }
}
