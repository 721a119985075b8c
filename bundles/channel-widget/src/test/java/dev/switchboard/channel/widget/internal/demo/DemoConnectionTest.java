package dev.switchboard.channel.widget.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.AccessRights;
import dev.switchboard.api.team.Account;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.channel.widget.internal.FakeConnections;
import dev.switchboard.channel.widget.internal.Texts;
import dev.switchboard.channel.widget.internal.connector.Origins;
import dev.switchboard.channel.widget.internal.connector.WidgetConnector;
import dev.switchboard.channel.widget.internal.console.Snippet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DemoConnectionTest {

    private static final Project DEMO = new Project(new ProjectId(1), "Demo", Instant.parse("2026-01-01T00:00:00Z"));
    private static final Project LATER = new Project(new ProjectId(2), "Acme", Instant.parse("2026-02-01T00:00:00Z"));
    private static final Member OWNER = member(10, DEMO, Role.OWNER);
    private static final Member MANAGER = member(9, DEMO, Role.MANAGER);

    private final List<Project> projects = new ArrayList<>(List.of(LATER, DEMO));
    /** How many reads of the projects fail first, as while the core starts. */
    private final AtomicInteger failures = new AtomicInteger();
    private final FakeConnections connections = new FakeConnections("http://localhost:8181",
            Set.of(OWNER.id()));

    private static Member member(long id, Project project, Role role) {
        return new Member(new MemberId(id), project.id(), new AccountId(id), "m" + id + "@switchboard.local",
                "Member " + id, role, new AccessRights(true, true));
    }

    private Optional<Snippet> ensure() {
        return DemoConnection.ensure(new Projects(), new Members(), connections);
    }

    @Test
    void WIDGET_theFirstProjectGetsADemoWidgetMadeByItsOwner() {
        Optional<Snippet> snippet = ensure();

        assertThat(snippet).isPresent();
        List<ChannelConnection> made = connections.list(DEMO.id());
        assertThat(made).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Website (demo)");
            assertThat(c.type()).isEqualTo("widget");
        });
        assertThat(connections.list(LATER.id())).isEmpty();
        assertThat(Origins.parse(connections.settings(made.get(0).id()).get("origins")))
                .containsExactlyInAnyOrder("http://localhost:8181", "http://127.0.0.1:8181");
        assertThat(snippet.get().scriptUrl()).isEqualTo("http://localhost:8181/widget/widget.js");
    }

    @Test
    void WIDGET_theDemoIsMadeOnceAndAgainFindsTheSameConnection() {
        Snippet first = ensure().orElseThrow();

        Snippet second = ensure().orElseThrow();

        assertThat(second).isEqualTo(first);
        assertThat(connections.writes).containsExactly("create Website (demo)", "update Website (demo)");
    }

    @Test
    void WIDGET_aProjectWithAWidgetOfItsOwnGetsNoDemoConnection() {
        ChannelConnection own = connections.create(DEMO.id(), OWNER.id(), "widget", "Shop",
                Map.of("origins", "https://shop.example")).connection();
        connections.writes.clear();

        Optional<Snippet> snippet = ensure();

        assertThat(connections.writes).isEmpty();
        assertThat(connections.list(DEMO.id())).containsExactly(own);
        assertThat(snippet).isPresent();
    }

    @Test
    void WIDGET_thereIsNoDemoWithoutAProjectOrItsOwner() {
        projects.clear();
        assertThat(ensure()).isEmpty();

        projects.add(new Project(new ProjectId(5), "Empty", Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(ensure()).isEmpty();
        assertThat(connections.writes).isEmpty();
    }

    @Test
    void WIDGET_theDemoPageCarriesTheScriptTagAndSaysWhatToDo() {
        String en = DemoPage.html(Texts.of(Texts.ENGLISH), "", "Kk0123456789abcdefghij_-");

        assertThat(en).contains("<html lang=\"en\">")
                .contains("<script async src=\"/widget/widget.js\" data-key=\"Kk0123456789abcdefghij_-\"></script>")
                .contains("This is a demo page: write in the chat at the bottom right and answer it from the console"
                        + " at /.")
                .contains("<a href=\"/\">");
        String ru = DemoPage.html(Texts.of(Texts.RUSSIAN), "/sb", "key<\"&>");
        assertThat(ru).contains("<html lang=\"ru\">").contains("Это демо-страница")
                .contains("src=\"/sb/widget/widget.js\" data-key=\"key&lt;&quot;&amp;&gt;\"");
    }

    /**
     * At start the chat engine may not know the widget type yet (its registry binds the connector on its own): the
     * servlet tries again in the background, so that the demo connection is there before anyone opens the page.
     */
    @Test
    void WIDGET_aDemoThatCouldNotBeMadeAtStartIsMadeSoonAfter_withoutAVisitOfThePage() throws Exception {
        failures.set(2);
        DemoServlet servlet = new DemoServlet(new Projects(), new Members(), connections, new WidgetConnector(null),
                new DemoConfig() {
                    @Override
                    public boolean enabled() {
                        return true;
                    }

                    @Override
                    public Class<? extends java.lang.annotation.Annotation> annotationType() {
                        return DemoConfig.class;
                    }
                });
        try {
            assertThat(connections.list(DEMO.id())).isEmpty();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (connections.list(DEMO.id()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(connections.list(DEMO.id())).singleElement()
                    .satisfies(c -> assertThat(c.name()).isEqualTo("Website (demo)"));
            assertThat(failures.get()).isZero();
        } finally {
            servlet.deactivate();
        }
    }

    private final class Projects implements ProjectService {
        @Override
        public Project create(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Project> list() {
            if (failures.get() > 0) {
                failures.decrementAndGet();
                throw new IllegalStateException("the core is not ready");
            }
            return projects;
        }

        @Override
        public Optional<Project> find(ProjectId id) {
            return projects.stream().filter(p -> p.id().equals(id)).findFirst();
        }
    }

    private static final class Members implements MemberService {
        @Override
        public Member add(ProjectId project, String email, String displayName, Role role) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Member> list(ProjectId project) {
            return project.equals(DEMO.id()) ? List.of(MANAGER, OWNER) : List.of();
        }

        @Override
        public Optional<Member> find(MemberId id) {
            return Optional.empty();
        }

        @Override
        public List<Member> membershipsOf(AccountId account) {
            return List.of();
        }

        @Override
        public Optional<Account> account(AccountId id) {
            return Optional.empty();
        }

        @Override
        public Member setRights(MemberId member, AccessRights rights) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Account setPassword(String email, char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setLanguage(AccountId account, Optional<String> language) {
        }
    }
}
