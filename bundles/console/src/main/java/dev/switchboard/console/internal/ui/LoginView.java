package dev.switchboard.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import dev.switchboard.api.team.Account;
import dev.switchboard.api.team.Authenticator;
import dev.switchboard.api.team.Member;
import dev.switchboard.api.team.MemberService;
import dev.switchboard.console.internal.i18n.ConsoleI18N;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's login page (PLAT-2): e-mail and password, checked by the {@link Authenticator} with the
 * client's address for throttling. A successful login keeps the account and its first project membership in
 * the session; the header's project switcher changes the membership later.
 */
public final class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LoginView.class);
    /** The login page's address. */
    public static final String ROUTE = "login";

    private final transient Authenticator authenticator;
    private final transient MemberService members;

    private final EmailField email = new EmailField();
    private final PasswordField password = new PasswordField();
    private final Div error = new Div();
    private final Div ended = new Div();

    public LoginView(Authenticator authenticator, MemberService members) {
        this.authenticator = authenticator;
        this.members = members;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);

        H1 heading = new H1(getTranslation("app.name"));
        email.setId("login-email");
        email.setLabel(getTranslation("login.email"));
        email.setAutofocus(true);
        email.setWidth("20em");
        password.setId("login-password");
        password.setLabel(getTranslation("login.password"));
        password.setWidth("20em");
        error.setId("login-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        ended.setId("login-ended");
        ended.setText(getTranslation("login.ended"));
        ended.setVisible(false);
        Button submit = new Button(getTranslation("login.submit"), click -> logIn());
        submit.setId("login-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        add(heading, ended, email, password, error, submit);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (ConsoleSession.current().isPresent()) {
            event.forwardTo(InboxView.class);
            return;
        }
        // sent here by the SessionGuard: the member should know why they must log in again
        ended.setVisible(event.getLocation().getQueryParameters().getParameters()
                .containsKey(SessionGuard.ENDED_PARAMETER));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title");
    }

    private void logIn() {
        ended.setVisible(false);
        String address = VaadinRequest.getCurrent().getRemoteAddr();
        if (email.isEmpty() || password.isEmpty()) {
            showError(getTranslation("login.missing"));
            return;
        }
        char[] secret = password.getValue().toCharArray();
        Authenticator.Result result;
        try {
            result = authenticator.authenticate(email.getValue().trim(), secret, address);
        } catch (RuntimeException e) {
            LOG.error("Login could not be checked", e);
            showError(getTranslation("login.unavailable"));
            return;
        } finally {
            Arrays.fill(secret, '\0');
        }
        password.clear();
        // Java 17 has no pattern switch; Failure is the remaining case of the sealed Result
        if (result instanceof Authenticator.Success success) {
            enter(success);
        } else if (result instanceof Authenticator.Throttled throttled) {
            showError(getTranslation("login.throttled", Durations.format(this, throttled.retryAfter())));
        } else {
            showError(getTranslation("login.failed"));
        }
    }

    private void enter(Authenticator.Success success) {
        Account account = success.account();
        List<Member> memberships = members.membershipsOf(account.id());
        if (memberships.isEmpty()) {
            showError(getTranslation("login.noProject"));
            return;
        }
        VaadinSession session = VaadinSession.getCurrent();
        renewSessionId();
        ConsoleSession.set(session, new ConsoleSession(account, memberships.get(0), success.credentialStamp()));
        account.language().flatMap(ConsoleI18N::supported).ifPresent(session::setLocale);
        LOG.info("Account {} logged in to the console", account.id());
        UI.getCurrent().navigate(InboxView.class);
    }

    /**
     * A new session id for the logged-in session (issue 12): an id someone planted in the browser before the login
     * (session fixation) or saw on the login page is worth nothing afterwards. The session itself, with the page
     * being shown, stays; the new cookie goes out with this response.
     */
    private static void renewSessionId() {
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request) {
            request.changeSessionId();
        } else {
            // a websocket push message: no HTTP request to renew the id through
            LOG.warn("The session id could not be renewed at this login (push transport without HTTP requests)");
        }
    }

    private void showError(String text) {
        error.setText(text);
        error.setVisible(true);
    }

    /** Wait times in words the reader understands ("2 min 5 s"). */
    static final class Durations {
        private Durations() {
        }

        static String format(Component where, Duration duration) {
            long seconds = Math.max(1, duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0));
            long minutes = seconds / 60;
            return minutes == 0
                    ? where.getTranslation("duration.seconds", seconds)
                    : where.getTranslation("duration.minutesSeconds", minutes, seconds % 60);
        }
    }
}
