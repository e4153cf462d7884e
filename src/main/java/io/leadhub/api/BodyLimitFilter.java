package io.leadhub.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.leadhub.config.BodyTooLargeException;
import io.leadhub.ingest.ApiProperties;
import io.leadhub.ingest.crm.WebhooksProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request body is limited while it is read, chunked or not: a Content-Length above the limit is answered
 * 413 at once, unread; otherwise the body's stream counts the bytes and throws {@link BodyTooLargeException} past
 * the limit, which the API's error handlers (MVC and Camel) answer 413. The limit is chosen on the normalised
 * servlet path: /webhooks/** takes leadhub.webhooks.max-body-bytes, everything else leadhub.api.max-body-bytes.
 * Registered ahead of every other filter (see {@link BodyLimitConfiguration}), so nothing reads the body unlimited.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BodyLimitFilter.class);

    private final long apiLimit;
    private final long webhookLimit;

    public BodyLimitFilter(ApiProperties api, WebhooksProperties webhooks) {
        this.apiLimit = api.maxBodyBytes();
        this.webhookLimit = webhooks.maxBodyBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean webhook = path.equals("/webhooks") || path.startsWith("/webhooks/");
        long limit = webhook ? webhookLimit : apiLimit;
        var property = webhook ? "leadhub.webhooks.max-body-bytes" : "leadhub.api.max-body-bytes";
        if (request.getContentLengthLong() > limit) {
            refuse(response, new BodyTooLargeException(limit, property));
            return;
        }
        var limited = new LimitedRequest(request, limit, property);
        try {
            chain.doFilter(limited, response);
        } catch (IOException | ServletException | RuntimeException e) {
            // a backstop: the API's error handlers answer the limit themselves; this catches what escapes them
            var tooLarge = BodyTooLargeException.in(e);
            if (tooLarge == null) {
                tooLarge = BodyTooLargeException.of(request);
            }
            if (tooLarge == null || response.isCommitted()) {
                throw e; // committed: the container closes the connection on the error
            }
            refuse(response, tooLarge);
        }
    }

    static void refuse(HttpServletResponse response, BodyTooLargeException e) throws IOException {
        log.info("Refused request body: {}", e.getMessage());
        response.resetBuffer();
        response.setStatus(413);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // the rest of the body is not wanted: do not keep the connection reading it
        response.setHeader("Connection", "close");
        response.getWriter().write("{\"status\":413,\"error\":\"" + e.getMessage() + "\"}");
    }

    /** The request with its body behind the counting stream, whether it is read as bytes or as characters. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final String property;
        private LimitedInputStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, long limit, String property) {
            super(request);
            this.limit = limit;
            this.property = property;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), this, limit, property);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                var encoding = getCharacterEncoding();
                var charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }
}
