package dev.switchboard.card.internal.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.card.Gender;
import dev.switchboard.api.card.PersonalInfo;
import dev.switchboard.api.error.InvalidInput;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation and normalisation of personal information (CARD-6), as tables: input, field, stored value or error. */
class PersonalDataTableTest {

    private final PersonalData ru = new PersonalData("RU");

    /** One field set to {@code value}, the others empty. */
    static PersonalInfo only(String field, String value) {
        Optional<String> v = Optional.ofNullable(value);
        Optional<String> none = Optional.empty();
        return new PersonalInfo(field.equals("firstName") ? v : none, field.equals("lastName") ? v : none,
                field.equals("email") ? v : none, field.equals("phone") ? v : none, Optional.empty(),
                field.equals("country") ? v : none, field.equals("city") ? v : none,
                field.equals("address") ? v : none, field.equals("about") ? v : none);
    }

    static Optional<String> field(PersonalInfo info, String field) {
        return switch (field) {
            case "firstName" -> info.firstName();
            case "lastName" -> info.lastName();
            case "email" -> info.email();
            case "phone" -> info.phone();
            case "country" -> info.country();
            case "city" -> info.city();
            case "address" -> info.address();
            case "about" -> info.about();
            default -> throw new IllegalArgumentException(field);
        };
    }

    @ParameterizedTest(name = "{0} ''{1}'' is stored as ''{2}''")
    @CsvSource(delimiter = '|', nullValues = "<none>", textBlock = """
            email     | ' Anna@Example.COM '        | anna@example.com
            email     | first.last+tag@mail.ru      | first.last+tag@mail.ru
            email     | '   '                       | <none>
            phone     | +7 (912) 345-67-89          | +79123456789
            phone     | 8 912 345 67 89             | +79123456789
            phone     | 89123456789                 | +79123456789
            phone     | 9123456789                  | +79123456789
            phone     | +44 20 7946 0958            | +442079460958
            phone     | +49 (30) 123-4567           | +49301234567
            phone     | ''                          | <none>
            country   | ru                          | RU
            country   | DE                          | DE
            country   | Russia                      | RU
            country   | Россия                      | RU
            country   | germany                     | DE
            country   | Германия                    | DE
            country   | United Kingdom              | GB
            firstName | '  Мария  '                 | Мария
            city      | ' Санкт-Петербург '         | Санкт-Петербург
            address   | '  '                        | <none>
            about     | ' Likes tea '               | Likes tea
            """)
    void CARD6_valuesAreNormalised(String field, String input, String stored) {
        assertThat(field(ru.normalise(only(field, input)), field)).isEqualTo(Optional.ofNullable(stored));
    }

    @ParameterizedTest(name = "{0} ''{1}'' is refused")
    @CsvSource(delimiter = '|', textBlock = """
            email     | not-an-email
            email     | anna@
            email     | anna@example
            email     | anna@[127.0.0.1]
            email     | two@@example.com
            phone     | 12
            phone     | call me
            phone     | +7 912 345
            country   | Narnia
            country   | XX
            """)
    void CARD6_badValuesAreRefusedNamingTheField(String field, String input) {
        assertThatThrownBy(() -> ru.normalise(only(field, input)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @ParameterizedTest(name = "{0} of {1} characters is refused")
    @CsvSource({"firstName, 121", "lastName, 121", "city, 121", "address, 501", "about, 4001", "email, 255"})
    void CARD6_lengthsFollowTheColumns(String field, int length) {
        String value = field.equals("email") ? "a".repeat(length - 12) + "@example.com" : "x".repeat(length);
        assertThatThrownBy(() -> ru.normalise(only(field, value)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo(field));
        String fits = value.substring(1);
        if (!field.equals("email")) {
            assertThat(field(ru.normalise(only(field, fits)), field)).contains(fits);
        }
    }

    @Test
    void CARD6_aNumberWithoutCountryCodeIsReadInTheConfiguredRegion() {
        PersonalData de = new PersonalData("de");
        assertThat(de.normalise(only("phone", "030 1234567")).phone()).contains("+49301234567");
        assertThatThrownBy(() -> new PersonalData("Narnia")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void CARD6_genderPassesAndEmptyStaysEmpty() {
        PersonalInfo info = new PersonalInfo(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Gender.OTHER), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(ru.normalise(info)).isEqualTo(info);
        assertThat(ru.normalise(PersonalInfo.empty())).isEqualTo(PersonalInfo.empty());
    }
}
