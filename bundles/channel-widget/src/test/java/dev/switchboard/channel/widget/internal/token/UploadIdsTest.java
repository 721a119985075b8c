package dev.switchboard.channel.widget.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.FileId;
import org.junit.jupiter.api.Test;

class UploadIdsTest {

    private static final ConnectionId CONNECTION = new ConnectionId(7);
    private static final String SECRET = "a".repeat(64);

    @Test
    void WIDGET_onlyTheUploadingVisitorCanNameAnUpload() {
        String upload = UploadIds.of(CONNECTION, SECRET, "v:AAAAAAAAAAAAAAAAAAAAAA", new FileId(55));

        assertThat(upload).startsWith("55.");
        assertThat(UploadIds.verify(upload, CONNECTION, SECRET, "v:AAAAAAAAAAAAAAAAAAAAAA"))
                .hasValue(new FileId(55));
        assertThat(UploadIds.verify(upload, CONNECTION, SECRET, "v:BBBBBBBBBBBBBBBBBBBBBB")).isEmpty();
        assertThat(UploadIds.verify(upload, new ConnectionId(8), SECRET, "v:AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(UploadIds.verify(upload.replaceFirst("^55", "56"), CONNECTION, SECRET,
                "v:AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(UploadIds.verify("55", CONNECTION, SECRET, "v:AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(UploadIds.verify(null, CONNECTION, SECRET, "v:AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
    }
}
