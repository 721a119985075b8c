package dev.switchboard.channel.widget.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /widget/widget.js}: the widget's script, the bundle's resource {@code widget/widget.js}, read once and
 * kept with its gzip form. Sites load it on every page, so it is cached by browsers for five minutes and revalidated
 * by its ETag afterwards (a new version reaches visitors within minutes of an update), and sent gzipped to browsers
 * that take it (issue 10's weight budget is measured gzipped).
 */
public final class ScriptResource {

    public static final String RESOURCE = "widget/widget.js";

    private final Supplier<URL> location;
    private volatile Loaded loaded;

    private record Loaded(byte[] plain, byte[] gzip, String etag, String gzipEtag) {
    }

    public ScriptResource(Supplier<URL> location) {
        this.location = location;
    }

    /** The script of this bundle. */
    public static ScriptResource ofBundle() {
        return new ScriptResource(() -> ScriptResource.class.getClassLoader().getResource(RESOURCE));
    }

    /** The answer to a GET with these headers (either may be null). */
    public ApiAnswer answer(String ifNoneMatch, String acceptEncoding) {
        Optional<Loaded> script = load();
        if (script.isEmpty()) {
            return new ApiAnswer(404, Map.of("Content-Type", "text/plain;charset=UTF-8", "Cache-Control", "no-store"),
                    "The widget's script is not part of this build.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Loaded s = script.get();
        boolean gzip = acceptsGzip(acceptEncoding);
        String etag = gzip ? s.gzipEtag() : s.etag();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/javascript;charset=UTF-8");
        headers.put("Cache-Control", "public, max-age=300");
        headers.put("ETag", etag);
        headers.put("Vary", "Accept-Encoding");
        headers.put("X-Content-Type-Options", "nosniff");
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return new ApiAnswer(304, headers, new byte[0]);
        }
        if (gzip) {
            headers.put("Content-Encoding", "gzip");
        }
        return new ApiAnswer(200, headers, gzip ? s.gzip() : s.plain());
    }

    private Optional<Loaded> load() {
        Loaded s = loaded;
        if (s != null) {
            return Optional.of(s);
        }
        URL url = location.get();
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            byte[] plain = in.readAllBytes();
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
                gz.write(plain);
            }
            String tag = tag(plain);
            s = new Loaded(plain, packed.toByteArray(), "\"" + tag + "\"", "\"" + tag + "-gz\"");
        } catch (IOException e) {
            throw new UncheckedIOException("the widget's script could not be read", e);
        }
        loaded = s;
        return Optional.of(s);
    }

    private static String tag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code Accept-Encoding} takes gzip (named, or {@code *}, and not with {@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.strip().split(";");
            String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
                if (p.matches("q=0(\\.0{0,3})?")) {
                    refused = true;
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
