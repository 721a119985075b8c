package dev.switchboard.api.interactions;

import java.util.List;

/**
 * Everything that shows where a client came from (CARD-8).
 *
 * @param visits newest first, at most the latest 100
 */
public record Sources(List<Acquisition> tools, List<GoogleClientId> googleIds, List<Visit> visits) {
    public Sources {
        tools = List.copyOf(tools);
        googleIds = List.copyOf(googleIds);
        visits = List.copyOf(visits);
    }
}
