package dev.switchboard.api.card;

import dev.switchboard.api.funnel.FunnelStage;

/**
 * A card's funnel status (CARD-3).
 *
 * @param funnel  the key of the funnel the stage belongs to
 * @param stage   the stage as last seen from its funnel (readable after the funnel's bundle is gone)
 * @param current whether the stage belongs to the project's current funnel; a status kept from an earlier
 *                funnel is shown, but a new status can only be chosen from the current funnel
 */
public record Status(String funnel, FunnelStage stage, boolean current) {
}
