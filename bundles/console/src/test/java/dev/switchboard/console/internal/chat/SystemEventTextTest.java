package dev.switchboard.console.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SystemEventTextTest {

    private static final MemberId VITALY = new MemberId(1);
    private static final MemberId DIMA = new MemberId(2);
    private static final MemberId KONSTANTIN = new MemberId(3);
    private static final MemberId GONE = new MemberId(99);
    private static final GroupId SALES = new GroupId(7);

    private static final Map<String, FunnelStage> STAGES = Map.of(
            "contacted", new FunnelStage("contacted", Map.of("en", "Contacted", "ru", "Контакт"), 1, "#3366cc"),
            "client", new FunnelStage("client", Map.of("en", "Client", "ru", "Клиент"), 4, "#33aa55"));

    private final ConsoleI18N i18n = new ConsoleI18N();
    private final Names english = names("Vitaly", "Dima", "Konstantin", "Sales");
    private final Names russian = names("Виталий", "Дима", "Константин", "Продажи");

    @Test
    void MSG4_everyEventReadsAsTheSpecSaysItInEnglish() {
        assertThat(en(new SystemEvent.Took(VITALY))).isEqualTo("Vitaly took the chat");
        assertThat(en(new SystemEvent.HandedOver(VITALY, DIMA))).isEqualTo("Vitaly handed the chat to Dima");
        assertThat(en(new SystemEvent.HandoverAccepted(DIMA))).isEqualTo("Dima accepted the chat");
        assertThat(en(new SystemEvent.HandoverDeclined(DIMA))).isEqualTo("Dima declined the chat");
        assertThat(en(new SystemEvent.ParticipantAdded(VITALY, KONSTANTIN)))
                .isEqualTo("Vitaly added Konstantin to the chat");
        assertThat(en(new SystemEvent.ParticipantRemoved(VITALY, KONSTANTIN)))
                .isEqualTo("Vitaly removed Konstantin from the chat");
        assertThat(en(new SystemEvent.Left(KONSTANTIN))).isEqualTo("Konstantin left the chat");
        assertThat(en(new SystemEvent.Closed(VITALY))).isEqualTo("Vitaly closed the dialog");
        assertThat(en(new SystemEvent.Forwarded(Optional.empty(), SALES))).isEqualTo("Forwarded to group Sales");
        assertThat(en(new SystemEvent.Forwarded(Optional.of(VITALY), SALES)))
                .isEqualTo("Vitaly forwarded the chat to group Sales");
        assertThat(en(new SystemEvent.TookOver(VITALY, DIMA))).isEqualTo("Vitaly took the chat over from Dima");
        assertThat(en(new SystemEvent.Assigned(VITALY, DIMA))).isEqualTo("Vitaly assigned the chat to Dima");
        assertThat(en(new SystemEvent.Reopened())).isEqualTo("The client wrote again");
        assertThat(en(new SystemEvent.StatusChanged(VITALY, "Contacted", "Client")))
                .isEqualTo("Vitaly changed the status from Contacted to Client");
        assertThat(en(new SystemEvent.TagsChanged(VITALY, List.of("vip", "b2b"), List.of())))
                .isEqualTo("Vitaly added the tags vip, b2b");
        assertThat(en(new SystemEvent.TagsChanged(VITALY, List.of(), List.of("old"))))
                .isEqualTo("Vitaly removed the tags old");
        assertThat(en(new SystemEvent.TagsChanged(VITALY, List.of("vip"), List.of("old"))))
                .isEqualTo("Vitaly added the tags vip and removed old");
        assertThat(en(new SystemEvent.SentToCrm(VITALY, "amoCRM"))).isEqualTo("Vitaly sent the chat to amoCRM");
        assertThat(en(new SystemEvent.Subscribed(VITALY, "Welcome")))
                .isEqualTo("Vitaly subscribed the client to automessages Welcome");
        assertThat(en(new SystemEvent.Unsubscribed(VITALY, "Welcome")))
                .isEqualTo("Vitaly unsubscribed the client from automessages Welcome");
        assertThat(en(new SystemEvent.ContactsMerged(VITALY, "Ivan Petrov")))
                .isEqualTo("Vitaly merged the card of Ivan Petrov into this client's card");
    }

    @Test
    void CARD3_aStatusChangeNamesTheStagesInTheReadersLanguage() {
        assertThat(en(new SystemEvent.StatusChanged(VITALY, "contacted", "client")))
                .isEqualTo("Vitaly changed the status from Contacted to Client");
        assertThat(ru(new SystemEvent.StatusChanged(VITALY, "contacted", "client")))
                .isEqualTo("Виталий сменил статус с «Контакт» на «Клиент»");
        assertThat(en(new SystemEvent.StatusChanged(VITALY, "", "contacted")))
                .isEqualTo("Vitaly set the status to Contacted");
        assertThat(ru(new SystemEvent.StatusChanged(VITALY, "", "contacted")))
                .isEqualTo("Виталий установил статус «Контакт»");
    }

    @Test
    void CARD3_aStageNoFunnelKnowsIsShownAsStored() {
        assertThat(en(new SystemEvent.StatusChanged(VITALY, "viewing", "client")))
                .isEqualTo("Vitaly changed the status from viewing to Client");
    }

    @Test
    void CARD_theNewCardEventsReadInRussian() {
        assertThat(ru(new SystemEvent.Unsubscribed(VITALY, "Приветствие")))
                .isEqualTo("Виталий отписал клиента от автосообщений «Приветствие»");
        assertThat(ru(new SystemEvent.ContactsMerged(VITALY, "Иван Петров")))
                .isEqualTo("Виталий объединил карточку «Иван Петров» с карточкой этого клиента");
    }

    @Test
    void MSG4_everyEventReadsInRussianForARussianReader() {
        assertThat(ru(new SystemEvent.Took(VITALY))).isEqualTo("Виталий взял чат");
        assertThat(ru(new SystemEvent.HandedOver(VITALY, DIMA))).isEqualTo("Виталий передал чат сотруднику Дима");
        assertThat(ru(new SystemEvent.HandoverAccepted(DIMA))).isEqualTo("Дима принял чат");
        assertThat(ru(new SystemEvent.HandoverDeclined(DIMA))).isEqualTo("Дима отказался от чата");
        assertThat(ru(new SystemEvent.ParticipantAdded(VITALY, KONSTANTIN)))
                .isEqualTo("Виталий добавил в чат сотрудника Константин");
        assertThat(ru(new SystemEvent.ParticipantRemoved(VITALY, KONSTANTIN)))
                .isEqualTo("Виталий удалил из чата сотрудника Константин");
        assertThat(ru(new SystemEvent.Left(KONSTANTIN))).isEqualTo("Константин вышел из чата");
        assertThat(ru(new SystemEvent.Closed(VITALY))).isEqualTo("Виталий завершил диалог");
        assertThat(ru(new SystemEvent.Forwarded(Optional.empty(), SALES))).isEqualTo("Чат переслан в группу «Продажи»");
        assertThat(ru(new SystemEvent.TookOver(VITALY, DIMA))).isEqualTo("Виталий забрал чат у сотрудника Дима");
        assertThat(ru(new SystemEvent.Assigned(VITALY, DIMA))).isEqualTo("Виталий назначил чат сотруднику Дима");
        assertThat(ru(new SystemEvent.Reopened())).isEqualTo("Клиент написал снова");
        for (SystemEvent event : every()) {
            assertThat(ru(event)).as(event.toString()).doesNotStartWith("!").matches(".*[А-Яа-яё].*");
        }
    }

    @Test
    void MSG4_reachabilityIsToldWithThePlatformsReason() {
        assertThat(en(new SystemEvent.ClientUnreachable("blocked the bot")))
                .isEqualTo("The client can no longer be written to: blocked the bot");
        assertThat(ru(new SystemEvent.ClientUnreachable("blocked the bot")))
                .isEqualTo("Клиенту больше нельзя написать: blocked the bot");
        assertThat(en(new SystemEvent.ClientUnreachable(" "))).isEqualTo("The client can no longer be written to");
        assertThat(en(new SystemEvent.ClientReachable())).isEqualTo("The client can be written to again");
        assertThat(ru(new SystemEvent.ClientReachable())).isEqualTo("Клиенту снова можно написать");
    }

    @Test
    void aMemberWhoIsGoneIsStillNamedInWords() {
        assertThat(en(new SystemEvent.Took(GONE))).isEqualTo("a former member took the chat");
        assertThat(ru(new SystemEvent.Took(GONE))).isEqualTo("бывший сотрудник взял чат");
    }

    private static List<SystemEvent> every() {
        return List.of(new SystemEvent.Took(VITALY), new SystemEvent.Assigned(VITALY, DIMA),
                new SystemEvent.HandedOver(VITALY, DIMA), new SystemEvent.HandoverAccepted(DIMA),
                new SystemEvent.HandoverDeclined(DIMA), new SystemEvent.ParticipantAdded(VITALY, KONSTANTIN),
                new SystemEvent.ParticipantRemoved(VITALY, KONSTANTIN), new SystemEvent.Left(KONSTANTIN),
                new SystemEvent.Closed(VITALY), new SystemEvent.Forwarded(Optional.of(VITALY), SALES),
                new SystemEvent.Forwarded(Optional.empty(), SALES), new SystemEvent.TookOver(VITALY, DIMA),
                new SystemEvent.Reopened(), new SystemEvent.StatusChanged(VITALY, "a", "b"),
                new SystemEvent.TagsChanged(VITALY, List.of("x"), List.of("y")),
                new SystemEvent.SentToCrm(VITALY, "crm"), new SystemEvent.Subscribed(VITALY, "chain"),
                new SystemEvent.Unsubscribed(VITALY, "chain"), new SystemEvent.ContactsMerged(VITALY, "Ivan"),
                new SystemEvent.ClientUnreachable("blocked the bot"), new SystemEvent.ClientReachable());
    }

    private String en(SystemEvent event) {
        return SystemEventText.render(event, english, new Texts(i18n, Locale.ENGLISH));
    }

    private String ru(SystemEvent event) {
        return SystemEventText.render(event, russian, new Texts(i18n, ConsoleI18N.RUSSIAN));
    }

    private static Names names(String vitaly, String dima, String konstantin, String sales) {
        Map<MemberId, String> members = Map.of(VITALY, vitaly, DIMA, dima, KONSTANTIN, konstantin);
        return new Names() {
            @Override
            public Optional<String> member(MemberId id) {
                return Optional.ofNullable(members.get(id));
            }

            @Override
            public Optional<String> group(GroupId id) {
                return id.equals(SALES) ? Optional.of(sales) : Optional.empty();
            }

            @Override
            public Optional<FunnelStage> stage(String key) {
                return Optional.ofNullable(STAGES.get(key));
            }
        };
    }
}
