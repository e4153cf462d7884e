package io.leadhub.ingest.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.config.BodyTooLargeException;
import io.leadhub.config.RequestRejectedException;
import io.leadhub.ingest.IngestOutcome;
import io.leadhub.ingest.JsonErrors;
import io.leadhub.ingest.crm.CrmApiException;
import io.leadhub.ingest.crm.SalesforceOutboundMessage;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The HTTP answers of the ingest routes: what was accepted and rejected, or why the request was refused. */
@Component
public class HttpReplies {

    private static final Logger log = LoggerFactory.getLogger(HttpReplies.class);

    private final ObjectMapper json;

    public HttpReplies(ObjectMapper json) {
        this.json = json;
    }

    /** 202 with the accepted lead ids and each rejection's reason. */
    public void accepted(Exchange exchange) throws JsonProcessingException {
        var outcome = exchange.getMessage().getBody(IngestOutcome.class);
        var body = new LinkedHashMap<String, Object>();
        body.put("acceptedCount", outcome.accepted().size());
        body.put("rejectedCount", outcome.rejected().size());
        body.put("accepted", outcome.accepted());
        body.put("rejected", outcome.rejected());
        reply(exchange, 202, "application/json", json.writeValueAsString(body));
    }

    /** 200 with the body as JSON, written by the hub's one ObjectMapper. */
    public void json(Exchange exchange) throws JsonProcessingException {
        reply(exchange, 200, "application/json", json.writeValueAsString(exchange.getMessage().getBody()));
    }

    /** Plain receipts for senders that only look at the status (HubSpot, Pipedrive). */
    public void received(Exchange exchange) {
        reply(exchange, 200, "application/json", "{\"status\":\"received\"}");
    }

    public void salesforceAck(Exchange exchange) {
        reply(exchange, 200, "text/xml; charset=utf-8", SalesforceOutboundMessage.ACK);
    }

    /** The error handler's answer: the refused request's status and reason, or 503 so the sender retries. */
    public void error(Exchange exchange) throws JsonProcessingException {
        var error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        String reason;
        // Camel's stream caching may retry a failed read and lose the exception: the request remembers it
        var tooLarge = BodyTooLargeException.in(error);
        if (tooLarge == null && exchange.getIn() instanceof PlatformHttpMessage http) {
            tooLarge = BodyTooLargeException.of(http.getRequest());
        }
        if (tooLarge != null) {
            // read while the route converted or parsed the body; what was read goes with the exchange
            status = 413;
            reason = tooLarge.getMessage();
            log.info("Refused {} request: {} {}", exchange.getMessage().getHeader("leadhubSource"), status, reason);
            exchange.getMessage().setBody(null);
        } else if (error instanceof RequestRejectedException rejected) {
            status = rejected.status();
            reason = rejected.getMessage();
            log.info("Refused {} request: {} {}", exchange.getMessage().getHeader("leadhubSource"), status, reason);
        } else if (error instanceof org.apache.camel.TypeConversionException
                || error instanceof org.apache.camel.NoTypeConversionAvailableException
                || error instanceof org.apache.camel.component.bean.ParameterBindingException) {
            status = 400;
            reason = "a parameter has the wrong type: " + rootMessage(error);
        } else if (error instanceof com.fasterxml.jackson.core.JsonProcessingException bad) {
            status = 400; // a reader that did not say it itself: malformed or over-deep JSON is the client's error
            reason = "body is " + JsonErrors.reason(bad);
        } else if (error instanceof CrmApiException crm) {
            status = 503;
            reason = crm.getMessage() + "; the delivery will be accepted when retried";
            log.warn("{}", reason);
        } else {
            status = 503;
            reason = "the request could not be completed, retry later (" + (error == null ? "unknown" : error.getClass().getSimpleName()) + ")";
            log.error("Ingest request failed", error);
        }
        if ("salesforce".equals(exchange.getMessage().getHeader("leadhubSource"))) {
            reply(exchange, status == 503 ? 500 : status, "text/xml; charset=utf-8", soapFault(reason));
            return;
        }
        reply(exchange, status, "application/json", json.writeValueAsString(Map.of("error", reason, "status", status)));
    }

    private static String rootMessage(Throwable error) {
        var root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String soapFault(String reason) {
        var escaped = reason.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                  <soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>%s</faultstring></soapenv:Fault></soapenv:Body>
                </soapenv:Envelope>
                """.formatted(escaped);
    }

    private static void reply(Exchange exchange, int status, String contentType, String body) {
        var message = exchange.getMessage();
        message.removeHeaders("*", "leadhub*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body);
    }

}
