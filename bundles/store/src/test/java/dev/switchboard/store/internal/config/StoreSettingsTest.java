package dev.switchboard.store.internal.config;

import dev.switchboard.api.store.Database.Dialect;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreSettingsTest {

    private static final UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    @Test
    void withoutConfigurationTheStoreUsesAnH2FileUnderKarafData() {
        Properties system = new Properties();
        system.setProperty("karaf.data", "/opt/switchboard/data");

        StoreSettings settings = StoreSettings.from(config(Map.of()), NO_ENVIRONMENT, system);

        assertThat(settings.dialect()).isEqualTo(Dialect.H2);
        assertThat(settings.h2File()).isEqualTo(Path.of("/opt/switchboard/data/switchboard/switchboard"));
        assertThat(settings.poolMaxSize()).isEqualTo(10);
    }

    @Test
    void outsideKarafTheH2FileIsUnderTheWorkingDirectory() {
        StoreSettings settings = StoreSettings.from(config(Map.of()), NO_ENVIRONMENT, new Properties());

        assertThat(settings.h2File()).isEqualTo(Path.of("data/switchboard/switchboard").toAbsolutePath());
    }

    @Test
    void passwordFromTheNamedEnvironmentVariableWinsOverThePlainOne() {
        StoreConfig config = config(Map.of("db_kind", "postgresql", "postgresql_password", "plain",
                "postgresql_password_env", "SB_DB_PASSWORD"));

        assertThat(StoreSettings.from(config, Map.of("SB_DB_PASSWORD", "secret")::get, new Properties())
                .postgresqlPassword()).isEqualTo("secret");
        assertThat(StoreSettings.from(config, NO_ENVIRONMENT, new Properties()).postgresqlPassword())
                .isEqualTo("plain");
    }

    @Test
    void thePasswordNeverAppearsInWhatIsLogged() {
        StoreSettings settings = StoreSettings.from(config(Map.of("db_kind", "postgresql",
                "postgresql_url", "jdbc:postgresql://db:5432/sb?password=inurl", "postgresql_password", "s3cret")),
                NO_ENVIRONMENT, new Properties());

        assertThat(settings.describe()).isEqualTo("PostgreSQL jdbc:postgresql://db:5432/sb as user switchboard");
        assertThat(settings.toString()).doesNotContain("s3cret", "inurl");
    }

    @Test
    void unknownEngineIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> StoreSettings.from(config(Map.of("db_kind", "oracle")), NO_ENVIRONMENT,
                new Properties())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("db.kind");
    }

    /** The configuration DS would build: the annotation's defaults, overridden by {@code values}. */
    private static StoreConfig config(Map<String, Object> values) {
        return (StoreConfig) java.lang.reflect.Proxy.newProxyInstance(StoreConfig.class.getClassLoader(),
                new Class<?>[]{StoreConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return StoreConfig.class;
                    }
                    return values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
