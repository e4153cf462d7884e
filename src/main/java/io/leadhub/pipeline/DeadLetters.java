package io.leadhub.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Work a stage could not finish after its retries (the stage-errors route configuration): kept in dead_letter
 * with the stage, the leads, the error and how often it failed, readable through the API and replayable. The
 * same work failing again counts as another attempt of the same dead letter. Replay hands the work back to the
 * stage's entry; every stage's write is idempotent, so replaying twice does no harm.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** The property the stages' routes keep their input in. */
    public static final String INPUT = "leadhubStageInput";
    /** The stages whose dead letters can be replayed (each re-enters at its batch route, leadhub.endpoints). */
    private static final List<String> STAGES = List.of("enrich", "score", "personalize");

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ProducerTemplate camel;
    private final MeterRegistry meters;
    private final io.leadhub.pipeline.PipelineEndpoints endpoints;

    public DeadLetters(JdbcClient jdbc, ObjectMapper json, Clock clock, ProducerTemplate camel, MeterRegistry meters,
                       io.leadhub.pipeline.PipelineEndpoints endpoints) {
        this.endpoints = endpoints;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.camel = camel;
        this.meters = meters;
    }

    /** Records the failed exchange's work (its stage input: a list of lead ids) with the error. */
    public void record(Exchange exchange) {
        var stage = exchange.getProperty("leadhubStage", "unknown", String.class);
        Object input = exchange.getProperty(INPUT);
        if (input == null) {
            input = exchange.getMessage().getBody();
        }
        var error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        var reason = error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
        keep(stage, input instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(input)), reason);
    }

    /** Keeps work a stage refused outright (a queue record that names no lead), without trying it. */
    public void refuse(String stage, String record, String reason) {
        keep(stage, List.of(record), reason);
    }

    private void keep(String stage, List<String> input, String reason) {
        String payload;
        try {
            payload = json.writeValueAsString(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var now = Timestamp.from(clock.instant());
        // one attempt = the stage's try and its redeliveries (routes/stage-errors.camel.yaml), or one replay
        int tries = 1;
        var again = jdbc.sql("""
                        UPDATE dead_letter SET attempts = attempts + :tries, last_at = :now, error = :error
                        WHERE stage = :stage AND payload = :payload AND status = 'open'""")
                .param("tries", tries).param("now", now).param("error", reason).param("stage", stage).param("payload", payload).update();
        if (again == 0) {
            var ids = readIds(payload);
            jdbc.sql("""
                            INSERT INTO dead_letter (stage, lead_id, payload, error, attempts, first_at, last_at)
                            VALUES (:stage, CAST(:lead AS uuid), :payload, :error, :tries, :now, :now)""")
                    .param("tries", tries).param("stage", stage).param("lead", ids.size() == 1 && isUuid(ids.get(0)) ? ids.get(0) : null).param("payload", payload)
                    .param("error", reason).param("now", now).update();
        }
        Counter.builder("leadhub.stage.failed").tag("stage", stage).register(meters).increment();
        log.error("Stage {} could not finish {} lead(s) after its retries; kept as a dead letter: {}", stage, readIds(payload).size(), reason);
    }

    public List<Map<String, Object>> list(String stage, String status) {
        return jdbc.sql("""
                        SELECT * FROM dead_letter WHERE (CAST(:stage AS text) IS NULL OR stage = :stage)
                        AND (CAST(:status AS text) IS NULL OR status = :status) ORDER BY last_at DESC LIMIT 500""")
                .param("stage", stage).param("status", status)
                .query((rs, n) -> {
                    var row = new LinkedHashMap<String, Object>();
                    row.put("id", rs.getLong("id"));
                    row.put("stage", rs.getString("stage"));
                    row.put("leadId", rs.getObject("lead_id"));
                    row.put("leadIds", readIds(rs.getString("payload")));
                    row.put("error", rs.getString("error"));
                    row.put("attempts", rs.getInt("attempts"));
                    row.put("firstAt", rs.getTimestamp("first_at").toInstant());
                    row.put("lastAt", rs.getTimestamp("last_at").toInstant());
                    var replayed = rs.getTimestamp("replayed_at");
                    row.put("replayedAt", replayed == null ? null : replayed.toInstant());
                    row.put("status", rs.getString("status"));
                    return (Map<String, Object>) row;
                })
                .list();
    }

    /**
     * Hands the dead letter's work back to its stage and waits for it. Replaying a replayed letter is a no-op;
     * if the work fails again it is recorded again (as a new open letter).
     */
    public Optional<Map<String, Object>> replay(long id) {
        var letter = jdbc.sql("SELECT stage, payload, status FROM dead_letter WHERE id = :id").param("id", id)
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).optional();
        if (letter.isEmpty()) {
            return Optional.empty();
        }
        var stage = letter.get()[0];
        if ("replayed".equals(letter.get()[2])) {
            return Optional.of(Map.of("id", id, "status", "replayed", "note", "already replayed"));
        }
        var entry = STAGES.contains(stage) ? endpoints.stageBatch(stage) : null;
        if (entry == null) {
            throw new IllegalArgumentException("dead letters of stage '" + stage + "' cannot be replayed (known: " + STAGES + ")");
        }
        // claimed first, so two replays of the same letter (or two instances) do not both run it
        var claimed = jdbc.sql("UPDATE dead_letter SET status = 'replayed', replayed_at = :now WHERE id = :id AND status = 'open'")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
        if (claimed == 0) {
            return Optional.of(Map.of("id", id, "status", "replayed", "note", "already replayed"));
        }
        try {
            camel.requestBodyAndHeaders(entry, readIds(letter.get()[1]), Map.of("leadhubReplay", id, "leadhubOnDemand", true));
        } catch (RuntimeException e) {
            jdbc.sql("UPDATE dead_letter SET status = 'open', replayed_at = NULL, attempts = attempts + 1, last_at = :now, error = :error WHERE id = :id")
                    .param("now", Timestamp.from(clock.instant())).param("error", String.valueOf(e.getMessage())).param("id", id).update();
            return Optional.of(Map.of("id", id, "status", "open", "error", String.valueOf(e.getMessage())));
        }
        return Optional.of(Map.of("id", id, "status", "replayed"));
    }

    /** Replays every open dead letter of a stage; answers how many were replayed and how many failed again. */
    public Map<String, Object> replayStage(String stage) {
        var ids = jdbc.sql("SELECT id FROM dead_letter WHERE stage = :stage AND status = 'open' ORDER BY id").param("stage", stage)
                .query(Long.class).list();
        int replayed = 0;
        int failed = 0;
        for (var id : ids) {
            var result = replay(id).orElseThrow();
            if ("replayed".equals(result.get("status"))) {
                replayed++;
            } else {
                failed++;
            }
        }
        return Map.of("stage", stage, "replayed", replayed, "failedAgain", failed);
    }

    private static boolean isUuid(String text) {
        try {
            java.util.UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Set<String> stages() {
        return new java.util.LinkedHashSet<>(STAGES);
    }

    private List<String> readIds(String payload) {
        try {
            return json.readValue(payload, new TypeReference<>() { });
        } catch (IOException e) {
            return List.of();
        }
    }
}
