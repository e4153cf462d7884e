package io.leadhub.score;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Background re-scoring (route score-rescore): a job per request or rules change, walking the leads of a
 * workspace (or all) page by page in id order, with its progress in scoring_job. Scoring is idempotent, so a job
 * cut short by a crash is simply run again at the next start.
 */
@Component
public class Rescoring {

    private static final Logger log = LoggerFactory.getLogger(Rescoring.class);
    /** Every lead of the workspace: a lead not enriched yet is scored on its own fields (and keeps its status). */
    private static final String ELIGIBLE = "(CAST(:ws AS text) IS NULL OR l.workspace = :ws)";

    /** One running job: where it is in the id order. */
    public static final class Job {
        private final long id;
        private final String workspace;
        private UUID after = new UUID(0, 0); // PostgreSQL orders uuids by unsigned bytes: all zeros is the least
        private boolean more = true;
        private int done;

        Job(long id, String workspace) {
            this.id = id;
            this.workspace = workspace;
        }

        public boolean hasNext() {
            return more;
        }

        public long id() {
            return id;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ProducerTemplate camel;
    private final int pageSize;
    private final String queue;

    public Rescoring(JdbcClient jdbc, Clock clock, ProducerTemplate camel, ScoringProperties scoring,
                     io.leadhub.pipeline.PipelineEndpoints endpoints) {
        this.queue = endpoints.scoreRescore();
        this.jdbc = jdbc;
        this.clock = clock;
        this.camel = camel;
        this.pageSize = Math.max(1, scoring.rescoreBatchSize());
    }

    /** Queues a re-score of a workspace's leads (null: every workspace); answers the job id. */
    public long start(String workspace, String reason) {
        var total = jdbc.sql("SELECT count(*) FROM lead l WHERE " + ELIGIBLE).param("ws", workspace).query(Integer.class).single();
        var id = jdbc.sql("""
                        INSERT INTO scoring_job (workspace, reason, status, total, done, created_at)
                        VALUES (:ws, :reason, 'queued', :total, 0, :now) RETURNING id""")
                .param("ws", workspace).param("reason", reason).param("total", total)
                .param("now", Timestamp.from(clock.instant())).query(Long.class).single();
        camel.sendBody(queue, new Job(id, workspace));
        log.info("Re-scoring job {} queued for {} leads ({})", id, total, reason);
        return id;
    }

    /** Rules of a workspace changed: its leads are re-scored (the defaults' change concerns every workspace without its own). */
    public long rulesChanged(String workspace) {
        return start(ScoringRulesStore.DEFAULT.equals(workspace) ? null : workspace, "rules of '" + workspace + "' changed");
    }

    public List<String> nextPage(@ExchangeProperty("leadhubScoringJob") Job job) {
        if (job.done == 0) {
            jdbc.sql("UPDATE scoring_job SET status = 'running' WHERE id = :id").param("id", job.id).update();
        }
        var ids = jdbc.sql("SELECT l.id FROM lead l WHERE l.id > :after AND " + ELIGIBLE + " ORDER BY l.id LIMIT :n")
                .param("after", job.after).param("ws", job.workspace).param("n", pageSize)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
        if (ids.size() < pageSize) {
            job.more = false;
        }
        if (!ids.isEmpty()) {
            job.after = ids.get(ids.size() - 1);
        }
        job.done += ids.size();
        return ids.stream().map(UUID::toString).toList();
    }

    public void progress(@ExchangeProperty("leadhubScoringJob") Job job) {
        jdbc.sql("UPDATE scoring_job SET done = :done WHERE id = :id").param("done", job.done).param("id", job.id).update();
    }

    public void finish(@ExchangeProperty("leadhubScoringJob") Job job) {
        jdbc.sql("UPDATE scoring_job SET status = 'done', done = :done, finished_at = :now WHERE id = :id")
                .param("done", job.done).param("now", Timestamp.from(clock.instant())).param("id", job.id).update();
        log.info("Re-scoring job {} done: {} leads", job.id, job.done);
    }

    public Optional<Map<String, Object>> job(long id) {
        return jdbc.sql("SELECT id, workspace, reason, status, total, done, error, created_at, finished_at FROM scoring_job WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> {
                    var row = new java.util.LinkedHashMap<String, Object>();
                    row.put("id", rs.getLong("id"));
                    row.put("workspace", rs.getString("workspace"));
                    row.put("reason", rs.getString("reason"));
                    row.put("status", rs.getString("status"));
                    row.put("total", rs.getInt("total"));
                    row.put("done", rs.getInt("done"));
                    row.put("error", rs.getString("error"));
                    row.put("createdAt", rs.getTimestamp("created_at").toInstant());
                    var finished = rs.getTimestamp("finished_at");
                    row.put("finishedAt", finished == null ? null : finished.toInstant());
                    return (Map<String, Object>) row;
                })
                .optional();
    }

    /** Jobs a crash cut short run again (re-scoring twice is harmless). */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeInterrupted() {
        jdbc.sql("SELECT id, workspace FROM scoring_job WHERE status IN ('queued', 'running') ORDER BY id")
                .query((rs, n) -> new Job(rs.getLong(1), rs.getString(2))).list()
                .forEach(job -> {
                    log.info("Re-scoring job {} was cut short: running it again", job.id);
                    camel.sendBody(queue, job);
                });
    }
}
