package io.leadhub.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.leadhub.config.BodyTooLargeException;
import io.leadhub.config.RequestRejectedException;
import io.leadhub.score.RulesParser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Rejections the API's controllers raise, answered with their status and a reason the caller can act on. */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(RequestRejectedException.class)
    public ResponseEntity<Map<String, Object>> rejected(RequestRejectedException e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", e.status());
        body.put("error", e.getMessage());
        return ResponseEntity.status(e.status()).body(body);
    }

    /** A body that grew past its limit while Jackson or a String converter read it (see BodyLimitFilter). */
    @ExceptionHandler(BodyTooLargeException.class)
    public ResponseEntity<Map<String, Object>> tooLarge(BodyTooLargeException e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", 413);
        body.put("error", e.getMessage());
        return ResponseEntity.status(413).header("Connection", "close").body(body);
    }

    @ExceptionHandler(RulesParser.InvalidRulesException.class)
    public ResponseEntity<Map<String, Object>> invalidRules(RulesParser.InvalidRulesException e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", 400);
        body.put("error", "the scoring rules were not changed: " + e.errors().size() + " problem(s)");
        body.put("errors", e.errors());
        return ResponseEntity.badRequest().body(body);
    }
}
