package io.leadhub.config;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Requests the servlet container refuses before the hub sees them (a header over
 * {@code server.max-http-request-header-size}, a malformed request line) are answered like every other refusal,
 * {@code {"status":..,"error":".."}}, instead of Tomcat's HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var reason = status == 400
                ? "the request could not be read: malformed, or a header is over the server's limit (server.max-http-request-header-size)"
                : "the server refused the request (HTTP " + status + ")";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            var writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"status\":" + status + ",\"error\":\"" + reason + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone: nothing to answer
        }
    }

    /** Puts this valve in place of Tomcat's (and Spring Boot's) HTML error report valve. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                var pipeline = context.getParent().getPipeline();
                for (var valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new JsonErrorReportValve());
                if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
