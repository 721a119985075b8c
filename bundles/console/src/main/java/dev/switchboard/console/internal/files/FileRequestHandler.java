package dev.switchboard.console.internal.files;

import com.vaadin.flow.server.RequestHandler;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.NotFound;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.console.internal.ui.ConsoleSession;
import dev.switchboard.console.internal.ui.SessionGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code <context>/files/<id>[/<name>]} inside the console's Vaadin servlet (MSG-1, MSG-2, INP-2, INP-3,
 * CARD-2): the pictures, videos and downloads of the chat history and the client's photo, to logged-in members of
 * the file's project; the rules are {@link FileDownload}'s.
 *
 * <p>It is a Vaadin request handler rather than a servlet of its own because the viewer is the
 * {@link ConsoleSession} kept in the Vaadin session, and Vaadin finds that session for its own servlet (the
 * whiteboard's per-context HTTP session, wrapped and keyed by the servlet's name) without the console guessing
 * attribute names or lock objects. The handler runs before Vaadin's own ones and is not one of Vaadin's
 * synchronized handlers: it holds the session lock only to read the viewer, then streams from the blob store
 * unlocked, so a 100 MB download neither blocks the member's page nor passes through the heap.
 */
public final class FileRequestHandler implements RequestHandler {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FileRequestHandler.class);
    private static final int BUFFER = 64 * 1024;

    /** A session is checked again before a download when it was last checked longer ago than this. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    private final transient FileStore files;
    private final transient MemberService members;
    private final transient SessionGuard guard;

    public FileRequestHandler(FileStore files, MemberService members, SessionGuard guard) {
        this.files = files;
        this.members = members;
        this.guard = guard;
    }

    @Override
    public boolean handleRequest(VaadinSession session, VaadinRequest request, VaadinResponse response)
            throws IOException {
        String path = request.getPathInfo();
        if (!FileDownload.isFileAddress(path)) {
            return false;
        }
        Optional<ConsoleSession> viewer = viewer(session);
        FileDownload.Answer answer;
        try {
            answer = FileDownload.answer(request.getMethod(), path, Optional.ofNullable(request.getHeader("Range")),
                    viewer.isPresent(), project -> memberOf(viewer.orElseThrow(), project), files);
        } catch (RuntimeException e) {
            // the store or the team directory is away (restarting); the browser may ask again
            LOG.warn("Could not look up a stored file for a download: {}", e.toString());
            response.sendError(503, null);
            return true;
        }
        if (answer instanceof FileDownload.Serve serve) {
            serve(serve, response);
        } else if (answer instanceof FileDownload.WrongMethod) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(405, null);
        } else if (answer instanceof FileDownload.Unsatisfiable unsatisfiable) {
            response.setHeader("Content-Range", "bytes */" + unsatisfiable.size());
            response.sendError(416, null);
        } else {
            response.sendError(404, null);
        }
        return true;
    }

    /** The session's login, if it still stands (issue 12: a password reset ends it; {@link SessionGuard}). */
    private Optional<ConsoleSession> viewer(VaadinSession session) {
        session.lock();
        try {
            return guard.confirm(session, CHECK_EVERY);
        } finally {
            session.unlock();
        }
    }

    /** Asked of the team directory each time: a member removed from the project gets no more of its files. */
    private boolean memberOf(ConsoleSession viewer, ProjectId project) {
        return members.membershipsOf(viewer.account().id()).stream().anyMatch(m -> m.project().equals(project));
    }

    private void serve(FileDownload.Serve serve, VaadinResponse response) throws IOException {
        InputStream in = null;
        if (serve.body()) {
            try {
                in = files.open(serve.file().id());
            } catch (NotFound gone) {
                // removed between the look-up and now
                response.sendError(404, null);
                return;
            }
        }
        response.setStatus(serve.status());
        response.setContentType(serve.contentType());
        response.setContentLengthLong(serve.length());
        serve.headers().forEach(response::setHeader);
        if (in == null) {
            return;
        }
        try (InputStream content = in) {
            content.skipNBytes(serve.offset());
            long missing = copy(content, response.getOutputStream(), serve.length());
            if (missing > 0) {
                LOG.warn("Stored file {} ended {} bytes before its recorded size", serve.file().id(), missing);
            }
        } catch (IOException e) {
            // the browser went away (a closed tab, a video seeking elsewhere); nothing to repair
            LOG.debug("Download of file {} ended early: {}", serve.file().id(), e.toString());
        }
    }

    /** Copies {@code length} bytes through a small buffer; returns how many the stream did not have. */
    private static long copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            left -= read;
        }
        out.flush();
        return left;
    }
}
