package io.leadhub.api;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.leadhub.config.LeadhubProperties;
import io.leadhub.ingest.Signatures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * /api/** needs an X-API-Key from leadhub.security.api-keys; the key decides the caller's workspace, passed on
 * as the X-Leadhub-Workspace header (whatever the caller sent there is dropped). A key mapped to "*" sees every
 * workspace and may choose one with ?workspace=. With no key configured, only loopback clients are served (as
 * operators), so the embedded default is safe and usable at once.
 */
@Component
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String WORKSPACE_HEADER = "X-Leadhub-Workspace";
    /** The workspace of an operator: a key mapped to "*", or a loopback caller when no key is configured. */
    public static final String ALL_WORKSPACES = "*";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

    private final List<LeadhubProperties.ApiKey> keys;

    public ApiKeyFilter(LeadhubProperties properties) {
        this.keys = properties.getSecurity().getApiKeys().stream()
                .filter(k -> k.getKey() != null && !k.getKey().isBlank()).toList();
        if (keys.isEmpty()) {
            log.warn("No API key configured (leadhub.security.api-keys): /api/** answers loopback clients only");
        } else {
            log.info("/api/** requires X-API-Key ({} keys configured)", keys.size());
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String workspace;
        if (keys.isEmpty()) {
            if (!isLoopback(request.getRemoteAddr())) {
                deny(response, 403, "no API key is configured, so /api/** answers loopback clients only; "
                        + "set leadhub.security.api-keys to open it");
                return;
            }
            workspace = ALL_WORKSPACES;
        } else {
            var given = request.getHeader("X-API-Key");
            workspace = keys.stream().filter(k -> Signatures.equalsConstantTime(k.getKey(), given))
                    .map(LeadhubProperties.ApiKey::getWorkspace).findFirst().orElse(null);
            if (workspace == null) {
                deny(response, 401, given == null ? "missing X-API-Key header" : "unknown X-API-Key");
                return;
            }
        }
        chain.doFilter(new WorkspaceRequest(request, workspace), response);
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deny(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + reason.replace("\"", "'") + "\"}");
    }

    /** The request as the rest of the hub sees it: with the workspace the key maps to. */
    private static final class WorkspaceRequest extends HttpServletRequestWrapper {
        private final String workspace;

        WorkspaceRequest(HttpServletRequest request, String workspace) {
            super(request);
            this.workspace = workspace;
        }

        @Override
        public String getHeader(String name) {
            return WORKSPACE_HEADER.equalsIgnoreCase(name) ? workspace : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return WORKSPACE_HEADER.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(workspace)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            var names = Collections.list(super.getHeaderNames());
            names.removeIf(WORKSPACE_HEADER::equalsIgnoreCase);
            names.add(WORKSPACE_HEADER);
            return Collections.enumeration(names);
        }

    }
}
