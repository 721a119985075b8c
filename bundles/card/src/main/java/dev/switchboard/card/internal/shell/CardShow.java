package dev.switchboard.card.internal.shell;

import dev.switchboard.api.card.Card;
import dev.switchboard.api.card.CardService;
import dev.switchboard.api.card.Identity;
import dev.switchboard.api.card.Subscription;
import dev.switchboard.api.card.Tag;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.card.internal.store.CardUnit;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** Read-only: what an operator needs to find a card, not its personal data (only whether e-mail and phone are set). */
@Command(scope = "switchboard", name = "card-show", description = "Shows a client card, read-only (CARD-1..6)")
@Service
public class CardShow implements Action {

    @Argument(index = 0, name = "contact", required = true, description = "the contact's id")
    long contact;

    @Reference
    CardService cards;

    @Reference
    CardUnit unit;

    @Reference
    MemberService members;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ContactId id = new ContactId(contact);
        ProjectId project = unit.unit().read((em, tx) -> {
            List<?> rows = em.createNativeQuery("select project_id from contact where id = ?1")
                    .setParameter(1, contact).getResultList();
            return rows.stream().findFirst().map(p -> new ProjectId(((Number) p).longValue()))
                    .orElseThrow(() -> new NotFound("contact", id));
        });
        Card card = cards.card(id, Owners.owner(members, project));
        PrintStream out = session.getConsole();
        out.println("Contact " + card.id() + " of project " + card.project() + ", version " + card.version());
        out.println("  Name:       " + card.displayName());
        out.println("  Created:    " + card.createdAt());
        out.println("  Status:     " + card.status().map(s -> s.funnel() + "/" + s.stage().key() + " ("
                + s.stage().name(Locale.ENGLISH) + (s.current() ? "" : ", not in the current funnel") + ")")
                .orElse("-"));
        out.println("  Tags:       " + card.tags().stream().map(Tag::name).collect(Collectors.joining(", ")));
        out.println("  Chains:     " + card.subscriptions().stream().map(Subscription::chain)
                .collect(Collectors.joining(", ")));
        out.println("  E-mail set: " + card.personal().email().isPresent() + ", phone set: "
                + card.personal().phone().isPresent());
        for (Identity i : card.identities()) {
            out.println("  Identity:   " + i.channel() + " on connection " + i.connection());
        }
        return null;
    }
}
