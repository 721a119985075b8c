package dev.switchboard.console.internal.chat;

import dev.switchboard.console.internal.i18n.ConsoleI18N;
import java.util.Locale;

/** The console's texts in one viewer's language, for code that renders outside a component's own lookup. */
public record Texts(ConsoleI18N i18n, Locale locale) {

    public String text(String key, Object... arguments) {
        return i18n.getTranslation(key, locale, arguments);
    }

    public boolean has(String key) {
        return i18n.has(key, locale);
    }
}
