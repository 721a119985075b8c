package dev.switchboard.itest.kit;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ChannelType;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.chat.MessageKind;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MessageId;
import dev.switchboard.api.domain.Role;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.Project;
import dev.switchboard.api.team.ProjectService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What channel tests do again and again inside a running distribution, through the core's services: a project
 * with a connection of the channel, finding the chat a client's messages made, reading it as the owner.
 */
public final class Flows {

    private final ProjectService projects;
    private final MemberService members;
    private final ConnectionService connections;
    private final ChatService chats;
    private final ContactDirectory contacts;
    private final ContactChats contactChats;

    public Flows(ProjectService projects, MemberService members, ConnectionService connections, ChatService chats,
                 ContactDirectory contacts, ContactChats contactChats) {
        this.projects = projects;
        this.members = members;
        this.connections = connections;
        this.chats = chats;
        this.contacts = contacts;
        this.contactChats = contactChats;
    }

    /** Waits until a connector of {@code type} is installed (the boot and bundle restarts are asynchronous). */
    public ChannelType awaitType(String type) throws Exception {
        return Await.until(connections::types, types -> types.stream().anyMatch(t -> t.type().equals(type)))
                .stream().filter(t -> t.type().equals(type)).findFirst().orElseThrow();
    }

    /** A new project with its owner and a connection of {@code type} with {@code settings}. */
    public Connected connect(String type, Map<String, String> settings) throws Exception {
        awaitType(type);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Project project = projects.create("Channel test " + run);
        Member owner = members.add(project.id(), "owner-" + run + "@channel.test", "Owner " + run, Role.OWNER);
        ConnectionDetails details = connections.create(project.id(), owner.id(), type, type + " " + run, settings);
        return new Connected(project.id(), owner.id(), details.connection(), details.webhookUrl());
    }

    /** The connection as its owner manages it now: status, settings, webhook URL. */
    public ConnectionDetails details(Connected c) {
        return connections.details(c.id(), c.owner());
    }

    /** The client's card on the connection, if any message of theirs was stored. */
    public Optional<ContactId> contact(Connected c, String user) {
        return contacts.find(c.id(), user);
    }

    /** The chat the client's messages made on the connection, if any was stored. */
    public Optional<ChatId> chat(Connected c, String user) {
        return contact(c, user).flatMap(contact -> contactChats.chats(contact, c.owner()).stream()
                .map(ChatSummary::id).findFirst());
    }

    /** The client's chat, once it is there. */
    public ChatId awaitChat(Connected c, String user) throws Exception {
        return Await.until(() -> chat(c, user), Optional::isPresent).orElseThrow();
    }

    /** The chat's messages, oldest first, as its owner reads them. */
    public List<Message> history(Connected c, ChatId chat) {
        List<Message> newestFirst = new ArrayList<>(chats.history(chat, c.owner(), Optional.empty(), 200).items());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The client's messages in the chat, oldest first. */
    public List<Message> inbound(Connected c, ChatId chat) {
        return history(c, chat).stream().filter(m -> m.kind() == MessageKind.INBOUND).toList();
    }

    /** The texts of the client's messages in the chat, oldest first. */
    public List<String> inboundTexts(Connected c, ChatId chat) {
        return inbound(c, chat).stream().map(Message::text).toList();
    }

    /** One message of the chat as it is now. */
    public Message message(Connected c, ChatId chat, MessageId id) {
        return history(c, chat).stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("message " + id + " is not in chat " + chat));
    }

    /** Waits until the message satisfies {@code done}; returns it then. */
    public Message awaitMessage(Connected c, ChatId chat, MessageId id, Predicate<Message> done) throws Exception {
        return Await.until(() -> message(c, chat, id), done);
    }
}
