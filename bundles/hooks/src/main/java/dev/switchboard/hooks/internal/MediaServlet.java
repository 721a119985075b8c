package dev.switchboard.hooks.internal;

import dev.switchboard.api.files.FileLinks;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.files.StoredFile;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /media/<token>}: a stored file for a platform that fetches media by URL (Viber; Meta and WhatsApp by
 * link), behind a signed, expiring token ({@link FileLinks}). A wrong, expired or foreign token answers 404 like a
 * missing file. The file is streamed from the blob store, never held in memory, and served so that no browser runs
 * it: {@code nosniff}, a sandboxing CSP, and everything but images and video as a download.
 */
@Component(service = Servlet.class, property = {
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=switchboard-media",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + HooksContexts.MEDIA + ")"})
public final class MediaServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MediaServlet.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FileLinks links;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FileStore files;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        FileLinks l = links;
        FileStore f = files;
        if (l == null || f == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        String token = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        int slash = token.indexOf('/');
        Optional<StoredFile> file = l.resolve(slash < 0 ? token : token.substring(0, slash));
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        StoredFile stored = file.get();
        response.setContentType(stored.inline() ? stored.contentType() : "application/octet-stream");
        response.setContentLengthLong(stored.size());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        response.setHeader("Cache-Control", "private, max-age=3600");
        response.setHeader("Content-Disposition", disposition(stored));
        try (InputStream in = f.open(stored.id()); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the platform went away mid-download; it asks again
            LOG.debug("Media download of file {} ended early: {}", stored.id(), e.toString());
        }
    }

    /** Inline for images and video, a download for everything else; the name in RFC 5987 form. */
    static String disposition(StoredFile file) {
        String encoded = URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20");
        String ascii = file.name().replaceAll("[^A-Za-z0-9._ -]", "_");
        return (file.inline() ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
