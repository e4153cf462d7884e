package io.leadhub.personalize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The prompt files (src/main/resources/prompts, each replaceable by a file of the same name in
 * leadhub.personalization.prompts-dir) with their {{variable}} placeholders. A prompt's version is the hash of
 * the texts it is made of, so every stored answer says which prompts wrote it.
 */
@Component
public class PromptTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    private final PersonalizationProperties config;

    public PromptTemplates(PersonalizationProperties config) {
        this.config = config;
    }

    /** Texts read, by name, with the override file's modification time they were read at (-1: the shipped one). */
    private record Read(long modified, String text) {
    }

    private final java.util.Map<String, Read> read = new java.util.concurrent.ConcurrentHashMap<>();

    /** A prompt's text, read once per change of its file rather than once per lead. */
    public String text(String name) {
        var override = config.promptsDir().resolve(name);
        try {
            long modified = Files.isRegularFile(override) ? Files.getLastModifiedTime(override).toMillis() : -1;
            var cached = read.get(name);
            if (cached != null && cached.modified() == modified) {
                return cached.text();
            }
            var text = modified >= 0 ? Files.readString(override, StandardCharsets.UTF_8)
                    : new ClassPathResource("prompts/" + name).getContentAsString(StandardCharsets.UTF_8);
            read.put(name, new Read(modified, text));
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("prompt " + name + " cannot be read", e);
        }
    }

    /** The template with each {{name}} replaced; a placeholder without a value becomes empty. */
    public String render(String name, Map<String, String> values) {
        var matcher = PLACEHOLDER.matcher(text(name));
        var out = new StringBuilder();
        while (matcher.find()) {
            var value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A short hash of the named templates' texts. */
    public String version(String... names) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var name : names) {
                digest.update(text(name).getBytes(StandardCharsets.UTF_8));
            }
            return "p-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
