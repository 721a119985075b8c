package dev.switchboard.chat.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every system event (MSG-4) comes back from its columns as it went in. */
class SystemEventCodecTest {

    static final MemberId VITALY = new MemberId(1);
    static final MemberId DIMA = new MemberId(2);

    static Stream<SystemEvent> everyEvent() {
        return Stream.of(new SystemEvent.Took(VITALY), new SystemEvent.Assigned(VITALY, DIMA),
                new SystemEvent.HandedOver(VITALY, DIMA), new SystemEvent.HandoverAccepted(DIMA),
                new SystemEvent.HandoverDeclined(DIMA), new SystemEvent.ParticipantAdded(VITALY, DIMA),
                new SystemEvent.ParticipantRemoved(VITALY, DIMA), new SystemEvent.Left(DIMA),
                new SystemEvent.Closed(VITALY), new SystemEvent.Forwarded(Optional.of(VITALY), new GroupId(3)),
                new SystemEvent.Forwarded(Optional.empty(), new GroupId(3)), new SystemEvent.TookOver(DIMA, VITALY),
                new SystemEvent.Reopened(), new SystemEvent.StatusChanged(VITALY, "Contacted", "Client"),
                new SystemEvent.TagsChanged(VITALY, List.of("vip", "b2b"), List.of()),
                new SystemEvent.TagsChanged(VITALY, List.of(), List.of("old")),
                new SystemEvent.SentToCrm(VITALY, "HubSpot"), new SystemEvent.Subscribed(VITALY, "Welcome"),
                new SystemEvent.Unsubscribed(DIMA, "Welcome"), new SystemEvent.ContactsMerged(VITALY, "Anna Petrova"),
                new SystemEvent.ClientUnreachable("blocked the bot"), new SystemEvent.ClientReachable());
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void MSG4_everyEventRoundTrips(SystemEvent event) {
        SystemEventCodec.Columns columns = SystemEventCodec.encode(event);
        assertThat(columns.english()).isNotBlank();
        assertThat(SystemEventCodec.decode(columns)).isEqualTo(event);
    }

    @Test
    void everyPermittedEventTypeIsCovered() {
        assertThat(everyEvent().map(e -> e.getClass()).distinct())
                .hasSize(SystemEvent.class.getPermittedSubclasses().length);
    }
}
