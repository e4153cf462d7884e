package io.leadhub.pipeline;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.google.common.collect.Lists;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The in-process queues between stages do not survive a crash, but the leads' states do: leads left
 * 'enriched' without a score, and qualified leads left 'scored' without anything written, longer than
 * leadhub.enrichment.sweep-age with no live lease of the stage (StageLeaseRepository: nobody has them queued or at work),
 * are handed to their stage again (route stage-sweep). Both stages are idempotent, so a lead handed on twice is only
 * done again, never doubled.
 */
@Component
public class StageSweep {

    private static final int PAGE = 500;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StageSettings settings;
    private final TierHandOff rules;

    public StageSweep(JdbcClient jdbc, Clock clock, StageSettings settings, TierHandOff rules) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.rules = rules;
    }

    /** Pages of enriched leads that were never scored. */
    public List<List<String>> unscored() {
        if (!settings.stage("score").enabled()) {
            return List.of();
        }
        var ids = jdbc.sql("""
                        SELECT l.id::text FROM lead l WHERE l.status = 'enriched' AND l.updated_at < :before
                        AND %s
                        AND NOT EXISTS (SELECT 1 FROM dead_letter d WHERE d.stage = 'score' AND d.status = 'open'
                                        AND d.payload LIKE '%%' || l.id::text || '%%')
                        ORDER BY l.updated_at LIMIT 5000""".formatted(StageLeaseRepository.NO_LIVE_LEASE))
                .param("before", before()).param("leaseStage", "score").query(String.class).list();
        return Lists.partition(ids, PAGE);
    }

    /** Pages of qualified leads (their workspace's rules hand their tier off) with nothing written yet. */
    public List<List<String>> unwritten() {
        if (!settings.stage("personalize").enabled()) {
            return List.of();
        }
        var ids = new ArrayList<String>();
        jdbc.sql("""
                        SELECT l.id::text, l.workspace, s.tier FROM lead l JOIN lead_score s ON s.lead_id = l.id
                        WHERE l.status = 'scored' AND l.updated_at < :before
                        AND EXISTS (SELECT 1 FROM product p WHERE p.workspace = l.workspace)
                        AND NOT EXISTS (SELECT 1 FROM lead_product_enrichment e WHERE e.lead_id = l.id)
                        AND %s
                        AND NOT EXISTS (SELECT 1 FROM dead_letter d WHERE d.stage = 'personalize' AND d.status = 'open'
                                        AND d.payload LIKE '%%' || l.id::text || '%%')
                        ORDER BY l.updated_at LIMIT 5000""".formatted(StageLeaseRepository.NO_LIVE_LEASE))
                .param("before", before()).param("leaseStage", "personalize")
                .query(rs -> {
                    if (rules.handsOff(rs.getString(2), rs.getString(3))) {
                        ids.add(rs.getString(1));
                    }
                });
        return Lists.partition(ids, PAGE);
    }

    private Timestamp before() {
        return Timestamp.from(clock.instant().minus(settings.sweepAge()));
    }

}
