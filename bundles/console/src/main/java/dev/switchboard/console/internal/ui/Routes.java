package dev.switchboard.console.internal.ui;

import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.RouteRegistry;
import dev.switchboard.console.internal.card.CardView;
import dev.switchboard.console.internal.settings.ChannelSettingsView;
import dev.switchboard.console.internal.settings.ConnectionView;
import dev.switchboard.console.internal.settings.FunnelSettingsView;
import dev.switchboard.console.internal.settings.PluginSettingsView;
import dev.switchboard.console.internal.settings.TagSettingsView;

/**
 * The console's routes, registered by hand because no servlet container scans the bundle for {@code @Route}.
 * Registration is skipped for routes already known. The route registry is an attribute of the servlet context,
 * which outlives the console's servlet; the console takes it away when its Vaadin stops (issue 12), so a new Vaadin
 * normally finds none, but a registry left behind must not stop the console from starting.
 */
public final class Routes {

    static final String INBOX = "inbox";
    static final String SEARCH = "search";
    static final String VIEW = "view";
    static final String CARD = "card";
    static final String SETTINGS = "settings";
    static final String SETTINGS_TAGS = SETTINGS + "/tags";
    static final String SETTINGS_FUNNEL = SETTINGS + "/funnel";
    static final String SETTINGS_CHANNELS = SETTINGS + "/channels";

    private Routes() {
    }

    public static void register(RouteRegistry registry) {
        RouteConfiguration routes = RouteConfiguration.forRegistry(registry);
        routes.update(() -> {
            if (!routes.isRouteRegistered(LoginView.class)) {
                routes.setRoute(LoginView.ROUTE, LoginView.class);
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
            if (!routes.isRouteRegistered(CardView.class)) {
                routes.setRoute(CARD + "/:" + CardView.CONTACT_PARAMETER, CardView.class, MainLayout.class);
            }
            if (!routes.isRouteRegistered(PluginSettingsView.class)) {
                routes.setRoute(SETTINGS, PluginSettingsView.class, MainLayout.class);
            }
            if (!routes.isRouteRegistered(TagSettingsView.class)) {
                routes.setRoute(SETTINGS_TAGS, TagSettingsView.class, MainLayout.class);
            }
            if (!routes.isRouteRegistered(FunnelSettingsView.class)) {
                routes.setRoute(SETTINGS_FUNNEL, FunnelSettingsView.class, MainLayout.class);
            }
            if (!routes.isRouteRegistered(ChannelSettingsView.class)) {
                routes.setRoute(SETTINGS_CHANNELS, ChannelSettingsView.class, MainLayout.class);
            }
            if (!routes.isRouteRegistered(ConnectionView.class)) {
                routes.setRoute(SETTINGS_CHANNELS + "/:" + ConnectionView.PARAMETER, ConnectionView.class,
                        MainLayout.class);
            }
        });
    }
}
