package dev.switchboard.card.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.card.Card;
import dev.switchboard.api.card.CardEvents;
import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.card.Status;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotAllowed;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.store.testing.PostgresDatabase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Funnels as plugins (CARD-3): tracked definitions, their stored copies, and a project changing its funnel. */
class FunnelsOnPostgresTest {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    static World w;

    @BeforeAll
    static void world() {
        w = new World(DB);
        w.register(TestFunnel.standard());
    }

    static Status status(ContactId c, World.Team t) {
        return w.cards.card(c, t.owner().id()).status().orElseThrow();
    }

    static void setStatus(ContactId c, World.Team t, String stage) {
        w.cards.setStatus(c, t.owner().id(), stage, w.cards.card(c, t.owner().id()).version());
    }

    @Test
    void CARD3_projectWithoutChoiceUsesDefaultAndFunnelsAreSortedByOrder() {
        World.Team t = w.team();
        Funnel f = w.funnels.funnelOf(t.project()).orElseThrow();
        assertThat(f.key()).isEqualTo("default");
        assertThat(f.installed()).isTrue();
        assertThat(f.stages()).extracting(FunnelStage::key)
                .containsExactly("not_client", "contacted", "interested", "desire", "client", "regular");
        assertThat(w.db.rows("select count(*) from funnel_stage where funnel_key = 'default'").get(0).get(0))
                .isEqualTo(6L);
    }

    @Test
    void CARD3_chooseMapsNamedStatusesKeepsSharedKeysAndLeavesTheRestReadable() {
        World.Team t = w.team();
        w.register(TestFunnel.of("shop", "Shop", "fresh", "client", "vip"));
        ContactId untouched = w.client(t, "f1", "A", null);
        ContactId shared = w.client(t, "f2", "B", null);
        ContactId mapped = w.client(t, "f3", "C", null);
        setStatus(shared, t, "client");
        setStatus(mapped, t, "interested");
        long untouchedVersion = w.cards.card(untouched, t.owner().id()).version();
        long sharedVersion = w.cards.card(shared, t.owner().id()).version();

        int changed = w.funnels.choose(t.project(), t.admin().id(), "shop", Map.of("interested", "fresh"));

        assertThat(changed).isEqualTo(1);
        assertThat(w.funnels.funnelOf(t.project()).orElseThrow().key()).isEqualTo("shop");
        Status kept = status(untouched, t);
        assertThat(kept.funnel()).isEqualTo("default");
        assertThat(kept.stage().key()).isEqualTo("not_client");
        assertThat(kept.stage().name(Locale.ENGLISH)).isEqualTo("not_client");
        assertThat(kept.current()).isFalse();
        assertThat(w.cards.card(untouched, t.owner().id()).version()).isEqualTo(untouchedVersion);
        assertThat(status(shared, t)).satisfies(s -> {
            assertThat(s.funnel()).isEqualTo("shop");
            assertThat(s.stage().key()).isEqualTo("client");
            assertThat(s.current()).isTrue();
        });
        assertThat(w.cards.card(shared, t.owner().id()).version()).isGreaterThan(sharedVersion);
        assertThat(status(mapped, t).stage().key()).isEqualTo("fresh");
        assertThat(w.events.posted).anyMatch(p -> p.topic().equals(CardEvents.CATALOGUE_CHANGED)
                && p.project() == t.project().value());

        // a status from the earlier funnel can only be replaced by a stage of the current one
        Card card = w.cards.card(untouched, t.owner().id());
        assertThatThrownBy(() -> w.cards.setStatus(untouched, t.owner().id(), "contacted", card.version()))
                .isInstanceOf(InvalidInput.class);
        setStatus(untouched, t, "vip");
        assertThat(status(untouched, t).current()).isTrue();
        // new clients start at the new funnel's first stage
        assertThat(status(w.client(t, "f4", "D", null), t).stage().key()).isEqualTo("fresh");
    }

