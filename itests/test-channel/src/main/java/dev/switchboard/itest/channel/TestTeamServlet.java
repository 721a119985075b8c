package dev.switchboard.itest.channel;

import dev.switchboard.api.card.Card;
import dev.switchboard.api.card.CardService;
import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.chat.Attachment;
import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.chat.ChatView;
import dev.switchboard.api.chat.ContactChats;
import dev.switchboard.api.chat.Message;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.Page;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.files.FileStore;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * What a manager does and sees, through the core's services, for tests that drive a distribution from outside its
 * process ({@code KarafProcess}), where no service can be injected and a browser would be slow for hundreds of
 * messages: the crash test queues replies and reads which clients' messages were stored, the backup test reads a
 * client's card, chat and files before a backup and after a restore. At {@code /test-channel/team}; a client is
 * named by its connection and its user id on the platform, the member acts as in the console.
 * <ul>
 *   <li>{@code POST /team/reply} with {@code connection, user, member, text, key}: the member takes the client's
 *       chat if it is not theirs and queues the reply with {@code key} as its idempotency key; answers
 *       {@code message=<id>} once the message is stored;</li>
 *   <li>{@code GET /team/client?connection=&user=&member=}: the first line the client's card ({@code contact, name,
 *       email, phone, photo} (the SHA-256 of the stored photo), {@code status, identities}), then each message of
 *       the client's chats oldest first ({@code chat, message, kind, external, text, delivery, files} and per file
 *       {@code file.<i>.name, .state, .size, .sha256} of the stored bytes); 404 when the client has no card.</li>
 * </ul>
 * A domain error (not allowed, not found) answers 409 with its message.
 */
@Component(service = Servlet.class, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=switchboard-itest-team",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/team/*",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + TestChannelContext.NAME + ")"})
public final class TestTeamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ContactDirectory contacts;
    private final transient ContactChats contactChats;
    private final transient ChatService chats;
    private final transient CardService cards;
    private final transient FileStore files;

    @Activate
    public TestTeamServlet(@Reference ContactDirectory contacts, @Reference ContactChats contactChats,
                           @Reference ChatService chats, @Reference CardService cards, @Reference FileStore files) {
        this.contacts = contacts;
        this.contactChats = contactChats;
        this.chats = chats;
        this.cards = cards;
        this.files = files;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/reply".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try {
            MemberId member = new MemberId(number(request, "member"));
            Optional<ContactId> contact = contact(request);
            if (contact.isEmpty()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "the client has no card");
                return;
            }
            ChatId chat = contactChats.chats(contact.get(), member).stream().map(ChatSummary::id).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the client has no chat"));
            ChatView view = chats.get(chat, member);
            if (!view.responsible().equals(Optional.of(member))) {
                chats.take(chat, member);
            }
            Message sent = chats.send(chat, member, String.valueOf(request.getParameter("text")),
                    Optional.ofNullable(request.getParameter("key")));
            text(response, "message=" + sent.id().value());
        } catch (DomainException e) {
            response.sendError(HttpServletResponse.SC_CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/client".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try {
            MemberId member = new MemberId(number(request, "member"));
            Optional<ContactId> contact = contact(request);
            if (contact.isEmpty()) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "the client has no card");
                return;
            }
            List<String> lines = new ArrayList<>();
            lines.add(form(card(cards.card(contact.get(), member))));
            for (ChatSummary chat : contactChats.chats(contact.get(), member)) {
                for (Message m : history(chat.id(), member)) {
                    lines.add(form(message(m)));
                }
            }
            response.setContentType("text/plain;charset=UTF-8");
            PrintWriter out = response.getWriter();
            lines.forEach(line -> out.print(line + "\n"));
        } catch (DomainException e) {
            response.sendError(HttpServletResponse.SC_CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
    }

    private Optional<ContactId> contact(HttpServletRequest request) {
        String user = request.getParameter("user");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user is required");
        }
        return contacts.find(new ConnectionId(number(request, "connection")), user);
    }

    /** Every message of the chat, oldest first. */
    private List<Message> history(ChatId chat, MemberId member) {
        List<Message> newestFirst = new ArrayList<>();
        Optional<String> before = Optional.empty();
        do {
            Page<Message> page = chats.history(chat, member, before, 200);
            newestFirst.addAll(page.items());
            before = page.next();
        } while (before.isPresent());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private Map<String, Object> card(Card card) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("contact", card.id().value());
        fields.put("name", card.displayName());
        fields.put("email", card.personal().email().orElse(""));
        fields.put("phone", card.personal().phone().orElse(""));
        fields.put("photo", card.photo().isPresent() ? sha256(card.photo().get()) : "");
        fields.put("status", card.status().map(s -> s.funnel() + "/" + s.stage().key()).orElse(""));
        fields.put("identities", card.identities().size());
        return fields;
    }

    private Map<String, Object> message(Message m) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("chat", m.chat().value());
        fields.put("message", m.id().value());
        fields.put("kind", m.kind());
        fields.put("external", m.externalId().orElse(""));
        fields.put("text", m.text());
        fields.put("delivery", m.delivery().map(Enum::name).orElse(""));
        fields.put("files", m.attachments().size());
        for (int i = 0; i < m.attachments().size(); i++) {
            Attachment a = m.attachments().get(i);
            fields.put("file." + i + ".name", a.name());
            fields.put("file." + i + ".state", a.state());
            fields.put("file." + i + ".size", a.size());
            fields.put("file." + i + ".sha256", a.file().isPresent() ? sha256(a.file().get()) : "");
        }
        return fields;
    }

    private String sha256(FileId file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = files.open(file)) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long number(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        try {
            return Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is a number, not " + value);
        }
    }

    private static String form(Map<String, ?> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static void text(HttpServletResponse response, String text) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(text);
    }
}
