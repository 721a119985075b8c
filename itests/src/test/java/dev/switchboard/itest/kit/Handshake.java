package dev.switchboard.itest.kit;

/** A platform's verification call (Meta's {@code hub.challenge}, VK's confirmation) and the answer it expects. */
public record Handshake(Webhook request, String expectedAnswer) {
}
