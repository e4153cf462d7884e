package io.leadhub.api;

import io.leadhub.security.CallerWorkspace;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadhub.lead.LeadQueries;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read API for leads and for what ingestion did with each arrival. (POST and GET /api/leads are routes in routes/.) */
@RestController
@RequestMapping("/api")
public class LeadController {

    private final LeadQueries queries;

    public LeadController(LeadQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "One lead with every source record that contributed to it")
    @GetMapping("/leads/{id}")
    public Map<String, Object> lead(@PathVariable UUID id,
                                    @CallerWorkspace String workspace) {
        return queries.lead(id, LeadQueries.visible(workspace, null))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + id + " in your workspace"));
    }

    @Operation(summary = "Records that could not become leads, with the reason and where they were")
    @GetMapping("/ingest/rejections")
    public LeadQueries.Page<Map<String, Object>> rejections(
            @CallerWorkspace String workspace,
            @RequestParam(name = "workspace", required = false) String requestedWorkspace,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) Long fileId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return queries.rejections(LeadQueries.visible(workspace, requestedWorkspace), source, fileId, page, size);
    }

    @Operation(summary = "Files dropped into the inbox, with their progress and counts")
    @GetMapping("/ingest/files")
    public List<Map<String, Object>> files(@CallerWorkspace String workspace,
                                           @RequestParam(name = "workspace", required = false) String requestedWorkspace) {
        return queries.files(LeadQueries.visible(workspace, requestedWorkspace));
    }
}
