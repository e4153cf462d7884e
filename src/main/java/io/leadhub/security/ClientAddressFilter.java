package io.leadhub.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client's address and the public URL, from forwarded headers only when the peer is a configured proxy
 * (leadhub.security.trusted-proxies). From any other peer the Forwarded / X-Forwarded-* headers are removed, so
 * nothing behind this filter (the loopback check, the HubSpot signature's URL, Camel's headers) can be fooled by
 * them, and the request is marked as proxied. The client behind trusted proxies is the right-most address of
 * X-Forwarded-For that is not a trusted proxy: the left-most entries are whatever the client chose to send.
 */
final class ClientAddressFilter extends OncePerRequestFilter {

    static final String PROXIED_ATTRIBUTE = ClientAddressFilter.class.getName() + ".proxied";

    private final List<IpAddressMatcher> proxies;
    private final ForwardedHeaderFilter forwarded = new ForwardedHeaderFilter();

    ClientAddressFilter(List<String> trustedProxies) {
        this.proxies = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(IpAddressMatcher::new).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!trusted(request.getRemoteAddr())) {
            var stripped = new WithoutForwardedHeaders(request);
            if (stripped.hadAny) {
                request.setAttribute(PROXIED_ATTRIBUTE, true);
            }
            chain.doFilter(stripped, response);
            return;
        }
        var client = clientBehindProxies(request);
        // scheme, host, port and prefix from the proxy's headers; the address from the rule above
        forwarded.doFilter(request, response, (req, res) -> chain.doFilter(new WithRemoteAddress((HttpServletRequest) req, client), res));
    }

    private boolean trusted(String address) {
        if (address == null) {
            return false;
        }
        for (var proxy : proxies) {
            try {
                if (proxy.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not an address: not a proxy
            }
        }
        return false;
    }

    private String clientBehindProxies(HttpServletRequest request) {
        var hops = new ArrayList<String>();
        for (var header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (var hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? request.getRemoteAddr() : hops.get(0);
    }

    private static boolean isForwardedHeader(String name) {
        var lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("forwarded") || lower.startsWith("x-forwarded-") || lower.equals("x-real-ip");
    }

    private static final class WithoutForwardedHeaders extends HttpServletRequestWrapper {
        final boolean hadAny;

        WithoutForwardedHeaders(HttpServletRequest request) {
            super(request);
            hadAny = Collections.list(request.getHeaderNames()).stream().anyMatch(ClientAddressFilter::isForwardedHeader);
        }

        @Override
        public String getHeader(String name) {
            return isForwardedHeader(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isForwardedHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            var names = Collections.list(super.getHeaderNames());
            names.removeIf(ClientAddressFilter::isForwardedHeader);
            return Collections.enumeration(names);
        }
    }

    private static final class WithRemoteAddress extends HttpServletRequestWrapper {
        private final String address;

        WithRemoteAddress(HttpServletRequest request, String address) {
            super(request);
            this.address = address;
        }

        @Override
        public String getRemoteAddr() {
            return address;
        }

        @Override
        public String getRemoteHost() {
            return address;
        }
    }
}
