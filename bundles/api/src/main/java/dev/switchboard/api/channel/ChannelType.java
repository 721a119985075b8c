package dev.switchboard.api.channel;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A channel type whose connector is installed now, with what it needs to create a connection: what the console's
 * "New connection" form and {@code switchboard:connection-types} list.
 */
public record ChannelType(String type, Map<String, String> names, List<SettingField> settings,
                          ChannelCapabilities capabilities) {

    public ChannelType {
        names = Map.copyOf(names);
        settings = List.copyOf(settings);
    }

    /** The type's name in the reader's language, else English, else the type. */
    public String name(Locale locale) {
        return names.getOrDefault(locale.getLanguage(), names.getOrDefault("en", type));
    }
}
