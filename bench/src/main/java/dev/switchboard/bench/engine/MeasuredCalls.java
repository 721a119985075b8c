package dev.switchboard.bench.engine;

import dev.switchboard.api.card.ContactDirectory;
import dev.switchboard.api.channel.ChannelConnection;
import dev.switchboard.api.channel.ClientProfile;
import dev.switchboard.api.channel.ConnectionService;
import dev.switchboard.api.domain.ConnectionId;
import dev.switchboard.api.domain.ContactId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.domain.ProjectId;
import dev.switchboard.api.interactions.Acquisition;
import dev.switchboard.api.interactions.AcquisitionTool;
import dev.switchboard.api.interactions.ContactSources;
import dev.switchboard.api.interactions.GoogleClientId;
import dev.switchboard.api.interactions.Sources;
import dev.switchboard.api.interactions.Visit;
import dev.switchboard.bench.common.Latencies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times what the ingress asks of the other services during one accept (the connection lookup, the card's
 * identify for a new and for a known client, each contact-sources call) by delegating to the real ones; the chat transaction is what is left of
 * the accept call. Adds a {@code nanoTime} pair and a short lock per call, nothing the database sees.
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

    ConnectionService connections(ConnectionService real) {
        return new ConnectionService() {
            @Override
            public ChannelConnection create(ProjectId project, MemberId actor, String type, String name) {
                return real.create(project, actor, type, name);
            }

            @Override
            public List<ChannelConnection> list(ProjectId project) {
                return real.list(project);
            }

            @Override
            public Optional<ChannelConnection> find(ConnectionId id) {
                return connection.time(() -> real.find(id));
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
