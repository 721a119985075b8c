package dev.switchboard.api.interactions;

/**
 * A tool through which clients reach a project (CARD-8a): a landing page, the widget, a messenger link, a QR
 * code. Tools are a project's catalogue, created when a source is first reported, named uniquely.
 *
 * @param kind {@code landing}, {@code widget}, {@code link}, {@code qr}, or {@code other}
 */
public record AcquisitionTool(long id, String name, String kind) {
}
