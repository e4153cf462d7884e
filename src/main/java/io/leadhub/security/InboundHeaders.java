package io.leadhub.security;

import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Which request headers a platform-http route sees: the HTTP defaults, minus every header that names the hub's
 * own state (leadhub*, X-Leadhub-*), so that no client can set a route's workspace, source or object id by
 * sending a header of that name.
 */
@Component("inboundHeaders")
public class InboundHeaders extends HttpHeaderFilterStrategy {

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        var lower = headerName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("leadhub") || lower.startsWith("x-leadhub")) {
            return true;
        }
        return super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }
}
