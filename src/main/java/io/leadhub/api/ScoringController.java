package io.leadhub.api;

import io.leadhub.security.CallerWorkspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.lead.LeadQueries;
import io.leadhub.score.LeadEvents;
import io.leadhub.score.Rescoring;
import io.leadhub.score.ScoreQueries;
import io.leadhub.score.ScoringRulesStore;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Scoring rules (read, replace, versions), re-scoring jobs, a lead's score and its activity. */
@RestController
@RequestMapping("/api")
public class ScoringController {

    private final ScoringRulesStore rules;
    private final Rescoring rescoring;
    private final ScoreQueries scores;
    private final LeadEvents events;
    private final LeadQueries leads;
    private final ObjectMapper json;
    private final io.leadhub.score.ConversionModels models;

    public ScoringController(ScoringRulesStore rules, Rescoring rescoring, ScoreQueries scores, LeadEvents events,
                             LeadQueries leads, ObjectMapper json, io.leadhub.score.ConversionModels models) {
        this.models = models;
        this.rules = rules;
        this.rescoring = rescoring;
        this.scores = scores;
        this.events = events;
        this.leads = leads;
        this.json = json;
    }

    @Operation(summary = "The scoring rules in force for your workspace (YAML), their version and every earlier version")
    @GetMapping("/scoring/rules")
    public Map<String, Object> rules(@CallerWorkspace String caller,
                                     @RequestParam(name = "workspace", required = false) String requested) {
        var workspace = workspace(caller, requested);
        var current = rules.current(workspace);
        var out = new LinkedHashMap<String, Object>();
        out.put("workspace", workspace);
        out.put("rulesOf", current.workspace());
        out.put("version", current.rules().version());
        out.put("origin", current.origin());
        out.put("rules", current.text());
        out.put("versions", rules.history(current.workspace()));
        return out;
    }

    @Operation(summary = "Replace your workspace's scoring rules (YAML body, or JSON {\"rules\": \"...\"}); invalid rules are refused with each line and reason; new rules re-score the workspace")
    @PutMapping(value = "/scoring/rules", consumes = "*/*")
    public Map<String, Object> replaceRules(@CallerWorkspace String caller,
                                            @RequestParam(name = "workspace", required = false) String requested,
                                            @RequestHeader(value = "Content-Type", required = false) String contentType,
                                            @RequestBody String body) throws Exception {
        var workspace = workspace(caller, requested);
        var text = body;
        if (contentType != null && contentType.contains("json")) {
            var node = json.readTree(body);
            if (!node.path("rules").isTextual()) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a JSON body needs {\"rules\": \"<the YAML text>\"}");
            }
            text = node.get("rules").asText();
        }
        var before = rules.current(workspace);
        var after = rules.replace(workspace, text, "api");
        var out = new LinkedHashMap<String, Object>();
        out.put("workspace", workspace);
        out.put("version", after.rules().version());
        boolean changed = !before.workspace().equals(workspace) || before.rules().version() != after.rules().version();
        out.put("changed", changed);
        if (changed) {
            out.put("rescoreJob", rescoring.rulesChanged(workspace));
        }
        return out;
    }

    @Operation(summary = "Re-score the leads of your workspace in the background; answers the job to follow")
    @PostMapping("/scoring/rescore")
    public ResponseEntity<Map<String, Object>> rescore(@CallerWorkspace String caller,
                                                       @RequestParam(name = "workspace", required = false) String requested) {
        var workspace = LeadQueries.visible(caller, requested);
        var job = rescoring.start(workspace, "asked through the API");
        return ResponseEntity.accepted().body(Map.of("jobId", job, "status", "queued", "progress", "/api/scoring/jobs/" + job));
    }

    @Operation(summary = "A re-scoring job's progress")
    @GetMapping("/scoring/jobs/{id}")
    public Map<String, Object> job(@PathVariable long id) {
        return rescoring.job(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no scoring job " + id));
    }

    @Operation(summary = "A lead's score: total, tier, each rule that fired with its points and value, product fit, conversion probability, history")
    @GetMapping("/leads/{id}/score")
    public Map<String, Object> score(@PathVariable UUID id, @CallerWorkspace String caller) {
        requireLead(id, caller);
        return scores.score(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "lead " + id + " is not scored yet"));
    }

    @Operation(summary = "Record activity on a lead (one event or a list: type, occurredAt, properties, idempotencyKey); the lead is re-scored")
    @PostMapping("/leads/{id}/events")
    public ResponseEntity<Map<String, Object>> addEvents(@PathVariable UUID id, @CallerWorkspace String caller,
                                                        @RequestBody JsonNode body) {
        var lead = requireLead(id, caller);
        return ResponseEntity.status(HttpStatus.CREATED).body(events.record(id, (String) lead.get("workspace"), body));
    }

    @Operation(summary = "A lead's activity, newest first")
    @GetMapping("/leads/{id}/events")
    public List<Map<String, Object>> listEvents(@PathVariable UUID id, @CallerWorkspace String caller) {
        requireLead(id, caller);
        return events.list(id);
    }

    @Operation(summary = "The conversion model in use: version, hold-out AUC and calibration, strongest features; or why there is none")
    @GetMapping("/scoring/model")
    public Map<String, Object> model(@CallerWorkspace String caller,
                                     @RequestParam(name = "workspace", required = false) String requested) {
        return models.status(workspace(caller, requested));
    }

    @Operation(summary = "Train the conversion model now from the leads with a converted or lost event")
    @PostMapping("/scoring/model/train")
    public Map<String, Object> train(@CallerWorkspace String caller,
                                     @RequestParam(name = "workspace", required = false) String requested) {
        return models.train(workspace(caller, requested));
    }

    private Map<String, Object> requireLead(UUID id, String caller) {
        return leads.lead(id, LeadQueries.visible(caller, null))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + id + " in your workspace"));
    }

    /** The workspace whose rules are meant: the caller's own; the operator names one (default: the defaults). */
    static String workspace(String caller, String requested) {
        var visible = LeadQueries.visible(caller, requested);
        return visible == null ? ScoringRulesStore.DEFAULT : visible;
    }
}
