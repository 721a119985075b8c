package dev.switchboard.chat.internal.store;

import dev.switchboard.api.chat.SystemEvent;
import dev.switchboard.api.chat.SystemEvent.Assigned;
import dev.switchboard.api.chat.SystemEvent.ClientReachable;
import dev.switchboard.api.chat.SystemEvent.ClientUnreachable;
import dev.switchboard.api.chat.SystemEvent.Closed;
import dev.switchboard.api.chat.SystemEvent.ContactsMerged;
import dev.switchboard.api.chat.SystemEvent.Forwarded;
import dev.switchboard.api.chat.SystemEvent.HandedOver;
import dev.switchboard.api.chat.SystemEvent.HandoverAccepted;
import dev.switchboard.api.chat.SystemEvent.HandoverDeclined;
import dev.switchboard.api.chat.SystemEvent.Left;
import dev.switchboard.api.chat.SystemEvent.ParticipantAdded;
import dev.switchboard.api.chat.SystemEvent.ParticipantRemoved;
import dev.switchboard.api.chat.SystemEvent.Reopened;
import dev.switchboard.api.chat.SystemEvent.SentToCrm;
import dev.switchboard.api.chat.SystemEvent.StatusChanged;
import dev.switchboard.api.chat.SystemEvent.Subscribed;
import dev.switchboard.api.chat.SystemEvent.TagsChanged;
import dev.switchboard.api.chat.SystemEvent.Took;
import dev.switchboard.api.chat.SystemEvent.TookOver;
import dev.switchboard.api.chat.SystemEvent.Unsubscribed;
import dev.switchboard.api.domain.GroupId;
import dev.switchboard.api.domain.MemberId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * System messages (MSG-4) as columns: the event's type, its members and group as ids (so they can be queried and
 * renamed members render with their current name), other arguments as text separated by control characters that
 * names and tags cannot hold. The English text beside them is for shells and logs; the console renders the typed
 * event in the reader's language.
 */
public final class SystemEventCodec {

    private static final String FIELD = "\u001f";
    private static final String ITEM = "\u001e";

    private SystemEventCodec() {
    }

    public record Columns(String type, Long by, Long member, Long group, String args, String english) {
    }

    public static Columns encode(SystemEvent event) {
        // Java 17 has no pattern switch: an instanceof chain, with a test that round-trips every event type
        if (event instanceof Took e) {
            return cols("Took", e.by(), null, null, null, who(e.by()) + " took the chat");
        }
        if (event instanceof Assigned e) {
            return cols("Assigned", e.by(), e.to(), null, null,
                    who(e.by()) + " assigned the chat to " + who(e.to()));
        }
        if (event instanceof HandedOver e) {
            return cols("HandedOver", e.by(), e.to(), null, null,
                    who(e.by()) + " handed the chat to " + who(e.to()));
        }
        if (event instanceof HandoverAccepted e) {
            return cols("HandoverAccepted", e.by(), null, null, null,
                    who(e.by()) + " accepted the chat");
        }
        if (event instanceof HandoverDeclined e) {
            return cols("HandoverDeclined", e.by(), null, null, null,
                    who(e.by()) + " declined the chat");
        }
        if (event instanceof ParticipantAdded e) {
            return cols("ParticipantAdded", e.by(), e.member(), null, null,
                    who(e.by()) + " added " + who(e.member()) + " to the chat");
        }
        if (event instanceof ParticipantRemoved e) {
            return cols("ParticipantRemoved", e.by(), e.member(), null, null,
                    who(e.by()) + " removed " + who(e.member()) + " from the chat");
        }
        if (event instanceof Left e) {
            return cols("Left", null, e.member(), null, null, who(e.member()) + " left the chat");
        }
        if (event instanceof Closed e) {
            return cols("Closed", e.by(), null, null, null, who(e.by()) + " closed the dialog");
        }
        if (event instanceof Forwarded e) {
            return new Columns("Forwarded", e.by().map(MemberId::value).orElse(null), null,
                    e.group().value(), null, e.by().map(SystemEventCodec::who).orElse("auto-forwarding")
                    + " forwarded the chat to group " + e.group());
        }
        if (event instanceof TookOver e) {
            return cols("TookOver", e.by(), e.from(), null, null,
                    who(e.by()) + " took the chat over from " + who(e.from()));
        }
        if (event instanceof Reopened e) {
            return new Columns("Reopened", null, null, null, null, "the client wrote again: a new request");
        }
        if (event instanceof StatusChanged e) {
            return cols("StatusChanged", e.by(), null, null, e.from() + FIELD + e.to(),
                    who(e.by()) + " changed the status from " + e.from() + " to " + e.to());
        }
        if (event instanceof TagsChanged e) {
            return cols("TagsChanged", e.by(), null, null,
                    String.join(ITEM, e.added()) + FIELD + String.join(ITEM, e.removed()),
                    who(e.by()) + " changed the tags");
        }
        if (event instanceof SentToCrm e) {
            return cols("SentToCrm", e.by(), null, null, e.crm(), who(e.by()) + " sent to " + e.crm());
        }
        if (event instanceof Subscribed e) {
            return cols("Subscribed", e.by(), null, null, e.chain(),
                    who(e.by()) + " subscribed the user to automessages " + e.chain());
        }
        if (event instanceof Unsubscribed e) {
            return cols("Unsubscribed", e.by(), null, null, e.chain(),
                    who(e.by()) + " unsubscribed the user from automessages " + e.chain());
        }
        if (event instanceof ContactsMerged e) {
            return cols("ContactsMerged", e.by(), null, null, e.otherName(),
                    who(e.by()) + " merged the card of " + e.otherName() + " into this client's card");
        }
        if (event instanceof ClientUnreachable e) {
            return new Columns("ClientUnreachable", null, null, null, e.reason(),
                    "the client cannot be written to: " + e.reason());
        }
        if (event instanceof ClientReachable) {
            return new Columns("ClientReachable", null, null, null, null, "the client can be written to again");
        }
        throw new IllegalArgumentException("unknown system event " + event);
    }

