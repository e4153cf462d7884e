package io.leadhub.enrich;

import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A test vendor (type "troubled", on the local server) whose answer can end the call in an Error, the way an
 * out-of-memory or a stack overflow while reading a huge answer does: {"raise": "answer"} while the answer is
 * read, {"raise": "store"} when the answer is stored (a field that cannot be written). Any other answer's
 * "value" is a hit.
 */
@Component
public class TroubledProviderClient implements ProviderClient, KeylessProvider {

    /** A field value whose serialization fails with an Error. */
    public static final class Unwritable {
        public String getValue() {
            throw new OutOfMemoryError("simulated: no memory left to write the answer");
        }
    }

    @Override
    public void request(ProviderRequest request, Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/troubled");
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "q=" + request.param("q"));
    }

    @Override
    public Map<String, Object> answer(ProviderRequest request, int status, String body) {
        if (body.contains("\"raise\": \"answer\"")) {
            throw new StackOverflowError("simulated: the answer was too deep to read");
        }
        if (body.contains("\"raise\": \"store\"")) {
            return Map.of("value", new Unwritable());
        }
        return Map.of("value", body.replaceAll("(?s).*\"value\": \"([^\"]*)\".*", "$1"));
    }
}
