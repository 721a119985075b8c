package dev.switchboard.channel.widget.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.channel.widget.internal.connector.WidgetSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A visitor's message as posted ({@code POST messages}), checked on the server whatever the widget's form did
 * (issue 10; INB-1, MSG-1, CARD-6, CARD-8): a client-made UUID (so that a resend is stored once), a text within the
 * channel's limit, at most ten uploads, not empty; the pre-chat fields the connection requires on the visitor's first
 * message, and every contact detail given in a shape the card can take; the page's address, referrer, {@code _ga}
 * cookie and acquisition tool, which are dropped when malformed rather than refuse the message.
 */
record PostedMessage(String clientId, String text, List<String> uploads, Contacts contacts,
                     Optional<InboundMessage.Tracking> tracking, Optional<String> tool) {

    static final int MAX_FILES = 10;
    static final int MAX_URL = 2000;
    static final int MAX_GA = 200;
    static final int MAX_TOOL = 200;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The external message id of a widget message: {@code w:} and the client-made UUID. */
    String externalId() {
        return "w:" + clientId;
    }

    /**
     * Reads and checks the body.
     *
     * @param maxText the channel's longest text
     * @param first   whether this is the visitor's first message, which must carry the required pre-chat fields
     */
    static PostedMessage parse(JsonNode body, WidgetSettings settings, int maxText, boolean first) {
        String id = Bodies.string(body, "id", "id").map(String::strip).orElse("");
        if (!UUID.matcher(id).matches()) {
            throw new Refused(400, "id");
        }
        String text = Bodies.string(body, "text", "text").orElse("").strip();
        if (text.length() > maxText) {
            throw new Refused(400, "text", maxText);
        }
        List<String> uploads = new ArrayList<>();
        JsonNode files = body.get("files");
        if (files != null && !files.isNull()) {
            if (!files.isArray() || files.size() > MAX_FILES) {
                throw new Refused(400, "files", MAX_FILES);
            }
            for (JsonNode f : files) {
                if (!f.isTextual()) {
                    throw new Refused(400, "files", MAX_FILES);
                }
                if (!uploads.contains(f.textValue())) {
                    uploads.add(f.textValue());
                }
            }
        }
        if (text.isEmpty() && uploads.isEmpty()) {
            throw new Refused(400, "empty");
        }
        JsonNode fields = body.path("fields");
        if (!fields.isMissingNode() && !fields.isNull() && !fields.isObject()) {
            throw new Refused(400, "json");
        }
        Contacts contacts = Contacts.read(fields.isObject() ? fields : Bodies.JSON.createObjectNode());
        if (first) {
            for (String field : WidgetSettings.PRECHAT_FIELDS) {
                if (settings.prechat(field) == WidgetSettings.Need.REQUIRED && contacts.get(field).isEmpty()) {
                    throw new Refused(400, "field." + field);
                }
            }
        }
        JsonNode page = body.path("page");
        Optional<InboundMessage.Tracking> tracking = Optional.empty();
        Optional<String> tool = Optional.empty();
        if (page.isObject()) {
            Optional<String> url = optional(page, "url").filter(PostedMessage::webAddress);
            Optional<String> referrer = optional(page, "referrer").filter(PostedMessage::webAddress);
            Optional<String> ga = optional(page, "ga").filter(v -> v.length() <= MAX_GA);
            if (url.isPresent() || referrer.isPresent() || ga.isPresent()) {
                tracking = Optional.of(new InboundMessage.Tracking(ga, url, referrer));
            }
            tool = optional(page, "tool").filter(v -> v.length() <= MAX_TOOL);
        }
        return new PostedMessage(id.toLowerCase(Locale.ROOT), text, List.copyOf(uploads), contacts, tracking,
                tool.or(settings::tool));
    }

    /** A page value: a non-blank string, else nothing (never a refusal: tracking must not cost a message). */
    private static Optional<String> optional(JsonNode page, String member) {
        JsonNode value = page.get(member);
        return value != null && value.isTextual() && !value.textValue().isBlank()
                ? Optional.of(value.textValue().strip()) : Optional.empty();
    }

    /** An absolute http(s) address of at most 2,000 characters, as the core records visits. */
    static boolean webAddress(String value) {
        if (value.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Contact details a visitor typed (the pre-chat form or the nobody-online form, CARD-6), each checked when given.
     */
    record Contacts(Optional<String> name, Optional<String> email, Optional<String> phone) {

        static final int MAX_NAME = 100;
        static final int MAX_EMAIL = 254;
        private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");
        private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-]+");

        /** Reads {@code name}, {@code email} and {@code phone}; {@code 400 field.<name>} for a malformed one. */
        static Contacts read(JsonNode fields) {
            Optional<String> name = value(fields, "name");
            if (name.isPresent() && (name.get().length() > MAX_NAME
                    || name.get().codePoints().anyMatch(Character::isISOControl))) {
                throw new Refused(400, "field.name");
            }
            Optional<String> email = value(fields, "email");
            if (email.isPresent() && (email.get().length() > MAX_EMAIL || !EMAIL.matcher(email.get()).matches())) {
                throw new Refused(400, "field.email");
            }
            Optional<String> phone = value(fields, "phone");
            if (phone.isPresent()) {
                long digits = phone.get().chars().filter(Character::isDigit).count();
                if (!PHONE.matcher(phone.get()).matches() || digits < 6 || digits > 20) {
                    throw new Refused(400, "field.phone");
                }
            }
            return new Contacts(name, email, phone);
        }

        private static Optional<String> value(JsonNode fields, String member) {
            return Bodies.string(fields, member, "field." + member).map(String::strip).filter(v -> !v.isEmpty());
        }

        Optional<String> get(String field) {
            return switch (field) {
                case "name" -> name;
                case "email" -> email;
                case "phone" -> phone;
                default -> Optional.empty();
            };
        }

        boolean none() {
            return name.isEmpty() && email.isEmpty() && phone.isEmpty();
        }

        /** The card's view: the name split at its first space into first and last name, and the contacts. */
        ClientProfile profile() {
            Optional<String> first = Optional.empty();
            Optional<String> last = Optional.empty();
            if (name.isPresent()) {
                String n = name.get();
                int space = n.indexOf(' ');
                first = Optional.of(space < 0 ? n : n.substring(0, space));
                last = space < 0 ? Optional.empty() : Optional.of(n.substring(space + 1).strip())
                        .filter(v -> !v.isEmpty());
            }
            return new ClientProfile(first, last, Optional.empty()).withContacts(email, phone);
        }
    }
}
