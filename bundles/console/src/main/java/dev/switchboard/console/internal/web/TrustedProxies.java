package dev.switchboard.console.internal.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reverse proxies the console believes (issue 12): only a request whose direct peer is one of them may say, in
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto}, who the client is and whether the browser spoke TLS. Anyone
 * else can write those headers too, so from anyone else they are ignored: the peer is the client. Login throttling
 * counts by that client address, and the session cookie is marked {@code Secure} by that scheme.
 *
 * <p>{@code X-Forwarded-For} is read from the right, where the nearest proxy wrote the address it saw: every trusted
 * proxy is passed over and the first address that is not one is the client. The entries to its left were written by
 * the client or by proxies nobody vouches for and are never used. Only IP literals are read (never a name that
 * would need DNS); an entry that is no address ends the walk at the last proxy.
 */
public final class TrustedProxies {

    /** Nobody is trusted: the peer is always the client. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    private final List<Range> ranges;
    private final List<String> refused;

    private TrustedProxies(List<Range> ranges, List<String> refused) {
        this.ranges = List.copyOf(ranges);
        this.refused = List.copyOf(refused);
    }

    /**
     * Reads a comma- or space-separated list of addresses and CIDR ranges ({@code 10.0.0.5, 10.1.0.0/16, ::1,
     * fd00::/8}). An entry that is neither is left out (and listed in {@link #refused()}): not trusting a proxy is
     * the safe side of a typing error.
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String entry : list.trim().split("[,\\s]+")) {
            Optional<Range> range = Range.parse(entry);
            if (range.isPresent()) {
                ranges.add(range.get());
            } else {
                refused.add(entry);
            }
        }
        return new TrustedProxies(ranges, refused);
    }

    /** The entries of the list that are no address or range, for the log. */
    public List<String> refused() {
        return refused;
    }

    /** Whether there is any trusted proxy at all. */
    public boolean any() {
        return !ranges.isEmpty();
    }

    /** Whether {@code address} (an IP literal) is one of the trusted proxies. */
    public boolean trusts(String address) {
        return literal(address).map(this::trusts).orElse(false);
    }

    private boolean trusts(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    /**
     * The client's address: the peer's, unless the peer is a trusted proxy; then the first address from the right of
     * the {@code X-Forwarded-For} headers (in the order received) that is not a trusted proxy.
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            Arrays.stream(header.split(",")).map(String::trim).filter(hop -> !hop.isEmpty()).forEach(hops::add);
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get().getHostAddress();
            if (!trusts(hop.get())) {
                break;
            }
        }
        return client;
    }

    /**
     * Whether the browser spoke TLS: the connection itself was TLS, or a trusted proxy says so in the value of
     * {@code X-Forwarded-Proto} it wrote last.
     */
    public boolean secure(boolean tls, String peer, List<String> forwardedProto) {
        if (tls) {
            return true;
        }
        if (forwardedProto.isEmpty() || !trusts(peer)) {
            return false;
        }
        String header = forwardedProto.get(forwardedProto.size() - 1);
        String[] values = header.split(",");
        return "https".equals(values[values.length - 1].trim().toLowerCase(Locale.ROOT));
    }

    /**
     * An IP literal (IPv4, IPv6, IPv6 in brackets, IPv4 with a port), never resolved by name. Empty for anything
     * else.
     */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            s = s.substring(1, end);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            // 203.0.113.7:51234, as some proxies write it
            s = s.substring(0, s.indexOf(':'));
        }
        if (s.isEmpty() || s.length() > 45 || !s.chars().allMatch(TrustedProxies::literalChar)) {
            return Optional.empty();
        }
        boolean v6 = s.indexOf(':') >= 0;
        if (!v6 && s.chars().filter(c -> c == '.').count() != 3) {
            // "10.1" is an address to InetAddress; nobody's proxy writes it so
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    private static boolean literalChar(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':';
    }

    /** One address, or a network in CIDR notation. */
    private record Range(byte[] network, int bits) {

        static Optional<Range> parse(String entry) {
            int slash = entry.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address.isEmpty() || slash >= 0 && !entry.substring(slash + 1).matches("\\d{1,3}")) {
                return Optional.empty();
            }
            byte[] bytes = address.get().getAddress();
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            return bits > bytes.length * 8 ? Optional.empty() : Optional.of(new Range(bytes, bits));
        }

        boolean contains(InetAddress address) {
            byte[] other = address.getAddress();
            if (other.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (other[full] & mask) == (network[full] & mask);
        }
    }
}
