package io.leadhub.enrich.providers.pipe0;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A pipe0 provider's own options (type pipe0), beside the common leadhub.providers.&lt;id&gt;.* properties.
 *
 * @param pipes        the pipes run for each question (pipe ids with their version)
 * @param mode         sync (one call to run/sync, up to 9 questions) or async (run, then poll check/{run_id}, up to
 *                     100 questions)
 * @param pollInterval async mode: the wait between polls of a run
 * @param maxPolls     async mode: polls of a run at most; a run still pending after them is an error
 */
public record Pipe0ProviderOptions(
        @DefaultValue("company:overview@3") List<String> pipes,
        @DefaultValue("sync") String mode,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("90") int maxPolls) {

    public Pipe0ProviderOptions {
        if (!List.of("sync", "async").contains(mode)) {
            throw new IllegalArgumentException("mode is '" + mode + "': use sync (run/sync) or async (run, then poll check/{run_id})");
        }
        if (maxPolls < 1) {
            throw new IllegalArgumentException("max-polls is " + maxPolls + ": at least 1");
        }
    }

    public boolean async() {
        return "async".equals(mode);
    }
}
