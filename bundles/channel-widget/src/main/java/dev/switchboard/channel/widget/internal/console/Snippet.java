package dev.switchboard.channel.widget.internal.console;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The script tag a site embeds (issue 10): {@code <script async src="<public URL>/widget/widget.js"
 * data-key="<key>"></script>}. The connection's public key is the key of its webhook address
 * ({@code <public URL>/hooks/widget/<key>}, the key {@code LiveConnections.byKey} takes), which is also where the
 * public URL comes from: the console's panel context names only the connection, and its details carry that address.
 */
public record Snippet(String base, String key) {

    private static final Pattern WEBHOOK = Pattern.compile("(.*)/hooks/widget/([A-Za-z0-9_-]{20,64})/?");

    /** The snippet of the connection whose webhook address this is; empty for another channel's address. */
    public static Optional<Snippet> fromWebhook(URI webhookUrl) {
        if (webhookUrl == null) {
            return Optional.empty();
        }
        Matcher m = WEBHOOK.matcher(webhookUrl.toString());
        return m.matches() ? Optional.of(new Snippet(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The script's address. */
    public String scriptUrl() {
        return base + "/widget/widget.js";
    }

    /** The tag to paste into a site's pages. */
    public String scriptTag() {
        return "<script async src=\"" + escape(scriptUrl()) + "\" data-key=\"" + escape(key) + "\"></script>";
    }

    /** Text for an HTML attribute or element: {@code & < > " '} escaped. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
