package dev.switchboard.itest;

import static dev.switchboard.itest.InContainer.await;
import static dev.switchboard.itest.InContainer.field;
import static dev.switchboard.itest.InContainer.get;
import static dev.switchboard.itest.InContainer.post;
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
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        options.add(systemProperty(InContainer.HTTP_PORT).value(Integer.toString(port)));
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
}
