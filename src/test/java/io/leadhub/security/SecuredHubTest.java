package io.leadhub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.leadhub.HubTestSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the security tests: one hub, shared by all of them, with API keys configured (two tenants and an
 * operator), its own data directory and inbox.
 */
public abstract class SecuredHubTest extends HubTestSupport {

    static final String ACME_KEY = "k-acme-4f1c9a7e2b6d";
    static final String GLOBEX_KEY = "k-globex-8e3a5d0c7f21";
    static final String OPERATOR_KEY = "k-operator-1b9e6c3a5d70";

    @DynamicPropertySource
    static void securedHub(DynamicPropertyRegistry registry) {
        hubProperties(registry, Map.of(
                "leadhub.embedded-postgres.data-dir", WORK.resolve("pg-secured").toString(),
                "leadhub.inbox.dir", WORK.resolve("inbox-secured").toString(),
                "leadhub.scoring.rules-dir", WORK.resolve("scoring-secured").toString(),
                "leadhub.security.api-keys[0].key", ACME_KEY,
                "leadhub.security.api-keys[0].workspace", "acme",
                "leadhub.security.api-keys[1].key", GLOBEX_KEY,
                "leadhub.security.api-keys[1].workspace", "globex",
                "leadhub.security.api-keys[2].key", OPERATOR_KEY,
                "leadhub.security.api-keys[2].workspace", "*"));
    }

    /** A response read off the wire: status and body. */
    record Raw(int status, String head, String body) {
    }

    /**
     * Sends a request line exactly as written (no client library normalises the path) and reads the answer.
     */
    Raw raw(String method, String target, Map<String, String> headers, String body) {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            var request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            var bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
            }
            request.append("\r\n");
            var out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            var answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            var split = answer.indexOf("\r\n\r\n");
            var head = split < 0 ? answer : answer.substring(0, split);
            var status = Integer.parseInt(head.substring(9, 12));
            var content = split < 0 ? "" : answer.substring(split + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                content = dechunk(content);
            }
            return new Raw(status, head, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dechunk(String chunked) {
        var out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            // sizes count bytes; bodies here are ASCII JSON, so characters will do
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }

    Raw raw(String method, String target, Map<String, String> headers) {
        return raw(method, target, headers, null);
    }
}
