package io.leadhub.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    private static final String UPSERT_LEAD = """
            INSERT INTO lead (workspace, lead_key, status, email, first_name, last_name, full_name, title, phone,
                              linkedin_url, company_name, company_name_normalized, company_domain, website, country,
                              city, attributes, first_source, received_at, updated_at)
            VALUES (:workspace, :leadKey, 'received', :email, :firstName, :lastName, :fullName, :title, :phone,
                    :linkedinUrl, :companyName, :companyNameNormalized, :companyDomain, :website, :country,
                    :city, CAST(:attributes AS jsonb), :source, :now, :now)
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
            RETURNING id, (xmax = 0) AS inserted
            """;

    private static final String INSERT_SOURCE_RECORD = """
            INSERT INTO source_record (lead_id, workspace, source, source_id, delivery_ref, position, received_at, raw)
            VALUES (:leadId, :workspace, :source, :sourceId, :deliveryRef, :position, :now, :raw)
            ON CONFLICT (source, delivery_ref) DO NOTHING
            """;

    private static final String INSERT_REJECTION = """
            INSERT INTO ingest_rejection (workspace, source, file_id, position, reason, raw, rejected_at)
            VALUES (:workspace, :source, :fileId, :position, :reason, :raw, :now)
            ON CONFLICT (file_id, position) WHERE file_id IS NOT NULL DO NOTHING
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

    public IngestOutcome store(List<Candidate> candidates) {
        return tx.execute(status -> storeInTransaction(candidates));
    }

    private IngestOutcome storeInTransaction(List<Candidate> candidates) {
        var now = Timestamp.from(clock.instant());
        var outcome = new IngestOutcome();
        // one lock order for every batch, so two batches sharing leads cannot deadlock
        var ordered = new ArrayList<Candidate>(candidates);
        ordered.sort(Comparator.comparing(c -> c.isAccepted() ? c.lead().leadKey() : ""));
        for (var candidate : ordered) {
            var record = candidate.record();
            if (!candidate.isAccepted()) {
                jdbc.sql(INSERT_REJECTION)
                        .param("workspace", record.workspace())
                        .param("source", record.source())
                        .param("fileId", record.fileId())
                        .param("position", record.position())
                        .param("reason", candidate.rejection())
                        .param("raw", cap(record.raw()))
                        .param("now", now)
                        .update();
                outcome.rejected().add(new IngestOutcome.Rejected(record.position(), candidate.rejection()));
                continue;
            }
            var lead = candidate.lead();
            var upserted = upsert(lead, record.source(), now);
            var recorded = jdbc.sql(INSERT_SOURCE_RECORD)
                    .param("leadId", upserted.id())
                    .param("workspace", lead.workspace())
                    .param("source", record.source())
                    .param("sourceId", lead.sourceId())
                    .param("deliveryRef", record.deliveryRef())
                    .param("position", record.position())
                    .param("now", now)
                    .param("raw", cap(record.raw()))
                    .update();
            outcome.accepted().add(new IngestOutcome.Accepted(record.position(), upserted.id(), upserted.inserted(), recorded == 0));
        }
        return restoreOrder(candidates, outcome);
    }

    private Upserted upsert(Lead lead, String source, Timestamp now) {
        return jdbc.sql(UPSERT_LEAD)
                .param("workspace", lead.workspace())
                .param("leadKey", lead.leadKey())
                .param("email", lead.email())
                .param("firstName", lead.firstName())
                .param("lastName", lead.lastName())
                .param("fullName", lead.fullName())
                .param("title", lead.title())
                .param("phone", lead.phone())
                .param("linkedinUrl", lead.linkedinUrl())
                .param("companyName", lead.companyName())
                .param("companyNameNormalized", lead.companyNameNormalized())
                .param("companyDomain", lead.companyDomain())
                .param("website", lead.website())
                .param("country", lead.country())
                .param("city", lead.city())
                .param("attributes", toJson(lead))
                .param("source", source)
                .param("now", now)
                .query((rs, n) -> new Upserted(rs.getObject("id", UUID.class), rs.getBoolean("inserted")))
                .single();
    }

    /** The caller reads the outcome in the order it sent the records. */
    private static IngestOutcome restoreOrder(List<Candidate> candidates, IngestOutcome sorted) {
        var positions = candidates.stream().map(c -> c.record().position()).toList();
        sorted.accepted().sort(Comparator.comparingInt(a -> positions.indexOf(a.position())));
        sorted.rejected().sort(Comparator.comparingInt(r -> positions.indexOf(r.position())));
        return sorted;
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
