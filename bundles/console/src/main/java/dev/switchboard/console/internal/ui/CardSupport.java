package dev.switchboard.console.internal.ui;

import dev.switchboard.api.card.CardService;
import dev.switchboard.api.card.ContactSearch;
import dev.switchboard.api.card.FunnelService;
import dev.switchboard.api.card.TagService;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.interactions.ContactSources;

/**
 * What the client card, the card page and the Search tab need from the platform (CARD-1..9, INB-7): the card
 * services, the contact's chats and requests, and its sources.
 */
public record CardSupport(CardService cards, TagService tags, FunnelService funnels, ContactSearch search,
                          ContactChats contactChats, ContactSources sources) {
}
