package io.leadhub.api;

import java.util.List;
import java.util.Map;

import io.leadhub.pipeline.DeadLetters;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Work the stages could not finish, and its replay (operators). */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Operation(summary = "Dead letters: stage, leads, error, attempts, first and last time, status (open or replayed)")
    @GetMapping
    public List<Map<String, Object>> list(@RequestParam(required = false) String stage, @RequestParam(required = false) String status) {
        return deadLetters.list(stage, status);
    }

    @Operation(summary = "Run a dead letter's work again through its stage (idempotent: a replayed letter is not run twice)")
    @PostMapping("/{id}/replay")
    public Map<String, Object> replay(@PathVariable long id) {
        return deadLetters.replay(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no dead letter " + id));
    }

    @Operation(summary = "Replay every open dead letter of a stage (enrich, score, personalize)")
    @PostMapping("/replay")
    public Map<String, Object> replayStage(@RequestParam String stage) {
        if (!DeadLetters.stages().contains(stage)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "stage must be one of " + DeadLetters.stages());
        }
        return deadLetters.replayStage(stage);
    }
}