    @Test
    void CARD3_removingTheFunnelBundleLeavesStatusesReadable() {
        World.Team t = w.team();
        Map<String, Object> service = w.register(TestFunnel.of("realty", "Real estate", "lead", "viewing", "deal"));
        w.funnels.choose(t.project(), t.owner().id(), "realty", Map.of("not_client", "lead"));
        ContactId c = w.client(t, "r1", "Buyer", null);
        setStatus(c, t, "viewing");

        w.funnels.removeFunnel(TestFunnel.of("realty", "Real estate", "lead", "viewing", "deal"), service);

        Status s = status(c, t);
        assertThat(s.funnel()).isEqualTo("realty");
        assertThat(s.stage().key()).isEqualTo("viewing");
        assertThat(s.stage().name(Locale.forLanguageTag("ru"))).isEqualTo("ru-viewing");
        assertThat(s.stage().colour()).isEqualTo("#000001");
        assertThat(w.funnels.funnels()).filteredOn(f -> f.key().equals("realty")).singleElement()
                .satisfies(f -> assertThat(f.installed()).isFalse());
        assertThat(w.funnels.funnelOf(t.project()).orElseThrow().installed()).isFalse();
        // a gone funnel cannot be chosen
        World.Team other = w.team();
        assertThatThrownBy(() -> w.funnels.choose(other.project(), other.owner().id(), "realty", Map.of()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("funnel"));
    }

    @Test
    void CARD3_aModifiedDefinitionIsCopiedAgain() {
        Map<String, Object> service = w.register(TestFunnel.of("changing", "Before", "one", "two"));
        FunnelDefinition after = TestFunnel.of("changing", "After", "one", "two", "three");
        w.funnels.updatedFunnel(after, service);
        w.funnels.removeFunnel(after, service);
        Funnel stored = w.funnels.funnels().stream().filter(f -> f.key().equals("changing")).findFirst().orElseThrow();
        assertThat(stored.installed()).isFalse();
        assertThat(stored.name(Locale.ENGLISH)).isEqualTo("After");
        assertThat(stored.stages()).extracting(FunnelStage::key).containsExactly("one", "two", "three");
    }

    @Test
    void CARD3_aStageDroppedFromItsFunnelStaysReadableOnCardsAtIt() {
        World.Team t = w.team();
        Map<String, Object> service = w.register(TestFunnel.of("shrinking", "Shrinking", "first", "gone", "last"));
        w.funnels.choose(t.project(), t.owner().id(), "shrinking", Map.of("not_client", "first"));
        ContactId c = w.client(t, "s1", "Buyer", null);
        setStatus(c, t, "gone");

        w.funnels.updatedFunnel(TestFunnel.of("shrinking", "Shrinking", "first", "last"), service);

        Status s = status(c, t);
        assertThat(s.stage().key()).isEqualTo("gone");
        assertThat(s.stage().name(Locale.forLanguageTag("ru"))).isEqualTo("ru-gone");
        assertThat(s.current()).isFalse();
        assertThat(w.funnels.funnelOf(t.project()).orElseThrow().stages()).extracting(FunnelStage::key)
                .containsExactly("first", "last");
        // once stopped, the stored copy lists the stages the funnel defines now, not the dropped one
        w.funnels.removeFunnel(TestFunnel.of("shrinking", "Shrinking", "first", "last"), service);
        assertThat(w.funnels.funnelOf(t.project()).orElseThrow().stages()).extracting(FunnelStage::key)
                .containsExactly("first", "last");
        assertThat(status(c, t).stage().name(Locale.forLanguageTag("ru"))).isEqualTo("ru-gone");
    }

    @Test
    void CARD3_aBrokenDefinitionIsIgnored() {
        w.register(new TestFunnel("Bad Key!", Map.of("en", "Bad"), List.of(
                new FunnelStage("a", Map.of("en", "A"), 1, "#000000"))));
        w.register(new TestFunnel("nostages", Map.of("en", "Empty"), List.of()));
        assertThat(w.funnels.funnels()).extracting(Funnel::key).doesNotContain("Bad Key!", "nostages");
    }

    @Test
    void CARD3_onlyOwnersAndAdminsChooseAndOnlyValidTargetsAreAccepted() {
        World.Team t = w.team();
        w.register(TestFunnel.of("strict", "Strict", "s1", "s2"));
        assertThatThrownBy(() -> w.funnels.choose(t.project(), t.vitaly().id(), "strict", Map.of()))
                .isInstanceOf(NotAllowed.class);
        World.Team other = w.team();
        // issue 12: an owner of another project finds no project here (NotAllowed would say it exists)
        assertThatThrownBy(() -> w.funnels.choose(t.project(), other.owner().id(), "strict", Map.of()))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> w.funnels.choose(t.project(), t.owner().id(), "missing", Map.of()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("funnel"));
        assertThatThrownBy(() -> w.funnels.choose(t.project(), t.owner().id(), "strict", Map.of("client", "nope")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("mapping"));
        assertThat(w.funnels.funnelOf(t.project()).orElseThrow().key()).isEqualTo("default");
    }
}
