package dev.switchboard.console.internal.search;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.switchboard.api.card.ContactHit;
import dev.switchboard.api.card.Status;
import dev.switchboard.console.internal.chat.Names;
import dev.switchboard.console.internal.chat.Texts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One found contact (INB-7): name, phone, e-mail, funnel status in its colour, a link to the card page and a link
 * per chat the viewer may read, opening it in the inbox. Test ids: {@code contact-hit-<contactId>},
 * {@code contact-card-<contactId>}, {@code contact-chat-<chatId>}.
 */
public final class ContactHitItem extends Div {

    private static final long serialVersionUID = 1L;

    public ContactHitItem(ContactHit hit, String cardHref, List<ChatLink> chats, Names names, Texts texts,
                          ZoneId zone) {
        setId("contact-hit-" + hit.id());
        addClassName("sb-hit");
        getElement().setAttribute("data-contact", hit.id().toString());

        Avatar avatar = new Avatar(hit.displayName());
        avatar.addClassName("sb-hit-avatar");

        Anchor name = routerLink(cardHref, hit.displayName());
        name.setId("contact-card-" + hit.id());
        name.addClassName("sb-hit-name");
        name.setTitle(texts.text("search.hit.openCard"));
        Div top = new Div(name);
        top.addClassName("sb-hit-top");
        hit.status().ifPresent(status -> top.add(status(status, texts.locale())));

        Div contacts = new Div();
        contacts.addClassName("sb-hit-contacts");
        hit.phone().ifPresent(phone -> contacts.add(detail(VaadinIcon.PHONE, phone, "sb-hit-phone")));
        hit.email().ifPresent(email -> contacts.add(detail(VaadinIcon.ENVELOPE_O, email, "sb-hit-email")));

        Div chatLinks = new Div();
        chatLinks.addClassName("sb-hit-chats");
        if (chats.isEmpty()) {
            Span none = new Span(texts.text("search.hit.noChats"));
            none.addClassName("sb-hit-no-chats");
            chatLinks.add(none);
        }
        for (ChatLink link : chats) {
            chatLinks.add(chatLink(link, names, texts, zone));
        }

        Div body = new Div(top, contacts, chatLinks);
        body.addClassName("sb-hit-body");
        add(avatar, body);
    }

    private static Span status(Status status, Locale locale) {
        Span dot = new Span();
        dot.addClassName("sb-status-dot");
        // FunnelStage admits only #rrggbb colours
        dot.getStyle().set("background-color", status.stage().colour());
        Span badge = new Span(dot, new Span(status.stage().name(locale)));
        badge.addClassName("sb-status");
        badge.getElement().setAttribute("data-status", status.stage().key());
        return badge;
    }

    private static Span detail(VaadinIcon icon, String text, String className) {
        Span detail = new Span(icon.create(), new Span(text));
        detail.addClassName("sb-hit-detail");
        detail.addClassName(className);
        return detail;
    }

    private static Anchor chatLink(ChatLink link, Names names, Texts texts, ZoneId zone) {
        Anchor anchor = routerLink(link.href(), "");
        anchor.setId("contact-chat-" + link.chat().id());
        anchor.addClassName("sb-hit-chat");
        anchor.getElement().setAttribute("data-tab", link.tab().name().toLowerCase(Locale.ROOT));
        Span channel = new Span(link.chat().channel());
        channel.getElement().getThemeList().add("badge small contrast");
        Span state = new Span(texts.text("chat.state." + link.chat().state().name().toLowerCase(Locale.ROOT)));
        state.addClassName("sb-hit-chat-state");
        anchor.add(channel, state);
        Optional<String> responsible = link.chat().responsible().flatMap(names::member);
        responsible.ifPresent(who -> {
            Span person = new Span(who);
            person.addClassName("sb-hit-chat-responsible");
            anchor.add(person);
        });
        Span when = new Span(format(link.chat().lastActivity(), texts.locale(), zone));
        when.addClassName("sb-hit-chat-when");
        anchor.add(when);
        anchor.setTitle(texts.text("search.hit.openChat"));
        return anchor;
    }

    /** A link the console's router follows inside the page, without reloading it. */
    private static Anchor routerLink(String href, String text) {
        Anchor anchor = new Anchor(href, text);
        anchor.getElement().setAttribute("router-link", true);
        return anchor;
    }

    /** Today's times as a time, older ones as a date. */
    private static String format(Instant at, Locale locale, ZoneId zone) {
        boolean today = LocalDate.ofInstant(at, zone).equals(LocalDate.now(zone));
        DateTimeFormatter formatter = today ? DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT);
        return formatter.withLocale(locale).withZone(zone).format(at);
    }
}
