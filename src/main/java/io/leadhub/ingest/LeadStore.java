package io.leadhub.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.RequestRejectedException;
import io.leadhub.lead.Lead;
import io.leadhub.store.ArrayColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "store" step of ingestion: a batch of checked records becomes leads, source records and rejections in
 * one transaction, so a batch is either durably accepted or not at all, and a repeated delivery changes nothing.
 */
@Component
public class LeadStore {

    private static final Logger log = LoggerFactory.getLogger(LeadStore.class);
    private static final int RAW_LIMIT = 65_536;

    private static final String INSERT_SOURCE_RECORDS = """
            INSERT INTO source_record (lead_id, workspace, source, source_id, delivery_ref, position, received_at, raw, body_hash)
            SELECT CAST(u.l AS uuid), u.w, u.s, u.si, u.d, u.p, n.now, u.r, u.h
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(l, w, s, si, d, p, r, h),
                 (SELECT CAST(? AS timestamptz) AS now) n
            ON CONFLICT (workspace, source, delivery_ref) DO NOTHING
            RETURNING workspace, source, delivery_ref
            """;

    /** Repeated deliveries whose request body differs from the one stored with the delivery the first time. */
    private static final String CHANGED_BODIES = """
            SELECT count(*)
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(w, s, d, h)
            JOIN source_record r ON r.workspace = u.w AND r.source = u.s AND r.delivery_ref = u.d
            WHERE r.body_hash IS NOT NULL AND r.body_hash <> u.h
            """;

    private static final String INSERT_REJECTIONS = """
            INSERT INTO ingest_rejection (workspace, source, file_id, position, reason, raw, rejected_at)
            SELECT u.w, u.s, CAST(u.f AS bigint), u.p, u.r, u.raw, n.now
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(w, s, f, p, r, raw),
                 (SELECT CAST(? AS timestamptz) AS now) n
            ON CONFLICT (file_id, position) WHERE file_id IS NOT NULL DO NOTHING
            """;

