package dev.switchboard.channel.widget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The widget's script as the bundle ships it ({@code /widget/widget.js} on the class path, served at
 * {@code /widget/widget.js}), checked for what issue 10 promises every site that embeds it: it stays small, and
 * nothing a visitor or the team writes can ever become markup on the site's page.
 */
class WidgetScriptTest {

    /** Issue 10's budget: the site's own load must not pay for the chat. */
    private static final int BUDGET_GZIPPED = 50 * 1024;

    /**
     * Calls that parse a string as HTML or code. The script builds every element with createElement and puts every
     * text in with textContent, so none of these has a reason to appear in it, not even in a comment.
     */
    private static final List<String> HTML_OR_CODE_SINKS = List.of("innerHTML", "outerHTML", "insertAdjacentHTML",
            "document.write", "eval(", "new Function", "createContextualFragment", "DOMParser", "srcdoc");

    @Test
    void WIDGET_scriptStaysUnderItsWeightBudget() throws IOException {
        byte[] script = script();
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(script);
        }

        assertThat(zipped.size())
                .as("widget.js gzipped (%d bytes before), the budget is %d bytes", script.length, BUDGET_GZIPPED)
                .isLessThan(BUDGET_GZIPPED);
    }

    @Test
    void WIDGET_scriptNeverRendersHtml() throws IOException {
        String script = new String(script(), StandardCharsets.UTF_8);

        assertThat(HTML_OR_CODE_SINKS).allSatisfy(sink -> assertThat(script).as("widget.js").doesNotContain(sink));
    }

    /**
     * The script runs on sites in any encoding (windows-1251 is common on Russian ones) and a browser may decode it
     * in the page's encoding; kept to ASCII, with its Russian texts as escapes, it reads the same on every page.
     */
    @Test
    void WIDGET_scriptIsAsciiSoEveryPageDecodesItAlike() throws IOException {
        byte[] script = script();

        for (int i = 0; i < script.length; i++) {
            assertThat(script[i] & 0xff).as("byte %d of widget.js", i).isLessThan(0x80);
        }
    }

    private static byte[] script() throws IOException {
        try (InputStream in = WidgetScriptTest.class.getResourceAsStream("/widget/widget.js")) {
            assertThat(in).as("widget/widget.js on the class path").isNotNull();
            return in.readAllBytes();
        }
    }
}
