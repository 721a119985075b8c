package dev.switchboard.api.channel;

import java.nio.charset.StandardCharsets;

/** What the core's webhook endpoint answers the platform: a status, a content type and a body. */
public record WebhookAnswer(int status, String contentType, byte[] body) {

    public WebhookAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        body = body.clone();
    }

    /** 200 with no body. */
    public static WebhookAnswer ok() {
        return new WebhookAnswer(200, "text/plain;charset=UTF-8", new byte[0]);
    }

    /** 200 with a plain-text body: VK's {@code ok}, Meta's echoed {@code hub.challenge}. */
    public static WebhookAnswer text(String body) {
        return text(200, body);
    }

    public static WebhookAnswer text(int status, String body) {
        return new WebhookAnswer(status, "text/plain;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with a JSON body. */
    public static WebhookAnswer json(String body) {
        return new WebhookAnswer(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
