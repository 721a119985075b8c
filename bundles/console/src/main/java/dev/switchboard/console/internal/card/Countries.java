package dev.switchboard.console.internal.card;

import java.text.Collator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The ISO 3166-1 alpha-2 countries a card's country is chosen from (CARD-6), named in the reader's language and
 * sorted as the reader's language sorts. The card bundle stores the code; the console only names it.
 */
public final class Countries {

    private static final Set<String> CODES = Set.copyOf(Arrays.asList(Locale.getISOCountries()));

    private Countries() {
    }

    /** Every code, by its name in {@code locale}. */
    public static List<String> sorted(Locale locale) {
        Collator collator = Collator.getInstance(locale);
        return CODES.stream().sorted(Comparator.comparing((String code) -> name(code, locale), collator)
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    /** The country's name in {@code locale}; an unknown code is shown as it is. */
    public static String name(String code, Locale locale) {
        String upper = code.toUpperCase(Locale.ROOT);
        if (!CODES.contains(upper)) {
            return code;
        }
        String name = new Locale.Builder().setRegion(upper).build().getDisplayCountry(locale);
        return name.isBlank() ? upper : name;
    }

    /** The code, if it is an ISO 3166-1 alpha-2 code (any case). */
    public static Optional<String> code(String value) {
        String upper = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return CODES.contains(upper) ? Optional.of(upper) : Optional.empty();
    }
}
