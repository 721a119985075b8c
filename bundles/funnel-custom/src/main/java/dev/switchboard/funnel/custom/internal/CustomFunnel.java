package dev.switchboard.funnel.custom.internal;

import dev.switchboard.api.funnel.FunnelDefinition;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One funnel per factory configuration of {@code dev.switchboard.funnel.custom} (CARD-3): the configuration's
 * stages become a {@link FunnelDefinition} service that projects may choose.
 *
 * <p>The component registers the service itself instead of being it: a configuration that does not describe a
 * funnel must not put a broken funnel in front of the card bundle, and Declarative Services can only refuse a
 * service by failing activation (a stack trace per attempt, the component marked failed). Here a bad
 * configuration gives one error naming the configuration and the bad value, and no service. A changed
 * configuration reactivates the component (there is no modified method), so the funnel is registered anew with
 * its new stages and the card bundle reads it again.
 */
@Component(configurationPid = CustomFunnel.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CustomFunnelConfig.class, factory = true)
public final class CustomFunnel {

    static final String FACTORY_PID = "dev.switchboard.funnel.custom";

    private static final Logger LOG = LoggerFactory.getLogger(CustomFunnel.class);

    private final ServiceRegistration<FunnelDefinition> registration;

    @Activate
    public CustomFunnel(BundleContext context, CustomFunnelConfig config, Map<String, Object> properties) {
        String pid = String.valueOf(properties.getOrDefault(Constants.SERVICE_PID, FACTORY_PID));
        ConfiguredFunnel funnel;
        try {
            funnel = ConfiguredFunnel.parse(config.key(), config.name_en(), config.name_ru(), config.stages());
        } catch (InvalidConfiguration e) {
            LOG.error("Funnel configuration {} is invalid, no funnel is registered for it: {}", pid, e.getMessage());
            this.registration = null;
            return;
        }
        Hashtable<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put("funnel.key", funnel.key());
        serviceProperties.put("funnel.configuration", pid);
        this.registration = context.registerService(FunnelDefinition.class, funnel, serviceProperties);
        LOG.info("Funnel {} with {} stages registered from configuration {}", funnel.key(), funnel.stages().size(),
                pid);
    }

    @Deactivate
    void deactivate() {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters a stopping bundle's services itself
        }
    }
}
