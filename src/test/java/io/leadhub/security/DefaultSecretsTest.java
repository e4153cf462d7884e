package io.leadhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import io.leadhub.LeadhubApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A sample file's placeholder secret (docker-compose.yml had change-me and leadhub) must stop the hub. */
class DefaultSecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"change-me", "CHANGE_ME", "changeme", "leadhub", "password", "secret", "", "   ",
            "change-me-change-me", "aaaaaaaaaaaaaaaaaaaa", "Password!", "k-acme-0123"})
    void guessableApiKeysAreRefused(String key) {
        assertThat(DefaultSecrets.apiKeyProblem(key)).as(key).isPresent();
    }

    @Test
    void anApiKeyNeedsSixteenCharacters() {
        assertThat(DefaultSecrets.apiKeyProblem("k-acme-0123")).hasValue("is shorter than 16 characters");
        assertThat(DefaultSecrets.apiKeyProblem("short-but-rand0m")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"leadhub", "postgres", "password", "change-me", "", "secretsecret"})
    void guessableDatabasePasswordsAreRefused(String password) {
        assertThat(DefaultSecrets.passwordProblem(password)).as(password).isPresent();
    }

    @Test
    void randomSecretsPass() {
        assertThat(DefaultSecrets.apiKeyProblem("3f9c1e0b7a5d2c8e4f6a1b0c9d8e7f6a")).isEmpty();
        assertThat(DefaultSecrets.passwordProblem("kX9#vq2!Lm")).isEmpty();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecurityProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, DefaultSecretsValidator.class);

    @Test
    void theValidatorRefusesTheComposeDefaultsWithAClearMessage() {
        runner.withPropertyValues("leadhub.security.api-keys[0].key=change-me", "leadhub.security.api-keys[0].workspace=acme",
                        "spring.datasource.url=jdbc:postgresql://postgres:5432/leadhub", "spring.datasource.password=leadhub")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("leadhub.security.api-keys[0].key (workspace acme) is a known default")
                            .hasMessageContaining("spring.datasource.password (SPRING_DATASOURCE_PASSWORD) is a known default")
                            .hasMessageNotContaining("change-me-");
                });
    }

    @Test
    void theValidatorLetsStrongSecretsAndTheEmbeddedDatabaseThrough() {
        // no spring.datasource.url: the embedded PostgreSQL makes its own password, nothing to check
        runner.withPropertyValues("leadhub.security.api-keys[0].key=3f9c1e0b7a5d2c8e4f6a1b0c9d8e7f6a")
                .run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db/leadhub", "spring.datasource.password=Zr8-q1w-Hk3-p0x")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theHubItselfDoesNotStartWithChangeMe(@TempDir Path work) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(LeadhubApplication.class).run(
                "--server.port=0",
                "--leadhub.scheduler-name=default-secrets-test",
                "--leadhub.embedded-postgres.data-dir=" + work.resolve("pg"),
                "--leadhub.inbox.dir=" + work.resolve("inbox"),
                "--leadhub.security.api-keys[0].key=change-me").close())
                .rootCause().hasMessageContaining("Refusing to start with a guessable secret")
                .hasMessageContaining("leadhub.security.api-keys[0].key");
    }
}
