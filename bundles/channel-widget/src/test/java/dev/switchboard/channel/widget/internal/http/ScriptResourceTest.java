package dev.switchboard.channel.widget.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptResourceTest {

    private static final String SCRIPT = "(function(){ /* the widget */ })();\n".repeat(50);

    @TempDir
    Path dir;

    private ScriptResource resource() throws IOException {
        Path file = dir.resolve("widget.js");
        Files.writeString(file, SCRIPT);
        URL url = file.toUri().toURL();
        return new ScriptResource(() -> url);
    }

    @Test
    void WIDGET_theScriptIsServedGzippedWhenTakenWithAnETagAndFiveMinutesOfCaching() throws IOException {
        ScriptResource r = resource();

        ApiAnswer gzip = r.answer(null, "gzip, deflate, br");
        assertThat(gzip.status()).isEqualTo(200);
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzip.header("Content-Type")).isEqualTo("text/javascript;charset=UTF-8");
        assertThat(gzip.header("Cache-Control")).isEqualTo("public, max-age=300");
        assertThat(gzip.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(gzip.body().length).isLessThan(SCRIPT.length());
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(SCRIPT);
        }

        ApiAnswer plain = r.answer(null, "gzip;q=0, identity");
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.text()).isEqualTo(SCRIPT);
        assertThat(plain.header("ETag")).isNotEqualTo(gzip.header("ETag"));
    }

    @Test
    void WIDGET_anUnchangedScriptIsAnswered304() throws IOException {
        ScriptResource r = resource();
        String etag = r.answer(null, "gzip").header("ETag");

        ApiAnswer again = r.answer(etag, "gzip");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(r.answer("W/" + etag, "gzip").status()).isEqualTo(304);
        assertThat(r.answer("\"other\"", "gzip").status()).isEqualTo(200);
        assertThat(r.answer(etag, null).status()).as("another representation").isEqualTo(200);
    }

    @Test
    void WIDGET_withoutTheScriptTheAnswerIs404() {
        assertThat(new ScriptResource(() -> null).answer(null, "gzip").status()).isEqualTo(404);
    }

    @Test
    void WIDGET_acceptEncodingIsReadWithItsWeights() {
        assertThat(ScriptResource.acceptsGzip("gzip")).isTrue();
        assertThat(ScriptResource.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
        assertThat(ScriptResource.acceptsGzip("*")).isTrue();
        assertThat(ScriptResource.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(ScriptResource.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(ScriptResource.acceptsGzip("deflate")).isFalse();
        assertThat(ScriptResource.acceptsGzip(null)).isFalse();
    }
}
