package dev.switchboard.api.interactions;

import java.time.Instant;

/**
 * A Google Analytics client id of the contact (CARD-8b): one per device and browser, e.g. {@code 1234567890.1600000000}
 * from the cookie value {@code GA1.2.1234567890.1600000000}.
 */
public record GoogleClientId(String clientId, Instant firstAt) {
}
