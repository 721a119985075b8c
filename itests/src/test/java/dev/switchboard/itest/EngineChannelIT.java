package dev.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The chat engine in the booted distribution with the test channel bundle (INB-1, DIST-1, MSG-2, architecture
 * §4): a message posted to the channel's webhook lands in New, is taken and answered, and the answer is delivered
 * by the channel; while the channel bundle is stopped the answer waits in the outbox and drains when it returns.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EngineChannelIT {

    private static final String HTTP_PORT = "itest.http.port";

    @Inject
    BundleContext context;

    @Inject
    ProjectService projects;

    @Inject
    MemberService members;

    @Inject
    ConnectionService connections;

    @Inject
    ChatService chats;

    @Configuration
    public Option[] config() {
        int port = ExamOptions.freePort();
        List<Option> options = new ArrayList<>(ExamOptions.distribution(port));
        options.add(systemProperty(HTTP_PORT).value(Integer.toString(port)));
        options.add(systemProperty("switchboard.version").value(System.getProperty("switchboard.version")));
        return options.toArray(new Option[0]);
    }

    @Test
    public void aWebhookMessageIsTakenAnsweredAndDeliveredAndTheOutboxWaitsForAStoppedChannel() throws Exception {
        Bundle channel = context.installBundle("mvn:dev.switchboard/switchboard-itest-channel/"
                + System.getProperty("switchboard.version"));
        try {
            channel.start();
            Project project = projects.create("Engine IT");
            Member owner = members.add(project.id(), "engine-owner@example.com", "Engine Owner", Role.OWNER);
            ChannelConnection connection = connections.create(project.id(), owner.id(), "test", "Test channel");

            HttpResponse<String> inbound = await(() -> post("/test-channel/inbound", Map.of(
                    "connection", connection.id().toString(), "externalId", "wh-1", "userId", "client-7",
                    "firstName", "Anna", "lastName", "Client", "text", "Hello, I need help")),
                    r -> r.statusCode() == 200);
            ChatId chat = new ChatId(Long.parseLong(field(inbound.body(), "chat")));
            HttpResponse<String> again = post("/test-channel/inbound", Map.of(
                    "connection", connection.id().toString(), "externalId", "wh-1", "userId", "client-7",
                    "text", "Hello, I need help"));
            assertEquals("a redelivery is answered 200 as a duplicate", "true", field(again.body(), "duplicate"));

            chats.take(chat, owner.id());
            Message reply = chats.send(chat, owner.id(), "How can we help?", Optional.of("reply-1"));
            await(() -> get("/test-channel/sent"), r -> r.body().contains("How can we help?"));
            await(() -> delivery(chat, owner, reply), s -> s == DeliveryState.SENT);

            channel.stop();
            Message queued = chats.send(chat, owner.id(), "Sent while the channel is away", Optional.empty());
            Thread.sleep(2000);
            assertEquals(DeliveryState.QUEUED, delivery(chat, owner, queued));
            channel.start();
            await(() -> delivery(chat, owner, queued), s -> s == DeliveryState.SENT);
            String sent = await(() -> get("/test-channel/sent"), r -> r.statusCode() == 200).body();
            assertTrue("the restarted channel delivered the queued message: " + sent,
                    sent.contains("Sent while the channel is away"));
        } finally {
            channel.uninstall();
        }
    }

    private DeliveryState delivery(ChatId chat, Member viewer, Message m) {
        return chats.history(chat, viewer.id(), Optional.empty(), 50).items().stream()
                .filter(x -> x.id().equals(m.id())).findFirst().orElseThrow().delivery().orElseThrow();
    }

    private static String field(String body, String name) {
        for (String part : body.strip().split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + body);
    }

    private static HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty(HTTP_PORT) + path);
    }

    /** Calls until the answer satisfies {@code done}, for up to 60 s (the boot and the whiteboard are asynchronous). */
    private static <T> T await(Callable<T> call, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = null;
        Exception failure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = call.call();
                failure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                failure = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("gave up waiting; last answer " + last, failure);
    }
}
