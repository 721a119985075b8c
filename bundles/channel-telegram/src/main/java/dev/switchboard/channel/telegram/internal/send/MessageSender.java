package dev.switchboard.channel.telegram.internal.send;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.OutboundAttachment;
import dev.switchboard.api.channel.OutboundMessage;
import dev.switchboard.api.channel.Refusal;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.channel.telegram.internal.botapi.BotAnswer;
import dev.switchboard.channel.telegram.internal.botapi.BotApi;
import dev.switchboard.channel.telegram.internal.botapi.BotHttp;
import dev.switchboard.channel.telegram.internal.botapi.Multipart;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the team's message to a client's private chat (MSG-2, INP-2, INP-3): the text with
 * {@code sendMessage}, cut into pieces of at most 4,096 characters ({@link TextParts}); each file on its own,
 * uploaded as multipart (the outbox already held it to the Bot API's limits: photos 10 MB, other files 50 MB),
 * images with {@code sendPhoto} (JPEG and PNG; a GIF with {@code sendAnimation}, so that it moves), videos with
 * {@code sendVideo}, everything else with {@code sendDocument}. A text that fits a caption (1,024 characters)
 * travels as the first file's caption; a longer one goes first, as messages of its own. A photo Telegram cannot
 * take as a photo (its sides out of proportion) goes again as a document. Every part's id, {@code <chat
 * id>:<message_id>}, is in {@link DeliveryResult.Sent}; a part that fails ends the attempt with what the failure
 * means ({@link Failures}), and the next attempt starts after the parts already sent ({@link SendProgress}).
 */
public final class MessageSender {

    static final int MAX_CAPTION = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MessageSender.class);

    private final BotHttp http;
    private final SendProgress progress;

    public MessageSender(BotHttp http, Clock clock) {
        this.http = http;
        this.progress = new SendProgress(clock);
    }

    public DeliveryResult send(OutboundMessage message) {
        long chat;
        try {
            chat = Long.parseLong(message.externalUserId());
        } catch (NumberFormatException e) {
            return new DeliveryResult.Refused(Refusal.INVALID, "not a Telegram chat id");
        }
        List<Part> parts = plan(message);
        if (parts.isEmpty()) {
            return new DeliveryResult.Refused(Refusal.INVALID, "nothing to send: no text and no file");
        }
        BotApi bot = http.bot(message.connection());
        List<String> sent = new ArrayList<>(progress.sent(message.id(), parts.size()));
        if (!sent.isEmpty()) {
            LOG.debug("Message {}: {} of {} parts went out in an earlier attempt", message.id(), sent.size(),
                    parts.size());
        }
        for (int i = sent.size(); i < parts.size(); i++) {
            DeliveryResult result;
            try {
                result = parts.get(i).send(bot, chat);
            } catch (IOException e) {
                result = new DeliveryResult.Retry("Telegram did not answer: " + bot.redact(e.getMessage()));
            }
            if (!(result instanceof DeliveryResult.Sent part)) {
                return sent.isEmpty() ? result : partly(result, sent.size(), parts.size());
            }
            sent.addAll(part.externalIds());
            progress.record(message.id(), parts.size(), sent);
        }
        progress.forget(message.id());
        return new DeliveryResult.Sent(sent);
    }

    /** The text's pieces and the files, in the order the client will see them. */
    static List<Part> plan(OutboundMessage message) {
        String text = message.text() == null ? "" : message.text().strip();
        List<Part> parts = new ArrayList<>();
        List<OutboundAttachment> files = message.attachments();
        boolean asCaption = !files.isEmpty() && !text.isEmpty() && text.length() <= MAX_CAPTION;
        if (!asCaption) {
            TextParts.split(text).forEach(piece -> parts.add(new TextPart(piece)));
        }
        for (int i = 0; i < files.size(); i++) {
            parts.add(new FilePart(files.get(i), asCaption && i == 0 ? text : ""));
        }
        return parts;
    }

    /** A failure after some parts went out: the team is told, the outbox acts on the failure as it is. */
    private static DeliveryResult partly(DeliveryResult failure, int sent, int parts) {
        String note = " (" + sent + " of " + parts + " parts were sent)";
        if (failure instanceof DeliveryResult.Retry retry) {
            return new DeliveryResult.Retry(retry.reason() + note, retry.after());
        }
        if (failure instanceof DeliveryResult.Refused refused) {
            return new DeliveryResult.Refused(refused.refusal(), refused.reason() + note);
        }
        return failure;
    }

    /** One Telegram message of the team's message. */
    sealed interface Part permits TextPart, FilePart {
        DeliveryResult send(BotApi bot, long chat) throws IOException;
    }

    record TextPart(String text) implements Part {
        @Override
        public DeliveryResult send(BotApi bot, long chat) throws IOException {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("chat_id", chat);
            params.put("text", text);
            return sent(bot.call("sendMessage", params), chat);
        }
    }

    record FilePart(OutboundAttachment attachment, String caption) implements Part {
        @Override
        public DeliveryResult send(BotApi bot, long chat) throws IOException {
            StoredFile file = attachment.file();
            String type = file.contentType().toLowerCase(Locale.ROOT);
            String method;
            String field;
            if (file.kind() == MediaKind.IMAGE && type.equals("image/gif")) {
                method = "sendAnimation";
                field = "animation";
            } else if (file.kind() == MediaKind.IMAGE) {
                method = "sendPhoto";
                field = "photo";
            } else if (file.kind() == MediaKind.VIDEO) {
                method = "sendVideo";
                field = "video";
            } else {
                method = "sendDocument";
                field = "document";
            }
            BotAnswer answer = upload(bot, chat, method, field);
            if (method.equals("sendPhoto") && !answer.ok() && answer.errorCode() == 400
                    && notAPhoto(answer.description())) {
                LOG.debug("Telegram took {} for no photo ({}); sending it as a document", file.id(),
                        answer.description());
                answer = upload(bot, chat, "sendDocument", "document");
            }
            return sent(answer, chat);
        }

        private BotAnswer upload(BotApi bot, long chat, String method, String field) throws IOException {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("chat_id", Long.toString(chat));
            if (!caption.isEmpty()) {
                fields.put("caption", caption);
            }
            if (method.equals("sendVideo")) {
                fields.put("supports_streaming", "true");
            }
            StoredFile file = attachment.file();
            return bot.upload(method, fields, new Multipart.FilePart(field, file.name(), file.contentType(),
                    file.size(), attachment::open));
        }

        private static boolean notAPhoto(String description) {
            return description.contains("PHOTO_INVALID_DIMENSIONS") || description.contains("IMAGE_PROCESS_FAILED")
                    || description.contains("PHOTO_SAVE_FILE_INVALID");
        }
    }

    private static DeliveryResult sent(BotAnswer answer, long chat) {
        if (!answer.ok()) {
            return Failures.of(answer);
        }
        JsonNode id = answer.result().path("message_id");
        if (!id.canConvertToLong()) {
            // Telegram took it and said nothing we can name it by: sending it again would make it twice
            return new DeliveryResult.Sent(chat + ":unnamed-" + java.util.UUID.randomUUID());
        }
        return new DeliveryResult.Sent(chat + ":" + id.longValue());
    }
}
