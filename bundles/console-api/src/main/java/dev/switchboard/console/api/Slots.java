package dev.switchboard.console.api;

/** The named places of the console that take {@link ConsolePanel} contributions. */
public final class Slots {

    /** Beside the chat window, under the client card summary. */
    public static final String CHAT_SIDEBAR = "chat.sidebar";

    /** Buttons beside Done in the chat window (e.g. Send to CRM, WIN-4). */
    public static final String CHAT_ACTIONS = "chat.actions";

    /** Sections of the client card (e.g. automessage subscriptions, CARD-5). */
    public static final String CARD_SECTIONS = "card.sections";

    /** Top-level views, listed in the console's navigation beside the inbox. */
    public static final String VIEWS = "views";

    /** Sections of a project's settings page (a channel's connection form, a CRM's credentials). */
    public static final String PROJECT_SETTINGS = "project.settings";

    /**
     * Sections of one channel connection's settings page, under the form the core draws from the connector's
     * settings (the website widget's snippet to copy). {@link PanelContext#connection()} names the connection; show
     * a panel only for connections of your type ({@code visibleFor}).
     */
    public static final String CONNECTION = "connection";

    private Slots() {
    }
}
