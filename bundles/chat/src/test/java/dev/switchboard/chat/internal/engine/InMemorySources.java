package dev.switchboard.chat.internal.engine;

import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.error.InvalidInput;
import dev.switchboard.api.interactions.Acquisition;
import dev.switchboard.api.interactions.AcquisitionTool;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.interactions.GoogleClientId;
import dev.switchboard.api.interactions.Sources;
import dev.switchboard.api.interactions.Visit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contact sources as the chat tests need them: idempotent like the contract says (a tool or Google id once per
 * contact, a visit once per contact, time and address), refusing malformed values with {@link InvalidInput}; every
 * call is also counted, so a test sees what the ingress asked.
 */
public final class InMemorySources implements ContactSources {

    private static final Pattern GA = Pattern.compile("(?:GA\\d\\.\\d\\.)?(\\d{1,20}\\.\\d{1,20})");

    public record Tool(ContactId contact, String name, String kind) {
    }

    public record Ga(ContactId contact, String clientId) {
    }

    public record Seen(ContactId contact, Instant at, Optional<String> url, Optional<String> referrer) {
    }

    public final CopyOnWriteArrayList<Tool> tools = new CopyOnWriteArrayList<>();
    public final CopyOnWriteArrayList<Ga> googleIds = new CopyOnWriteArrayList<>();
    public final CopyOnWriteArrayList<Seen> visits = new CopyOnWriteArrayList<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public Acquisition recordAcquisition(ProjectId project, ContactId contact, String toolName, String kind,
                                         Instant at) {
        calls.add("acquisition");
        if (toolName.length() > 200) {
            throw new InvalidInput("source", "at most 200 characters");
        }
        Tool t = new Tool(contact, toolName, kind);
        tools.addIfAbsent(t);
        return new Acquisition(new AcquisitionTool(1, toolName, kind), at);
    }

    @Override
    public GoogleClientId recordGoogleClientId(ProjectId project, ContactId contact, String gaCookieOrClientId,
                                               Instant at) {
        calls.add("ga");
        Matcher m = GA.matcher(gaCookieOrClientId);
        if (!m.matches()) {
            throw new InvalidInput("ga", "not a Google Analytics cookie or client id");
        }
        googleIds.addIfAbsent(new Ga(contact, m.group(1)));
        return new GoogleClientId(m.group(1), at);
    }

    @Override
    public Visit recordVisit(ProjectId project, ContactId contact, Instant at, Optional<String> url,
                             Optional<String> referrer) {
        calls.add("visit");
        if (url.filter(u -> !u.startsWith("http://") && !u.startsWith("https://")).isPresent()) {
            throw new InvalidInput("url", "not an http(s) address");
        }
        if (referrer.filter(u -> !u.startsWith("http://") && !u.startsWith("https://")).isPresent()) {
            throw new InvalidInput("referrer", "not an http(s) address");
        }
        visits.addIfAbsent(new Seen(contact, at, url, referrer));
        return new Visit(at, url, referrer, Map.of());
    }

    @Override
    public Sources sources(ContactId contact) {
        throw new UnsupportedOperationException("the ingress only records");
    }

    @Override
    public List<AcquisitionTool> tools(ProjectId project) {
        throw new UnsupportedOperationException("the ingress only records");
    }

    @Override
    public List<ContactId> byGoogleClientId(ProjectId project, String gaCookieOrClientId) {
        throw new UnsupportedOperationException("the ingress only records");
    }

    @Override
    public void merge(ContactId survivor, ContactId other) {
        throw new UnsupportedOperationException("the ingress only records");
    }
}
