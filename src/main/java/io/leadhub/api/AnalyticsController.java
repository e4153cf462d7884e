package io.leadhub.api;

import io.leadhub.security.CallerWorkspace;
import java.util.List;
import java.util.Map;

import io.leadhub.lead.LeadQueries;
import io.leadhub.score.ScoreQueries;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** How scores are spread, which sources bring leads that convert, and whether the score predicts conversion. */
@RestController
@RequestMapping("/api/analytics")
public class AnalyticsController {

    private final ScoreQueries scores;

    public AnalyticsController(ScoreQueries scores) {
        this.scores = scores;
    }

    @Operation(summary = "Leads per tier and a histogram of scores")
    @GetMapping("/scores")
    public Map<String, Object> scores(@CallerWorkspace String caller,
                                      @RequestParam(name = "workspace", required = false) String requested,
                                      @RequestParam(defaultValue = "10") int band) {
        return scores.distribution(LeadQueries.visible(caller, requested), Math.max(1, band));
    }

    @Operation(summary = "Per source: leads, average score, converted, lost and conversion rate (source attribution)")
    @GetMapping("/sources")
    public List<Map<String, Object>> sources(@CallerWorkspace String caller,
                                             @RequestParam(name = "workspace", required = false) String requested) {
        return scores.sources(LeadQueries.visible(caller, requested));
    }

    @Operation(summary = "Conversion rate per score band: does the score predict?")
    @GetMapping("/conversion-by-score")
    public List<Map<String, Object>> conversionByScore(@CallerWorkspace String caller,
                                                       @RequestParam(name = "workspace", required = false) String requested,
                                                       @RequestParam(defaultValue = "10") int band) {
        return scores.conversionByScore(LeadQueries.visible(caller, requested), Math.max(1, band));
    }
}
