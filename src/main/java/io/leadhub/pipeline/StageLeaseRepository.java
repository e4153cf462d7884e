package io.leadhub.pipeline;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which lead a stage (enrich, score, personalize) has queued or is working on, in PostgreSQL (table stage_lease),
 * so that a sweep hands on only leads nobody holds, whatever the size of an in-process queue or a topic's backlog.
 * Every claim is one statement (an insert that takes over only an expired lease), so two instances or two batches
 * cannot both win a lead. The owner refreshes its leases ({@link #heartbeat()}) and deletes them when the stage's
 * result is stored; the leases of an instance that died lapse after leadhub.stages.lease-timeout. Ages are the
 * database's clock, the one clock every instance shares. The heartbeat refreshes only the leases this instance
 * still holds in memory: a lease whose release failed (the database away for a moment) is let go here all the
 * same, so it lapses and its lead is handed on again instead of being kept alive until the instance stops.
 */
@Component
public class StageLeaseRepository {

    private static final Logger log = LoggerFactory.getLogger(StageLeaseRepository.class);

    /**
     * For a sweep's query of leads (alias {@code l}): the lead has no live lease of the stage bound to
     * {@code :leaseStage}.
     */
    public static final String NO_LIVE_LEASE =
            "NOT EXISTS (SELECT 1 FROM stage_lease sl WHERE sl.stage = :leaseStage AND sl.lead_id = l.id AND sl.lease_until >= now())";

    private final JdbcClient jdbc;
    private final StageLeaseProperties config;
    private final boolean seda;
    /** New at every start: a restarted instance must not take the leases of its dead predecessor for its own. */
    private final String owner;
    /** The leases this instance holds and refreshes, per stage: what its claims won and its releases have not let go. */
    private final Map<String, Set<UUID>> held = new ConcurrentHashMap<>();

    public StageLeaseRepository(JdbcClient jdbc, StageLeaseProperties stages, StageSettings settings) {
        if (stages.leaseTimeout().compareTo(stages.leaseHeartbeat().multipliedBy(3)) < 0) {
            // one late heartbeat would let a live instance's leads be taken over and worked twice
            throw new IllegalStateException("leadhub.stages.lease-timeout (" + stages.leaseTimeout()
                    + ") must be at least three times leadhub.stages.lease-heartbeat (" + stages.leaseHeartbeat() + ")");
        }
        this.jdbc = jdbc;
        this.config = stages;
        this.seda = !settings.kafka();
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String owner() {
        return owner;
    }

    /**
     * Leads handed to a stage's queue. In seda mode the queue is this instance's memory: the lease is refreshed
     * while the lead waits, and a lead already queued or being worked on is not queued again (the ids returned are
     * those to queue). In Kafka mode the topic holds the lead: the lease is only a mark that keeps the sweep away
     * for leadhub.stages.queued-lease-timeout, and nobody refreshes it.
     */
    public List<String> claimQueued(String stage, Collection<?> ids) {
        var ttl = seda ? config.leaseTimeout() : config.queuedLeaseTimeout();
        return claim(stage, ids, "queued", ttl, "stage_lease.lease_until < now()", seda);
    }

    /**
     * A batch's leads, now worked on by this instance: a lead with no lease, a queued one (the queue handed it
     * here) or one whose lease lapsed. A lead another batch is working on is left out: it is being done.
     */
    public List<String> claimWorking(String stage, Collection<?> ids) {
        return claim(stage, ids, "working", config.leaseTimeout(),
                "stage_lease.state = 'queued' OR stage_lease.lease_until < now()", true);
    }

    private List<String> claim(String stage, Collection<?> ids, String state, Duration ttl, String takeOverWhen,
                               boolean refreshed) {
        var uuids = ids.stream().map(String::valueOf).map(UUID::fromString).distinct().sorted().toArray(UUID[]::new);
        if (uuids.length == 0) {
            return List.of();
        }
        // takeOverWhen is one of the two constant conditions above, never input
        var won = jdbc.sql("""
                        INSERT INTO stage_lease (stage, lead_id, owner, state, lease_until)
                        SELECT :stage, ids.id, :owner, :state, now() + :ttl * interval '1 millisecond'
                        FROM unnest(CAST(:ids AS uuid[])) AS ids(id) JOIN lead l ON l.id = ids.id
                        ON CONFLICT (stage, lead_id) DO UPDATE
                            SET owner = EXCLUDED.owner, state = EXCLUDED.state, lease_until = EXCLUDED.lease_until
                            WHERE %s
                        RETURNING lead_id::text""".formatted(takeOverWhen))
                .param("stage", stage).param("owner", owner).param("state", state).param("ttl", ttl.toMillis())
                .param("ids", uuids)
                .query(String.class).list();
        if (refreshed) {
            var mine = held.computeIfAbsent(stage, s -> ConcurrentHashMap.newKeySet());
            won.forEach(id -> mine.add(UUID.fromString(id)));
        }
        return won;
    }

    /** The stage is done with these leads (stored, or kept as a dead letter), or they did not fit in its queue. */
    public void release(String stage, Collection<?> ids) {
        if (ids.isEmpty()) {
            return;
        }
        var uuids = ids.stream().map(String::valueOf).map(UUID::fromString).toArray(UUID[]::new);
        // let go first: if the delete fails, the row is no longer refreshed and lapses after the lease timeout
        var mine = held.get(stage);
        if (mine != null) {
            for (var id : uuids) {
                mine.remove(id);
            }
        }
        jdbc.sql("DELETE FROM stage_lease WHERE stage = :stage AND lead_id = ANY(:ids) AND owner = :owner")
                .param("stage", stage).param("owner", owner).param("ids", uuids)
                .update();
    }

    /** Kafka mode: records read whose work was already done; their queued marks (whoever wrote them) go. */
    public void dropQueued(String stage, Collection<?> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM stage_lease WHERE stage = :stage AND lead_id = ANY(:ids) AND state = 'queued'")
                .param("stage", stage)
                .param("ids", ids.stream().map(String::valueOf).map(UUID::fromString).toArray(UUID[]::new))
                .update();
    }

    /**
     * Keeps the leases this instance holds alive (route stage-leases-heartbeat): in seda mode queued and working
     * ones, in Kafka mode the working ones (a queued mark on a topic is not refreshed).
     */
    public int heartbeat() {
        var refreshed = 0;
        for (var entry : held.entrySet()) {
            var ids = entry.getValue().toArray(UUID[]::new);
            if (ids.length == 0) {
                continue;
            }
            // rows another statement holds right now (a batch releasing or claiming them) are skipped, not waited
            // for: waiting on them in no set order is how a refresh and a release deadlock; those rows are being
            // renewed or deleted anyway, and the next refresh comes well within the timeout
            refreshed += jdbc.sql("""
                            UPDATE stage_lease SET lease_until = now() + :ttl * interval '1 millisecond'
                            WHERE (stage, lead_id) IN (SELECT stage, lead_id FROM stage_lease
                                                       WHERE stage = :stage AND owner = :owner AND lead_id = ANY(:ids)
                                                       FOR UPDATE SKIP LOCKED)""")
                    .param("ttl", config.leaseTimeout().toMillis()).param("owner", owner)
                    .param("stage", entry.getKey()).param("ids", ids)
                    .update();
        }
        log.debug("Refreshed {} stage lease(s)", refreshed);
        return refreshed;
    }

    /** How many leases this instance holds and refreshes (all stages). */
    public int held() {
        return held.values().stream().mapToInt(Set::size).sum();
    }
}
