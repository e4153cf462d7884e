package io.leadhub.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * What the hub's one HTTP stack (camel-http, both its http and https components) never sends to a third party:
 * Camel's own headers and HTTP protocol headers (as camel-http filters them), the hub's internal message
 * headers (leadhubSource, leadhubWorkspace, leadhubObjectId, ...), and headers only an inbound client sends
 * (cookies, forwarding, idempotency keys, the tenant header, CRM signatures). Each vendor client sets what its
 * API needs after clearing the message (credentials included); this is the edge that holds if one forgets.
 * Outgoing event webhooks keep their documented Leadhub-Event-Id, Leadhub-Event-Type and Leadhub-Signature.
 */
@Component("outboundHeaders")
public class OutboundHeaders extends HttpHeaderFilterStrategy implements CamelContextConfiguration {

    /** The hub's internal headers are camelCase: leadhub followed by a capital (leadhubSource). */
    private static final Pattern INTERNAL = Pattern.compile("leadhub[A-Z_].*");
    private static final Set<String> INBOUND_ONLY = Set.of("cookie", "set-cookie", "forwarded", "x-real-ip", "via",
            "idempotency-key", "origin", "referer", "x-leadhub-workspace", "x-api-key-id");
    private static final String[] INBOUND_PREFIXES = {"x-forwarded-", "x-hubspot-", "x-leadhub-", "x-pipedrive-", "x-salesforce-"};

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return super.applyFilterToCamelHeaders(name, value, exchange) || refused(name);
    }

    static boolean refused(String name) {
        if (INTERNAL.matcher(name).matches()) {
            return true;
        }
        var lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("camel") || lower.startsWith("leadhub") && !lower.startsWith("leadhub-")
                || INBOUND_ONLY.contains(lower)) {
            return true;
        }
        for (var prefix : INBOUND_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        for (var scheme : new String[]{"http", "https"}) {
            camelContext.getComponent(scheme, HttpComponent.class).setHeaderFilterStrategy(this);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing: the components are configured before the routes create their endpoints
    }
}
