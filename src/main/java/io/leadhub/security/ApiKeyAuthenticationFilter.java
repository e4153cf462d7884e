package io.leadhub.security;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides the {@link Caller} of a request from its API key (X-API-Key, or Authorization: Bearer) and nothing
 * else. With no key configured, a loopback client that did not come through a proxy is an operator. A key that
 * is sent but unknown is answered 401 at once; a request with no key goes on unauthenticated, and the filter
 * chain's rules decide whether its path needs one.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String KEY_HEADER = "X-API-Key";

    private final List<SecurityProperties.ApiKey> keys;
    private final JsonDenials denials;

    ApiKeyAuthenticationFilter(SecurityProperties properties, JsonDenials denials) {
        this.keys = properties.configuredKeys();
        this.denials = denials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var requested = requestedWorkspaces(request);
        for (var name : requested) {
            try {
                Caller.checkedWorkspace(java.net.URLDecoder.decode(name, StandardCharsets.UTF_8).strip());
            } catch (RuntimeException e) {
                denials.write(response, 400, "?workspace=: " + e.getMessage());
                return;
            }
        }
        var given = presentedKey(request);
        Caller caller = null;
        if (given != null) {
            caller = byKey(given);
            if (caller == null) {
                denials.write(response, 401, keys.isEmpty()
                        ? "an API key was sent but none is configured (leadhub.security.api-keys)"
                        : "unknown API key");
                return;
            }
        } else if (keys.isEmpty() && isLocal(request)) {
            caller = new Caller(Caller.ALL_WORKSPACES, "loopback");
        }
        if (caller != null) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new CallerAuthentication(caller));
            SecurityContextHolder.setContext(context);
            request.setAttribute(Caller.ATTRIBUTE, caller);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The caller a key belongs to; every configured key is compared, in constant time, so timing tells nothing. */
    private Caller byKey(String given) {
        var givenBytes = given.getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (var key : keys) {
            if (MessageDigest.isEqual(key.key().getBytes(StandardCharsets.UTF_8), givenBytes) && found == null) {
                found = new Caller(key.workspace() == null || key.workspace().isBlank() ? "default" : key.workspace().strip(), "api-key");
            }
        }
        return found;
    }

    /** Every ?workspace= of the query string, as sent (checked before any handler sees it). */
    private static List<String> requestedWorkspaces(HttpServletRequest request) {
        var query = request.getQueryString();
        if (query == null || !query.contains("workspace")) {
            return List.of();
        }
        return org.springframework.web.util.UriComponentsBuilder.newInstance().query(query).build()
                .getQueryParams().getOrDefault("workspace", List.of()).stream()
                .filter(v -> v != null && !v.isEmpty()).toList(); // an empty one names no workspace
    }

    private static String presentedKey(HttpServletRequest request) {
        var key = request.getHeader(KEY_HEADER);
        if (key == null) {
            var authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7);
            }
        }
        return key == null || key.isBlank() ? null : key.strip();
    }

    /** A loopback peer that did not forward someone else's request (a proxy on the same host is not a local user). */
    static boolean isLocal(HttpServletRequest request) {
        if (Boolean.TRUE.equals(request.getAttribute(ClientAddressFilter.PROXIED_ATTRIBUTE))) {
            return false;
        }
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** An authenticated caller; it has no credentials to keep once the key was checked. */
    static final class CallerAuthentication extends AbstractAuthenticationToken {
        private final Caller caller;

        CallerAuthentication(Caller caller) {
            super(AuthorityUtils.createAuthorityList(caller.operator() ? "ROLE_OPERATOR" : "ROLE_TENANT"));
            this.caller = caller;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Caller getPrincipal() {
            return caller;
        }
    }
}
