package io.leadhub.api;

import io.leadhub.security.CallerWorkspace;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.leadhub.lead.LeadQueries;
import io.leadhub.personalize.PersonalizationProperties;
import io.leadhub.personalize.PersonalizationQueries;
import io.swagger.v3.oas.annotations.Operation;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Personalization on demand, and what was written: insights per product, outreach per channel and tone. */
@RestController
@RequestMapping("/api/leads/{id}")
public class PersonalizationController {

    private final ProducerTemplate camel;
    private final PersonalizationQueries queries;
    private final LeadQueries leads;
    private final PersonalizationProperties personalization;
    private final io.leadhub.pipeline.PipelineEndpoints endpoints;

    public PersonalizationController(ProducerTemplate camel, PersonalizationQueries queries, LeadQueries leads,
                                     PersonalizationProperties personalization, io.leadhub.pipeline.PipelineEndpoints endpoints) {
        this.endpoints = endpoints;
        this.camel = camel;
        this.queries = queries;
        this.leads = leads;
        this.personalization = personalization;
    }

    @Operation(summary = "Write insight and outreach for a lead now (its best product, or productId); waits, or answers 202 with async=true")
    @PostMapping("/personalize")
    public ResponseEntity<Object> personalize(@PathVariable UUID id, @RequestParam(required = false) String productId,
                                              @RequestParam(defaultValue = "false") boolean async,
                                              @CallerWorkspace String caller) throws InterruptedException {
        requireLead(id, caller);
        if (async) {
            camel.asyncRequestBodyAndHeader(endpoints.personalize(), List.of(id.toString()), "leadhubProductId", productId == null ? "" : productId);
            return ResponseEntity.accepted().body(Map.of("leadId", id, "status", "queued"));
        }
        var done = camel.asyncRequestBodyAndHeaders(endpoints.personalize(), List.of(id.toString()),
                java.util.Map.of("leadhubProductId", productId == null ? "" : productId, "leadhubOnDemand", true));
        try {
            done.get(personalization.onDemandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ResponseEntity.accepted().body(Map.of("leadId", id, "status", "running",
                    "hint", "GET /api/leads/" + id + "/outreach when it is done"));
        } catch (ExecutionException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "personalization failed: " + e.getCause().getMessage());
        }
        var written = queries.outreach(id, productId, null, null);
        if (written.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, productId == null
                    ? "nothing to write for: the lead's workspace has no product (POST /api/products)"
                    : "no product " + productId + " in the lead's workspace");
        }
        return ResponseEntity.ok(written);
    }

    @Operation(summary = "The insight for a lead and product: pain points, value gains, key messages, the facts used, how it was made")
    @GetMapping("/insights/{productId}")
    public Map<String, Object> insight(@PathVariable UUID id, @PathVariable String productId,
                                       @CallerWorkspace String caller) {
        requireLead(id, caller);
        return queries.insight(id, productId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "lead " + id + " has no insight for product " + productId));
    }

    @Operation(summary = "A lead's outreach per product, filtered by channel (email, linkedin_connection, linkedin_message, sms, call) and tone")
    @GetMapping("/outreach")
    public List<Map<String, Object>> outreach(@PathVariable UUID id, @RequestParam(required = false) String productId,
                                              @RequestParam(required = false) String channel, @RequestParam(required = false) String tone,
                                              @CallerWorkspace String caller) {
        requireLead(id, caller);
        return queries.outreach(id, productId, channel, tone);
    }

    private void requireLead(UUID id, String caller) {
        leads.lead(id, LeadQueries.visible(caller, null))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + id + " in your workspace"));
    }
}
