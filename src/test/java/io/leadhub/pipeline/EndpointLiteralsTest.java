package io.leadhub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Java code names no endpoint of its own: it sends to the URIs of leadhub.endpoints (PipelineEndpoints) or other
 * properties, which the routes read too. A literal "direct:x", "seda:x", "kafka:x" or "timer:x" is allowed only as
 * a property's default (in a @ConfigurationProperties class).
 */
class EndpointLiteralsTest {

    private static final Pattern ENDPOINT_LITERAL = Pattern.compile("\"(direct|seda|kafka|timer):[A-Za-z{]");

    @Test
    void mainCodeSendsToConfiguredEndpointsOnly() throws IOException {
        var offending = new ArrayList<String>();
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var text = Files.readString(file);
                if (text.contains("@ConfigurationProperties")) {
                    continue;
                }
                var lines = text.split("\n");
                for (int i = 0; i < lines.length; i++) {
                    var line = lines[i].strip();
                    if (!line.startsWith("*") && !line.startsWith("//") && ENDPOINT_LITERAL.matcher(line).find()) {
                        offending.add(file + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertThat(offending).as("endpoint URIs spelled in Java code instead of read from properties").isEmpty();
    }
}
