package io.leadhub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadhub.ingest.poll.SourcesProperties;
import io.leadhub.lead.LeadQueries;
import io.swagger.v3.oas.annotations.Operation;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Polled sources: their schedule and watermark, and a way to run one now (through Quartz, so still once per cluster). */
@RestController
@RequestMapping("/api/sources")
public class SourceController {

    private final SourcesProperties sources;
    private final LeadQueries queries;
    private final Scheduler scheduler;

    public SourceController(SourcesProperties sources, LeadQueries queries, Scheduler scheduler) {
        this.sources = sources;
        this.queries = queries;
        this.scheduler = scheduler;
    }

    @Operation(summary = "Configured sources with their cron, watermark, last run and last error")
    @GetMapping
    public List<Map<String, Object>> sources() {
        var state = new LinkedHashMap<String, Map<String, Object>>();
        queries.watermarks().forEach(w -> state.put((String) w.get("source"), w));
        var out = new ArrayList<Map<String, Object>>();
        sources.sources().forEach((name, source) -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("name", name);
            row.put("type", source.type());
            row.put("cron", source.cron());
            row.put("enabled", source.enabled());
            row.putAll(state.getOrDefault(name, Map.of()));
            row.put("name", name);
            out.add(row);
        });
        return out;
    }

    @Operation(summary = "Run a source's poll now")
    @PostMapping("/{name}/poll")
    public ResponseEntity<Map<String, String>> poll(@PathVariable String name) throws SchedulerException {
        var source = sources.sources().get(name);
        if (source == null || !source.enabled()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no enabled source named " + name);
        }
        scheduler.triggerJob(JobKey.jobKey(name, "poll"));
        return ResponseEntity.accepted().body(Map.of("status", "triggered", "source", name));
    }
}
