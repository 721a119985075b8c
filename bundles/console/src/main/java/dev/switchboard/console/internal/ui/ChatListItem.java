package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.switchboard.api.chat.ChatState;
import dev.switchboard.api.chat.ChatSummary;
import dev.switchboard.api.domain.ChatId;
import dev.switchboard.console.internal.chat.Names;
import dev.switchboard.console.internal.chat.Texts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * One chat of an inbox tab (INB-2..6): client, channel, last message, time, responsible, and for a repeat request
 * in New the previous responsible (INB-3). Test id {@code chat-item-<chatId>}.
 */
final class ChatListItem extends Div {

    private static final long serialVersionUID = 1L;

    private ChatSummary summary;
    private boolean selected;
    private Locale locale;

    /**
     * An item that stays in the page for as long as the chat is listed: a change of the chat redraws its content
     * ({@link #show}) but keeps the item and its click listener, so a manager's click on a chat that is updated
     * at that moment still opens it (a replaced element's click would reach the server for a detached node and be
     * dropped).
     */
    ChatListItem(ChatId chat, Runnable open) {
        setId("chat-item-" + chat);
        getElement().setAttribute("role", "button");
        getElement().setAttribute("tabindex", "0");
        addClassName("sb-chat-item");
        addClickListener(click -> open.run());
        getElement().addEventListener("keydown", key -> open.run()).setFilter("event.key === 'Enter'");
    }

    /** Shows {@code chat} as it is now; nothing is redrawn when nothing shown changed. */
    void show(ChatSummary chat, Names names, Texts texts, boolean isSelected) {
        if (chat.equals(summary) && isSelected == selected && texts.locale().equals(locale)) {
            return;
        }
        summary = chat;
        selected = isSelected;
        locale = texts.locale();
        removeAll();
        getElement().setAttribute("data-state", chat.state().name().toLowerCase(Locale.ROOT));
        setClassName("sb-selected", isSelected);
        if (isSelected) {
            getElement().setAttribute("aria-current", "true");
        } else {
            getElement().removeAttribute("aria-current");
        }

        Avatar avatar = new Avatar(chat.clientName());
        avatar.addClassName("sb-chat-item-avatar");

        Span client = new Span(chat.clientName());
        client.addClassName("sb-chat-item-client");
        Span when = new Span(format(chat.lastActivity(), texts.locale()));
        when.addClassName("sb-chat-item-when");
        Div top = new Div(client, when);
        top.addClassName("sb-chat-item-top");

        Span channel = new Span(chat.channel());
        channel.getElement().getThemeList().add("badge small contrast");
        Span last = new Span(chat.lastMessage());
        last.addClassName("sb-chat-item-last");
        Div middle = new Div(channel, last);
        middle.addClassName("sb-chat-item-middle");

        Div body = new Div(top, middle);
        body.addClassName("sb-chat-item-body");
        chat.responsible().flatMap(names::member).ifPresent(name -> {
            Span responsible = new Span(texts.text("inbox.responsible", name));
            responsible.addClassName("sb-chat-item-responsible");
            body.add(responsible);
        });
        if (chat.state() == ChatState.NEW) {
            chat.previousResponsible().flatMap(names::member).ifPresent(name -> {
                Span previous = new Span(texts.text("inbox.previousResponsible", name));
                previous.addClassName("sb-chat-item-previous");
                previous.getElement().setAttribute("data-previous-responsible", name);
                body.add(previous);
            });
        }
        add(avatar, body);
    }

    /** Today's times as a time, older ones as a date. */
    private static String format(Instant at, Locale locale) {
        ZoneId zone = ZoneId.systemDefault();
        boolean today = LocalDate.ofInstant(at, zone).equals(LocalDate.now(zone));
        DateTimeFormatter formatter = today ? DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT);
        return formatter.withLocale(locale).withZone(zone).format(at);
    }
}
