package io.leadhub.store;

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
import io.leadhub.ingest.Candidate;
import io.leadhub.ingest.IngestOutcome;
import io.leadhub.ingest.Lead;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "store" step of ingestion: a batch of checked records becomes leads, source records and rejections in
 * one transaction, so a batch is either durably accepted or not at all, and a repeated delivery changes nothing.
 */
@Component
public class LeadStore {

    private static final int RAW_LIMIT = 65_536;

    private static final String LEAD_COLUMNS = """
            workspace, lead_key, status, email, first_name, last_name, full_name, title, phone, linkedin_url,
            company_name, company_name_normalized, company_domain, website, country, city, attributes,
            first_source, received_at, updated_at""";

    private static final String ON_CONFLICT_FILL_GAPS = """
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

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    public LeadStore(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /** PostgreSQL takes at most 32767 parameters per statement: larger batches are stored in slices, in one transaction. */
    private static final int SLICE = 1000;

    public IngestOutcome store(List<Candidate> candidates) {
        return tx.execute(status -> {
            var outcome = new IngestOutcome();
            for (int from = 0; from < candidates.size(); from += SLICE) {
                outcome = outcome.plus(storeInTransaction(candidates.subList(from, Math.min(candidates.size(), from + SLICE))));
            }
            return outcome;
        });
    }

    /**
     * Three statements per batch whatever its size: one multi-row upsert of the leads (arrivals of the same
     * person within the batch merged first, as one statement may touch a row only once), one insert of the
     * source records and one of the rejections.
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
                    !firstArrivals.contains(record.source() + "\u0000" + record.deliveryRef())));
        }
        return outcome;
    }

    private Map<String, Upserted> upsertLeads(Map<String, Lead> leads, Map<String, String> sources, Timestamp now) {
        var ids = new HashMap<String, Upserted>();
        if (leads.isEmpty()) {
            return ids;
        }
        var sql = new StringBuilder("INSERT INTO lead (" + LEAD_COLUMNS + ") VALUES ");
        var params = new HashMap<String, Object>();
        int i = 0;
        for (var entry : leads.entrySet()) {
            var lead = entry.getValue();
            sql.append(i == 0 ? "" : ", ").append("(:w" + i + ", :k" + i + ", 'received', :e" + i + ", :fn" + i + ", :ln" + i
                    + ", :n" + i + ", :t" + i + ", :p" + i + ", :li" + i + ", :c" + i + ", :cn" + i + ", :cd" + i + ", :ws" + i
                    + ", :co" + i + ", :ci" + i + ", CAST(:a" + i + " AS jsonb), :s" + i + ", :now, :now)");
            params.put("w" + i, lead.workspace());
            params.put("k" + i, lead.leadKey());
            params.put("e" + i, lead.email());
            params.put("fn" + i, lead.firstName());
            params.put("ln" + i, lead.lastName());
            params.put("n" + i, lead.fullName());
            params.put("t" + i, lead.title());
            params.put("p" + i, lead.phone());
            params.put("li" + i, lead.linkedinUrl());
            params.put("c" + i, lead.companyName());
            params.put("cn" + i, lead.companyNameNormalized());
            params.put("cd" + i, lead.companyDomain());
            params.put("ws" + i, lead.website());
            params.put("co" + i, lead.country());
            params.put("ci" + i, lead.city());
            params.put("a" + i, toJson(lead));
            params.put("s" + i, sources.get(entry.getKey()));
            i++;
        }
        params.put("now", now);
        jdbc.sql(sql + " " + ON_CONFLICT_FILL_GAPS).params(params).query((rs, n) -> {
            ids.put(rs.getString("workspace") + "\u0000" + rs.getString("lead_key"),
                    new Upserted(rs.getObject("id", UUID.class), rs.getBoolean("inserted")));
            return null;
        }).list();
        return ids;
    }

    /** Returns source + delivery ref of the arrivals not seen before. */
    private Set<String> insertSourceRecords(List<Candidate> candidates, Map<String, Upserted> ids, Timestamp now) {
        var fresh = new HashSet<String>();
        var sql = new StringBuilder("INSERT INTO source_record (lead_id, workspace, source, source_id, delivery_ref, position, received_at, raw) VALUES ");
        var params = new HashMap<String, Object>();
        int i = 0;
        for (var candidate : candidates) {
            if (!candidate.isAccepted()) {
                continue;
            }
            var lead = candidate.lead();
            var record = candidate.record();
            sql.append(i == 0 ? "" : ", ").append("(:l" + i + ", :w" + i + ", :s" + i + ", :si" + i + ", :d" + i + ", :p" + i + ", :now, :r" + i + ")");
            params.put("l" + i, ids.get(lead.workspace() + "\u0000" + lead.leadKey()).id());
            params.put("w" + i, lead.workspace());
            params.put("s" + i, record.source());
            params.put("si" + i, lead.sourceId());
            params.put("d" + i, record.deliveryRef());
            params.put("p" + i, record.position());
            params.put("r" + i, cap(record.raw()));
            i++;
        }
        if (i == 0) {
            return fresh;
        }
        params.put("now", now);
        jdbc.sql(sql + " ON CONFLICT (source, delivery_ref) DO NOTHING RETURNING source, delivery_ref").params(params)
                .query((rs, n) -> fresh.add(rs.getString(1) + "\u0000" + rs.getString(2))).list();
        return fresh;
    }

    private void insertRejections(List<Candidate> rejected, Timestamp now) {
        if (rejected.isEmpty()) {
            return;
        }
        var sql = new StringBuilder("INSERT INTO ingest_rejection (workspace, source, file_id, position, reason, raw, rejected_at) VALUES ");
        var params = new HashMap<String, Object>();
        for (int i = 0; i < rejected.size(); i++) {
            var record = rejected.get(i).record();
            sql.append(i == 0 ? "" : ", ").append("(:w" + i + ", :s" + i + ", :f" + i + ", :p" + i + ", :r" + i + ", :raw" + i + ", :now)");
            params.put("w" + i, record.workspace());
            params.put("s" + i, record.source());
            params.put("f" + i, record.fileId());
            params.put("p" + i, record.position());
            params.put("r" + i, rejected.get(i).rejection());
            params.put("raw" + i, cap(record.raw()));
        }
        params.put("now", now);
        jdbc.sql(sql + " ON CONFLICT (file_id, position) WHERE file_id IS NOT NULL DO NOTHING").params(params).update();
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

    private static String cap(String raw) {
        return raw == null || raw.length() <= RAW_LIMIT ? raw : raw.substring(0, RAW_LIMIT);
    }

    private record Upserted(UUID id, boolean inserted) {
    }
}
