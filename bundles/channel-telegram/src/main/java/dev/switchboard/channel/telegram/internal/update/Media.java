package dev.switchboard.channel.telegram.internal.update;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.channel.InboundAttachment;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.files.MediaKind;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The file of a client's message (MSG-1), as a reference the core fetches after the commit through
 * {@code getFile} ({@link RemoteFile#ref()} is the {@code file_id}, {@link RemoteFile#key()} the
 * {@code file_unique_id}, with the size Telegram tells, so that a file over the 20 MB a bot may download is never
 * asked for): the largest size of a photo, a document (an image sent as a file is an image), a video, a round video
 * note, a GIF animation (which Telegram also names as a document), a voice message, a piece of music, and a static
 * sticker as an image. Animated and video stickers have no image to show, so they become their emoji as text
 * ({@link #asText}), as do a shared contact and a location.
 */
final class Media {

    private Media() {
    }

    static Optional<InboundAttachment> of(JsonNode message) throws UpdateReader.Malformed {
        if (message.path("photo").isArray() && !message.path("photo").isEmpty()) {
            return Optional.of(new InboundAttachment(MediaKind.IMAGE, file(largest(message.path("photo")),
                    "photo.jpg", "image/jpeg")));
        }
        if (message.path("animation").isObject()) {
            return Optional.of(new InboundAttachment(MediaKind.VIDEO, file(message.path("animation"),
                    "animation.mp4", "video/mp4")));
        }
        if (message.path("document").isObject()) {
            RemoteFile document = file(message.path("document"), "document", "application/octet-stream");
            return Optional.of(new InboundAttachment(MediaKind.of(document.contentType().orElse("")), document));
        }
        if (message.path("video").isObject()) {
            return Optional.of(new InboundAttachment(MediaKind.VIDEO, file(message.path("video"), "video.mp4",
                    "video/mp4")));
        }
        if (message.path("video_note").isObject()) {
            return Optional.of(new InboundAttachment(MediaKind.VIDEO, file(message.path("video_note"),
                    "video-note.mp4", "video/mp4")));
        }
        if (message.path("voice").isObject()) {
            return Optional.of(new InboundAttachment(MediaKind.AUDIO, file(message.path("voice"), "voice.ogg",
                    "audio/ogg")));
        }
        if (message.path("audio").isObject()) {
            JsonNode audio = message.path("audio");
            String name = UpdateReader.optionalText(audio, "title").map(t -> t + ".mp3").orElse("audio.mp3");
            return Optional.of(new InboundAttachment(MediaKind.AUDIO, file(audio, name, "audio/mpeg")));
        }
        JsonNode sticker = message.path("sticker");
        if (sticker.isObject() && !animated(sticker)) {
            return Optional.of(new InboundAttachment(MediaKind.IMAGE, file(sticker, "sticker.webp", "image/webp")));
        }
        return Optional.empty();
    }

    /** What a message without text or a file to fetch shows: an animated sticker's emoji, a contact, a place. */
    static Optional<String> asText(JsonNode message) throws UpdateReader.Malformed {
        JsonNode sticker = message.path("sticker");
        if (sticker.isObject() && animated(sticker)) {
            return Optional.of(UpdateReader.optionalText(sticker, "emoji").orElse("\uD83D\uDDBC sticker"));
        }
        JsonNode contact = message.path("contact");
        if (contact.isObject()) {
            String name = (UpdateReader.optionalText(contact, "first_name").orElse("") + " "
                    + UpdateReader.optionalText(contact, "last_name").orElse("")).strip();
            String phone = UpdateReader.optionalText(contact, "phone_number").orElse("");
            return Optional.of(("\uD83D\uDC64 " + name + (name.isEmpty() || phone.isEmpty() ? "" : ", ") + phone)
                    .strip());
        }
        JsonNode location = message.path("location");
        if (location.isObject() && location.path("latitude").isNumber() && location.path("longitude").isNumber()) {
            return Optional.of(String.format(Locale.ROOT, "\uD83D\uDCCD %.6f, %.6f",
                    location.path("latitude").doubleValue(), location.path("longitude").doubleValue()));
        }
        return Optional.empty();
    }

    private static boolean animated(JsonNode sticker) {
        return sticker.path("is_animated").asBoolean(false) || sticker.path("is_video").asBoolean(false);
    }

    /** The largest of a photo's sizes: Telegram lists them smallest first, but the area decides. */
    private static JsonNode largest(JsonNode sizes) throws UpdateReader.Malformed {
        JsonNode best = null;
        long bestArea = -1;
        for (JsonNode size : sizes) {
            long area = size.path("width").asLong(0) * size.path("height").asLong(0);
            if (size.isObject() && area >= bestArea) {
                best = size;
                bestArea = area;
            }
        }
        if (best == null) {
            throw new UpdateReader.Malformed("a photo without sizes");
        }
        return best;
    }

    static RemoteFile file(JsonNode file, String defaultName, String defaultType) throws UpdateReader.Malformed {
        String id = UpdateReader.optionalText(file, "file_id").filter(s -> !s.isBlank() && s.length() <= 2000)
                .orElseThrow(() -> new UpdateReader.Malformed("a file without its file_id"));
        JsonNode size = file.path("file_size");
        return new RemoteFile(id, UpdateReader.optionalText(file, "file_unique_id"),
                Optional.of(UpdateReader.optionalText(file, "file_name").orElse(defaultName)),
                Optional.of(UpdateReader.optionalText(file, "mime_type").orElse(defaultType)),
                size.isIntegralNumber() && size.canConvertToLong() && size.longValue() > 0
                        ? OptionalLong.of(size.longValue()) : OptionalLong.empty());
    }
}
