package dev.switchboard.console.internal.card;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.switchboard.api.card.Card;
import dev.switchboard.api.card.ContactHit;
import dev.switchboard.api.card.Funnel;
import dev.switchboard.api.card.Gender;
import dev.switchboard.api.card.PersonalInfo;
import dev.switchboard.api.card.Status;
import dev.switchboard.api.card.Subscription;
import dev.switchboard.api.card.Tag;
import dev.switchboard.api.chat.RequestSummary;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.TagId;
import dev.switchboard.api.error.Conflict;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.funnel.FunnelStage;
import dev.switchboard.api.interactions.Acquisition;
import dev.switchboard.api.interactions.GoogleClientId;
import dev.switchboard.api.interactions.Sources;
import dev.switchboard.api.interactions.Visit;
import dev.switchboard.console.internal.chat.DirectoryNames;
import dev.switchboard.console.internal.chat.ErrorText;
import dev.switchboard.console.internal.chat.Names;
import dev.switchboard.console.internal.chat.Texts;
import dev.switchboard.console.internal.files.FileUrls;
import dev.switchboard.console.internal.live.CardChange;
import dev.switchboard.console.internal.live.ChatEventBridge;
import dev.switchboard.console.internal.live.UiFeed;
import dev.switchboard.console.internal.ui.CardSupport;
import dev.switchboard.console.internal.ui.ChatSupport;
import dev.switchboard.console.internal.ui.ConsoleSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client card (CARD-1..9): photo, name and channel identities; the funnel status; tags; personal information
 * with Save; the client's requests, each opening its part of the history; contact sources; automessage
 * subscriptions and the plugin sections of {@code card.sections}; and possible duplicates to merge. Shown beside
 * the chat window and as its own page.
 *
 * <p>What the viewer may do is the card's {@link Card#editable()} (TEAM-5/6): a reader sees values and no edit
 * controls; the services refuse edits anyway. Edits carry the card's version, so a card changed by someone else
 * is never silently overwritten: the viewer is told and sees the card as it is now. Card events of the project
 * reload the card live, except while the viewer is editing a field: then a hint offers to reload.
 *
 * <p>Test ids: {@code card} (with {@code data-contact}, {@code data-editable}), {@code card-name},
 * {@code card-identities}, {@code card-read-only}, {@code card-open-page}, {@code card-status-select} and
 * {@code card-status-value} (with {@code data-stage}), {@code card-status-old}, {@code card-status-none},
 * {@code card-tag-<id>} (with {@code data-tag}, its name), {@code card-tag-remove-<id>}, {@code card-tag-add},
 * {@code card-first-name}, {@code card-last-name},
 * {@code card-email}, {@code card-phone}, {@code card-gender}, {@code card-country}, {@code card-city},
 * {@code card-address}, {@code card-about}, {@code card-save}, {@code card-request-<id>},
 * {@code card-request-dialog}, {@code card-sources}, {@code card-subscriptions}, {@code card-duplicate-<id>},
 * {@code card-merge-<id>}, {@code card-merge-confirm}, {@code card-changed-hint}, {@code card-reload},
 * {@code card-unavailable}.
 */
