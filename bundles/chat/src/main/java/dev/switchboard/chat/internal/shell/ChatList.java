package dev.switchboard.chat.internal.shell;

import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.InboxService;
import dev.switchboard.api.chat.InboxTab;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.domain.ProjectId;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** Lists a project's chats by inbox tab as a member sees them (INB-2..6). */
@Command(scope = "switchboard", name = "chat-list",
        description = "Lists a project's chats of one inbox tab, as a member sees them")
@Service
public class ChatList implements Action {

    @Argument(index = 0, name = "project", required = true, description = "the project's id")
    long project;

    @Argument(index = 1, name = "member", required = true, description = "the viewing member's id")
    long member;

    @Option(name = "--tab", description = "NEW, MINE, OTHERS or DONE (default NEW)")
    String tab = "NEW";

    @Option(name = "--size", description = "at most this many chats (default 50)")
    int size = 50;

    @Reference
    InboxService inbox;

    @Reference
    Session session;

    @Override
    public Object execute() {
        InboxTab t = InboxTab.valueOf(tab.toUpperCase());
        PrintStream out = session.getConsole();
        Page<ChatSummary> page = inbox.page(new ProjectId(project), new MemberId(member), t, Optional.empty(), size);
        out.printf("%-8s %-7s %-10s %-12s %-24s %s%n", "chat", "state", "channel", "responsible", "client",
                "last message");
        for (ChatSummary c : page.items()) {
            String responsible = c.responsible().map(MemberId::toString)
                    .orElse(c.previousResponsible().map(p -> "(was " + p + ")").orElse("-"));
            out.printf("%-8s %-7s %-10s %-12s %-24s %s%n", c.id(), c.state(), c.channel(), responsible,
                    c.clientName(), c.lastMessage());
        }
        out.println(inbox.counts(new ProjectId(project), new MemberId(member)));
        return null;
    }
}
