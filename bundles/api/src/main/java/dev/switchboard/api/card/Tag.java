package dev.switchboard.api.card;

import dev.switchboard.api.domain.TagId;

/**
 * A tag of a project's catalogue (CARD-4). Cards refer to tags by id, so renaming a tag renames it everywhere.
 *
 * @param colour a CSS hex colour, {@code #rrggbb}
 */
public record Tag(TagId id, String name, String colour) {
}
