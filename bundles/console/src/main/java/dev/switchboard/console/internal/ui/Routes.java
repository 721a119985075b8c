package dev.switchboard.console.internal.ui;

import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.RouteRegistry;

/**
 * The console's routes, registered by hand because no servlet container scans the bundle for {@code @Route}.
 * Registration is skipped for routes already known: the route registry lives as long as the servlet context,
 * which may outlive one activation of the servlet.
 */
public final class Routes {

    static final String INBOX = "inbox";
    static final String SEARCH = "search";
    static final String VIEW = "view";

    private Routes() {
    }

    public static void register(RouteRegistry registry) {
        RouteConfiguration routes = RouteConfiguration.forRegistry(registry);
        routes.update(() -> {
            if (!routes.isRouteRegistered(LoginView.class)) {
                routes.setRoute("login", LoginView.class);
            }
            if (!routes.isRouteRegistered(InboxView.class)) {
                routes.setRoute(INBOX + "/:" + InboxView.TAB_PARAMETER + "/:" + InboxView.CHAT_PARAMETER + "?",
                        InboxView.class, MainLayout.class);
                routes.setRoute("", InboxView.class, MainLayout.class);
            }
            if (!routes.isRouteRegistered(SearchView.class)) {
                routes.setRoute(SEARCH, SearchView.class, MainLayout.class);
            }
            if (!routes.isRouteRegistered(PanelView.class)) {
                routes.setRoute(VIEW + "/:" + PanelView.KEY_PARAMETER, PanelView.class, MainLayout.class);
            }
        });
    }
}
