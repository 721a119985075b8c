package dev.switchboard.api.team;

import dev.switchboard.api.domain.ProjectId;
import java.time.Instant;

/** A project: one company's (or one agency client's) workspace. */
public record Project(ProjectId id, String name, Instant createdAt) {
}
