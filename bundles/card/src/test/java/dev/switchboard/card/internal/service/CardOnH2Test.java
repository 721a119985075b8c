package dev.switchboard.card.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.card.Card;
import dev.switchboard.api.card.PersonalInfo;
import dev.switchboard.api.card.Tag;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.RemoteFile;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.store.testing.H2FileDatabase;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The card's migrations and queries on the embedded default, H2 (distribution default). */
class CardOnH2Test {

    @RegisterExtension
    static final H2FileDatabase DB = new H2FileDatabase();

    static World w;

    @BeforeAll
    static void world() {
        w = new World(DB);
        w.register(TestFunnel.standard());
    }

    @Test
    void migrationsRunAndTheCardWorksOnH2() {
        assertThat(DB.tableExists("contact")).isTrue();
        assertThat(DB.tableExists("project_funnel")).isTrue();
        World.Team t = w.team();
        ContactId c = w.client(t, "h2", "Anna", "H2");
        assertThat(w.client(t, "h2", "Anna", "H2")).isEqualTo(c);
        w.directory.identify(t.project(), t.connection(), "h2", ClientProfile.named("Anna", "Refreshed")
                .withPhoto(RemoteFile.of("https://cdn.example/h2.jpg")));
        Card card = w.cards.card(c, t.owner().id());
        assertThat(card.personal().lastName()).contains("Refreshed");
        assertThat(card.photo()).isEmpty();
        Card edited = w.cards.edit(c, t.owner().id(), new PersonalInfo(Optional.of("Anna"), Optional.of("H2"),
                Optional.of("Anna@Example.com"), Optional.of("8 912 345 67 89"), Optional.empty(), Optional.of("de"),
                Optional.empty(), Optional.empty(), Optional.of("About")), card.version());
        assertThat(edited.personal().phone()).contains("+79123456789");
        assertThat(DB.rows("select search_text from contact where id = " + c.value()).get(0).get(0))
                .isEqualTo("anna\nh2\nanna@example.com\n79123456789\nabout");
        assertThatThrownBy(() -> w.cards.edit(c, t.owner().id(), PersonalInfo.empty(), card.version()))
                .isInstanceOf(Conflict.class);

        Tag tag = w.tags.create(t.project(), t.owner().id(), "h2", "#000000");
        assertThat(w.cards.addTag(c, t.owner().id(), tag.id()).tags()).containsExactly(tag);
        w.register(TestFunnel.of("other", "Other", "first", "client"));
        w.cards.setStatus(c, t.owner().id(), "client", w.cards.card(c, t.owner().id()).version());
        assertThat(w.funnels.choose(t.project(), t.owner().id(), "other", Map.of())).isZero();
        assertThat(w.cards.card(c, t.owner().id()).status().orElseThrow().funnel()).isEqualTo("other");

        ContactId other = w.client(t, "h2b", "Other", null);
        w.cards.addTag(other, t.owner().id(), tag.id());
        w.cards.subscribe(other, t.owner().id(), "chain", "Chain");
        w.cards.edit(other, t.owner().id(), new PersonalInfo(Optional.of("Other"), Optional.empty(),
                Optional.of("anna@example.com"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), w.cards.card(other, t.owner().id()).version());
        assertThat(w.cards.duplicates(c, t.owner().id())).extracting(h -> h.id()).containsExactly(other);
        Card merged = w.cards.merge(c, other, t.owner().id());
        assertThat(merged.identities()).hasSize(2);
        assertThat(merged.tags()).containsExactly(tag);
        assertThat(merged.subscriptions()).extracting(sub -> sub.chainName()).containsExactly("Chain");
    }
}
