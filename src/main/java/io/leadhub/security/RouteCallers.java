package io.leadhub.security;

import io.leadhub.config.RequestRejectedException;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * The caller of a request served by a Camel platform-http route, as the security chain authenticated it. Routes
 * run off the servlet thread, so the caller travels as a request attribute; the route step "identify the caller"
 * puts its workspace in the {@value #HEADER} header ("*" for an operator, who reads every workspace) and the
 * workspace its writes go to in {@value #WORKSPACE_HEADER}. Client headers of those names never get this far:
 * the platform-http header filter ({@link InboundHeaders}) drops every inbound leadhub* header.
 */
@Component("routeCallers")
public class RouteCallers {

    public static final String HEADER = "leadhubCaller";
    public static final String WORKSPACE_HEADER = "leadhubWorkspace";

    public void identify(Exchange exchange) {
        Caller caller = null;
        if (exchange.getIn() instanceof PlatformHttpMessage message && message.getRequest() != null) {
            caller = (Caller) message.getRequest().getAttribute(Caller.ATTRIBUTE);
        }
        if (caller == null) {
            // the filter chain lets no unauthenticated request reach an /api route; this is a second lock
            throw new RequestRejectedException(401, "this path needs an API key");
        }
        exchange.getIn().setHeader(HEADER, caller.workspace());
        // the workspace a write acts in: the key's own, or the one an operator names with ?workspace=
        exchange.getIn().setHeader(WORKSPACE_HEADER, caller.actingIn(exchange.getIn().getHeader("workspace", String.class)));
    }
}
