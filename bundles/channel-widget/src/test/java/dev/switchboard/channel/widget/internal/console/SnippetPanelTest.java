package dev.switchboard.channel.widget.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.textfield.TextArea;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Member;
import dev.switchboard.channel.widget.internal.FakeConnections;
import dev.switchboard.console.api.PanelContext;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SnippetPanelTest {

    private static final Member OWNER = new Member(new MemberId(10), new ProjectId(1), new AccountId(10),
            "owner@switchboard.local", "Owner", Role.OWNER, AccessRights.ALL);
    private static final Member MANAGER = new Member(new MemberId(11), new ProjectId(1), new AccountId(11),
            "anna@switchboard.local", "Anna", Role.MANAGER, AccessRights.ALL);

    private final FakeConnections connections = new FakeConnections("https://inbox.example.com",
            Set.of(OWNER.id()));
    private final SnippetPanel panel = new SnippetPanel(connections);

    private PanelContext context(Member viewer, Locale locale, ChannelConnection connection) {
        return new PanelContext(viewer, locale, Optional.empty(), Optional.empty(), Optional.of(connection));
    }

    private static Stream<Component> all(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(SnippetPanelTest::all));
    }

    @Test
    void WIDGET_theSnippetIsShownOnlyOnWidgetConnections() {
        ChannelConnection widget = new ChannelConnection(new ConnectionId(1), new ProjectId(1), "widget", "Site");
        ChannelConnection telegram = new ChannelConnection(new ConnectionId(2), new ProjectId(1), "telegram", "Bot");

        assertThat(panel.visibleFor(context(OWNER, Locale.ENGLISH, widget))).isTrue();
        assertThat(panel.visibleFor(context(OWNER, Locale.ENGLISH, telegram))).isFalse();
        assertThat(panel.visibleFor(new PanelContext(OWNER, Locale.ENGLISH, Optional.empty()))).isFalse();
        assertThat(panel.title(Locale.forLanguageTag("ru"))).isEqualTo("Виджет на сайте");
    }

    @Test
    void WIDGET_theOwnerCopiesAScriptTagWithTheConnectionsKeyAndThePublicAddress() {
        ChannelConnection widget = connections.create(new ProjectId(1), OWNER.id(), "widget", "Site",
                Map.of("origins", "https://shop.example")).connection();
        String key = connections.details(widget.id(), OWNER.id()).webhookUrl().getPath().replaceAll(".*/", "");

        Component created = panel.create(context(OWNER, Locale.ENGLISH, widget));

        TextArea area = all(created).filter(TextArea.class::isInstance).map(TextArea.class::cast).findFirst()
                .orElseThrow();
        assertThat(area.getId()).hasValue("widget-snippet");
        assertThat(area.isReadOnly()).isTrue();
        assertThat(area.getValue()).isEqualTo("<script async src=\"https://inbox.example.com/widget/widget.js\""
                + " data-key=\"" + key + "\"></script>");
        assertThat(all(created).anyMatch(c -> c.getId().equals(Optional.of("widget-identity")))).isTrue();
        assertThat(all(created).map(c -> c.getElement().getText()).filter(t -> t.contains("HMAC-SHA256")))
                .isNotEmpty();
    }

    @Test
    void WIDGET_someoneWhoMayNotSeeTheConnectionGetsANoteNotTheKey() {
        ChannelConnection widget = connections.create(new ProjectId(1), OWNER.id(), "widget", "Site",
                Map.of("origins", "https://shop.example")).connection();

        Component created = panel.create(context(MANAGER, Locale.ENGLISH, widget));

        assertThat(all(created).anyMatch(c -> c instanceof TextArea)).isFalse();
        assertThat(all(created).anyMatch(c -> c.getId().equals(Optional.of("widget-snippet-unavailable"))))
                .isTrue();
    }

    @Test
    void WIDGET_theSnippetComesFromTheWebhookAddressWhateverThePublicPath() {
        assertThat(Snippet.fromWebhook(URI.create("https://example.com/switchboard/hooks/widget/"
                + "Kk0123456789abcdefghij_-"))).hasValue(new Snippet("https://example.com/switchboard",
                "Kk0123456789abcdefghij_-"));
        assertThat(Snippet.fromWebhook(URI.create("https://example.com/hooks/telegram/Kk0123456789abcdefghij_-")))
                .isEmpty();
        assertThat(new Snippet("https://a.example/?x=\"<&>", "k").scriptTag())
                .isEqualTo("<script async src=\"https://a.example/?x=&quot;&lt;&amp;&gt;/widget/widget.js\""
                        + " data-key=\"k\"></script>");
    }
}
