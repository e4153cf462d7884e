package io.leadhub.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a secret that anybody could guess: empty, a placeholder from a sample file (change-me, leadhub,
 * password, ...) or such a word repeated, one character repeated, or (for API keys) shorter than 16 characters.
 * Answers the reason, never the secret itself.
 */
public final class DefaultSecrets {

    public static final int MIN_API_KEY_LENGTH = 16;

    /** Lower case, letters and digits only: "Change_Me" and "change-me" are both "changeme". */
    private static final Set<String> KNOWN = Set.of(
            "changeme", "changemenow", "changethis", "replaceme", "leadhub", "password", "passwd", "pass", "secret",
            "postgres", "admin", "root", "default", "test", "example", "apikey", "yourapikey", "key", "token",
            "letmein", "qwerty", "123456", "12345678", "1234567890", "todo", "xxx", "none", "null");

    private DefaultSecrets() {
    }

    /** Why this API key must not be used, if it must not. */
    public static Optional<String> apiKeyProblem(String key) {
        var problem = guessable(key);
        if (problem.isPresent()) {
            return problem;
        }
        if (key.strip().length() < MIN_API_KEY_LENGTH) {
            return Optional.of("is shorter than " + MIN_API_KEY_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** Why this password must not be used, if it must not. */
    public static Optional<String> passwordProblem(String password) {
        return guessable(password);
    }

    private static Optional<String> guessable(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.of("is empty");
        }
        var stripped = secret.strip();
        if (stripped.chars().distinct().count() == 1) {
            return Optional.of("is one character repeated");
        }
        var word = stripped.toLowerCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]", "");
        if (word.isEmpty() || isKnownOrRepeated(word)) {
            return Optional.of("is a known default (like change-me, leadhub or password)");
        }
        return Optional.empty();
    }

    private static boolean isKnownOrRepeated(String word) {
        for (var known : KNOWN) {
            if (word.length() % known.length() == 0 && known.repeat(word.length() / known.length()).equals(word)) {
                return true;
            }
        }
        return false;
    }
}
