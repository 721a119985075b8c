package dev.switchboard.card.internal.personal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.switchboard.api.card.PersonalInfo;
import dev.switchboard.api.error.InvalidInput;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.validator.routines.EmailValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and normalises a card's personal information (CARD-6): text trimmed and blank to empty, lengths as
 * the columns allow, e-mail lower-cased and checked (commons-validator's routines), phone to E.164 with
 * libphonenumber (a number without a country code is read in the configured region), country to an ISO 3166-1
 * alpha-2 code from a code or an English or Russian name. The first bad field gives an {@link InvalidInput}
 * naming it.
 */
public final class PersonalData {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalData.class);

    public static final int NAME_MAX = 120;
    public static final int EMAIL_MAX = 254;
    public static final int CITY_MAX = 120;
    public static final int ADDRESS_MAX = 500;
    public static final int ABOUT_MAX = 4000;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final EmailValidator EMAILS = EmailValidator.getInstance(false, false);
    private static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());
    private static final Map<String, String> COUNTRY_NAMES = countryNames();

    private final String defaultRegion;

    /** @throws IllegalArgumentException for a region libphonenumber does not know */
    public PersonalData(String defaultRegion) {
        String region = defaultRegion == null ? "" : defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("phone.defaultRegion is not a known region: " + defaultRegion);
        }
        this.defaultRegion = region;
    }

    /** A mistyped region must not take the card away: numbers are then read in the default region, and it is said. */
    public static PersonalData configured(CardConfig config) {
        try {
            return new PersonalData(config.phone_defaultRegion());
        } catch (IllegalArgumentException e) {
            LOG.error("{} in {}; reading phone numbers in {} instead", e.getMessage(), CardConfig.PID,
                    CardConfig.DEFAULT_REGION);
            return new PersonalData(CardConfig.DEFAULT_REGION);
        }
    }

    public PersonalInfo normalise(PersonalInfo info) {
        return new PersonalInfo(text("firstName", info.firstName(), NAME_MAX),
                text("lastName", info.lastName(), NAME_MAX), email(info.email()), phone(info.phone()),
                info.gender(), country(info.country()), text("city", info.city(), CITY_MAX),
                text("address", info.address(), ADDRESS_MAX), text("about", info.about(), ABOUT_MAX));
    }

    static Optional<String> text(String field, Optional<String> value, int max) {
        Optional<String> v = value.map(String::strip).filter(s -> !s.isEmpty());
        if (v.isPresent() && v.get().length() > max) {
            throw new InvalidInput(field, "longer than " + max + " characters");
        }
        return v;
    }

    /** An e-mail address trimmed and lower-cased; {@link InvalidInput} for one that is not an address. */
    public Optional<String> email(Optional<String> value) {
        Optional<String> v = text("email", value, EMAIL_MAX).map(s -> s.toLowerCase(Locale.ROOT));
        // an address at an IP literal is not a client's e-mail; refusing it first also keeps the validator from
        // the one routine that needs the rest of commons-validator (see bnd.bnd)
        if (v.isPresent() && (v.get().indexOf('[') >= 0 || !EMAILS.isValid(v.get()))) {
            throw new InvalidInput("email", "not an e-mail address");
        }
        return v;
    }

    /** A phone number in E.164; {@link InvalidInput} for one that is not a valid number. */
    public Optional<String> phone(Optional<String> value) {
        Optional<String> v = text("phone", value, 64);
        if (v.isEmpty()) {
            return v;
        }
        Phonenumber.PhoneNumber number;
        try {
            number = PHONES.parse(v.get(), defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidInput("phone", "not a phone number");
        }
        if (!PHONES.isValidNumber(number)) {
            throw new InvalidInput("phone", "not a valid phone number");
        }
        return Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    static Optional<String> country(Optional<String> value) {
        Optional<String> v = text("country", value, 100);
        if (v.isEmpty()) {
            return v;
        }
        String upper = v.get().toUpperCase(Locale.ROOT);
        if (upper.length() == 2 && COUNTRY_CODES.contains(upper)) {
            return Optional.of(upper);
        }
        String code = COUNTRY_NAMES.get(nameKey(v.get()));
        if (code == null) {
            throw new InvalidInput("country", "not a country code or name");
        }
        return Optional.of(code);
    }

    private static Map<String, String> countryNames() {
        Map<String, String> names = new HashMap<>();
        Locale russian = Locale.forLanguageTag("ru");
        for (String code : Locale.getISOCountries()) {
            Locale country = new Locale("", code);
            names.putIfAbsent(nameKey(country.getDisplayCountry(Locale.ENGLISH)), code);
            names.putIfAbsent(nameKey(country.getDisplayCountry(russian)), code);
        }
        return Map.copyOf(names);
    }

    private static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("\\s+", " ");
    }
}
