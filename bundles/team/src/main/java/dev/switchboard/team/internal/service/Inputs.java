package dev.switchboard.team.internal.service;

import dev.switchboard.api.error.InvalidInput;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation and normalisation of what people type for projects and members. */
final class Inputs {

    /** Deliberately loose: one @, no spaces, a dot in the domain. Delivery, not syntax, proves an address. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Inputs() {
    }

    static String email(String email) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            throw new InvalidInput("email", "not an e-mail address");
        }
        return e;
    }

    static String name(String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new InvalidInput(field, "must not be empty");
        }
        if (v.length() > max) {
            throw new InvalidInput(field, "longer than " + max + " characters");
        }
        return v;
    }

    static String language(String language) {
        String l = language.strip().toLowerCase(Locale.ROOT);
        if (!l.equals("en") && !l.equals("ru")) {
            throw new InvalidInput("language", "not a console language: " + language);
        }
        return l;
    }
}
