package dev.switchboard.api.interactions;

import java.time.Instant;

/** A tool the client came through, and when first (CARD-8a). */
public record Acquisition(AcquisitionTool tool, Instant firstAt) {
}
