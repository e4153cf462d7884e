package io.leadhub.security;

import java.io.IOException;
import java.util.LinkedHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Every refusal at the edge answered the same way as the API's other errors: a status and a reason in JSON. */
final class JsonDenials implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final ObjectMapper json;
    private final boolean keysConfigured;

    JsonDenials(ObjectMapper json, boolean keysConfigured) {
        this.json = json;
        this.keysConfigured = keysConfigured;
    }

    /** No key on a path that needs one. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (keysConfigured) {
            write(response, 401, "this path needs an API key: send it as X-API-Key (or Authorization: Bearer)");
        } else {
            write(response, 403, "no API key is configured, so the hub answers loopback clients only (not through a "
                    + "proxy unless it is in leadhub.security.trusted-proxies); set leadhub.security.api-keys to open it");
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, 403, "this key may not do that: " + e.getMessage());
    }

    /** The firewall refused the request line: an encoded slash, dot or percent, a ';', '//', '/./', '/../', a control character. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        write(response, 400, "request refused: " + e.getMessage()
                + " (paths must be plain: no encoded '/', '.', '%' or ';', no '//', '/./' or '/../')");
    }

    void write(HttpServletResponse response, int status, String reason) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("status", status);
        body.put("error", reason);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"leadhub\"");
        }
        json.writeValue(response.getOutputStream(), body);
    }
}
