package dev.switchboard.bench.engine;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.FileId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.interactions.Acquisition;
import dev.switchboard.api.interactions.AcquisitionTool;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.interactions.GoogleClientId;
import dev.switchboard.api.interactions.Sources;
import dev.switchboard.api.interactions.Visit;
import dev.switchboard.bench.common.Latencies;
import dev.switchboard.chat.internal.connection.Connections;
import dev.switchboard.chat.internal.connection.LiveConnection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times what the ingress asks of the other services during one accept (the connection lookup, the card's
 * identify for a new and for a known client, each contact-sources call) by delegating to the real ones; the chat
 * transaction is what is left of the accept call. The connection lookup is the chat bundle's internal
 * {@link Connections#live}, which the ingress calls for every message (a cache of 10 s in front of one primary-key
 * read; the version is checked again inside the chat transaction). Adds a {@code nanoTime} pair and a short lock per
 * call, nothing the database sees.
 */
final class MeasuredCalls {

    /** Durations of one kind of call, from any thread. */
    static final class Timer {
        private Latencies samples = new Latencies();

        synchronized void record(long nanos) {
            samples.record(nanos);
        }

        /** The samples so far, and a fresh start (after the warm-up). */
        synchronized Latencies take() {
            Latencies taken = samples;
            samples = new Latencies();
            return taken;
        }

        <T> T time(Supplier<T> call) {
            long t0 = System.nanoTime();
            try {
                return call.get();
            } finally {
                record(System.nanoTime() - t0);
            }
        }
    }

    final Timer connection = new Timer();
    final Timer identifyNew = new Timer();
    final Timer identifyKnown = new Timer();
    /** Set by a producer before each accept: whether the message is a new client's first (its card is made). */
    final ThreadLocal<Boolean> newClient = ThreadLocal.withInitial(() -> false);
    final Timer acquisition = new Timer();
    final Timer googleClientId = new Timer();
    final Timer visit = new Timer();

    Connections connections(Connections real) {
        return new Connections() {
            @Override
            public Optional<LiveConnection> live(ConnectionId id) {
                return connection.time(() -> real.live(id));
            }

            @Override
            public Optional<LiveConnection> byWebhookKey(String key) {
                return real.byWebhookKey(key);
            }

            @Override
            public void forget(ConnectionId id) {
                real.forget(id);
            }

            @Override
            public void failing(ConnectionId id, String reason) {
                real.failing(id, reason);
            }

            @Override
            public void working(ConnectionId id) {
                real.working(id);
            }

            @Override
            public void webhookReceived(ConnectionId id) {
                real.webhookReceived(id);
            }
        };
    }

    ContactDirectory directory(ContactDirectory real) {
        return new ContactDirectory() {
            @Override
            public ContactId identify(ProjectId project, ConnectionId connection, String externalUserId,
                                      ClientProfile profile) {
                return (newClient.get() ? identifyNew : identifyKnown)
                        .time(() -> real.identify(project, connection, externalUserId, profile));
            }

            @Override
            public Optional<ContactId> find(ConnectionId connection, String externalUserId) {
                return real.find(connection, externalUserId);
            }

            @Override
            public void setPhoto(ContactId contact, FileId photo) {
                real.setPhoto(contact, photo);
            }
        };
    }

    ContactSources sources(ContactSources real) {
        return new ContactSources() {
            @Override
            public Acquisition recordAcquisition(ProjectId project, ContactId contact, String toolName, String kind,
                                                 Instant at) {
                return acquisition.time(() -> real.recordAcquisition(project, contact, toolName, kind, at));
            }

            @Override
            public GoogleClientId recordGoogleClientId(ProjectId project, ContactId contact,
                                                       String gaCookieOrClientId, Instant at) {
                return googleClientId.time(() -> real.recordGoogleClientId(project, contact, gaCookieOrClientId, at));
            }

            @Override
            public Visit recordVisit(ProjectId project, ContactId contact, Instant at, Optional<String> url,
                                     Optional<String> referrer) {
                return visit.time(() -> real.recordVisit(project, contact, at, url, referrer));
            }

            @Override
            public Sources sources(ContactId contact) {
                return real.sources(contact);
            }

            @Override
            public List<AcquisitionTool> tools(ProjectId project) {
                return real.tools(project);
            }

            @Override
            public List<ContactId> byGoogleClientId(ProjectId project, String gaCookieOrClientId) {
                return real.byGoogleClientId(project, gaCookieOrClientId);
            }

            @Override
            public void merge(ContactId survivor, ContactId other) {
                real.merge(survivor, other);
            }
        };
    }
}
