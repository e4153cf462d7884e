package io.leadhub.ingest.file;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The file drop's read lock across hub instances that share one inbox and one database: a file is read by the
 * instance whose row in file_claim went in first. The route removes the claim once the file has left the inbox,
 * so a file dropped later under the same name is read again.
 * <p>
 * A claim that its owner stopped refreshing for {@code leadhub.inbox.claim-timeout} was left by an instance that
 * died, and the next instance to try takes it over. The taking over is one statement, so two instances cannot
 * both win it. Ages are measured by the database's clock, the one clock every instance shares.
 */
@Component
public class FileClaimRepository implements IdempotentRepository {

    private static final Logger log = LoggerFactory.getLogger(FileClaimRepository.class);

    private final JdbcClient jdbc;
    /** New at every start: a restarted instance must not mistake the claims of its dead predecessor for its own. */
    private final String owner;
    private final long timeoutMillis;
    /** The claims this instance holds (files in flight, and moved files whose release is still delayed). */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public FileClaimRepository(JdbcClient jdbc, InboxProperties inbox) {
        if (inbox.claimTimeout().compareTo(inbox.claimHeartbeat().multipliedBy(2)) < 0) {
            // one late heartbeat would let a live instance's files be taken over and read twice
            throw new IllegalStateException("leadhub.inbox.claim-timeout (" + inbox.claimTimeout()
                    + ") must be at least twice leadhub.inbox.claim-heartbeat (" + inbox.claimHeartbeat() + ")");
        }
        this.jdbc = jdbc;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.timeoutMillis = inbox.claimTimeout().toMillis();
    }

    public String owner() {
        return owner;
    }

    /** Claims the file, or takes over a claim left by a dead instance; false while another instance holds it. */
    @Override
    public boolean add(String name) {
        var fresh = jdbc.sql("""
                        INSERT INTO file_claim (name, owner, claimed_at, heartbeat_at)
                        VALUES (:name, :owner, now(), now())
                        ON CONFLICT (name) DO UPDATE
                            SET owner = EXCLUDED.owner, claimed_at = EXCLUDED.claimed_at, heartbeat_at = EXCLUDED.heartbeat_at
                            WHERE file_claim.heartbeat_at < now() - :timeout * interval '1 millisecond'
                        RETURNING (xmax = 0)""")
                .param("name", name).param("owner", owner).param("timeout", timeoutMillis)
                .query(Boolean.class).optional();
        if (fresh.isEmpty()) {
            return false;
        }
        if (!fresh.get()) {
            log.warn("File {}: took over the claim of an instance silent for over {} ms", name, timeoutMillis);
        }
        held.add(name);
        return true;
    }

    @Override
    public boolean contains(String name) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM file_claim
                                       WHERE name = :name AND heartbeat_at >= now() - :timeout * interval '1 millisecond')""")
                .param("name", name).param("timeout", timeoutMillis).query(Boolean.class).single();
    }

    /**
     * Releases this instance's claim. Another instance's claim stays: Camel's file consumer calls this for files it
     * listed but could not claim, and a claim taken over from this instance belongs to the new owner.
     */
    @Override
    public boolean remove(String name) {
        held.remove(name);
        return jdbc.sql("DELETE FROM file_claim WHERE name = :name AND owner = :owner")
                .param("name", name).param("owner", owner).update() > 0;
    }

    /** The route removes claims on commit; a confirmed claim is only no longer refreshed, and lapses after the timeout. */
    @Override
    public boolean confirm(String name) {
        return held.remove(name);
    }

    @Override
    public void clear() {
        held.clear();
        jdbc.sql("DELETE FROM file_claim WHERE owner = :owner").param("owner", owner).update();
    }

    /** Keeps the claims this instance holds alive (routes/ingest-file-drop.camel.yaml runs it on a timer). */
    public void heartbeat() {
        if (held.isEmpty()) {
            return;
        }
        var names = Set.copyOf(held);
        var refreshed = new HashSet<>(jdbc.sql("""
                        UPDATE file_claim SET heartbeat_at = now()
                        WHERE owner = :owner AND name IN (:names)
                        RETURNING name""")
                .param("owner", owner).param("names", names).query(String.class).list());
        for (var name : names) {
            // released meanwhile, or taken over after this instance went silent for longer than the timeout
            if (!refreshed.contains(name) && held.remove(name)) {
                log.warn("File {}: this instance no longer holds its claim (released, or taken over after a silence of over {} ms)",
                        name, timeoutMillis);
            }
        }
    }

    /**
     * Nothing to start or stop. Claims are not released at stop: Camel stops this bean with any route that calls it,
     * and an embedded database may already be gone. A file left unfinished by a stop is taken over after the timeout.
     */
    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }
}
