package dev.switchboard.itest.channel;

import dev.switchboard.api.channel.ChannelConnector;
import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.OutboundMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Component;

/**
 * The "test" channel's sender (architecture §4): records every delivered message, and can be told to refuse
 * everything or to fail the next N attempts, so that tests watch the outbox retry and fail.
 */
@Component(service = {ChannelConnector.class, TestConnector.class})
public final class TestConnector implements ChannelConnector {

    /** One delivered message. */
    public record Sent(long messageId, String externalUserId, String text, int attempt) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean refuse;

    @Override
    public String type() {
        return "test";
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        if (refuse) {
            return new DeliveryResult.Refused("the test channel refuses");
        }
        if (failures.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
            return new DeliveryResult.Retry("the test channel fails on request");
        }
        sent.add(new Sent(message.id().value(), message.externalUserId(), message.text(), message.attempt()));
        return new DeliveryResult.Sent("test-" + message.id());
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** {@code ok}, {@code refuse} or {@code retry:N}. */
    public void mode(String mode) {
        if (mode.equals("ok")) {
            refuse = false;
            failures.set(0);
        } else if (mode.equals("refuse")) {
            refuse = true;
        } else if (mode.startsWith("retry:")) {
            refuse = false;
            failures.set(Integer.parseInt(mode.substring("retry:".length())));
        } else {
            throw new IllegalArgumentException("mode is ok, refuse or retry:N");
        }
    }
}
