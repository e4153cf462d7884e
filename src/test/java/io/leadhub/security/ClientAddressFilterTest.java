package io.leadhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which address a request comes from, with and without trusted proxies in front. */
class ClientAddressFilterTest {

    private static HttpServletRequest through(List<String> trusted, String peer, String... forwardedFor) throws Exception {
        var request = new MockHttpServletRequest("GET", "/api/leads");
        request.setRemoteAddr(peer);
        for (var hop : forwardedFor) {
            request.addHeader("X-Forwarded-For", hop);
        }
        var chain = new MockFilterChain();
        new ClientAddressFilter(trusted).doFilter(request, new MockHttpServletResponse(), chain);
        return (HttpServletRequest) chain.getRequest();
    }

    @Test
    void anUntrustedPeerCannotClaimToBeLoopback() throws Exception {
        var seen = through(List.of(), "10.0.0.5", "127.0.0.1");
        assertThat(seen.getRemoteAddr()).isEqualTo("10.0.0.5");
        assertThat(seen.getHeader("X-Forwarded-For")).isNull();
        assertThat(seen.getHeaderNames().asIterator()).toIterable().doesNotContain("X-Forwarded-For");
        assertThat(ApiKeyAuthenticationFilter.isLocal(seen)).isFalse();
    }

    @Test
    void aLoopbackPeerThatForwardsSomeoneIsNotALocalUser() throws Exception {
        // a reverse proxy on the same host: without it in trusted-proxies, its requests are not loopback clients
        var seen = through(List.of(), "127.0.0.1", "203.0.113.7");
        assertThat(seen.getRemoteAddr()).isEqualTo("127.0.0.1");
        assertThat(ApiKeyAuthenticationFilter.isLocal(seen)).isFalse();
        assertThat(ApiKeyAuthenticationFilter.isLocal(through(List.of(), "127.0.0.1"))).isTrue();
    }

    @Test
    void behindTrustedProxiesTheClientIsTheRightMostUntrustedHop() throws Exception {
        var proxies = List.of("10.0.0.0/8", "192.0.2.10");
        // the client wrote "127.0.0.1" itself; the proxy appended the address it saw
        assertThat(through(proxies, "10.1.2.3", "127.0.0.1, 198.51.100.23").getRemoteAddr()).isEqualTo("198.51.100.23");
        assertThat(through(proxies, "10.1.2.3", "198.51.100.23, 192.0.2.10").getRemoteAddr()).isEqualTo("198.51.100.23");
        assertThat(through(proxies, "10.1.2.3", "127.0.0.1", "198.51.100.24").getRemoteAddr()).isEqualTo("198.51.100.24");
        assertThat(through(proxies, "10.1.2.3").getRemoteAddr()).isEqualTo("10.1.2.3");
    }
}
