package dev.switchboard.console.internal.chat;

import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import java.util.List;

/**
 * Renders a system message's typed event in the reader's language, with member and group names resolved at
 * reading time (MSG-4): the stored event says who, the reader's console says it in words.
 */
public final class SystemEventText {

    private SystemEventText() {
    }

    public static String render(SystemEvent event, Names names, Texts texts) {
        // Java 17 has no pattern switch; the chain covers every record of the sealed interface
        if (event instanceof SystemEvent.Took e) {
            return texts.text("system.took", member(e.by(), names, texts));
        } else if (event instanceof SystemEvent.Assigned e) {
            return texts.text("system.assigned", member(e.by(), names, texts), member(e.to(), names, texts));
        } else if (event instanceof SystemEvent.HandedOver e) {
            return texts.text("system.handedOver", member(e.by(), names, texts), member(e.to(), names, texts));
        } else if (event instanceof SystemEvent.HandoverAccepted e) {
            return texts.text("system.handoverAccepted", member(e.by(), names, texts));
        } else if (event instanceof SystemEvent.HandoverDeclined e) {
            return texts.text("system.handoverDeclined", member(e.by(), names, texts));
        } else if (event instanceof SystemEvent.ParticipantAdded e) {
            return texts.text("system.participantAdded", member(e.by(), names, texts),
                    member(e.member(), names, texts));
        } else if (event instanceof SystemEvent.ParticipantRemoved e) {
            return texts.text("system.participantRemoved", member(e.by(), names, texts),
                    member(e.member(), names, texts));
        } else if (event instanceof SystemEvent.Left e) {
            return texts.text("system.left", member(e.member(), names, texts));
        } else if (event instanceof SystemEvent.Closed e) {
            return texts.text("system.closed", member(e.by(), names, texts));
        } else if (event instanceof SystemEvent.Forwarded e) {
            String group = group(e.group(), names, texts);
            return e.by().map(by -> texts.text("system.forwarded", member(by, names, texts), group))
                    .orElseGet(() -> texts.text("system.forwarded.auto", group));
        } else if (event instanceof SystemEvent.TookOver e) {
            return texts.text("system.tookOver", member(e.by(), names, texts), member(e.from(), names, texts));
        } else if (event instanceof SystemEvent.Reopened) {
            return texts.text("system.reopened");
        } else if (event instanceof SystemEvent.StatusChanged e) {
            String to = stage(e.to(), names, texts);
            return e.from() == null || e.from().isBlank()
                    ? texts.text("system.statusSet", member(e.by(), names, texts), to)
                    : texts.text("system.statusChanged", member(e.by(), names, texts), stage(e.from(), names, texts),
                    to);
        } else if (event instanceof SystemEvent.TagsChanged e) {
            return tags(e, member(e.by(), names, texts), texts);
        } else if (event instanceof SystemEvent.SentToCrm e) {
            return texts.text("system.sentToCrm", member(e.by(), names, texts), e.crm());
        } else if (event instanceof SystemEvent.Subscribed e) {
            return texts.text("system.subscribed", member(e.by(), names, texts), e.chain());
        } else if (event instanceof SystemEvent.Unsubscribed e) {
            return texts.text("system.unsubscribed", member(e.by(), names, texts), e.chain());
        } else if (event instanceof SystemEvent.ContactsMerged e) {
            return texts.text("system.contactsMerged", member(e.by(), names, texts), e.otherName());
        } else if (event instanceof SystemEvent.ClientUnreachable e) {
            // the platform's words (English, e.g. "blocked the bot"), shown as they came: the team may need them
            return e.reason() == null || e.reason().isBlank() ? texts.text("system.clientUnreachable.plain")
                    : texts.text("system.clientUnreachable", e.reason());
        } else if (event instanceof SystemEvent.ClientReachable) {
            return texts.text("system.clientReachable");
        }
        throw new IllegalArgumentException("Unknown system event " + event);
    }

    private static String tags(SystemEvent.TagsChanged event, String by, Texts texts) {
        String added = join(event.added());
        String removed = join(event.removed());
        if (event.removed().isEmpty()) {
            return texts.text("system.tags.added", by, added);
        }
        if (event.added().isEmpty()) {
            return texts.text("system.tags.removed", by, removed);
        }
        return texts.text("system.tags.changed", by, added, removed);
    }

    private static String join(List<String> tags) {
        return String.join(", ", tags);
    }

    /** A stage by its name in the reader's language; a key no funnel knows is shown as it was stored. */
    private static String stage(String key, Names names, Texts texts) {
        return names.stage(key).map(stage -> stage.name(texts.locale())).orElse(key);
    }

    private static String member(MemberId id, Names names, Texts texts) {
        return names.member(id).orElseGet(() -> texts.text("system.unknownMember"));
    }

    private static String group(GroupId id, Names names, Texts texts) {
        return names.group(id).orElseGet(() -> texts.text("system.unknownGroup"));
    }
}