    private static final String UPSERT_LEADS = """
            INSERT INTO lead (workspace, lead_key, status, email, first_name, last_name, full_name, title, phone,
                              linkedin_url, company_name, company_name_normalized, company_domain, website, country,
                              city, attributes, first_source, received_at, updated_at)
            SELECT u.w, u.k, 'received', u.e, u.fn, u.ln, u.n, u.t, u.p, u.li, u.c, u.cn, u.cd, u.ws, u.co, u.ci,
                   CAST(u.a AS jsonb), u.s, n.now, n.now
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(w, k, e, fn, ln, n, t, p, li, c, cn, cd, ws, co, ci, a, s),
                 (SELECT CAST(? AS timestamptz) AS now) n
            ORDER BY u.w, u.k
            ON CONFLICT (workspace, lead_key) DO UPDATE SET
                email = COALESCE(lead.email, EXCLUDED.email),
                first_name = COALESCE(lead.first_name, EXCLUDED.first_name),
                last_name = COALESCE(lead.last_name, EXCLUDED.last_name),
                full_name = COALESCE(lead.full_name, EXCLUDED.full_name),
                title = COALESCE(lead.title, EXCLUDED.title),
                phone = COALESCE(lead.phone, EXCLUDED.phone),
                linkedin_url = COALESCE(lead.linkedin_url, EXCLUDED.linkedin_url),
                company_name = COALESCE(lead.company_name, EXCLUDED.company_name),
                company_name_normalized = COALESCE(lead.company_name_normalized, EXCLUDED.company_name_normalized),
                company_domain = COALESCE(lead.company_domain, EXCLUDED.company_domain),
                website = COALESCE(lead.website, EXCLUDED.website),
                country = COALESCE(lead.country, EXCLUDED.country),
                city = COALESCE(lead.city, EXCLUDED.city),
                attributes = EXCLUDED.attributes || lead.attributes,
                updated_at = EXCLUDED.updated_at
            RETURNING id, workspace, lead_key, (xmax = 0) AS inserted
            """;

    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    public LeadStore(JdbcTemplate jdbcTemplate, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.jdbcTemplate = jdbcTemplate;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The batch in one transaction. A record the database refuses (a value it cannot store) does not lose the
     * others: the batch is then stored record by record, and a record refused on its own becomes a rejection
     * with the database's reason. Errors that are not about the data (the database is down) fail the batch.
     */
    public IngestOutcome store(List<Candidate> candidates) {
        try {
            return tx.execute(status -> storeInTransaction(candidates));
        } catch (NonTransientDataAccessException | IllegalArgumentException e) {
            if (candidates.size() <= 1 && candidates.stream().noneMatch(Candidate::isAccepted)) {
                throw e; // a lone rejection that cannot be stored: nothing smaller to try
            }
            log.warn("A batch of {} records was refused ({}); storing it record by record", candidates.size(),
                    e.getClass().getSimpleName());
            return storeOneByOne(candidates);
        }
    }

    private IngestOutcome storeOneByOne(List<Candidate> candidates) {
        var results = new ArrayList<Candidate>(candidates.size());
        var outcomes = new HashMap<Candidate, IngestOutcome.Accepted>();
        for (var candidate : candidates) {
            if (!candidate.isAccepted()) {
                results.add(candidate);
                continue;
            }
            try {
                var alone = tx.execute(status -> storeInTransaction(List.of(candidate)));
                outcomes.put(candidate, alone.accepted().get(0));
                results.add(candidate);
            } catch (NonTransientDataAccessException | IllegalArgumentException e) {
                log.warn("Record {} of {} refused by the database: {}", candidate.record().position(),
                        candidate.record().source(), e.getClass().getSimpleName());
                results.add(Candidate.rejected(candidate.record(), "the record could not be stored: " + rootMessage(e)));
            }
        }
        var rejected = results.stream().filter(c -> !c.isAccepted()).toList();
        var now = Timestamp.from(clock.instant());
        tx.executeWithoutResult(status -> insertRejections(rejected, now));
        var outcome = new IngestOutcome();
        for (var candidate : results) {
            if (candidate.isAccepted()) {
                outcome.accepted().add(outcomes.get(candidate));
            } else {
                outcome.rejected().add(new IngestOutcome.Rejected(candidate.record().position(), candidate.rejection()));
            }
        }
        return outcome;
    }

    private static String rootMessage(Throwable error) {
        var root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        var message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        var firstLine = message.lines().findFirst().orElse(message);
        return firstLine.length() > 300 ? firstLine.substring(0, 300) : firstLine;
    }

    /**
     * Three statements per batch whatever its size: one upsert of the leads (arrivals of the same person within
     * the batch merged first, as one statement may touch a row only once), one insert of the source records and
     * one of the rejections.
     */
    private IngestOutcome storeInTransaction(List<Candidate> candidates) {
        var now = Timestamp.from(clock.instant());
        var byKey = new TreeMap<String, Lead>(); // sorted: one lock order for every batch, so batches cannot deadlock
        var sourceOfKey = new HashMap<String, String>();
        var rejected = new ArrayList<Candidate>();
        for (var candidate : candidates) {
            if (!candidate.isAccepted()) {
                rejected.add(candidate);
                continue;
            }
            var lead = candidate.lead();
            var key = lead.workspace() + "\u0000" + lead.leadKey();
            byKey.merge(key, lead, LeadStore::fillGaps);
            sourceOfKey.putIfAbsent(key, candidate.record().source());
        }
        var ids = upsertLeads(byKey, sourceOfKey, now);
        var firstArrivals = insertSourceRecords(candidates, ids, now);
        requireSameBodies(candidates, firstArrivals);
        insertRejections(rejected, now);

        var outcome = new IngestOutcome();
        for (var candidate : candidates) {
            var record = candidate.record();
            if (!candidate.isAccepted()) {
                outcome.rejected().add(new IngestOutcome.Rejected(record.position(), candidate.rejection()));
                continue;
            }
            var upserted = ids.get(candidate.lead().workspace() + "\u0000" + candidate.lead().leadKey());
            outcome.accepted().add(new IngestOutcome.Accepted(record.position(), upserted.id(), upserted.inserted(),
                    !firstArrivals.contains(deliveryKey(candidate))));
        }
        return outcome;
    }

    private Map<String, Upserted> upsertLeads(Map<String, Lead> leads, Map<String, String> sources, Timestamp now) {
        var ids = new HashMap<String, Upserted>();
        if (leads.isEmpty()) {
            return ids;
        }
        var columns = new ArrayColumns(17, leads.size());
        leads.forEach((key, lead) -> columns.add(lead.workspace(), lead.leadKey(), lead.email(), lead.firstName(),
                lead.lastName(), lead.fullName(), lead.title(), lead.phone(), lead.linkedinUrl(), lead.companyName(),
                lead.companyNameNormalized(), lead.companyDomain(), lead.website(), lead.country(), lead.city(),
                toJson(lead), sources.get(key)));
        jdbcTemplate.query(connection -> columns.bind(connection, UPSERT_LEADS, now), rs -> {
            ids.put(rs.getString("workspace") + "\u0000" + rs.getString("lead_key"),
                    new Upserted(rs.getObject("id", UUID.class), rs.getBoolean("inserted")));
        });
        return ids;
    }

    private static String deliveryKey(Candidate candidate) {
        return deliveryKey(candidate.lead().workspace(), candidate.record().source(), candidate.record().deliveryRef());
    }

    private static String deliveryKey(String workspace, String source, String deliveryRef) {
        return workspace + "\u0000" + source + "\u0000" + deliveryRef;
    }

    /** Returns workspace + source + delivery ref of the arrivals not seen before. */
    private Set<String> insertSourceRecords(List<Candidate> candidates, Map<String, Upserted> ids, Timestamp now) {
        var fresh = new HashSet<String>();
        var columns = new ArrayColumns(8, candidates.size());
        for (var candidate : candidates) {
            if (candidate.isAccepted()) {
                var lead = candidate.lead();
                var record = candidate.record();
                columns.add(ids.get(lead.workspace() + "\u0000" + lead.leadKey()).id().toString(), lead.workspace(),
                        record.source(), lead.sourceId(), record.deliveryRef(), record.position(), cap(record.raw()),
                        record.bodyHash());
            }
        }
        if (columns.isEmpty()) {
            return fresh;
        }
        jdbcTemplate.query(connection -> columns.bind(connection, INSERT_SOURCE_RECORDS, now),
                rs -> {
                    fresh.add(deliveryKey(rs.getString(1), rs.getString(2), rs.getString(3)));
                });
        return fresh;
    }

    /**
     * A delivery seen before is a repeat only if it came with the same request body; a client that reuses its
     * Idempotency-Key for another request is refused, and the transaction (leads included) rolled back.
     */
    private void requireSameBodies(List<Candidate> candidates, Set<String> fresh) {
        var columns = new ArrayColumns(4, candidates.size());
        for (var candidate : candidates) {
            if (candidate.isAccepted() && candidate.record().bodyHash() != null && !fresh.contains(deliveryKey(candidate))) {
                var record = candidate.record();
                columns.add(candidate.lead().workspace(), record.source(), record.deliveryRef(), record.bodyHash());
            }
        }
        if (columns.isEmpty()) {
            return;
        }
        var changed = jdbcTemplate.query(connection -> columns.bind(connection, CHANGED_BODIES, null),
                rs -> rs.next() ? rs.getLong(1) : 0L);
        if (changed != null && changed > 0) {
            throw new RequestRejectedException(422, "this Idempotency-Key was already used in this workspace with a "
                    + "different body: a retry must send the same body, a new request needs a new key");
        }
    }

    private void insertRejections(List<Candidate> rejected, Timestamp now) {
        if (rejected.isEmpty()) {
            return;
        }
        var columns = new ArrayColumns(6, rejected.size());
        for (var candidate : rejected) {
            var record = candidate.record();
            // a rejection is a report: what does not fit its column is cut, so the report itself never fails
            columns.add(line(record.workspace(), FieldLimits.WORKSPACE), line(record.source(), FieldLimits.SOURCE),
                    record.fileId() == null ? null : record.fileId().toString(),
                    line(record.position(), FieldLimits.POSITION), IngestText.clean(candidate.rejection()), cap(record.raw()));
        }
        jdbcTemplate.update(connection -> columns.bind(connection, INSERT_REJECTIONS, now));
    }

    /** Two arrivals of one person in one batch: the earlier values win, the later fill gaps, as across batches. */
    private static Lead fillGaps(Lead earlier, Lead later) {
        var attributes = new LinkedHashMap<String, Object>(later.attributes());
        attributes.putAll(earlier.attributes());
        return new Lead(earlier.workspace(), earlier.leadKey(), or(earlier.sourceId(), later.sourceId()),
                or(earlier.email(), later.email()), or(earlier.firstName(), later.firstName()),
                or(earlier.lastName(), later.lastName()), or(earlier.fullName(), later.fullName()),
                or(earlier.title(), later.title()), or(earlier.phone(), later.phone()),
                or(earlier.linkedinUrl(), later.linkedinUrl()), or(earlier.companyName(), later.companyName()),
                or(earlier.companyNameNormalized(), later.companyNameNormalized()),
                or(earlier.companyDomain(), later.companyDomain()), or(earlier.website(), later.website()),
                or(earlier.country(), later.country()), or(earlier.city(), later.city()), attributes);
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    private String toJson(Lead lead) {
        try {
            return json.writeValueAsString(lead.attributes());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes are not JSON", e);
        }
    }

    /** The raw record as kept for audit: without NUL and other control characters, cut at RAW_LIMIT. */
    private static String cap(String raw) {
        var clean = raw == null || raw.length() <= RAW_LIMIT ? raw : raw.substring(0, RAW_LIMIT);
        return IngestText.clean(clean);
    }

    private static String line(String value, int max) {
        var clean = IngestText.cleanLine(value);
        return clean == null || clean.length() <= max ? clean : clean.substring(0, max);
    }

    private record Upserted(UUID id, boolean inserted) {
    }
}
