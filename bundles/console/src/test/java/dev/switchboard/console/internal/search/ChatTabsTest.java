package dev.switchboard.console.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.domain.MemberId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatTabsTest {

    private static final MemberId ME = new MemberId(1);
    private static final MemberId COLLEAGUE = new MemberId(2);

    @Test
    void INB7_aNewChatOpensInNew_aDoneChatInDone() {
        assertThat(ChatTabs.tabFor(ChatState.NEW, Optional.empty(), Set.of(), ME)).isEqualTo(InboxTab.NEW);
        // a repeat request keeps no responsible, but even a stale one does not move it out of New
        assertThat(ChatTabs.tabFor(ChatState.NEW, Optional.of(ME), Set.of(), ME)).isEqualTo(InboxTab.NEW);
        assertThat(ChatTabs.tabFor(ChatState.DONE, Optional.of(ME), Set.of(), ME)).isEqualTo(InboxTab.DONE);
    }

    @Test
    void INB7_anActiveChatOpensInMineForItsResponsibleAndParticipants() {
        assertThat(ChatTabs.tabFor(ChatState.ACTIVE, Optional.of(ME), Set.of(), ME)).isEqualTo(InboxTab.MINE);
        assertThat(ChatTabs.tabFor(ChatState.ACTIVE, Optional.of(COLLEAGUE), Set.of(ME), ME))
                .isEqualTo(InboxTab.MINE);
    }

    @Test
    void INB7_aColleaguesActiveChatOpensInOthers() {
        assertThat(ChatTabs.tabFor(ChatState.ACTIVE, Optional.of(COLLEAGUE), Set.of(), ME))
                .isEqualTo(InboxTab.OTHERS);
        assertThat(ChatTabs.tabFor(ChatState.ACTIVE, Optional.of(COLLEAGUE), Set.of(new MemberId(3)), ME))
                .isEqualTo(InboxTab.OTHERS);
    }

    @Test
    void INB7_onlyAColleaguesActiveChatNeedsItsParticipantsLookedUp() {
        assertThat(ChatTabs.needsParticipants(ChatState.ACTIVE, Optional.of(COLLEAGUE), ME)).isTrue();
        assertThat(ChatTabs.needsParticipants(ChatState.ACTIVE, Optional.of(ME), ME)).isFalse();
        assertThat(ChatTabs.needsParticipants(ChatState.NEW, Optional.empty(), ME)).isFalse();
        assertThat(ChatTabs.needsParticipants(ChatState.DONE, Optional.of(COLLEAGUE), ME)).isFalse();
    }
}
