package dev.switchboard.console.internal.ui;

import dev.switchboard.api.chat.ChatService;
import dev.switchboard.api.team.GroupService;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import dev.switchboard.console.internal.panel.PanelRegistry;

/** What a chat window needs from the platform: the engine, the team directory, plugin panels and the texts. */
public record ChatSupport(ChatService chats, MemberService members, GroupService groups, PanelRegistry panels,
                          ConsoleI18N i18n) {
}
