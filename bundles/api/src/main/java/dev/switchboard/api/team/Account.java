package dev.switchboard.api.team;

import dev.switchboard.api.domain.AccountId;
import java.util.Optional;

/**
 * A login: one e-mail address and password, which may be a member of several projects.
 *
 * @param language the console language the person chose ({@code en} or {@code ru}); empty means the browser's
 */
public record Account(AccountId id, String email, String displayName, Optional<String> language) {
}
