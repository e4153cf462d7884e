package io.leadhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import io.leadhub.config.LeadhubProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiKeyFilterTest {

    private static ApiKeyFilter filter(String key, String workspace) {
        var properties = new LeadhubProperties();
        if (key != null) {
            var apiKey = new LeadhubProperties.ApiKey();
            apiKey.setKey(key);
            apiKey.setWorkspace(workspace);
            properties.getSecurity().getApiKeys().add(apiKey);
        }
        return new ApiKeyFilter(properties);
    }

    private static MockHttpServletRequest request(String remote) {
        var request = new MockHttpServletRequest("GET", "/api/leads");
        request.setRemoteAddr(remote);
        request.addHeader(ApiKeyFilter.WORKSPACE_HEADER, "someone-elses");
        return request;
    }

    @Test
    void aKeyMapsTheCallerToItsWorkspaceWhateverHeaderItSent() throws Exception {
        var seen = new AtomicReference<String>();
        var request = request("203.0.113.9");
        request.addHeader("X-API-Key", "k-acme");
        filter("k-acme", "acme").doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                seen.set(((HttpServletRequest) req).getHeader(ApiKeyFilter.WORKSPACE_HEADER));
            }
        });
        assertThat(seen.get()).isEqualTo("acme");
    }

    @Test
    void aWrongKeyIs401AndWithoutKeysOnlyLoopbackIsServed() throws Exception {
        var wrong = request("203.0.113.9");
        wrong.addHeader("X-API-Key", "guess");
        var response = new MockHttpServletResponse();
        filter("k-acme", "acme").doFilter(wrong, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(401);

        var remote = new MockHttpServletResponse();
        filter(null, null).doFilter(request("203.0.113.9"), remote, new MockFilterChain());
        assertThat(remote.getStatus()).isEqualTo(403);
        assertThat(remote.getContentAsString()).contains("loopback");

        var local = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter(null, null).doFilter(request("127.0.0.1"), local, chain);
        assertThat(((HttpServletRequest) chain.getRequest()).getHeader(ApiKeyFilter.WORKSPACE_HEADER)).isEqualTo("*");
    }
}
