package dev.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.chat.DeliveryState;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.ProjectService;
import dev.switchboard.itest.kit.Await;
import dev.switchboard.itest.kit.Connected;
import dev.switchboard.itest.kit.Flows;
import dev.switchboard.itest.kit.Http;
import dev.switchboard.itest.kit.Webhook;
import java.time.Duration;
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
 * The chat engine in the booted distribution on its embedded database, with the test channel installed from the
 * tests' features repository (INB-1, DIST-1, MSG-2, architecture §4): a message the platform posts to the core's
 * webhook lands in New, a redelivery is stored once, the chat is taken and answered, and the answer is delivered
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

    @Inject
    ContactDirectory contacts;

    @Inject
    ContactChats contactChats;

    @Configuration
    public Option[] config() {
        int port = ExamOptions.freePort();
        List<Option> options = new ArrayList<>(ExamOptions.distribution(port));
        options.add(systemProperty(Http.PORT).value(Integer.toString(port)));
        options.add(systemProperty("switchboard.version").value(System.getProperty("switchboard.version")));
        options.add(ExamOptions.testChannel());
        return options.toArray(new Option[0]);
    }

    @Test
    public void INB1_MSG2_aWebhookMessageIsTakenAnsweredAndDelivered_andTheOutboxWaitsForAStoppedChannel()
            throws Exception {
        Http http = Http.local();
        TestChannel channel = new TestChannel(http);
        Flows flows = new Flows(projects, members, connections, chats, contacts, contactChats);
        Connected connected = flows.connect(TestChannel.TYPE, Map.of());
        Webhook hello = channel.signed(connected.id().value(), TestChannel.message("wh-1", "client-7",
                "Hello, I need help").put("first_name", "Anna").put("last_name", "Client"));

        assertEquals(200, http.send(connected.webhookUrl(), hello).statusCode());
        ChatId chat = flows.awaitChat(connected, "client-7");
        assertEquals("a redelivery is answered 200", 200, http.send(connected.webhookUrl(), hello).statusCode());
        assertEquals("and stored once", List.of("Hello, I need help"), flows.inboundTexts(connected, chat));

        chats.take(chat, connected.owner());
        Message reply = chats.send(chat, connected.owner(), "How can we help?", Optional.of("reply-1"));
        flows.awaitMessage(connected, chat, reply.id(), m -> m.delivery().equals(Optional.of(DeliveryState.SENT)));
        assertEquals(List.of("How can we help?"), texts(channel));

        Bundle bundle = channelBundle();
        bundle.stop();
        Message queued;
        try {
            queued = chats.send(chat, connected.owner(), "Sent while the channel is away", Optional.empty());
            Await.during(Duration.ofSeconds(2), () -> flows.message(connected, chat, queued.id()).delivery(),
                    state -> state.equals(Optional.of(DeliveryState.QUEUED)));
        } finally {
            bundle.start();
        }
        flows.awaitMessage(connected, chat, queued.id(), m -> m.delivery().equals(Optional.of(DeliveryState.SENT)));
        List<String> sent = Await.until(() -> texts(channel), texts -> !texts.isEmpty());
        assertTrue("the restarted channel delivered the queued message once: " + sent,
                sent.equals(List.of("Sent while the channel is away")));
    }

    private Bundle channelBundle() {
        for (Bundle b : context.getBundles()) {
            if (TestChannel.BUNDLE.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("the test channel's bundle is not installed");
    }

    private static List<String> texts(TestChannel channel) throws Exception {
        return channel.sent().stream().map(s -> s.get("text")).toList();
    }
}
