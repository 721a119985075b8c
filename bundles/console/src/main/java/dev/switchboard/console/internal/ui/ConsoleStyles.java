package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.UI;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The console's own style sheet ({@code console.css} beside this class), put into each page's head once. The
 * console runs on Vaadin's precompiled frontend bundle with no frontend build, so the sheet cannot be bundled
 * with {@code @CssImport}; a style element works for the light DOM and for components' {@code ::part}s.
 */
final class ConsoleStyles {

    private static final String CSS = read();

    private ConsoleStyles() {
    }

    static void install(UI ui) {
        ui.getPage().executeJs("""
                if (!document.getElementById('sb-console-styles')) {
                  const style = document.createElement('style');
                  style.id = 'sb-console-styles';
                  style.textContent = $0;
                  document.head.appendChild(style);
                }""", CSS);
    }

    private static String read() {
        try (InputStream in = ConsoleStyles.class.getResourceAsStream("console.css")) {
            if (in == null) {
                throw new IllegalStateException("console.css is missing from the console bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
