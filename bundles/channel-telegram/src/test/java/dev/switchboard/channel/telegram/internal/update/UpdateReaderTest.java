package dev.switchboard.channel.telegram.internal.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.channel.InboundAttachment;
import dev.switchboard.api.channel.InboundEvent;
import dev.switchboard.api.channel.InboundMessage;
import dev.switchboard.api.channel.WebhookOutcome;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.channel.telegram.fake.Updates;
import dev.switchboard.channel.telegram.internal.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What the connector stores of each update shape the Bot API documents (INB-1, MSG-1, MSG-2, CARD-8): the API's own
 * examples from channel-facts.md, and updates built with the documented field names.
 */
class UpdateReaderTest {

    private static final ConnectionId CONNECTION = new ConnectionId(17);

    private final UpdateReader reader = new UpdateReader(new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));

    @Test
    void MSG1_theDocumentedTextUpdateIsTheClientsMessage_keyedByChatAndMessageId() {
        InboundMessage m = message(reader.read(Fixtures.update("text.json"), CONNECTION));

        assertThat(m.connection()).isEqualTo(CONNECTION);
        assertThat(m.externalMessageId()).isEqualTo("111222333:42");
        assertThat(m.externalUserId()).isEqualTo("111222333");
        assertThat(m.text()).isEqualTo("hello");
        assertThat(m.sentAt()).isEqualTo(Instant.ofEpochSecond(1750000000));
        assertThat(m.profile().firstName()).contains("Ann");
        assertThat(m.profile().lastName()).isEmpty();
        assertThat(m.profile().photo()).as("asked with getUserProfilePhotos, never taken from a URL").isEmpty();
        assertThat(m.attachments()).isEmpty();
        assertThat(m.source()).isEmpty();
    }

    @Test
    void MSG1_aPhotoIsItsLargestSize_withTheCaptionAsTheText() {
        InboundMessage m = message(reader.read(Fixtures.update("photo.json"), CONNECTION));

        assertThat(m.text()).isEqualTo("look");
        InboundAttachment photo = single(m.attachments());
        assertThat(photo.kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(photo.file().ref()).isEqualTo("AgAC..m");
        assertThat(photo.file().key()).contains("AQAD2");
        assertThat(photo.file().size()).isEqualTo(OptionalLong.of(60000));
        assertThat(photo.file().contentType()).contains("image/jpeg");
    }

    @Test
    void MSG1_aDocumentAndAVideoKeepTheirNameTypeAndSize_soThatOneOver20MbIsNeverFetched() {
        InboundAttachment document = single(message(reader.read(Fixtures.update("document.json"), CONNECTION))
                .attachments());
        assertThat(document.kind()).isEqualTo(MediaKind.FILE);
        assertThat(document.file().ref()).isEqualTo("BQAC..");
        assertThat(document.file().name()).contains("a.pdf");
        assertThat(document.file().contentType()).contains("application/pdf");
        assertThat(document.file().size()).isEqualTo(OptionalLong.of(123456));

        InboundMessage video = message(reader.read(Fixtures.update("video.json"), CONNECTION));
        assertThat(video.text()).isEmpty();
        assertThat(single(video.attachments()).kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(single(video.attachments()).file().size()).isEqualTo(OptionalLong.of(2000000));

        ObjectNode big = Updates.message(5, 9, "Ann", null);
        big.putObject("document").put("file_id", "BQAC.big").put("file_unique_id", "AgADbig")
                .put("file_name", "film.mkv").put("mime_type", "video/x-matroska").put("file_size", 25L << 20);
        InboundAttachment film = single(message(read("message", big)).attachments());
        assertThat(film.kind()).as("a video sent as a file is a video").isEqualTo(MediaKind.VIDEO);
        assertThat(film.file().size()).isEqualTo(OptionalLong.of(25L << 20));
    }

    @Test
    void MSG1_voiceMusicRoundVideosAndGifsAreFilesOfTheirKind() {
        ObjectNode voice = Updates.message(5, 1, "Ann", null);
        voice.putObject("voice").put("file_id", "AwAC..v").put("file_unique_id", "AgADv").put("duration", 3)
                .put("mime_type", "audio/ogg").put("file_size", 9000);
        InboundAttachment v = single(message(read("message", voice)).attachments());
        assertThat(v.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(v.file().name()).contains("voice.ogg");

        ObjectNode music = Updates.message(5, 2, "Ann", null);
        music.putObject("audio").put("file_id", "CQAC..a").put("file_unique_id", "AgADa").put("duration", 200)
                .put("title", "Summer").put("mime_type", "audio/mpeg").put("file_size", 4_000_000);
        assertThat(single(message(read("message", music)).attachments()).file().name()).contains("Summer.mp3");

        ObjectNode note = Updates.message(5, 3, "Ann", null);
        note.putObject("video_note").put("file_id", "DQAC..n").put("file_unique_id", "AgADn").put("length", 240)
                .put("duration", 5);
        assertThat(single(message(read("message", note)).attachments()).kind()).isEqualTo(MediaKind.VIDEO);

        // an animation also sets document: one file, not two
        ObjectNode gif = Updates.message(5, 4, "Ann", null);
        gif.putObject("animation").put("file_id", "CgAC..g").put("file_unique_id", "AgADg").put("width", 320)
                .put("height", 240).put("duration", 2).put("file_name", "cat.mp4").put("mime_type", "video/mp4");
        gif.putObject("document").put("file_id", "CgAC..g").put("file_unique_id", "AgADg")
                .put("file_name", "cat.mp4").put("mime_type", "video/mp4");
        InboundAttachment animation = single(message(read("message", gif)).attachments());
        assertThat(animation.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(animation.file().name()).contains("cat.mp4");
    }

    @Test
    void MSG1_aStaticStickerIsAnImage_andAnAnimatedOrVideoStickerItsEmoji() {
        ObjectNode still = Updates.message(5, 1, "Ann", null);
        still.putObject("sticker").put("file_id", "CAAC..s").put("file_unique_id", "AgADs").put("type", "regular")
                .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false)
                .put("emoji", "\uD83D\uDE00").put("file_size", 30000);
        InboundMessage image = message(read("message", still));
        assertThat(image.text()).isEmpty();
        assertThat(single(image.attachments()).kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(single(image.attachments()).file().contentType()).contains("image/webp");

        for (String flag : List.of("is_animated", "is_video")) {
            ObjectNode moving = Updates.message(5, 2, "Ann", null);
            moving.putObject("sticker").put("file_id", "CAAC..a").put("file_unique_id", "AgADa").put("type", "regular")
                    .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false)
                    .put(flag, true).put("emoji", "\uD83D\uDC4D");
            InboundMessage emoji = message(read("message", moving));
            assertThat(emoji.text()).as(flag).isEqualTo("\uD83D\uDC4D");
            assertThat(emoji.attachments()).as(flag).isEmpty();
        }
    }

    @Test
    void MSG1_entitiesStayText_andALinksHiddenAddressIsWrittenAfterItsWords() {
        ObjectNode message = Updates.message(5, 1, "Ann", null)
                .put("text", "\uD83D\uDE00 See our prices and #sale at https://shop.example");
        var entities = message.putArray("entities");
        // offsets count UTF-16 units: the emoji is two
        entities.addObject().put("type", "text_link").put("offset", 7).put("length", 10)
                .put("url", "https://shop.example/prices");
        entities.addObject().put("type", "hashtag").put("offset", 22).put("length", 5);
        entities.addObject().put("type", "url").put("offset", 31).put("length", 20);
        entities.addObject().put("type", "text_link").put("offset", 400).put("length", 3).put("url", "https://x");

        assertThat(message(read("message", message)).text())
                .isEqualTo("\uD83D\uDE00 See our prices (https://shop.example/prices) and #sale at https://shop.example");
    }

    @Test
    void MSG1_eachItemOfAnAlbumIsAMessageOfItsOwn_theCaptionWithTheItemThatCarriesIt() {
        ObjectNode first = Updates.message(5, 10, "Ann", null).put("media_group_id", "13579").put("caption", "both");
        first.putArray("photo").addObject().put("file_id", "A1").put("file_unique_id", "U1").put("width", 800)
                .put("height", 600);
        ObjectNode second = Updates.message(5, 11, "Ann", null).put("media_group_id", "13579");
        second.putArray("photo").addObject().put("file_id", "A2").put("file_unique_id", "U2").put("width", 800)
                .put("height", 600);

        InboundMessage one = message(read("message", first));
        InboundMessage two = message(read("message", second));
        assertThat(List.of(one.externalMessageId(), two.externalMessageId())).containsExactly("5:10", "5:11");
        assertThat(List.of(one.text(), two.text())).containsExactly("both", "");
        assertThat(single(two.attachments()).file().ref()).isEqualTo("A2");
    }

    @Test
    void MSG1_anEditIsTheSameMessageShownEdited_atTheTimeOfTheEdit() {
        WebhookOutcome outcome = reader.read(Fixtures.update("edited.json"), CONNECTION);

        InboundEvent.Edited edit = (InboundEvent.Edited) single(((WebhookOutcome.Accept) outcome).events());
        assertThat(edit.externalMessageId()).isEqualTo("111222333:42");
        assertThat(edit.externalUserId()).isEqualTo("111222333");
        assertThat(edit.text()).isEqualTo("hello again");
        assertThat(edit.editedAt()).isEqualTo(Instant.ofEpochSecond(1750000060));
    }

    @Test
    void MSG2_aClientWhoBlocksTheBotIsUnreachable_andOneWhoAllowsItAgainReachable() {
        InboundEvent.Reachability blocked = (InboundEvent.Reachability) single(
                ((WebhookOutcome.Accept) reader.read(Fixtures.update("blocked.json"), CONNECTION)).events());
        assertThat(blocked.reachable()).isFalse();
        assertThat(blocked.externalUserId()).isEqualTo("111222333");
        assertThat(blocked.reason()).isEqualTo("blocked the bot");
        assertThat(blocked.at()).isEqualTo(Instant.ofEpochSecond(1750000100));

        WebhookOutcome back = reader.read(Updates.membership(9, 111222333, 7000000001L, "kicked", "member")
                .getBytes(StandardCharsets.UTF_8), CONNECTION);
        assertThat(((InboundEvent.Reachability) single(((WebhookOutcome.Accept) back).events())).reachable()).isTrue();
    }

    @Test
    void CARD8_aDeepLinksStartParameterIsTheSourceOfTheClientsFirstMessage() {
        InboundMessage start = message(read("message", Updates.message(5, 1, "Ann", null)
                .put("text", "/start promo-qr_2")));
        assertThat(start.source()).contains("promo-qr_2");
        assertThat(message(read("message", Updates.message(5, 2, "Ann", null).put("text", "/start")))
                .source()).isEmpty();
    }

    @Test
    void INB1_groupsChannelsOtherUpdateTypesAndEmptyMessagesAreIgnoredWithTheReason() {
        assertThat(ignored(reader.read(Fixtures.update("group.json"), CONNECTION)))
                .contains("supergroup chat");
        ObjectNode post = Updates.message(5, 1, "Ann", null).put("text", "news");
        post.putObject("chat").put("id", -100777).put("type", "channel").put("title", "News");
        assertThat(ignored(read("channel_post", post))).contains("channel_post");
        ObjectNode poll = Updates.message(5, 2, "Ann", null);
        poll.putObject("poll").put("id", "1").put("question", "?");
        assertThat(ignored(read("message", poll))).contains("no text, no file");
        assertThat(ignored(reader.read(Updates.membership(9, 5, 1, "member", "administrator")
                .getBytes(StandardCharsets.UTF_8), CONNECTION))).contains("administrator");
    }

    @Test
    void MSG1_aContactAndALocationAreShownAsText() {
        ObjectNode contact = Updates.message(5, 1, "Ann", null);
        contact.putObject("contact").put("phone_number", "+441234567890").put("first_name", "Bob");
        assertThat(message(read("message", contact)).text()).isEqualTo("\uD83D\uDC64 Bob, +441234567890");
        ObjectNode place = Updates.message(5, 2, "Ann", null);
        place.putObject("location").put("latitude", 51.5007).put("longitude", -0.1246);
        assertThat(message(read("message", place)).text()).isEqualTo("\uD83D\uDCCD 51.500700, -0.124600");
    }

    private WebhookOutcome read(String kind, ObjectNode content) {
        return reader.read(Updates.update(900, kind, content).getBytes(StandardCharsets.UTF_8), CONNECTION);
    }

    private static InboundMessage message(WebhookOutcome outcome) {
        assertThat(outcome).isInstanceOf(WebhookOutcome.Accept.class);
        return (InboundMessage) single(((WebhookOutcome.Accept) outcome).events());
    }

    private static String ignored(WebhookOutcome outcome) {
        assertThat(outcome).isInstanceOf(WebhookOutcome.Ignore.class);
        return ((WebhookOutcome.Ignore) outcome).reason();
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
