package dev.switchboard.console.internal.settings;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ChannelType;
import dev.switchboard.api.channel.ConnectionDetails;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.channel.SettingField;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.console.api.PanelContext;
import dev.switchboard.console.api.Slots;
import dev.switchboard.console.internal.chat.ErrorText;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import dev.switchboard.console.internal.panel.PanelRegistry;
import dev.switchboard.console.internal.ui.ConsoleSession;
import dev.switchboard.console.internal.ui.EmptyState;
import dev.switchboard.console.internal.ui.PanelSlot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel connection (architecture §3, §4), at {@code settings/channels/<id>}, and a new one at
 * {@code settings/channels/new}: the channel, a name, and the form drawn from the channel's settings
 * ({@link ConnectionForm}); for an existing connection also its status, last error, last webhook and webhook
 * address, and Switch off / Switch on, Reconnect and Delete (its chats stay as history). Edits carry the
 * connection's version: one changed by someone else meanwhile is shown afresh with a note. Problems the service
 * finds are shown on the field they name. Under the form, the panels plugins contribute to {@link Slots#CONNECTION}
 * for this connection; they come and go with their bundles.
 *
 * <p>Test ids: {@code connection-type} (a choice for a new connection, the channel's name otherwise),
 * {@code connection-name}, {@code setting-<key>}, {@code connection-save}, {@code connection-status} (with
 * {@code data-status}), {@code connection-error}, {@code connection-last-webhook}, {@code connection-webhook-url},
 * {@code connection-webhook-copy}, {@code connection-disable}, {@code connection-enable},
 * {@code connection-reconnect}, {@code connection-delete}, {@code connection-delete-confirm},
 * {@code connection-refresh}, {@code connection-changed}, {@code connection-type-missing},
 * {@code connection-panels}, {@code connection-not-found}, {@code channels-no-types}.
 */
public final class ConnectionView extends SettingsPage {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionView.class);

    public static final String PARAMETER = "connection";
    static final String NEW = "new";
    static final String NEW_PATH = CHANNELS + "/" + NEW;

    private final transient ConnectionService connections;
    private final transient PanelRegistry panels;
    private transient ConsoleSession viewer;
    private String requested = "";
    private transient ConnectionDetails details;
    private transient List<SettingField> fields = List.of();
    private ConnectionForm form;
    private TextField name;
    private Select<ChannelType> type;
    /** Set when the page is shown again because someone else changed the connection meanwhile. */
    private boolean changedElsewhere;

    public ConnectionView(ConsoleI18N i18n, ConnectionService connections, PanelRegistry panels) {
        super(i18n);
        this.connections = connections;
        this.panels = panels;
    }

    /** The address of a connection's page. */
    static String path(ConnectionId id) {
        return CHANNELS + "/" + id;
    }

    @Override
    String titleKey() {
        return "settings.channels";
    }

    @Override
    void read(BeforeEnterEvent event) {
        requested = event.getRouteParameters().get(PARAMETER).orElse("");
    }

    @Override
    void render(ConsoleSession viewer) {
        this.viewer = viewer;
        content.removeAll();
        form = null;
        name = null;
        type = null;
        if (NEW.equals(requested)) {
            renderNew();
            return;
        }
        Optional<ConnectionId> id = connectionId(requested);
        if (id.isEmpty()) {
            showNotFound();
            return;
        }
        try {
            details = connections.details(id.get(), me());
            renderExisting(connections.types());
        } catch (NotFound gone) {
            showNotFound();
        } catch (DomainException refused) {
            content.add(note("connection-refused", ErrorText.of(refused, texts())));
        } catch (RuntimeException e) {
            LOG.error("Member {} could not read connection {}", me(), requested, e);
            content.add(note("connection-unavailable", getTranslation("error.unavailable")));
        }
    }

    static Optional<ConnectionId> connectionId(String segment) {
        try {
            long value = Long.parseLong(segment);
            return value > 0 ? Optional.of(new ConnectionId(value)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void showNotFound() {
        title.setText(getTranslation("settings.channels"));
        content.add(new EmptyState("connection-not-found", getTranslation("connection.notFound.title"),
                getTranslation("connection.notFound.text")), back());
    }

    // ----- a new connection

    private void renderNew() {
        title.setText(getTranslation("channels.new"));
        List<ChannelType> types;
        try {
            types = connections.types();
        } catch (RuntimeException e) {
            LOG.error("Could not list the installed channel types", e);
            content.add(note("connection-unavailable", getTranslation("error.unavailable")), back());
            return;
        }
        if (types.isEmpty()) {
            content.add(note("channels-no-types", getTranslation("channels.noTypes")), back());
            return;
        }
        type = new Select<>();
        type.setId("connection-type");
        type.setLabel(getTranslation("connection.type"));
        type.setPlaceholder(getTranslation("connection.type.choose"));
        type.setItems(types);
        type.setItemLabelGenerator(t -> t.name(getLocale()));
        type.setRequiredIndicatorVisible(true);
        name = nameField("");
        Div formBox = new Div();
        formBox.addClassName("sb-connection-settings");
        type.addValueChangeListener(event -> {
            formBox.removeAll();
            form = null;
            fields = List.of();
            type.setInvalid(false);
            if (event.getValue() != null) {
                fields = event.getValue().settings();
                form = new ConnectionForm(fields, ConnectionSettings.initial(fields, Optional.empty()), Set.of(),
                        texts());
                formBox.add(form);
            }
        });
        if (types.size() == 1) {
            type.setValue(types.get(0));
        }
        Button create = new Button(getTranslation("connection.create"), VaadinIcon.CHECK.create(),
                click -> create());
        create.setId("connection-save");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div actions = new Div(create, back());
        actions.addClassName("sb-settings-row");
        content.add(type, name, formBox, actions);
    }

    private void create() {
        ChannelType chosen = type.getValue();
        if (chosen == null) {
            type.setErrorMessage(getTranslation("connection.type.choose"));
            type.setInvalid(true);
            return;
        }
        Optional<Map<String, String>> values = checkedValues(Set.of());
        if (values.isEmpty()) {
            return;
        }
        try {
            ConnectionDetails created = connections.create(viewer.member().project(), me(), chosen.type(),
                    name.getValue().strip(), values.get());
            UI.getCurrent().navigate(path(created.connection().id()));
        } catch (DomainException refused) {
            refusedEdit(refused);
        } catch (RuntimeException e) {
            LOG.error("Member {} could not create a {} connection", me(), chosen.type(), e);
            notifications.error(getTranslation("error.unavailable"));
        }
    }

    // ----- an existing connection

    private void renderExisting(List<ChannelType> types) {
        title.setText(details.connection().name());
        String typeKey = details.connection().type();
        Optional<ChannelType> installed = types.stream().filter(t -> t.type().equals(typeKey)).findFirst();

        Span channel = new Span(ConnectionParts.typeName(typeKey, types, texts()));
        channel.setId("connection-type");
        channel.getElement().getThemeList().add("badge contrast");
        Div head = new Div(channel, ConnectionParts.status(details, texts(), "connection-status"));
        head.addClassName("sb-connection-head");
        Div state = new Div(head);
        state.addClassName("sb-connection-state");
        ConnectionParts.lastError(details, texts(), "connection-error").ifPresent(state::add);
        state.add(ConnectionParts.lastWebhook(details, texts(), "connection-last-webhook"));
        state.add(ConnectionParts.webhookUrl(details, texts(), "connection-webhook-url",
                () -> notifications.error(getTranslation("channels.copyFailed"))));
        content.add(state, actions(), back());

        if (changedElsewhere) {
            changedElsewhere = false;
            Div changed = new Div(VaadinIcon.INFO_CIRCLE.create(), new Span(getTranslation("connection.changed")));
            changed.setId("connection-changed");
            changed.addClassName("sb-card-hint");
            content.add(changed);
        }

        H3 settings = new H3(getTranslation("connection.settings"));
        settings.addClassName("sb-settings-subtitle");
        content.add(settings);
        name = nameField(details.connection().name());
        content.add(name);
        if (installed.isEmpty()) {
            // without its connector nobody can check new settings; the connection keeps its stored ones
            name.setReadOnly(true);
            content.add(note("connection-type-missing", getTranslation("connection.typeMissing")));
        } else {
            fields = installed.get().settings();
            form = new ConnectionForm(fields, ConnectionSettings.initial(fields, Optional.of(details)),
                    details.secretsSet(), texts());
            Button save = new Button(getTranslation("connection.save"), VaadinIcon.CHECK.create(), click -> save());
            save.setId("connection-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            content.add(form, save);
        }

        ChannelConnection connection = details.connection();
        PanelSlot slot = new PanelSlot(panels, Slots.CONNECTION, panel -> true, Div::new,
                ui -> Optional.of(new PanelContext(viewer.member(), ui.getLocale(), Optional.empty(),
                        Optional.empty(), Optional.of(connection))));
        slot.setId("connection-panels");
        slot.addClassName("sb-connection-panels");
        content.add(slot);
    }

    private Div actions() {
        ConnectionId id = details.connection().id();
        Div bar = new Div();
        bar.addClassName("sb-settings-row");
        if (details.enabled()) {
            Button reconnect = new Button(getTranslation("connection.reconnect"), VaadinIcon.REFRESH.create(),
                    click -> act(() -> connections.reconnect(id, me())));
            reconnect.setId("connection-reconnect");
            reconnect.setTooltipText(getTranslation("connection.reconnect.hint"));
            Button disable = new Button(getTranslation("connection.disable"), VaadinIcon.PAUSE.create(),
                    click -> act(() -> connections.setEnabled(id, me(), false)));
            disable.setId("connection-disable");
            bar.add(reconnect, disable);
        } else {
            Button enable = new Button(getTranslation("connection.enable"), VaadinIcon.PLAY.create(),
                    click -> act(() -> connections.setEnabled(id, me(), true)));
            enable.setId("connection-enable");
            enable.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
            bar.add(enable);
        }
        Button delete = new Button(getTranslation("connection.delete"), VaadinIcon.TRASH.create(),
                click -> confirmDelete());
        delete.setId("connection-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        Button refresh = new Button(getTranslation("channels.refresh"), VaadinIcon.REFRESH.create(),
                click -> render(viewer));
        refresh.setId("connection-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        bar.add(delete, refresh);
        return bar;
    }

    private void confirmDelete() {
        ConnectionId id = details.connection().id();
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("connection-delete-confirm");
        confirm.setHeader(getTranslation("connection.delete.title"));
        confirm.setText(getTranslation("connection.delete.text", details.connection().name()));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("connection.cancel"));
        confirm.setConfirmText(getTranslation("connection.delete"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(event -> {
            try {
                connections.delete(id, me());
                UI.getCurrent().navigate(CHANNELS);
            } catch (NotFound gone) {
                UI.getCurrent().navigate(CHANNELS);
            } catch (DomainException refused) {
                notifications.error(ErrorText.of(refused, texts()));
                render(viewer);
            } catch (RuntimeException e) {
                LOG.error("Member {} could not delete connection {}", me(), id, e);
                notifications.error(getTranslation("error.unavailable"));
            }
        });
        confirm.open();
    }

    private void save() {
        Optional<Map<String, String>> values = checkedValues(details.secretsSet());
        if (values.isEmpty()) {
            return;
        }
        try {
            details = connections.update(details.connection().id(), me(), name.getValue().strip(), values.get(),
                    details.version());
            render(viewer);
            Notification saved = Notification.show(getTranslation("connection.saved"), 2500,
                    Notification.Position.BOTTOM_START);
            saved.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (DomainException refused) {
            refusedEdit(refused);
        } catch (RuntimeException e) {
            LOG.error("Member {} could not change connection {}", me(), details.connection().id(), e);
            notifications.error(getTranslation("error.unavailable"));
        }
    }

    /** Runs an action on the connection and shows it as it is now, whether the service agreed or not. */
    private void act(Supplier<ConnectionDetails> action) {
        try {
            details = action.get();
        } catch (DomainException refused) {
            notifications.error(ErrorText.of(refused, texts()));
        } catch (RuntimeException e) {
            LOG.error("Member {} could not act on connection {}", me(), requested, e);
            notifications.error(getTranslation("error.unavailable"));
        }
        render(viewer);
    }

    // ----- the form's checks and the service's refusals

    /** The values to send, or empty after showing what the core would refuse. */
    private Optional<Map<String, String>> checkedValues(Set<String> secretsSet) {
        if (form != null) {
            form.clearProblems();
        }
        name.setInvalid(false);
        boolean fine = true;
        if (!ConnectionSettings.validName(name.getValue())) {
            name.setErrorMessage(getTranslation("connection.name.invalid"));
            name.setInvalid(true);
            fine = false;
        }
        Map<String, String> entered = form == null ? Map.of() : form.entered();
        Map<String, String> problems = ConnectionSettings.problems(fields, entered, secretsSet);
        problems.forEach((key, problem) -> form.showProblem(key, getTranslation(problem)));
        if (!fine || !problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ConnectionSettings.values(fields, entered));
    }

    private void refusedEdit(DomainException refused) {
        if (refused instanceof InvalidInput invalid && showInvalid(invalid)) {
            return;
        }
        if (refused instanceof Conflict conflict && "error.connectionExists".equals(conflict.messageKey())) {
            name.setErrorMessage(ErrorText.of(conflict, texts()));
            name.setInvalid(true);
            return;
        }
        if (refused instanceof Conflict conflict && "error.connectionChanged".equals(conflict.messageKey())) {
            changedElsewhere = true;
            render(viewer);
            return;
        }
        if (refused instanceof NotFound) {
            render(viewer);
            return;
        }
        notifications.error(ErrorText.of(refused, texts()));
    }

    /** Shows a refused value on its field; false when the refusal names no field of the page. */
    private boolean showInvalid(InvalidInput invalid) {
        String field = invalid.field();
        String reason = invalid.arguments().size() > 1 ? invalid.arguments().get(1) : "";
        Optional<String> setting = ConnectionSettings.settingOf(field);
        if (setting.isPresent() && form != null) {
            // the core's reasons in the reader's words; a connector's own reason is already in them
            String text = ConnectionSettings.reasonKey(reason).map(this::getTranslation)
                    .orElse(reason.isBlank() ? getTranslation("error.invalid") : reason);
            return form.showProblem(setting.get(), text);
        }
        if ("name".equals(field)) {
            name.setErrorMessage(getTranslation("connection.name.invalid"));
            name.setInvalid(true);
            return true;
        }
        if ("type".equals(field) && type != null) {
            type.setErrorMessage(getTranslation("error.invalid.type"));
            type.setInvalid(true);
            return true;
        }
        if ("settings".equals(field) && !reason.isBlank()) {
            notifications.error(getTranslation("connection.settings.refused", reason));
            return true;
        }
        return false;
    }

    private TextField nameField(String value) {
        TextField field = new TextField(getTranslation("connection.name"));
        field.setId("connection-name");
        field.setValue(value);
        field.setHelperText(getTranslation("connection.name.help"));
        field.setRequiredIndicatorVisible(true);
        field.setManualValidation(true);
        field.setMaxLength(ConnectionSettings.MAX_NAME);
        field.setWidth("min(100%, 32rem)");
        return field;
    }

    private Anchor back() {
        Anchor back = new Anchor(CHANNELS, getTranslation("connection.back"));
        back.setId("connection-back");
        back.addClassName("sb-connection-back");
        return back;
    }

    private static Span note(String id, String text) {
        Span note = new Span(text);
        note.setId(id);
        note.addClassName("sb-card-muted");
        return note;
    }

    private MemberId me() {
        return viewer.member().id();
    }
}
