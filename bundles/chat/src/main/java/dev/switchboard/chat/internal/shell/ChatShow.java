package dev.switchboard.chat.internal.shell;

import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.chat.ChatView;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.MemberId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** Shows a chat and its messages, system events included (WIN-1, WIN-2, MSG-3, MSG-4). */
@Command(scope = "switchboard", name = "chat-show", description = "Shows a chat and its messages as a member sees them")
@Service
public class ChatShow implements Action {

    @Argument(index = 0, name = "chat", required = true, description = "the chat's id")
    long chat;

    @Argument(index = 1, name = "member", required = true, description = "the viewing member's id")
    long member;

    @Option(name = "--size", description = "the newest this many messages (default 50)")
    int size = 50;

    @Reference
    ChatService chats;

    @Reference
    Session session;

    @Override
    public Object execute() {
        PrintStream out = session.getConsole();
        ChatView v = chats.get(new ChatId(chat), new MemberId(member));
        out.printf("chat %s  %s  client %s  channel %s  state %s%n", v.id(), v.project(), v.clientName(),
                v.channel(), v.state());
        out.printf("responsible %s  previous %s  participants %s  pending hand-over %s  group %s%n",
                v.responsible().map(MemberId::toString).orElse("-"),
                v.previousResponsible().map(MemberId::toString).orElse("-"), v.participants(),
                v.pendingHandover().map(MemberId::toString).orElse("-"),
                v.group().map(Object::toString).orElse("-"));
        List<Message> messages = new ArrayList<>(
                chats.history(new ChatId(chat), new MemberId(member), Optional.empty(), size).items());
        Collections.reverse(messages);
        for (Message m : messages) {
            String kind = m.kind() + m.event().map(e -> " " + e.getClass().getSimpleName()).orElse("")
                    + m.delivery().map(d -> " " + d).orElse("");
            out.printf("%s  #%s  %-28s %s%s%s%n", m.at(), m.id(), kind,
                    m.author().map(a -> "[" + a + "] ").orElse(""), m.text(),
                    m.failure().map(f -> "  (" + f + ")").orElse(""));
        }
        return null;
    }
}
