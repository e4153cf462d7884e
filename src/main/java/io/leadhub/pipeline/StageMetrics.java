package io.leadhub.pipeline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per stage: leads in, leads out, and the lag — leads waiting for the stage and the age of the oldest — read from
 * their state in PostgreSQL, so it is the same in seda and Kafka mode and the same on every instance. (Failures
 * are counted where dead letters are kept.) The lag is read at most every 15 s, whatever the scrape interval.
 */
@Component
public class StageMetrics {

    private static final List<String> STAGES = List.of("enrich", "score", "personalize");
    private static final Duration REFRESH = Duration.ofSeconds(15);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TierHandOff rules;
    private volatile Lag lag = new Lag(Instant.EPOCH, Map.of(), Map.of());

    record Lag(Instant readAt, Map<String, Long> waiting, Map<String, Instant> oldest) {
    }

    public StageMetrics(JdbcClient jdbc, Clock clock, MeterRegistry meters, TierHandOff rules) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.rules = rules;
        for (var stage : STAGES) {
            Gauge.builder("leadhub.stage.waiting", this, m -> m.lag().waiting().getOrDefault(stage, 0L))
                    .tag("stage", stage).description("leads waiting for the stage").register(meters);
            Gauge.builder("leadhub.stage.oldest.waiting", this, m -> m.oldestSeconds(stage))
                    .tag("stage", stage).baseUnit("seconds").description("how long the longest-waiting lead has waited").register(meters);
        }
    }

    public void in(@Body List<?> leads, @ExchangeProperty("leadhubStage") String stage) {
        Counter.builder("leadhub.stage.in").tag("stage", stage).register(meters).increment(leads.size());
    }

    public void out(@ExchangeProperty("leadhubStageInput") List<?> leads, @ExchangeProperty("leadhubStage") String stage) {
        Counter.builder("leadhub.stage.out").tag("stage", stage).register(meters).increment(leads.size());
    }

    private double oldestSeconds(String stage) {
        var oldest = lag().oldest().get(stage);
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private synchronized Lag lag() {
        if (lag.readAt().plus(REFRESH).isAfter(clock.instant())) {
            return lag;
        }
        var waiting = new HashMap<String, Long>();
        var oldest = new HashMap<String, Instant>();
        jdbc.sql("SELECT status, count(*), min(updated_at) FROM lead WHERE status IN ('received', 'enriched') GROUP BY status")
                .query(rs -> {
                    var stage = "received".equals(rs.getString(1)) ? "enrich" : "score";
                    waiting.put(stage, rs.getLong(2));
                    oldest.put(stage, rs.getObject(3, Timestamp.class).toInstant());
                });
        // qualified leads (their workspace's rules hand their tier on) with nothing written for a product yet
        jdbc.sql("""
                        SELECT l.workspace, s.tier, count(*), min(l.updated_at) FROM lead l JOIN lead_score s ON s.lead_id = l.id
                        WHERE l.status = 'scored' AND EXISTS (SELECT 1 FROM product p WHERE p.workspace = l.workspace)
                        AND NOT EXISTS (SELECT 1 FROM lead_product_enrichment e WHERE e.lead_id = l.id)
                        GROUP BY l.workspace, s.tier""")
                .query(rs -> {
                    if (rules.handsOff(rs.getString(1), rs.getString(2))) {
                        waiting.merge("personalize", rs.getLong(3), Long::sum);
                        var at = rs.getObject(4, Timestamp.class).toInstant();
                        oldest.merge("personalize", at, (a, b) -> a.isBefore(b) ? a : b);
                    }
                });
        lag = new Lag(clock.instant(), waiting, oldest);
        return lag;
    }
}
