package dev.switchboard.funnel.custom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.funnel.FunnelDefinition;
import dev.switchboard.api.funnel.FunnelStage;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class CustomFunnelTest {

    private static final Map<String, Object> PROPERTIES =
            Map.of("service.pid", "dev.switchboard.funnel.custom~realestate");

    private final Registry registry = new Registry();

    @Test
    void CARD3_aValidConfigurationRegistersItsFunnelUntilDeactivated() {
        CustomFunnel component = new CustomFunnel(registry.context(),
                config("realestate", "Real estate", "Недвижимость", "lead;Lead;Заявка;#90a4ae, deal;Deal;Сделка;#43a047"),
                PROPERTIES);

        assertThat(registry.live).singleElement().satisfies(r -> {
            assertThat(r.properties.get("funnel.key")).isEqualTo("realestate");
            assertThat(r.properties.get("funnel.configuration")).isEqualTo("dev.switchboard.funnel.custom~realestate");
            assertThat(r.funnel.key()).isEqualTo("realestate");
            assertThat(r.funnel.stages()).extracting(FunnelStage::key).containsExactly("lead", "deal");
        });

        component.deactivate();
        assertThat(registry.live).isEmpty();
    }

    @Test
    void CARD3_anInvalidConfigurationRegistersNoFunnel() {
        CustomFunnel component = new CustomFunnel(registry.context(),
                config("realestate", "Real estate", "", "lead;Lead;Заявка;#90a4ae, deal;Deal;;green"), PROPERTIES);

        assertThat(registry.live).isEmpty();
        assertThat(registry.registered).isZero();
        component.deactivate();
        assertThat(registry.live).isEmpty();
    }

    private static CustomFunnelConfig config(String key, String nameEn, String nameRu, String... stages) {
        return new CustomFunnelConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CustomFunnelConfig.class;
            }

            @Override
            public String key() {
                return key;
            }

            @Override
            public String name_en() {
                return nameEn;
            }

            @Override
            public String name_ru() {
                return nameRu;
            }

            @Override
            public String[] stages() {
                return stages;
            }
        };
    }

    /** The part of a framework this component uses: registering and unregistering services. */
    private static final class Registry {

        record Registration(FunnelDefinition funnel, Dictionary<String, ?> properties) {
        }

        final List<Registration> live = new ArrayList<>();
        int registered;

        BundleContext context() {
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("registerService") || args[0] != FunnelDefinition.class) {
                            throw new UnsupportedOperationException(method.toString());
                        }
                        Registration r = new Registration((FunnelDefinition) args[1], (Dictionary<String, ?>) args[2]);
                        live.add(r);
                        registered++;
                        return registration(r);
                    });
        }

        private ServiceRegistration<?> registration(Registration r) {
            return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("unregister")) {
                            throw new UnsupportedOperationException(method.toString());
                        }
                        if (!live.remove(r)) {
                            throw new IllegalStateException("unregistered twice");
                        }
                        return null;
                    });
        }
    }
}
