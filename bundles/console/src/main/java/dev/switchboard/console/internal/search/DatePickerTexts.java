package dev.switchboard.console.internal.search;

import com.vaadin.flow.component.datepicker.DatePicker;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A date picker speaking the viewer's language: month and day names from the JDK's locale data, the first day of
 * the week of the locale, and the picker's two buttons from the console's texts. Without it the calendar is
 * English whatever the console's language.
 */
public final class DatePickerTexts {

    private DatePickerTexts() {
    }

    public static void apply(DatePicker picker, Locale locale, String today, String cancel) {
        picker.setLocale(locale);
        List<String> months = new ArrayList<>();
        for (Month month : Month.values()) {
            months.add(capitalised(month.getDisplayName(TextStyle.FULL_STANDALONE, locale), locale));
        }
        // Vaadin lists week days from Sunday
        List<String> days = new ArrayList<>();
        List<String> shortDays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            DayOfWeek day = DayOfWeek.SUNDAY.plus(i);
            days.add(capitalised(day.getDisplayName(TextStyle.FULL_STANDALONE, locale), locale));
            shortDays.add(capitalised(day.getDisplayName(TextStyle.SHORT_STANDALONE, locale), locale));
        }
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setMonthNames(months);
        i18n.setWeekdays(days);
        i18n.setWeekdaysShort(shortDays);
        i18n.setFirstDayOfWeek(WeekFields.of(locale).getFirstDayOfWeek().getValue() % 7);
        i18n.setToday(today);
        i18n.setCancel(cancel);
        picker.setI18n(i18n);
    }

    private static String capitalised(String name, Locale locale) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }
}
