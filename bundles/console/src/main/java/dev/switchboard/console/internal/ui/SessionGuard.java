package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import dev.switchboard.api.domain.AccountId;
import dev.switchboard.api.domain.MemberId;
import dev.switchboard.api.team.Authenticator;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.api.team.TeamEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends console sessions that a change in the team took away (issue 12): a password set or reset, a membership
 * removed, a role or right a page needs taken away ({@link SessionCheck}). An ended session is logged out and every
 * open page of it goes to the login page.
 *
 * <ul>
 *   <li>At once, on this node: the team's {@link TeamEvents} name the account or member, and its open pages are
 *       checked.</li>
 *   <li>Within {@link #EVERY}, on every node: open pages are checked against the database in rounds, since events
 *       reach only the node that made the change (and a role changed by hand in the database sends none).</li>
 *   <li>Before a page is shown and before a stored file is served: a session without an open page is checked
 *       when it is next used ({@link #confirm}).</li>
 * </ul>
 *
 * <p>Checks read the database on the guard's own thread, never on Event Admin's or a page's; a check that fails
 * (the store restarting) ends nothing.
 */
@Component(service = {SessionGuard.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + TeamEvents.ALL)
public final class SessionGuard implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);
    /** How often open pages are checked against the database. */
    static final Duration EVERY = Duration.ofSeconds(30);
    /** The login route's parameter that says a session was ended, so the page can say so. */
    public static final String ENDED_PARAMETER = "ended";
    private static final String CHECKED_AT = SessionGuard.class.getName() + ".checkedAt";

    private final Authenticator authenticator;
    private final MemberService members;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    /** The open logged-in pages, each with the login it was opened with. */
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    /** An open page and the login it shows. */
    private record Watch(UI ui, ConsoleSession login) {
    }

    @Activate
    public SessionGuard(@Reference Authenticator authenticator, @Reference MemberService members) {
        this(authenticator, members, Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "switchboard-console-sessions");
            thread.setDaemon(true);
            return thread;
        }), EVERY);
    }

    SessionGuard(Authenticator authenticator, MemberService members, Clock clock,
                 ScheduledExecutorService executor, Duration every) {
        this.authenticator = authenticator;
        this.members = members;
        this.clock = clock;
        this.executor = executor;
        executor.scheduleWithFixedDelay(() -> check(watch -> true), every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Follows an open page of {@code login} until the returned handle is run (on detach): the page goes to the
     * login page when the login ends.
     */
    public Runnable watch(UI ui, ConsoleSession login) {
        Watch watch = new Watch(ui, login);
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    @Override
    public void handleEvent(Event event) {
        Optional<Long> account = id(event.getProperty(TeamEvents.ACCOUNT));
        Optional<Long> member = id(event.getProperty(TeamEvents.MEMBER));
        if (account.isEmpty()) {
            LOG.debug("Ignoring team event {} without an account", event.getTopic());
            return;
        }
        AccountId changed = new AccountId(account.get());
        Predicate<Watch> concerned = TeamEvents.MEMBER_CHANGED.equals(event.getTopic()) && member.isPresent()
                ? watch -> watch.login().member().id().equals(new MemberId(member.get()))
                : watch -> watch.login().account().id().equals(changed);
        try {
            executor.execute(() -> check(concerned));
        } catch (RejectedExecutionException stopping) {
            // the console is stopping; its pages go with it
        }
    }

    /**
     * The session's login if it still stands, asked of the database when it was last asked more than
     * {@code maxAge} ago; a login that no longer stands is taken out of the session. Call with the session locked.
     */
    public Optional<ConsoleSession> confirm(VaadinSession session, Duration maxAge) {
        ConsoleSession login = session.getAttribute(ConsoleSession.class);
        if (login == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Object checked = session.getAttribute(CHECKED_AT);
        if (checked instanceof Instant at && at.plus(maxAge).isAfter(now)) {
            return Optional.of(login);
        }
        SessionCheck.Verdict verdict;
        try {
            verdict = judge(login);
        } catch (RuntimeException e) {
            LOG.warn("Could not check a console session now: {}", e.toString());
            return Optional.of(login);
        }
        session.setAttribute(CHECKED_AT, now);
        if (verdict instanceof SessionCheck.End end) {
            logOut(session, login, end.reason());
            return Optional.empty();
        }
        if (verdict instanceof SessionCheck.Refresh refresh) {
            ConsoleSession refreshed = login.withMember(refresh.member());
            ConsoleSession.set(session, refreshed);
            return Optional.of(refreshed);
        }
        return Optional.of(login);
    }

    /** Checks the open pages that {@code concerned} picks, one database round trip per login. */
    void check(Predicate<Watch> concerned) {
        Map<ConsoleSession, List<Watch>> byLogin = watches.stream().filter(concerned)
                .collect(Collectors.groupingBy(Watch::login));
        byLogin.forEach((login, pages) -> {
            SessionCheck.Verdict verdict;
            try {
                verdict = judge(login);
            } catch (RuntimeException e) {
                LOG.debug("Could not check the console session of account {}: {}", login.account().id(),
                        e.toString());
                return;
            }
            if (verdict instanceof SessionCheck.End end) {
                pages.forEach(page -> access(page, () -> logOut(page.ui().getSession(), login, end.reason())));
            } else if (verdict instanceof SessionCheck.Refresh refresh) {
                pages.forEach(page -> access(page, () -> {
                    ConsoleSession current = page.ui().getSession().getAttribute(ConsoleSession.class);
                    if (current != null && current.sameLogin(login)) {
                        ConsoleSession.set(page.ui().getSession(), current.withMember(refresh.member()));
                    }
                }));
            }
        });
    }

    private SessionCheck.Verdict judge(ConsoleSession login) {
        boolean valid = authenticator.stillValid(login.account().id(), login.credentialStamp());
        return SessionCheck.judge(login, valid, valid ? members.find(login.member().id()) : Optional.empty());
    }

    private void access(Watch page, Runnable command) {
        try {
            page.ui().access(command::run);
        } catch (UIDetachedException gone) {
            watches.remove(page);
        }
    }

    /**
     * Takes the login out of the session (if it is still this login) and sends every open page of the session to
     * the login page. The session keeps its id until the next login renews it.
     */
    private static void logOut(VaadinSession session, ConsoleSession login, SessionCheck.Reason reason) {
        if (session == null) {
            return;
        }
        ConsoleSession current = session.getAttribute(ConsoleSession.class);
        if (current == null || !current.sameLogin(login)) {
            return;
        }
        session.setAttribute(ConsoleSession.class, null);
        session.setAttribute(CHECKED_AT, null);
        LOG.info("Console session of account {} ended: {}", login.account().id(), reason);
        for (UI ui : List.copyOf(session.getUIs())) {
            ui.navigate(LoginView.ROUTE, QueryParameters.of(ENDED_PARAMETER, reason.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** How many open pages are followed, for tests. */
    int watching() {
        return watches.size();
    }

    private static Optional<Long> id(Object value) {
        if (value instanceof Number number && number.longValue() > 0) {
            return Optional.of(number.longValue());
        }
        return Optional.empty();
    }

    @Deactivate
    void stop() {
        executor.shutdownNow();
        watches.clear();
    }
}
