package io.leadhub.api;

import java.io.IOException;

import io.leadhub.config.LeadhubProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Webhook bodies are read whole (signatures cover every byte): refuse oversized ones before reading them. */
@Component
public class WebhookSizeFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public WebhookSizeFilter(LeadhubProperties properties) {
        this.maxBytes = properties.getWebhooks().getMaxBodyBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/webhooks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(413);
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":413,\"error\":\"webhook body larger than " + maxBytes
                    + " bytes (leadhub.webhooks.max-body-bytes)\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
