package dev.switchboard.console.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.chat.SendConditions;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendLimitsTest {

    private static final long MB = FileLimits.MB;
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final Texts english = new Texts(new ConsoleI18N(), Locale.ENGLISH);
    private final Texts russian = new Texts(new ConsoleI18N(), ConsoleI18N.RUSSIAN);

    @Test
    void INP2_INP3_theSpecsLimitsReadInOneLineWithKindsOfEqualLimitTogether() {
        SendConditions spec = conditions(FileLimits.SPEC, false);

        assertThat(SendLimits.describe(spec, english, UTC))
                .isEqualTo("Images up to 3 MB · video, audio and files up to 100 MB");
        assertThat(SendLimits.describe(spec, russian, UTC))
                .isEqualTo("Изображения до 3 МБ · видео, аудио и файлы до 100 МБ");
    }

    @Test
    void INP2_aChannelWithoutImagesSaysSo() {
        SendConditions vk = conditions(new FileLimits(Map.of(MediaKind.FILE, 100 * MB, MediaKind.VIDEO, 100 * MB)),
                false);

        assertThat(SendLimits.describe(vk, english, UTC))
                .isEqualTo("Video and files up to 100 MB · no images or audio on this channel");
        assertThat(SendLimits.describe(vk, russian, UTC))
                .isEqualTo("Видео и файлы до 100 МБ · в этом канале нельзя отправлять изображения и аудио");
    }

    @Test
    void INP2_conversionToJpegAndTheMessagingWindowAreMentioned() {
        SendConditions whatsApp = new SendConditions(4096, new FileLimits(Map.of(MediaKind.IMAGE, 5 * MB,
                MediaKind.VIDEO, 16 * MB, MediaKind.FILE, 100 * MB)), 10, true, Optional.empty(),
                Optional.of(Instant.parse("2026-03-05T14:30:00Z")));

        assertThat(SendLimits.describe(whatsApp, english, UTC)).startsWith("Images up to 5 MB · video up to 16 MB"
                + " · files up to 100 MB · no audio on this channel · some images go out as JPEG"
                + " · replies possible until 3/5/26, 2:30").endsWith("PM");
    }

    @Test
    void aTextOnlyChannelSaysSo() {
        assertThat(SendLimits.describe(conditions(new FileLimits(Map.of()), true), english, UTC))
                .isEqualTo("Text only on this channel");
    }

    @Test
    void sizesReadAsPeopleSayThem() {
        assertThat(FileSizes.format(0, english)).isEqualTo("0 B");
        assertThat(FileSizes.format(1023, english)).isEqualTo("1023 B");
        assertThat(FileSizes.format(640 * 1024, english)).isEqualTo("640 KB");
        assertThat(FileSizes.format(3 * MB, english)).isEqualTo("3 MB");
        assertThat(FileSizes.format(3 * MB / 2, english)).isEqualTo("1.5 MB");
        assertThat(FileSizes.format(3 * MB / 2, russian)).isEqualTo("1,5 МБ");
        assertThat(FileSizes.format(12 * MB + 300_000, english)).isEqualTo("12 MB");
        assertThat(FileSizes.format(2048 * MB, english)).isEqualTo("2 GB");
    }

    @Test
    void theCounterShowsInTheLastTenthOfTheLimit() {
        assertThat(SendLimits.counterFrom(4096)).isEqualTo(3687);
        assertThat(SendLimits.counterFrom(300)).isEqualTo(250);
        assertThat(SendLimits.counterFrom(20)).isZero();
    }

    @Test
    void thePickerOffersWhatTheChannelTakes() {
        assertThat(SendLimits.acceptedTypes(FileLimits.SPEC)).isEmpty();
        assertThat(SendLimits.acceptedTypes(new FileLimits(Map.of(MediaKind.IMAGE, MB, MediaKind.VIDEO, MB))))
                .containsExactly("image/*", "video/*");
    }

    private static SendConditions conditions(FileLimits files, boolean convertsImages) {
        return new SendConditions(4096, files, 10, convertsImages, Optional.empty(), Optional.empty());
    }
}
