package io.leadhub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.leadhub.config.RequestRejectedException;

/**
 * The reason JSON was refused, as a client can act on it: malformed ("body is not JSON: Unexpected character ...
 * at line 3, column 7") or over a limit of the hub's ObjectMapper (nesting depth, string or number length; see
 * leadhub.json.*). Some of Jackson's exceptions carry no location, so none is assumed.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** What is wrong with the JSON, with its line and column when Jackson knows them. */
    public static String reason(JsonProcessingException e) {
        var message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        var location = e.getLocation();
        var where = location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        var text = isLimit(e) ? "JSON over the hub's limits: " + message + " (leadhub.json.*)" + where
                : "not JSON: " + message + where;
        return IngestText.cleanLine(text.length() > 500 ? text.substring(0, 500) : text);
    }

    /** A 400 for a whole request whose body ({@code what}) is malformed or over the limits. */
    public static RequestRejectedException rejected(String what, JsonProcessingException e) {
        return new RequestRejectedException(400, what + " is " + reason(e));
    }

    static boolean isLimit(Throwable e) {
        for (var t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }
}
