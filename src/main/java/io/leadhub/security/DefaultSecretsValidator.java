package io.leadhub.security;

import java.util.ArrayList;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The hub does not start with a secret anybody could guess: every API key in leadhub.security.api-keys, and
 * the password of an external database (spring.datasource.url set; the embedded one generates its own).
 */
@Component
public class DefaultSecretsValidator implements InitializingBean {

    private final SecurityProperties properties;
    private final Environment environment;

    public DefaultSecretsValidator(SecurityProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        var problems = new ArrayList<String>();
        var keys = properties.apiKeys();
        for (int i = 0; i < keys.size(); i++) {
            int index = i;
            DefaultSecrets.apiKeyProblem(keys.get(i).key()).ifPresent(problem -> problems.add(
                    "leadhub.security.api-keys[" + index + "].key (workspace " + keys.get(index).workspace() + ") "
                            + problem + ": set a random key of at least " + DefaultSecrets.MIN_API_KEY_LENGTH
                            + " characters, e.g. from `openssl rand -hex 24`"));
        }
        if (!environment.getProperty("spring.datasource.url", "").isBlank()) {
            DefaultSecrets.passwordProblem(environment.getProperty("spring.datasource.password")).ifPresent(problem ->
                    problems.add("spring.datasource.password (SPRING_DATASOURCE_PASSWORD) " + problem
                            + ": give the database a strong password"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with a guessable secret: " + String.join("; ", problems));
        }
    }
}