public final class CardPanel extends Div {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CardPanel.class);
    private static final List<String> TAG_COLOURS = List.of("#1e88e5", "#43a047", "#fb8c00", "#8e24aa", "#e53935",
            "#00897b", "#6d4c41", "#3949ab");

    private final transient ConsoleSession viewer;
    private final transient CardSupport cards;
    private final transient ChatSupport chats;
    private final transient ChatEventBridge live;
    private final transient Texts texts;
    private final transient Consumer<String> errors;
    private final transient Function<ContactId, Component> sections;
    private final boolean compact;

    private ContactId contact;
    private transient Card card;
    private transient Names names;
    private transient Runnable unfollow;
    private final Div hint = new Div();
    private final Div body = new Div();
    private PersonalForm form;

    /**
     * @param sections the {@code card.sections} plugin slot for a contact
     * @param compact  beside the chat window: a link to the card's own page instead of the page's title
     */
    public CardPanel(ContactId contact, ConsoleSession viewer, CardSupport cards, ChatSupport chats,
                     ChatEventBridge live, Texts texts, Consumer<String> errors,
                     Function<ContactId, Component> sections, boolean compact) {
        this.contact = contact;
        this.viewer = viewer;
        this.cards = cards;
        this.chats = chats;
        this.live = live;
        this.texts = texts;
        this.errors = errors;
        this.sections = sections;
        this.compact = compact;
        setId("card");
        addClassName("sb-card");
        hint.addClassName("sb-card-hint");
        hint.setVisible(false);
        add(hint, body);
        reload();
    }

    public ContactId contact() {
        return contact;
    }

    /** The card's name once read, for page titles. */
    public Optional<String> displayName() {
        return Optional.ofNullable(card).map(Card::displayName);
    }

    /** Shows another contact (the chat's client changed, e.g. after a merge). */
    public void show(ContactId other) {
        if (!other.equals(contact)) {
            contact = other;
            reload();
        }
    }

    /** Reads the card again unless the viewer is editing it (e.g. the chat was taken: edit rights may change). */
    public void refreshUnlessEditing() {
        if (editing()) {
            showChangedHint();
        } else {
            reload();
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        unfollow = UiFeed.followCards(ui, live, viewer.member().project(), this::follow);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unfollow != null) {
            unfollow.run();
            unfollow = null;
        }
    }

    private void follow(List<CardChange> changes) {
        List<CardChange> mine = changes.stream().filter(change -> change.concerns(contact)).toList();
        if (mine.isEmpty()) {
            return;
        }
        for (CardChange change : mine) {
            if (change.isMerge() && change.merged().equals(Optional.of(contact)) && change.contact().isPresent()) {
                // this card was merged into another: follow the person to the surviving card
                contact = change.contact().get();
                reload();
                return;
            }
        }
        refreshUnlessEditing();
    }

    private boolean editing() {
        return form != null && card != null && form.changedFrom(card.personal());
    }

    private void showChangedHint() {
        hint.removeAll();
        Span text = new Span(texts.text("card.changedElsewhere"));
        Button reload = new Button(texts.text("card.reload"), VaadinIcon.REFRESH.create(), click -> reload());
        reload.setId("card-reload");
        reload.addThemeVariants(ButtonVariant.LUMO_SMALL);
        hint.add(VaadinIcon.INFO_CIRCLE.create(), text, reload);
        hint.setId("card-changed-hint");
        hint.setVisible(true);
    }

    /** Reads the card and shows it as it is now, dropping any unsaved input. */
    public void reload() {
        hint.setVisible(false);
        hint.removeAll();
        try {
            card = cards.cards().card(contact, me());
        } catch (NotFound e) {
            showUnavailable();
            return;
        } catch (DomainException e) {
            LOG.debug("Card {} is not available to member {}: {}", contact, me(), e.getMessage());
            showUnavailable();
            return;
        }
        render();
    }

    private void showUnavailable() {
        card = null;
        form = null;
        body.removeAll();
        Div note = new Div(new H4(texts.text("card.unavailable.title")),
                new Span(texts.text("card.unavailable.text")));
        note.setId("card-unavailable");
        note.addClassName("sb-card-note");
        body.add(note);
    }

    private void render() {
        body.removeAll();
        getElement().setAttribute("data-contact", contact.toString());
        getElement().setAttribute("data-editable", Boolean.toString(card.editable()));
        names = new CardNames(new DirectoryNames(chats.members(), chats.groups()), cards.funnels(),
                viewer.member().project());
        body.add(header());
        body.add(section("card-section-status", "card.status", status()));
        body.add(section("card-section-tags", "card.tags", tags()));
        form = new PersonalForm(card, texts);
        body.add(section("card-section-personal", "card.personal", form));
        body.add(section("card-section-requests", "card.requests", requests()));
        body.add(section("card-section-sources", "card.sources", sources()));
        body.add(section("card-section-subscriptions", "card.subscriptions", subscriptions()));
        body.add(sections.apply(contact));
        Component duplicates = duplicates();
        if (duplicates != null) {
            body.add(section("card-section-duplicates", "card.duplicates", duplicates));
        }
    }

    private Div section(String id, String titleKey, Component content) {
        H4 title = new H4(texts.text(titleKey));
        title.addClassName("sb-card-section-title");
        Div section = new Div(title, content);
        section.setId(id);
        section.addClassName("sb-card-section");
        return section;
    }

    // ----- header

    private Component header() {
        Avatar avatar = new Avatar(card.displayName());
        // the photo is served from the blob store by the console itself: a platform's URL may carry a bot token
        card.photo().map(FileUrls::of).ifPresent(avatar::setImage);
        avatar.addClassName("sb-card-avatar");
        H3 name = new H3(card.displayName());
        name.setId("card-name");
        name.addClassName("sb-card-name");
        Div identities = new Div();
        identities.setId("card-identities");
        identities.addClassName("sb-card-identities");
        card.identities().forEach(identity -> {
            Span badge = new Span(identity.channel() + " · " + identity.externalUserId());
            badge.getElement().getThemeList().add("badge small contrast");
            identities.add(badge);
        });
        Div titles = new Div(name, identities);
        titles.addClassName("sb-card-titles");
        Div header = new Div(avatar, titles);
        header.addClassName("sb-card-header");
        if (compact) {
            Anchor page = new Anchor("card/" + contact, texts.text("card.openPage"));
            page.setId("card-open-page");
            page.addClassName("sb-card-open-page");
            header.add(page);
        }
        if (!card.editable()) {
            Span readOnly = new Span(texts.text("card.readOnly"));
            readOnly.setId("card-read-only");
            readOnly.getElement().getThemeList().add("badge small");
            titles.add(readOnly);
        }
        return header;
    }

    // ----- status (CARD-3)

    private Component status() {
        Div box = new Div();
        box.addClassName("sb-card-status");
        Optional<Funnel> funnel = cards.funnels().funnelOf(viewer.member().project());
        Optional<Status> status = card.status();
        Locale locale = texts.locale();
        status.filter(s -> !s.current()).ifPresent(old -> {
            Span kept = new Span(dot(old.stage().colour()), new Span(texts.text("card.status.old",
                    old.stage().name(locale))));
            kept.setId("card-status-old");
            kept.addClassName("sb-card-status-old");
            box.add(kept);
        });
        if (funnel.isEmpty()) {
            Span none = new Span(texts.text("card.status.noFunnel"));
            none.setId("card-status-none");
            none.addClassName("sb-card-muted");
            box.add(none);
            return box;
        }
        Optional<FunnelStage> current = status.filter(Status::current)
                .flatMap(s -> funnel.get().stage(s.stage().key()).or(() -> Optional.of(s.stage())));
        if (!card.editable()) {
            if (current.isPresent()) {
                Span value = new Span(dot(current.get().colour()), new Span(current.get().name(locale)));
                value.setId("card-status-value");
                value.getElement().setAttribute("data-stage", current.get().key());
                value.addClassName("sb-card-status-value");
                box.add(value);
            } else if (status.isEmpty()) {
                Span none = new Span(texts.text("card.status.unset"));
                none.setId("card-status-value");
                none.addClassName("sb-card-muted");
                box.add(none);
            }
            return box;
        }
        Select<FunnelStage> select = new Select<>();
        select.setId("card-status-select");
        select.setAriaLabel(texts.text("card.status"));
        select.setPlaceholder(texts.text("card.status.choose"));
        select.setItems(funnel.get().stages());
        select.setItemLabelGenerator(stage -> stage.name(locale));
        select.setRenderer(new ComponentRenderer<>(stage -> {
            Span item = new Span(dot(stage.colour()), new Span(stage.name(locale)));
            item.addClassName("sb-card-stage");
            item.getElement().setAttribute("data-stage", stage.key());
            return item;
        }));
        current.flatMap(stage -> funnel.get().stage(stage.key())).ifPresent(stage -> {
            select.setValue(stage);
            select.getElement().setAttribute("data-stage", stage.key());
        });
        select.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                act(() -> cards.cards().setStatus(contact, me(), event.getValue().key(), card.version()));
            }
        });
        select.setWidthFull();
        box.add(select);
        return box;
    }

    private static Span dot(String colour) {
        Span dot = new Span();
        dot.addClassName("sb-card-dot");
        dot.getStyle().set("background-color", colour);
        return dot;
    }

    // ----- tags (CARD-4)

    private Component tags() {
        Div box = new Div();
        box.addClassName("sb-card-tags");
        Div chips = new Div();
        chips.addClassName("sb-card-chips");
        if (card.tags().isEmpty()) {
            Span none = new Span(texts.text("card.tags.none"));
            none.addClassName("sb-card-muted");
            none.setId("card-tags-none");
            chips.add(none);
        }
        for (Tag tag : card.tags()) {
            chips.add(chip(tag, card.editable() ? () -> act(() -> cards.cards().removeTag(contact, me(), tag.id()))
                    : null, "card-tag-"));
        }
        box.add(chips);
        if (card.editable()) {
            Set<TagId> carried = card.tags().stream().map(Tag::id).collect(Collectors.toSet());
            List<Tag> offered = cards.tags().tags(viewer.member().project()).stream()
                    .filter(tag -> !carried.contains(tag.id())).toList();
            ComboBox<Tag> add = new ComboBox<>();
            add.setId("card-tag-add");
            add.setAriaLabel(texts.text("card.tags.add"));
            add.setPlaceholder(texts.text("card.tags.add"));
            add.setItems(offered);
            add.setItemLabelGenerator(Tag::name);
            add.setRenderer(new ComponentRenderer<>(tag -> chip(tag, null, "card-tag-option-")));
            add.setAllowCustomValue(true);
            add.setClearButtonVisible(true);
            add.setWidthFull();
            add.addValueChangeListener(event -> {
                if (event.isFromClient() && event.getValue() != null) {
                    act(() -> cards.cards().addTag(contact, me(), event.getValue().id()));
                }
            });
            add.addCustomValueSetListener(event -> {
                String name = event.getDetail() == null ? "" : event.getDetail().strip();
                if (name.isEmpty()) {
                    return;
                }
                Optional<Tag> existing = offered.stream().filter(tag -> tag.name().equalsIgnoreCase(name))
                        .findFirst();
                act(() -> {
                    Tag tag = existing.orElseGet(() -> cards.tags().create(viewer.member().project(), me(), name,
                            TAG_COLOURS.get(Math.floorMod(name.toLowerCase(Locale.ROOT).hashCode(),
                                    TAG_COLOURS.size()))));
                    return cards.cards().addTag(contact, me(), tag.id());
                });
            });
            box.add(add);
        }
        return box;
    }

    static Span chip(Tag tag, Runnable remove, String idPrefix) {
        Span chip = new Span(new Span(tag.name()));
        chip.setId(idPrefix + tag.id());
        chip.addClassName("sb-tag-chip");
        chip.getStyle().set("--sb-tag-colour", tag.colour());
        chip.getElement().setAttribute("data-tag", tag.name());
        if (remove != null) {
            Button x = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> remove.run());
            x.setId("card-tag-remove-" + tag.id());
            x.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            x.setAriaLabel(tag.name());
            chip.add(x);
        }
        return chip;
    }

    // ----- personal information (CARD-6)

    /** The personal fields with Save; read-only when the card is not editable. */
    private final class PersonalForm extends Div {

        private static final long serialVersionUID = 1L;

        private final TextField firstName = field("card-first-name", "card.firstName");
        private final TextField lastName = field("card-last-name", "card.lastName");
        private final TextField email = field("card-email", "card.email");
        private final TextField phone = field("card-phone", "card.phone");
        private final Select<Gender> gender = new Select<>();
        private final ComboBox<String> country = new ComboBox<>();
        private final TextField city = field("card-city", "card.city");
        private final TextField address = field("card-address", "card.address");
        private final TextArea about = new TextArea();
        private final Map<String, HasValue<?, ?>> byField = new LinkedHashMap<>();

        PersonalForm(Card shown, Texts texts) {
            addClassName("sb-card-form");
            Locale locale = texts.locale();
            gender.setId("card-gender");
            gender.setLabel(texts.text("card.gender"));
            gender.setItems(Gender.values());
            gender.setEmptySelectionAllowed(true);
            gender.setEmptySelectionCaption(texts.text("card.gender.unset"));
            gender.setItemLabelGenerator(value -> value == null ? texts.text("card.gender.unset")
                    : texts.text("card.gender." + value.name().toLowerCase(Locale.ROOT)));
            country.setId("card-country");
            country.setLabel(texts.text("card.country"));
            List<String> codes = new ArrayList<>(Countries.sorted(locale));
            shown.personal().country().filter(code -> !codes.contains(code)).ifPresent(codes::add);
            country.setItems(codes);
            country.setItemLabelGenerator(code -> Countries.name(code, locale));
            country.setClearButtonVisible(true);
            about.setId("card-about");
            about.setLabel(texts.text("card.about"));
            about.setValueChangeMode(ValueChangeMode.EAGER);
            about.setManualValidation(true);
            country.setManualValidation(true);
            byField.put("firstName", firstName);
            byField.put("lastName", lastName);
            byField.put("email", email);
            byField.put("phone", phone);
            byField.put("gender", gender);
            byField.put("country", country);
            byField.put("city", city);
            byField.put("address", address);
            byField.put("about", about);
            Div grid = new Div(firstName, lastName, email, phone, gender, country, city, address);
            grid.addClassName("sb-card-fields");
            about.setWidthFull();
            add(grid, about);
            fill(shown.personal());
            boolean editable = shown.editable();
            byField.values().forEach(value -> value.setReadOnly(!editable));
            if (editable) {
                Button save = new Button(texts.text("card.save"), VaadinIcon.CHECK.create(), click -> save());
                save.setId("card-save");
                save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
                add(save);
            }
        }

        private TextField field(String id, String labelKey) {
            TextField field = new TextField(texts.text(labelKey));
            field.setId(id);
            field.setValueChangeMode(ValueChangeMode.EAGER);
            // the card bundle validates; a field's own check on blur would clear the error it reported
            field.setManualValidation(true);
            return field;
        }

        private void fill(PersonalInfo info) {
            firstName.setValue(info.firstName().orElse(""));
            lastName.setValue(info.lastName().orElse(""));
            email.setValue(info.email().orElse(""));
            phone.setValue(info.phone().orElse(""));
            gender.setValue(info.gender().orElse(null));
            country.setValue(info.country().orElse(null));
            city.setValue(info.city().orElse(""));
            address.setValue(info.address().orElse(""));
            about.setValue(info.about().orElse(""));
        }

        PersonalInfo value() {
            return new PersonalInfo(text(firstName.getValue()), text(lastName.getValue()), text(email.getValue()),
                    text(phone.getValue()), Optional.ofNullable(gender.getValue()),
                    Optional.ofNullable(country.getValue()), text(city.getValue()), text(address.getValue()),
                    text(about.getValue()));
        }

        /** Whether the fields hold something else than {@code saved}: the viewer is editing. */
        boolean changedFrom(PersonalInfo saved) {
            return !normalisedForComparison(value()).equals(normalisedForComparison(saved));
        }

        private void save() {
            clearErrors();
            PersonalInfo info = value();
            try {
                card = cards.cards().edit(contact, me(), info, card.version());
                render();
            } catch (InvalidInput invalid) {
                showInvalid(invalid);
            } catch (Conflict conflict) {
                errors.accept(texts.text("card.conflict"));
                reload();
            } catch (DomainException refused) {
                errors.accept(ErrorText.of(refused, texts));
                reload();
            } catch (RuntimeException e) {
                LOG.error("Card {}: member {} could not save personal information", contact, me(), e);
                errors.accept(texts.text("error.unavailable"));
            }
        }

        private void showInvalid(InvalidInput invalid) {
            String key = "card.invalid." + invalid.field();
            String text = texts.has(key) ? texts.text(key) : texts.text("card.invalid");
            HasValue<?, ?> target = byField.get(fieldName(invalid.field()));
            if (target instanceof com.vaadin.flow.component.HasValidation validation) {
                validation.setErrorMessage(text);
                validation.setInvalid(true);
            } else {
                errors.accept(text);
            }
        }

        private void clearErrors() {
            byField.values().forEach(value -> {
                if (value instanceof com.vaadin.flow.component.HasValidation validation) {
                    validation.setInvalid(false);
                    validation.setErrorMessage(null);
                }
            });
        }
    }

    /** The form's name for a field the card bundle names (first_name, firstName and info.firstName alike). */
    static String fieldName(String field) {
        String name = field == null ? "" : field.strip();
        name = name.substring(name.lastIndexOf('.') + 1);
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_' || c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    private static Optional<String> text(String value) {
        String stripped = value == null ? "" : value.strip();
        return stripped.isEmpty() ? Optional.empty() : Optional.of(stripped);
    }

    private static PersonalInfo normalisedForComparison(PersonalInfo info) {
        return new PersonalInfo(blankless(info.firstName()), blankless(info.lastName()), blankless(info.email()),
                blankless(info.phone()), info.gender(), info.country(), blankless(info.city()),
                blankless(info.address()), blankless(info.about()));
    }

    private static Optional<String> blankless(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }

    // ----- interactions and dialogs (CARD-7, CARD-9)

    private Component requests() {
        Div list = new Div();
        list.setId("card-requests");
        list.addClassName("sb-card-list");
        List<RequestSummary> requests;
        try {
            requests = cards.contactChats().requests(contact, me());
        } catch (DomainException e) {
            requests = List.of();
        }
        if (requests.isEmpty()) {
            list.add(muted(texts.text("card.requests.none")));
        }
        for (RequestSummary request : requests) {
            Span when = new Span(SourceText.dateTime(request.openedAt(), texts.locale()));
            when.addClassName("sb-card-when");
            Span channel = new Span(request.channel());
            channel.getElement().getThemeList().add("badge small contrast");
            Span first = new Span(request.firstMessage());
            first.addClassName("sb-card-request-text");
            Div item = new Div(new Div(when, channel), first);
            if (request.closedAt().isEmpty()) {
                Span open = new Span(texts.text("card.requests.open"));
                open.getElement().getThemeList().add("badge small success");
                item.add(open);
            }
            item.setId("card-request-" + request.id());
            item.addClassName("sb-card-request");
            item.getElement().setAttribute("role", "button");
            item.getElement().setAttribute("tabindex", "0");
            item.addClickListener(click -> new RequestDialog(request, me(), cards.contactChats(), names, texts,
                    errors).open());
            list.add(item);
        }
        return list;
    }

    // ----- contact sources (CARD-8)

    private Component sources() {
        Div box = new Div();
        box.setId("card-sources");
        box.addClassName("sb-card-sources");
        Sources sources;
        try {
            sources = cards.sources().sources(contact);
        } catch (DomainException e) {
            sources = new Sources(List.of(), List.of(), List.of());
        }
        Locale locale = texts.locale();
        if (sources.tools().isEmpty() && sources.googleIds().isEmpty() && sources.visits().isEmpty()) {
            box.add(muted(texts.text("card.sources.none")));
            return box;
        }
        if (!sources.tools().isEmpty()) {
            Div tools = sub("card-sources-tools", "card.sources.tools");
            for (Acquisition acquisition : sources.tools()) {
                Div line = new Div(new Span(acquisition.tool().name()), kind(acquisition.tool().kind()),
                        when(SourceText.date(acquisition.firstAt(), locale)));
                line.addClassName("sb-card-line");
                tools.add(line);
            }
            box.add(tools);
        }
        if (!sources.googleIds().isEmpty()) {
            Div ids = sub("card-sources-google", "card.sources.google");
            for (GoogleClientId id : sources.googleIds()) {
                Div line = new Div(new Span(id.clientId()), when(SourceText.date(id.firstAt(), locale)));
                line.addClassName("sb-card-line");
                ids.add(line);
            }
            box.add(ids);
        }
        if (!sources.visits().isEmpty()) {
            Div visits = sub("card-sources-visits", "card.sources.visits");
            for (Visit visit : sources.visits()) {
                Div line = new Div(when(SourceText.dateTime(visit.at(), locale)));
                line.addClassName("sb-card-visit");
                visit.url().ifPresent(url -> line.add(labelled("card.sources.link", address(url))));
                visit.referrer().ifPresent(referrer -> line.add(labelled("card.sources.referrer",
                        address(referrer))));
                List<String> utm = SourceText.utm(visit);
                if (!utm.isEmpty()) {
                    Div tags = new Div();
                    tags.addClassName("sb-card-utm");
                    utm.forEach(pair -> {
                        Span tag = new Span(pair);
                        tag.getElement().getThemeList().add("badge small");
                        tags.add(tag);
                    });
                    line.add(tags);
                }
                visits.add(line);
            }
            box.add(visits);
        }
        return box;
    }

    private Span kind(String kind) {
        String key = "card.sources.kind." + kind;
        Span badge = new Span(texts.has(key) ? texts.text(key) : kind);
        badge.getElement().getThemeList().add("badge small contrast");
        return badge;
    }

    private Div sub(String id, String titleKey) {
        Span title = new Span(texts.text(titleKey));
        title.addClassName("sb-card-sub-title");
        Div sub = new Div(title);
        sub.setId(id);
        sub.addClassName("sb-card-sub");
        return sub;
    }

    private Div labelled(String key, Component value) {
        Span label = new Span(texts.text(key));
        label.addClassName("sb-card-label");
        Div line = new Div(label, value);
        line.addClassName("sb-card-labelled");
        return line;
    }

    private static Component address(String url) {
        if (SourceText.linkable(url)) {
            Anchor link = new Anchor(url, SourceText.shortAddress(url), AnchorTarget.BLANK);
            link.getElement().setAttribute("rel", "noopener noreferrer nofollow");
            link.setTitle(url);
            return link;
        }
        return new Span(SourceText.shortAddress(url));
    }

    private static Span when(String text) {
        Span when = new Span(text);
        when.addClassName("sb-card-when");
        return when;
    }

    // ----- automessage subscriptions (CARD-5), read-only here; the plugin's own panel edits them

    private Component subscriptions() {
        Div list = new Div();
        list.setId("card-subscriptions");
        list.addClassName("sb-card-list");
        if (card.subscriptions().isEmpty()) {
            list.add(muted(texts.text("card.subscriptions.none")));
        }
        for (Subscription subscription : card.subscriptions()) {
            Div line = new Div(new Span(subscription.chainName()),
                    when(SourceText.date(subscription.since(), texts.locale())));
            line.addClassName("sb-card-line");
            line.getElement().setAttribute("data-chain", subscription.chain());
            list.add(line);
        }
        return list;
    }

    // ----- duplicates and merge

    private Component duplicates() {
        List<ContactHit> others;
        try {
            others = cards.cards().duplicates(contact, me());
        } catch (DomainException e) {
            return null;
        }
        if (others.isEmpty()) {
            return null;
        }
        Div list = new Div();
        list.setId("card-duplicates");
        list.addClassName("sb-card-list");
        for (ContactHit other : others) {
            Div line = new Div();
            line.setId("card-duplicate-" + other.id());
            line.addClassName("sb-card-duplicate");
            Anchor name = new Anchor("card/" + other.id(), other.displayName());
            Div details = new Div(name);
            List<String> known = new ArrayList<>();
            other.phone().ifPresent(known::add);
            other.email().ifPresent(known::add);
            if (!known.isEmpty()) {
                details.add(muted(String.join(" · ", known)));
            }
            line.add(details);
            if (card.editable()) {
                Button merge = new Button(texts.text("card.merge"), VaadinIcon.COMPRESS.create(),
                        click -> confirmMerge(other));
                merge.setId("card-merge-" + other.id());
                merge.addThemeVariants(ButtonVariant.LUMO_SMALL);
                line.add(merge);
            }
            list.add(line);
        }
        return list;
    }

    private void confirmMerge(ContactHit other) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("card-merge-confirm");
        confirm.setHeader(texts.text("card.merge.title"));
        confirm.setText(texts.text("card.merge.text", other.displayName(), card.displayName()));
        confirm.setCancelable(true);
        confirm.setCancelText(texts.text("card.cancel"));
        confirm.setConfirmText(texts.text("card.merge"));
        confirm.addConfirmListener(event -> act(() -> cards.cards().merge(contact, other.id(), me())));
        confirm.open();
    }

    // ----- acting

    /** Runs one edit and shows the card as it is now, whether the service agreed or not. */
    private void act(Supplier<Card> call) {
        try {
            Card changed = call.get();
            if (changed != null && changed.id().equals(contact)) {
                card = changed;
                render();
                return;
            }
        } catch (Conflict conflict) {
            errors.accept(texts.text("card.conflict"));
        } catch (DomainException refused) {
            LOG.debug("Card {}: a change by member {} was refused: {}", contact, me(), refused.getMessage());
            errors.accept(ErrorText.of(refused, texts));
        } catch (RuntimeException e) {
            LOG.error("Card {}: a change by member {} failed", contact, me(), e);
            errors.accept(texts.text("error.unavailable"));
        }
        reload();
    }

    private Span muted(String text) {
        Span span = new Span(text);
        span.addClassName("sb-card-muted");
        return span;
    }

    private MemberId me() {
        return viewer.member().id();
    }
}
