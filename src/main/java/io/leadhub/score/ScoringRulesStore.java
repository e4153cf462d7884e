package io.leadhub.score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scoring rules in force per workspace. The shipped defaults apply to every workspace without a file of its
 * own in leadhub.scoring.rules-dir; rules changed by file or by PUT /api/scoring/rules become a new version in
 * scoring_rules (every version kept), so each score can say which rules made it.
 */
@Component
@org.springframework.context.annotation.DependsOn("flywayInitializer") // reads its versions at start
public class ScoringRulesStore implements io.leadhub.pipeline.TierHandOff {

    public static final String DEFAULT = "default";
    private static final Logger log = LoggerFactory.getLogger(ScoringRulesStore.class);

    /** Rules in force with the text they were read from and where it came from. */
    public record Current(String workspace, ScoringRules rules, String text, String origin) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Path rulesDir;
    private final Map<String, Current> current = new ConcurrentHashMap<>();
    /** Last text seen per rules file, so that an unchanged or a broken file is not read again and again. */
    private final Map<Path, String> seenFiles = new ConcurrentHashMap<>();

    public ScoringRulesStore(JdbcClient jdbc, Clock clock, ScoringProperties scoring) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rulesDir = scoring.rulesDir();
        load();
    }

    /** The rules for a workspace: its own, else the defaults. */
    @Override
    public boolean handsOff(String workspace, String tier) {
        return current(workspace).rules().handsOff(tier);
    }

    @Override
    public List<String> handedOffTiers(String workspace) {
        var rules = current(workspace).rules();
        return rules.tiers().stream().map(t -> t.name()).filter(rules::handsOff).toList();
    }

    public Current current(String workspace) {
        var own = workspace == null ? null : current.get(workspace);
        return own != null ? own : current.get(DEFAULT);
    }

    /**
     * Validates and stores new rules for a workspace as its next version (unchanged text keeps the version).
     * Returns the rules in force and whether they changed.
     */
    public synchronized Current replace(String workspace, String text, String origin) {
        var parsed = RulesParser.parse(text);
        var latest = latest(workspace);
        if (latest == null || !latest.text().equals(text)) {
            jdbc.sql("""
                            INSERT INTO scoring_rules (workspace, version, rules, origin, created_at)
                            SELECT :ws, coalesce(max(version), 0) + 1, :rules, :origin, :now FROM scoring_rules WHERE workspace = :ws""")
                    .param("ws", workspace).param("rules", text).param("origin", origin)
                    .param("now", Timestamp.from(clock.instant())).update();
            latest = latest(workspace);
            log.info("Scoring rules of workspace '{}' are now version {} (from {})", workspace, latest.version(), origin);
        }
        var now = new Current(workspace, parsed.withVersion(latest.version()), text, latest.origin());
        current.put(workspace, now);
        return now;
    }

    /** Every version of a workspace's rules, newest first. */
    public List<Map<String, Object>> history(String workspace) {
        return jdbc.sql("SELECT version, origin, created_at FROM scoring_rules WHERE workspace = :ws ORDER BY version DESC")
                .param("ws", workspace)
                .query((rs, n) -> Map.<String, Object>of("version", rs.getInt(1), "origin", rs.getString(2),
                        "createdAt", rs.getTimestamp(3).toInstant()))
                .list();
    }

    /**
     * Reads rule files that changed since the last look. A broken file is reported with its reasons and the
     * rules in force stay. Returns the workspaces whose rules changed (to be re-scored).
     */
    public synchronized List<String> reloadChanged() {
        var changed = new ArrayList<String>();
        if (!Files.isDirectory(rulesDir)) {
            return changed;
        }
        try (var files = Files.list(rulesDir)) {
            for (var file : files.filter(f -> f.getFileName().toString().matches("[A-Za-z0-9_.-]+\\.ya?ml")).sorted().toList()) {
                var text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.equals(seenFiles.put(file, text))) {
                    continue;
                }
                var workspace = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
                try {
                    var before = current(workspace);
                    var after = replace(workspace, text, "file:" + file);
                    if (before == null || !workspace.equals(before.workspace()) || before.rules().version() != after.rules().version()) {
                        changed.add(workspace);
                    }
                } catch (RulesParser.InvalidRulesException e) {
                    log.error("Scoring rules in {} are not used: {}", file, String.join("; ", e.errors()));
                }
            }
        } catch (IOException e) {
            log.warn("Could not read scoring rules in {}: {}", rulesDir, e.getMessage());
        }
        return changed;
    }

    private void load() {
        String defaults;
        try {
            defaults = new ClassPathResource("scoring/default-rules.yaml").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replace(DEFAULT, defaults, "classpath:scoring/default-rules.yaml");
        // workspaces whose rules came through the API keep them across restarts
        jdbc.sql("SELECT DISTINCT workspace FROM scoring_rules WHERE workspace <> :d").param("d", DEFAULT)
                .query(String.class).list().forEach(ws -> {
                    var latest = latest(ws);
                    try {
                        current.put(ws, new Current(ws, RulesParser.parse(latest.text()).withVersion(latest.version()), latest.text(), latest.origin()));
                    } catch (RulesParser.InvalidRulesException e) {
                        log.error("Stored scoring rules of workspace '{}' no longer read: {}", ws, e.getMessage());
                    }
                });
        reloadChanged();
    }

    private record Stored(int version, String text, String origin) {
    }

    private Stored latest(String workspace) {
        return jdbc.sql("SELECT version, rules, origin FROM scoring_rules WHERE workspace = :ws ORDER BY version DESC LIMIT 1")
                .param("ws", workspace)
                .query((rs, n) -> new Stored(rs.getInt(1), rs.getString(2), rs.getString(3)))
                .optional().orElse(null);
    }
}
