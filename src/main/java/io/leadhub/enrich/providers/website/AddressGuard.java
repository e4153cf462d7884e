package io.leadhub.enrich.providers.website;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import io.leadhub.enrich.ProviderRefusedException;

/**
 * The SSRF guard of the website analyser: only http(s) to public addresses. Every address a host resolves to
 * must be public (loopback, private, link-local such as 169.254.169.254, carrier-grade NAT, multicast and
 * unique-local IPv6 are refused); it is checked again for every redirect.
 */
public final class AddressGuard {

    private final boolean allowLoopback;

    public AddressGuard(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ProviderRefusedException("not a URL: " + url);
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ProviderRefusedException("refused scheme " + scheme + " in " + url);
        }
        if (uri.getHost() == null) {
            throw new ProviderRefusedException("no host in " + url);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new ProviderRefusedException("unknown host " + uri.getHost());
        }
        for (var address : addresses) {
            if (!isPublic(address) && !(allowLoopback && address.isLoopbackAddress())) {
                throw new ProviderRefusedException("refused non-public address " + address.getHostAddress() + " for " + uri.getHost());
            }
        }
        return uri;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        var bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) != 0xfc; // fc00::/7 unique local
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first != 0                                  // 0.0.0.0/8
                && !(first == 100 && second >= 64 && second < 128)   // 100.64.0.0/10 carrier-grade NAT
                && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // 192.0.0.0/24
                && !(first == 198 && (second == 18 || second == 19))  // benchmarking
                && first < 224;                                 // multicast and reserved
    }
}
