package dev.switchboard.itest;

import dev.switchboard.itest.kit.Http;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tests' side of the test channel's {@code /test-channel/team} (its {@code TestTeamServlet}): a member's replies
 * and what a member sees of a client, through the core's services, for tests beside a distribution started by
 * {@link KarafProcess}. A client is named by the connection and its user id on the test platform.
 */
final class TestTeam {

    /** What a member sees of a client: the card's fields and every message of the client's chats, oldest first. */
    record Client(Map<String, String> card, List<Map<String, String>> messages) {

        /** The platform's ids of the client's messages that were stored. */
        List<String> externalIds() {
            return messages.stream().filter(m -> m.get("kind").equals("INBOUND")).map(m -> m.get("external"))
                    .toList();
        }
    }

    private final Http http;

    TestTeam(Http http) {
        this.http = http;
    }

    /**
     * {@code member} takes the client's chat if it is not theirs and queues {@code text}; {@code key} makes a
     * repeated call return the same message. Returns the message's id.
     */
    long reply(long connection, String user, long member, String text, String key) throws Exception {
        HttpResponse<String> r = http.post("/test-channel/team/reply", Map.of("connection", Long.toString(connection),
                "user", user, "member", Long.toString(member), "text", text, "key", key));
        if (r.statusCode() != 200 || !r.body().startsWith("message=")) {
            throw new IllegalStateException("the reply was not stored: " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(r.body().substring("message=".length()).strip());
    }

    /** The client's card and chats as {@code member} sees them; empty when the client has no card. */
    Optional<Client> client(long connection, String user, long member) throws Exception {
        HttpResponse<String> r = http.get("/test-channel/team/client?" + Http.form(Map.of(
                "connection", Long.toString(connection), "user", user, "member", Long.toString(member))));
        if (r.statusCode() == 404 && r.body().contains("the client has no card")) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the client could not be read: " + r.statusCode() + " " + r.body());
        }
        List<Map<String, String>> lines = Http.records(r.body());
        return Optional.of(new Client(lines.get(0), lines.subList(1, lines.size())));
    }
}
