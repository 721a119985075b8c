package dev.switchboard.channel.telegram.internal.send;

import dev.switchboard.api.channel.DeliveryResult;
import dev.switchboard.api.channel.Refusal;
import dev.switchboard.channel.telegram.internal.botapi.BotAnswer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a refused send means for the outbox (MSG-2; channel-facts.md §1 "Errors"). The Bot API says what went wrong
 * in {@code error_code} (mostly the HTTP status) and {@code description}, whose wording "is subject to change", so
 * the code decides and the words only refine a 400:
 * <ul>
 *   <li>429 Too Many Requests: try again, not before {@code parameters.retry_after} seconds (the outbox holds the
 *       whole connection, since Telegram limits per bot);</li>
 *   <li>401 Unauthorized (a revoked token), 404 Not Found (a token of the wrong shape): the connection is failing
 *       and the message waits until the owner fixes the token;</li>
 *   <li>403 Forbidden (the client blocked the bot, deleted the account, never started it): refused for good as
 *       {@link Refusal#CLIENT_BLOCKED}, which makes the chat unreachable until the client writes again;</li>
 *   <li>400 Bad Request: refused for good with Telegram's words: "chat not found" as
 *       {@link Refusal#RECIPIENT_NOT_FOUND}, a message or file too large as {@link Refusal#TOO_LARGE}, the rest as
 *       {@link Refusal#INVALID}; 413 Request Entity Too Large as {@link Refusal#TOO_LARGE};</li>
 *   <li>5xx, a flood wait without a time, an answer that is no Bot API answer (a proxy's page): try again later.</li>
 * </ul>
 */
final class Failures {

    private Failures() {
    }

    static DeliveryResult of(BotAnswer answer) {
        String reason = answer.reason();
        int code = answer.errorCode();
        if (code == 429) {
            return new DeliveryResult.Retry(reason, answer.retryAfter().stream()
                    .mapToObj(Duration::ofSeconds).findFirst());
        }
        if (answer.tokenRefused()) {
            return new DeliveryResult.ConnectionFailing("Telegram refused the bot's token: " + answer.description()
                    + " (" + code + "). Copy the token from @BotFather into the connection's settings again.");
        }
        if (code == 403) {
            return new DeliveryResult.Refused(Refusal.CLIENT_BLOCKED, reason);
        }
        if (code == 413) {
            return new DeliveryResult.Refused(Refusal.TOO_LARGE, reason);
        }
        if (code == 400) {
            String words = answer.description().toLowerCase(Locale.ROOT);
            if (words.contains("chat not found") || words.contains("user not found")) {
                return new DeliveryResult.Refused(Refusal.RECIPIENT_NOT_FOUND, reason);
            }
            if (words.contains("too long") || words.contains("too big") || words.contains("too large")) {
                return new DeliveryResult.Refused(Refusal.TOO_LARGE, reason);
            }
            return new DeliveryResult.Refused(Refusal.INVALID, reason);
        }
        return new DeliveryResult.Retry(reason, Optional.empty());
    }
}
