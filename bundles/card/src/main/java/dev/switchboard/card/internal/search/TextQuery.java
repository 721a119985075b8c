package dev.switchboard.card.internal.search;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a text typed in the Search tab asks for (INB-7), as conditions on the contact row; any of them matches.
 * <ul>
 * <li>{@code like}: the lower-cased text as a substring of {@code search_text} (first name, last name, e-mail,
 * phone digits and About, one per line), LIKE wildcards in the text taken literally;</li>
 * <li>{@code phone}: a text that reads as a whole phone number in any format, in E.164, for the exact match on
 * {@code phone} (index contact_phone_ix);</li>
 * <li>{@code digits}: a part of a number written with separators ({@code 345-67}), its digits as a substring
 * (the phone line of {@code search_text} holds digits only); a whole number is matched exactly instead;</li>
 * <li>{@code email}: a whole e-mail address for the exact match on {@code email} (index contact_email_ix). The
 * substring match stays beside it, as {@code emailLocal} and a plain {@code position}: an address can also be
 * part of a longer one or of the About note. Its domain is left out of the LIKE pattern: the domains of a
 * project's clients are few, so their trigrams select nothing and are the costliest part of the trigram scan
 * (bench/search.sh: 550 index pages read for a whole address, 50 to 180 without the domain).</li>
 * </ul>
 *
 * @param like       a LIKE pattern with escape character {@link #ESCAPE}
 * @param digits     a LIKE pattern, digits only
 * @param emailLocal a LIKE pattern: the address up to and including its '@'
 */
record TextQuery(String like, Optional<String> phone, Optional<String> digits, Optional<String> email,
                 Optional<String> emailLocal) {

    /** Fewer characters than this find nothing: a single letter would list most of a project. */
    static final int MIN_LENGTH = 2;

    static final char ESCAPE = '!';

    private static final Pattern PHONE_LIKE = Pattern.compile("[+(]?[0-9][0-9 ().\\-]*");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /**
     * The conditions for {@code text}, or empty when it is too short to search.
     *
     * @param region the ISO 3166-1 region a number without a country code is read in
     */
    static Optional<TextQuery> of(String text, String region) {
        String typed = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (typed.codePointCount(0, typed.length()) < MIN_LENGTH) {
            return Optional.empty();
        }
        Optional<String> phone = Optional.empty();
        Optional<String> digits = Optional.empty();
        if (PHONE_LIKE.matcher(typed).matches()) {
            phone = e164(typed, region);
            String onlyDigits = typed.replaceAll("[^0-9]", "");
            if (phone.isEmpty() && !onlyDigits.equals(typed) && onlyDigits.length() >= MIN_LENGTH) {
                digits = Optional.of(contains(onlyDigits));
            }
        }
        Optional<String> email = EMAIL.matcher(typed).matches() ? Optional.of(typed) : Optional.empty();
        Optional<String> local = email.map(e -> contains(e.substring(0, e.indexOf('@') + 1)));
        return Optional.of(new TextQuery(contains(typed), phone, digits, email, local));
    }

    /** A LIKE pattern matching {@code text} anywhere, its own %, _ and escape characters literal. */
    static String contains(String text) {
        StringBuilder pattern = new StringBuilder(text.length() + 2).append('%');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                pattern.append(ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    private static Optional<String> e164(String typed, String region) {
        try {
            PhoneNumber number = PHONES.parse(typed, region);
            return PHONES.isPossibleNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
