package dev.switchboard.card.internal.store;

import java.util.Locale;

/**
 * The {@code contact.search_text} column (INB-7): five lines, joined with {@code "\n"}: lower-case first name,
 * lower-case last name, lower-case e-mail, the phone's digits (E.164 without '+'), lower-case About; an empty
 * line for a missing value. Written on every write of a contact; the Search tab's substring match runs on it.
 */
public final class SearchText {

    private SearchText() {
    }

    public static String of(String firstName, String lastName, String email, String phone, String about) {
        return lower(firstName) + "\n" + lower(lastName) + "\n" + lower(email) + "\n" + digits(phone) + "\n"
                + lower(about);
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    private static String digits(String phone) {
        if (phone == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
