package io.leadhub.api;

import io.leadhub.security.CallerWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.leadhub.enrich.EnrichmentProperties;
import io.leadhub.enrich.EnrichmentQueries;
import io.leadhub.lead.LeadQueries;
import io.leadhub.pipeline.PipelineEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Enrichment on demand, its results with provenance, provider state, and cost estimates. */
@RestController
@RequestMapping("/api")
public class EnrichmentController {

    private final EnrichmentQueries queries;
    private final LeadQueries leads;
    private final ProducerTemplate camel;
    private final JdbcClient jdbc;
    private final EnrichmentProperties enrichment;
    private final PipelineEndpoints endpoints;

    public EnrichmentController(EnrichmentQueries queries, LeadQueries leads, ProducerTemplate camel, JdbcClient jdbc,
                                EnrichmentProperties enrichment, PipelineEndpoints endpoints) {
        this.endpoints = endpoints;
        this.queries = queries;
        this.leads = leads;
        this.camel = camel;
        this.jdbc = jdbc;
        this.enrichment = enrichment;
    }

    /** Leads to enrich: explicit ids, or every lead of a status (and source). */
    public record Selection(List<UUID> leadIds, String status, String source) {
    }

    @Operation(summary = "Enrich one lead now; waits up to leadhub.enrichment.on-demand-timeout, or answers 202 with async=true")
    @PostMapping("/leads/{id}/enrich")
    public ResponseEntity<Object> enrich(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean async,
                                         @CallerWorkspace String workspace)
            throws InterruptedException {
        requireLead(id, workspace);
        if (async) {
            camel.sendBody(endpoints.handoffReceived(), id.toString());
            return ResponseEntity.accepted().body(Map.of("leadId", id, "status", "queued"));
        }
        var done = camel.asyncRequestBodyAndHeader(endpoints.enrichBatch(), List.of(id.toString()), "leadhubOnDemand", true);
        try {
            done.get(enrichment.onDemandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ResponseEntity.accepted().body(Map.of("leadId", id, "status", "running",
                    "hint", "GET /api/leads/" + id + "/enrichment when it is done"));
        } catch (ExecutionException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "enrichment failed: " + e.getCause().getMessage());
        }
        return ResponseEntity.ok(queries.profile(id).orElseThrow());
    }

    @Operation(summary = "A lead's merged profile: each field's value, provider, time and confidence; found and missed signals; the calls made")
    @GetMapping("/leads/{id}/enrichment")
    public Map<String, Object> enrichment(@PathVariable UUID id, @CallerWorkspace String workspace) {
        requireLead(id, workspace);
        return queries.profile(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "lead " + id + " is not enriched yet"));
    }

    @Operation(summary = "Queue leads for enrichment: a list of ids, or all leads of a status (and source)")
    @PostMapping("/enrichments")
    public ResponseEntity<Map<String, Object>> enrichMany(@RequestBody Selection selection,
                                                          @CallerWorkspace String workspace) {
        var ids = select(selection, workspace);
        ids.forEach(id -> camel.sendBody(endpoints.handoffReceived(), id));
        return ResponseEntity.accepted().body(Map.of("queued", ids.size()));
    }

    @Operation(summary = "Expected provider calls and cost for enriching these leads now (caches considered)")
    @PostMapping("/enrichments/estimate")
    public Map<String, Object> estimate(@RequestBody Selection selection, @CallerWorkspace String workspace) {
        return queries.estimate(select(selection, workspace));
    }

    @Operation(summary = "Each provider: enabled, key present, breaker state, calls, errors and spend today, cache hit rate")
    @GetMapping("/providers")
    public List<Map<String, Object>> providers() {
        return queries.providerStates();
    }

    private List<String> select(Selection selection, String workspace) {
        var visible = LeadQueries.visible(workspace, null);
        if (selection.leadIds() != null && !selection.leadIds().isEmpty()) {
            var ids = new ArrayList<String>();
            selection.leadIds().forEach(id -> {
                if (leads.lead(id, visible).isPresent()) {
                    ids.add(id.toString());
                }
            });
            return ids;
        }
        if (selection.status() == null || selection.status().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "give leadIds, or a status (and optionally a source)");
        }
        var hasSource = selection.source() != null && !selection.source().isBlank();
        var sql = jdbc.sql("""
                        SELECT l.id::text FROM lead l WHERE l.status = :status
                          AND (CAST(:workspace AS text) IS NULL OR l.workspace = :workspace)"""
                        + (hasSource ? " AND EXISTS (SELECT 1 FROM source_record s WHERE s.lead_id = l.id AND "
                        + LeadQueries.sourceMatches("s.source") + ")" : "") + " LIMIT 100000")
                .param("status", selection.status()).param("workspace", visible);
        if (hasSource) {
            sql = sql.params(LeadQueries.sourceParams(selection.source()));
        }
        return sql.query(String.class).list();
    }

    private void requireLead(UUID id, String workspace) {
        if (leads.lead(id, LeadQueries.visible(workspace, null)).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + id + " in your workspace");
        }
    }
}