    public static SystemEvent decode(Columns c) {
        return switch (c.type()) {
            case "Took" -> new Took(m(c.by()));
            case "Assigned" -> new Assigned(m(c.by()), m(c.member()));
            case "HandedOver" -> new HandedOver(m(c.by()), m(c.member()));
            case "HandoverAccepted" -> new HandoverAccepted(m(c.by()));
            case "HandoverDeclined" -> new HandoverDeclined(m(c.by()));
            case "ParticipantAdded" -> new ParticipantAdded(m(c.by()), m(c.member()));
            case "ParticipantRemoved" -> new ParticipantRemoved(m(c.by()), m(c.member()));
            case "Left" -> new Left(m(c.member()));
            case "Closed" -> new Closed(m(c.by()));
            case "Forwarded" -> new Forwarded(Optional.ofNullable(c.by()).map(MemberId::new), new GroupId(c.group()));
            case "TookOver" -> new TookOver(m(c.by()), m(c.member()));
            case "Reopened" -> new Reopened();
            case "StatusChanged" -> {
                String[] f = fields(c.args());
                yield new StatusChanged(m(c.by()), f[0], f[1]);
            }
            case "TagsChanged" -> {
                String[] f = fields(c.args());
                yield new TagsChanged(m(c.by()), items(f[0]), items(f[1]));
            }
            case "SentToCrm" -> new SentToCrm(m(c.by()), c.args());
            case "Subscribed" -> new Subscribed(m(c.by()), c.args());
            case "Unsubscribed" -> new Unsubscribed(m(c.by()), c.args());
            case "ContactsMerged" -> new ContactsMerged(m(c.by()), c.args());
            case "ClientUnreachable" -> new ClientUnreachable(c.args() == null ? "" : c.args());
            case "ClientReachable" -> new ClientReachable();
            default -> throw new IllegalStateException("unknown system event type " + c.type());
        };
    }

    private static Columns cols(String type, MemberId by, MemberId member, Long group, String args, String english) {
        return new Columns(type, by == null ? null : by.value(), member == null ? null : member.value(), group, args,
                english);
    }

    private static MemberId m(Long id) {
        return new MemberId(id);
    }

    private static String who(MemberId id) {
        return "member " + id;
    }

    private static String[] fields(String args) {
        return (args == null ? "" : args).split(FIELD, -1);
    }

    private static List<String> items(String field) {
        return field.isEmpty() ? List.of() : Arrays.asList(field.split(ITEM, -1));
    }
}
