package dev.switchboard.api.error;

import dev.switchboard.api.domain.MemberId;
import java.util.List;

/** Someone else took the chat first (DIST-1): {@link #takenBy()} says who, so the loser can be told. */
public final class AlreadyTaken extends Conflict {
    private final MemberId takenBy;

    public AlreadyTaken(MemberId takenBy, String takenByName) {
        super("error.alreadyTaken", "the chat was taken by " + takenByName, List.of(takenByName));
        this.takenBy = takenBy;
    }

    public MemberId takenBy() {
        return takenBy;
    }
}
