package dev.switchboard.console.internal.settings;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.shared.HasValidationProperties;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.Autocomplete;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldBase;
import dev.switchboard.api.channel.SettingField;
import dev.switchboard.console.internal.chat.Texts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A channel's settings as a form drawn from its connector's {@link SettingField}s (architecture §4): text, address
 * and number fields, text areas for several lines, checkboxes, and password fields for secrets that say whether a
 * value is stored and keep it when left blank; labels and help in the reader's language, required marks. Test ids:
 * {@code setting-<key>} (a secret's field carries {@code data-secret-set}).
 */
final class ConnectionForm extends Div {

    private static final long serialVersionUID = 1L;

    private final transient List<SettingField> fields;
    private final Map<String, HasValue<?, ?>> inputs = new LinkedHashMap<>();

    ConnectionForm(List<SettingField> fields, Map<String, String> initial, Set<String> secretsSet, Texts texts) {
        this.fields = List.copyOf(fields);
        addClassName("sb-connection-form");
        for (SettingField field : fields) {
            Component input = input(field, initial.getOrDefault(field.key(), ""), secretsSet.contains(field.key()),
                    texts);
            input.setId("setting-" + field.key());
            input.getElement().setAttribute("data-type", field.type().name().toLowerCase(Locale.ROOT));
            add(input);
        }
    }

    private Component input(SettingField field, String value, boolean secretSet, Texts texts) {
        String label = field.label(texts.locale());
        String help = field.help(texts.locale());
        switch (field.type()) {
            case BOOLEAN -> {
                Checkbox box = new Checkbox(label, Boolean.parseBoolean(value));
                box.setManualValidation(true);
                if (!help.isBlank()) {
                    box.setHelperText(help);
                }
                inputs.put(field.key(), box);
                return box;
            }
            case MULTILINE -> {
                TextArea area = new TextArea(label);
                area.setValue(value);
                area.setMinRows(3);
                area.setWidthFull();
                return text(field, area, help);
            }
            case SECRET -> {
                PasswordField secret = new PasswordField(label);
                // a stored secret is never sent to the browser: the field only says whether there is one
                String status = texts.text(secretSet ? "settings.secret.set" : "settings.secret.unset");
                secret.setHelperText(help.isBlank() ? status : status + " " + help);
                secret.setPlaceholder(secretSet ? texts.text("settings.secret.keep") : "");
                secret.getElement().setAttribute("data-secret-set", Boolean.toString(secretSet));
                secret.setAutocomplete(Autocomplete.NEW_PASSWORD);
                return text(field, secret, "");
            }
            case URL -> {
                TextField address = new TextField(label);
                address.setValue(value);
                address.setPlaceholder("https://");
                return text(field, address, help);
            }
            case NUMBER -> {
                TextField number = new TextField(label);
                number.setValue(value);
                number.setAllowedCharPattern("[-0-9]");
                return text(field, number, help);
            }
            case TEXT -> {
                TextField text = new TextField(label);
                text.setValue(value);
                return text(field, text, help);
            }
        }
        throw new IllegalArgumentException("Unknown setting type " + field.type());
    }

    private Component text(SettingField field, TextFieldBase<?, String> input, String help) {
        if (!help.isBlank()) {
            input.setHelperText(help);
        }
        if (field.type() != SettingField.Type.MULTILINE) {
            input.setWidth("min(100%, 32rem)");
        }
        // the core checks; the field's own check on blur would clear the error it reported
        input.setManualValidation(true);
        input.setRequiredIndicatorVisible(field.required());
        inputs.put(field.key(), input);
        return input;
    }

    /** What the viewer entered, by key: texts as typed, checkboxes as {@code true} or {@code false}. */
    Map<String, String> entered() {
        Map<String, String> entered = new LinkedHashMap<>();
        for (SettingField field : fields) {
            Object value = inputs.get(field.key()).getValue();
            entered.put(field.key(), value == null ? "" : value.toString());
        }
        return entered;
    }

    /** Shows a problem on the named setting's field; false when the form has no such field. */
    boolean showProblem(String key, String text) {
        HasValue<?, ?> input = inputs.get(key);
        if (input instanceof HasValidationProperties validation) {
            validation.setErrorMessage(text);
            validation.setInvalid(true);
            return true;
        }
        return false;
    }

    void clearProblems() {
        inputs.values().forEach(input -> {
            if (input instanceof HasValidationProperties validation) {
                validation.setInvalid(false);
                validation.setErrorMessage(null);
            }
        });
    }
}
