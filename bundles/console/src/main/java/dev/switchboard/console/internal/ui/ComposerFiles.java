package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.error.DomainException;
import dev.switchboard.api.files.FileLimits;
import dev.switchboard.api.files.MediaKind;
import dev.switchboard.api.files.StoredFile;
import dev.switchboard.console.internal.chat.ErrorText;
import dev.switchboard.console.internal.chat.FileSizes;
import dev.switchboard.console.internal.chat.SendLimits;
import dev.switchboard.console.internal.chat.Texts;
import elemental.json.JsonObject;
import elemental.json.JsonType;
import elemental.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composer's files (INP-2, INP-3): an image button and a files button, each a Vaadin {@link Upload} whose
 * {@link UploadHandler} streams the browser's upload straight into {@code ChatService.upload} (the chat engine
 * writes it to the blob store as it arrives, so a 100 MB file never sits in the server's memory), and the chips of
 * the files waiting for the next Send: name, size, a progress bar while uploading, the reason when refused, and a
 * remove button. Files dropped on the chat window or pasted into the input are handed to the files button's upload
 * element in the browser, so every file takes the same path.
 *
 * <p>The channel's rules are checked in the browser before a byte is sent (kind, size per kind, number of files),
 * so that a 50 MB photo is refused at once with the reason; the engine checks again by the file's bytes and its
 * refusal is shown on the chip. The browser numbers each file ({@code sbId}); the number names the chip and rides
 * on the upload request as the {@value #UPLOAD_HEADER} header, which ties the upload to its chip.
 *
 * <p>Test ids: {@code composer-attach} (image button), {@code composer-files} (files button), their upload elements
 * {@code composer-upload-images} and {@code composer-upload-files}, {@code composer-attachments} (the chips),
 * {@code composer-attachment-<n>} (with {@code data-state} {@code uploading}, {@code ready} or {@code refused},
 * {@code data-kind} once stored, {@code <n>} numbering the page's files from 0),
 * {@code composer-attachment-remove-<n>}, {@code composer-upload-progress-<n>} (one file) and
 * {@code composer-upload-progress} (all running uploads).
 */
final class ComposerFiles implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ComposerFiles.class);

    static final String UPLOAD_HEADER = "X-Switchboard-Upload";
    /** The most files one message carries, as the chat engine says (SendConditions.maxFiles). */
    private int maxFiles;
    /** A multipart request carries a little more than its file. */
    private static final long REQUEST_OVERHEAD = 1024 * 1024;
    private static final Pattern BROWSER_ID = Pattern.compile("\\d{1,9}");

    /** Stores one upload of the viewer in the chat; called on the upload's request thread, never the UI's. */
    interface Uploader {
        StoredFile upload(String name, InputStream content);
    }

    private enum State {
        UPLOADING,
        READY,
        REFUSED
    }

    private static final String INSTALL_UPLOAD = """
            const up = $0, host = $1;
            const install = () => {
              if (up.__sbUpload) { return; }
              up.__sbUpload = true;
              host.__sbUploads = host.__sbUploads || [];
              host.__sbUploads.push(up);
              if (host.__sbNext === undefined) { host.__sbNext = 0; }
              const kindOf = file => {
                const type = (file.type || '').toLowerCase();
                if (type.startsWith('image/') && !type.startsWith('image/svg')) { return 'Image'; }
                if (type.startsWith('video/')) { return 'Video'; }
                if (type.startsWith('audio/')) { return 'Audio'; }
                return 'File';
              };
              const active = () => host.__sbUploads.flatMap(u => u.files || []).filter(f => !f.error && !f.abort);
              const refusal = file => {
                const max = host.dataset['max' + kindOf(file)];
                if (max === undefined) { return 'kind'; }
                if (file.size > Number(max)) { return 'tooLarge:' + kindOf(file).toUpperCase(); }
                if (file.size === 0) { return 'empty'; }
                if (active().length >= Number(host.dataset.maxFiles || 10)) { return 'count'; }
                return null;
              };
              if (typeof up._addFile === 'function') {
                const add = up._addFile;
                up._addFile = function (file) {
                  file.sbId = String(host.__sbNext++);
                  const refused = refusal(file);
                  if (refused) {
                    this.dispatchEvent(new CustomEvent('file-reject', {detail: {file: file, error: refused}}));
                    return;
                  }
                  return add.call(this, file);
                };
              }
              up.addEventListener('upload-before', event => {
                const file = event.detail.file;
                if (file.sbId === undefined) { file.sbId = String(host.__sbNext++); }
              });
              up.addEventListener('upload-request', event => {
                event.detail.xhr.setRequestHeader('%s', event.detail.file.sbId);
              });
              host.__sbTotal = () => {
                const bar = host.querySelector('#composer-upload-progress');
                const running = host.__sbUploads.flatMap(u => u.files || []).filter(f => f.uploading);
                const total = running.reduce((sum, f) => sum + (f.size || 0), 0);
                const loaded = running.reduce((sum, f) => sum + (f.loaded || 0), 0);
                if (bar) { bar.value = total > 0 ? loaded / total : 0; }
              };
              up.addEventListener('upload-progress', event => {
                const file = event.detail.file;
                const bar = host.querySelector('[data-upload="' + file.sbId + '"] vaadin-progress-bar');
                if (bar && file.progress >= 0) { bar.value = file.progress / 100; }
                host.__sbTotal();
              });
              host.__sbForget = id => host.__sbUploads.forEach(u => {
                const file = (u.files || []).find(f => f.sbId === id);
                if (file) {
                  if (file.uploading) { file.abort = true; if (file.xhr) { file.xhr.abort(); } }
                  u.files = u.files.filter(f => f !== file);
                }
              });
              if (up.dataset.role === 'files') {
                host.__sbAdd = files => {
                  if (host.dataset.files !== 'on' || !files.length) { return false; }
                  if (typeof up._addFiles === 'function') { up._addFiles(files); return true; }
                  const input = up.shadowRoot && up.shadowRoot.querySelector('input[type=file]');
                  if (!input) { return false; }
                  const transfer = new DataTransfer();
                  files.forEach(f => transfer.items.add(f));
                  input.files = transfer.files;
                  input.dispatchEvent(new Event('change'));
                  return true;
                };
              }
            };
            customElements.whenDefined('vaadin-upload').then(install);
            """.formatted(UPLOAD_HEADER);

    private static final String INSTALL_DROP = """
            const zone = $0, host = $1;
            if (zone.__sbDrop) { return; }
            zone.__sbDrop = true;
            const carriesFiles = event => !!event.dataTransfer
                && Array.from(event.dataTransfer.types || []).includes('Files');
            // files dropped where they cannot be attached are still caught: the browser would open them instead
            zone.addEventListener('dragover', event => {
              if (!carriesFiles(event)) { return; }
              event.preventDefault();
              if (host.dataset.files === 'on') {
                zone.classList.add('sb-drop-active');
              } else {
                event.dataTransfer.dropEffect = 'none';
              }
            });
            zone.addEventListener('dragleave', event => {
              if (!zone.contains(event.relatedTarget)) { zone.classList.remove('sb-drop-active'); }
            });
            zone.addEventListener('drop', event => {
              zone.classList.remove('sb-drop-active');
              if (!carriesFiles(event)) { return; }
              event.preventDefault();
              if (host.__sbAdd) { host.__sbAdd(Array.from(event.dataTransfer.files)); }
            });
            """;

    private final Component host;
    private final transient Uploader uploader;
    private final transient Texts texts;
    private final Upload images;
    private final Upload files;
    private final Button imageButton;
    private final Button filesButton;
    private final Div chips = new Div();
    private final ProgressBar progress = new ProgressBar();
    private final Map<String, Chip> shown = new LinkedHashMap<>();
    /** Files the viewer removed while they were uploading: their late result is dropped. */
    private final Set<String> removed = new HashSet<>();
    private transient volatile UI ui;
    private volatile long requestMax = -1;
    private int serverNumber;
    private boolean allowed;
    private transient Optional<FileLimits> limits = Optional.empty();
    private transient Runnable changed = () -> { };

    ComposerFiles(Component host, Uploader uploader, Texts texts) {
        this.host = host;
        this.uploader = uploader;
        this.texts = texts;
        UploadHandler handler = new StreamingHandler();
        imageButton = new Button(VaadinIcon.PICTURE.create());
        imageButton.setId("composer-attach");
        filesButton = new Button(VaadinIcon.PAPERCLIP.create());
        filesButton.setId("composer-files");
        images = upload("composer-upload-images", "images", imageButton, handler);
        files = upload("composer-upload-files", "files", filesButton, handler);
        label(imageButton, texts.text("chat.composer.attachImage"));
        label(filesButton, texts.text("chat.composer.attachFiles"));
        chips.setId("composer-attachments");
        chips.addClassName("sb-composer-attachments");
        progress.setId("composer-upload-progress");
        progress.addClassName("sb-upload-progress");
        progress.setVisible(false);
        host.getElement().setAttribute("data-files", "off");
    }

    private Upload upload(String id, String role, Button button, UploadHandler handler) {
        Upload upload = new Upload(handler);
        upload.setId(id);
        upload.getElement().setAttribute("data-role", role);
        upload.addClassName("sb-composer-upload");
        upload.setAutoUpload(true);
        upload.setDropAllowed(false);
        upload.setUploadButton(button);
        upload.setDropLabel(new Span());
        upload.setDropLabelIcon(new Span());
        // the component's own refusals come back as codes that refused() words in the reader's language
        upload.setI18n(new UploadI18N().setError(new UploadI18N.Error().setTooManyFiles("count")
                .setFileIsTooBig("tooLarge").setIncorrectFileType("kind")));
        upload.getElement().addEventListener("upload-start", this::started)
                .addEventData("event.detail.file.sbId").addEventData("event.detail.file.name")
                .addEventData("event.detail.file.size");
        upload.getElement().addEventListener("file-reject", this::rejected)
                .addEventData("event.detail.file.sbId").addEventData("event.detail.file.name")
                .addEventData("event.detail.file.size").addEventData("event.detail.error");
        upload.getElement().addEventListener("upload-error", this::failedInBrowser)
                .addEventData("event.detail.file.sbId");
        return upload;
    }

    private static void label(Button button, String text) {
        button.setAriaLabel(text);
        button.setTooltipText(text);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
    }

    Upload images() {
        return images;
    }

    Upload files() {
        return files;
    }

    Div chips() {
        return chips;
    }

    ProgressBar progress() {
        return progress;
    }

    /** Called after the set of files changed (the composer shows or hides what depends on them). */
    void onChange(Runnable listener) {
        this.changed = listener;
    }

    /** Installs the browser side; {@code dropZone} takes dropped files (the chat window). */
    void attached(UI attachedTo, Optional<Component> dropZone) {
        this.ui = attachedTo;
        for (Upload upload : List.of(images, files)) {
            host.getElement().executeJs(INSTALL_UPLOAD, upload.getElement(), host.getElement());
        }
        dropZone.ifPresent(zone -> host.getElement().executeJs(INSTALL_DROP, zone.getElement(), host.getElement()));
    }

    /**
     * What the channel takes now and how many files one message carries; {@code allowed} is false while files cannot be sent (Note mode, a chat that cannot
     * take messages, no conditions known).
     */
    void limits(Optional<FileLimits> limits, int maxFiles, boolean allowed) {
        this.limits = limits;
        this.maxFiles = maxFiles;
        Element element = host.getElement();
        element.setAttribute("data-max-files", Integer.toString(maxFiles));
        for (MediaKind kind : MediaKind.values()) {
            String attribute = "data-max-" + kind.name().toLowerCase(Locale.ROOT);
            Optional<Long> max = limits.flatMap(l -> l.of(kind));
            if (max.isPresent()) {
                element.setAttribute(attribute, Long.toString(max.get()));
            } else {
                element.removeAttribute(attribute);
            }
        }
        long largest = limits.map(FileLimits::largest).orElse(0L);
        boolean any = allowed && largest > 0;
        element.setAttribute("data-files", any ? "on" : "off");
        requestMax = largest > 0 ? largest + REQUEST_OVERHEAD : -1;
        int maxFileSize = (int) Math.min(Integer.MAX_VALUE, Math.max(largest, 1));
        images.setMaxFileSize(maxFileSize);
        files.setMaxFileSize(maxFileSize);
        images.setAcceptedFileTypes("image/*");
        files.setAcceptedFileTypes(limits.map(SendLimits::acceptedTypes).orElse(List.of()).toArray(String[]::new));
        images.setVisible(any && limits.get().accepts(MediaKind.IMAGE));
        files.setVisible(any);
        this.allowed = allowed;
        // an empty list takes no room (console.css, :empty); hiding it would stop Vaadin from updating its children
        chips.setVisible(allowed);
    }

    /** The stored files to send, in the order they were attached. */
    List<FileId> ready() {
        List<FileId> ready = new ArrayList<>();
        shown.values().stream().filter(chip -> chip.state == State.READY)
                .forEach(chip -> ready.add(new FileId(chip.file)));
        return ready;
    }

    boolean uploading() {
        return shown.values().stream().anyMatch(chip -> chip.state == State.UPLOADING);
    }

    /** After a Send: the files went out with the message. */
    void clear() {
        removed.addAll(shown.keySet());
        shown.clear();
        chips.removeAll();
        images.clearFileList();
        files.clearFileList();
        progress.setVisible(false);
        changed.run();
    }

    // ----- browser events (on the UI thread)

    private void started(DomEvent event) {
        JsonObject data = event.getEventData();
        String id = browserId(data);
        if (removed.contains(id) || shown.containsKey(id)) {
            return;
        }
        add(new Chip(id, text(data, "event.detail.file.name"), number(data, "event.detail.file.size"),
                State.UPLOADING));
    }

    private void rejected(DomEvent event) {
        JsonObject data = event.getEventData();
        String id = browserId(data);
        String code = Optional.ofNullable(text(data, "event.detail.error")).orElse("");
        String reason = switch (code.startsWith("tooLarge:") ? "tooLarge" : code) {
            case "kind" -> texts.text("chat.composer.refused.kind");
            case "tooLarge" -> tooLarge(code.substring(code.indexOf(':') + 1));
            case "empty" -> texts.text("error.invalid.file.empty");
            case "count" -> texts.text("chat.composer.refused.count", maxFiles);
            default -> texts.text("chat.composer.uploadFailed");
        };
        refuse(id, text(data, "event.detail.file.name"), number(data, "event.detail.file.size"), reason);
    }

    /** "Larger than this channel takes: images up to 3 MB.", when the browser named the kind. */
    private String tooLarge(String kindName) {
        Optional<MediaKind> kind = Arrays.stream(MediaKind.values())
                .filter(k -> k.name().equals(kindName)).findFirst();
        Optional<Long> max = kind.flatMap(k -> limits.flatMap(l -> l.of(k)));
        if (kind.isEmpty() || max.isEmpty()) {
            return texts.text("chat.composer.refused.tooLarge");
        }
        return texts.text("chat.composer.refused.tooLargeFor",
                texts.text("limits.kind." + kind.get().name().toLowerCase(Locale.ROOT)),
                FileSizes.format(max.get(), texts));
    }

    private void failedInBrowser(DomEvent event) {
        String id = browserId(event.getEventData());
        Chip chip = shown.get(id);
        if (chip != null && chip.state == State.UPLOADING) {
            chip.refuse(texts.text("chat.composer.uploadFailed"));
            changed();
        }
    }

    // ----- results of the upload handler (on the UI thread, through ui.access)

    private void stored(String id, StoredFile file) {
        if (removed.contains(id)) {
            return;
        }
        Chip chip = shown.get(id);
        if (chip == null) {
            chip = new Chip(id, file.name(), file.size(), State.UPLOADING);
            add(chip);
        }
        chip.ready(file);
        changed();
    }

    private void refuse(String id, String name, long size, String reason) {
        if (removed.contains(id)) {
            return;
        }
        Chip chip = shown.get(id);
        if (chip == null) {
            chip = new Chip(id, name, size, State.REFUSED);
            add(chip);
        }
        chip.refuse(reason);
        changed();
    }

    /** The first file still uploading that the browser did not number, by name. */
    private Optional<String> unnumbered(String name) {
        return shown.values().stream().filter(chip -> chip.state == State.UPLOADING && chip.id.startsWith("s")
                && chip.name.equals(name)).map(chip -> chip.id).findFirst();
    }

    private void add(Chip chip) {
        shown.put(chip.id, chip);
        chips.add(chip.element);
        changed();
    }

    private void remove(String id) {
        Chip chip = shown.remove(id);
        removed.add(id);
        if (chip != null) {
            chips.remove(chip.element);
        }
        host.getElement().executeJs("if (this.__sbForget) { this.__sbForget($0); }", id);
        changed();
    }

    private void changed() {
        boolean running = uploading();
        progress.setVisible(running);
        if (running) {
            host.getElement().executeJs("if (this.__sbTotal) { this.__sbTotal(); }");
        }
        changed.run();
    }

    /** The browser's number of a file; one of the server's own ("s1", "s2") if the browser gave none. */
    private String browserId(JsonObject data) {
        String id = text(data, "event.detail.file.sbId");
        return id != null && BROWSER_ID.matcher(id).matches() ? id : "s" + (++serverNumber);
    }

    private static String text(JsonObject data, String key) {
        JsonValue value = data.hasKey(key) ? data.get(key) : null;
        return value != null && value.getType() == JsonType.STRING ? value.asString() : null;
    }

    private static long number(JsonObject data, String key) {
        JsonValue value = data.hasKey(key) ? data.get(key) : null;
        return value != null && value.getType() == JsonType.NUMBER ? (long) value.asNumber() : 0;
    }

    /** One file on its way into the next message. */
    private final class Chip implements Serializable {
        private static final long serialVersionUID = 1L;
        final String id;
        final String name;
        final Div element = new Div();
        private final Span icon = new Span();
        private final Span size = new Span();
        private final Span problem = new Span();
        private final ProgressBar bar = new ProgressBar();
        State state;
        /** The stored file's id, once {@link State#READY}. */
        long file;

        Chip(String id, String name, long bytes, State state) {
            this.id = id;
            this.name = name == null ? "" : name;
            this.state = state;
            element.setId("composer-attachment-" + id);
            element.addClassName("sb-attachment-chip");
            element.getElement().setAttribute("data-upload", id);
            icon.addClassName("sb-chip-icon");
            icon.add(VaadinIcon.FILE_O.create());
            Span title = new Span();
            title.setText(name == null || name.isBlank() ? "?" : name);
            title.addClassName("sb-chip-name");
            size.setText(bytes > 0 ? FileSizes.format(bytes, texts) : "");
            size.addClassName("sb-chip-size");
            bar.setId("composer-upload-progress-" + id);
            bar.addClassName("sb-chip-progress");
            bar.setIndeterminate(false);
            bar.setValue(0);
            problem.addClassName("sb-chip-problem");
            problem.setVisible(false);
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> remove(id));
            remove.setId("composer-attachment-remove-" + id);
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            remove.setAriaLabel(texts.text("chat.composer.removeFile", title.getText()));
            remove.setTooltipText(texts.text("chat.composer.removeFile", title.getText()));
            Div text = new Div(title, size, problem);
            text.addClassName("sb-chip-text");
            element.add(icon, text, bar, remove);
            show();
        }

        void ready(StoredFile stored) {
            state = State.READY;
            file = stored.id().value();
            size.setText(FileSizes.format(stored.size(), texts));
            element.getElement().setAttribute("data-kind", stored.kind().name().toLowerCase(Locale.ROOT));
            icon.removeAll();
            icon.add(switch (stored.kind()) {
                case IMAGE -> VaadinIcon.PICTURE.create();
                case VIDEO -> VaadinIcon.FILM.create();
                case AUDIO -> VaadinIcon.MUSIC.create();
                case FILE -> VaadinIcon.FILE_TEXT_O.create();
            });
            show();
        }

        void refuse(String reason) {
            state = State.REFUSED;
            problem.setText(reason);
            show();
        }

        private void show() {
            element.getElement().setAttribute("data-state", state.name().toLowerCase(Locale.ROOT));
            bar.setVisible(state == State.UPLOADING);
            problem.setVisible(state == State.REFUSED);
        }
    }

    /**
     * Streams each uploaded file into the chat engine on the upload's own request thread, without the session
     * lock, and reports the result to the page through {@code ui.access}.
     */
    private final class StreamingHandler implements UploadHandler {
        private static final long serialVersionUID = 1L;

        @Override
        public void handleUploadRequest(UploadEvent event) {
            String header = event.getRequest().getHeader(UPLOAD_HEADER);
            String id = header != null && BROWSER_ID.matcher(header).matches() ? header : null;
            String name = event.getFileName();
            Optional<StoredFile> stored = Optional.empty();
            String refusal = null;
            try (InputStream content = event.getInputStream()) {
                stored = Optional.of(uploader.upload(name, content));
            } catch (DomainException refused) {
                LOG.debug("Upload refused: {}", refused.getMessage());
                refusal = ErrorText.of(refused, texts);
            } catch (IOException | UncheckedIOException e) {
                // the viewer removed the file or left the page while it was on its way
                LOG.debug("Upload ended early: {}", e.toString());
                refusal = texts.text("chat.composer.uploadFailed");
            } catch (RuntimeException e) {
                LOG.error("An upload to a chat failed", e);
                refusal = texts.text("error.unavailable");
            }
            report(id, name, stored, refusal);
        }

        private void report(String header, String name, Optional<StoredFile> stored, String refusal) {
            UI page = ui;
            if (page == null) {
                // no page to tell: an unsent upload is removed by the store after a day
                return;
            }
            try {
                page.access(() -> {
                    // without the browser's number (its script did not run) the chip is the oldest of that name
                    String id = header != null ? header : unnumbered(name).orElse(null);
                    if (id == null) {
                        return;
                    }
                    if (stored.isPresent()) {
                        stored(id, stored.get());
                    } else {
                        refuse(id, name, 0, refusal);
                    }
                });
            } catch (UIDetachedException gone) {
                LOG.debug("The page of an upload closed before it ended");
            }
        }

        @Override
        public long getRequestSizeMax() {
            return requestMax;
        }

        @Override
        public void responseHandled(boolean success, VaadinResponse response) {
            response.setStatus(success ? 200 : 500);
        }
    }
}
