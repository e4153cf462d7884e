package io.leadhub.enrich.providers.website;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import com.google.common.net.InetAddresses;

/**
 * The addresses the website analyser must never reach, each range with the reason it is refused: loopback,
 * private and shared networks, link-local (cloud metadata at 169.254.169.254), documentation and benchmark
 * ranges, multicast and reserved space, cloud host addresses, and the IPv6 transition prefixes (NAT64, 6to4,
 * Teredo) through which an IPv6 address can lead to any IPv4 one. IPv4 inside IPv6 (mapped, compatible) is
 * judged as the IPv4 it carries.
 */
final class BlockedAddresses {

    record Range(byte[] network, int prefix, String reason) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Range> RANGES = List.of(
            range("0.0.0.0/8", "this network"),
            range("10.0.0.0/8", "private network"),
            range("100.64.0.0/10", "carrier-grade NAT (also Alibaba Cloud metadata 100.100.100.200)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local (cloud metadata 169.254.169.254)"),
            range("168.63.129.16/32", "Azure host address"),
            range("172.16.0.0/12", "private network"),
            range("192.0.0.0/24", "IETF protocol assignments (Oracle Cloud metadata 192.0.0.192)"),
            range("192.0.2.0/24", "documentation"),
            range("192.88.99.0/24", "6to4 relay"),
            range("192.168.0.0/16", "private network"),
            range("198.18.0.0/15", "benchmarking"),
            range("198.51.100.0/24", "documentation"),
            range("203.0.113.0/24", "documentation"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved (and broadcast 255.255.255.255)"),
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("64:ff9b::/96", "NAT64"),
            range("64:ff9b:1::/48", "local NAT64"),
            range("100::/64", "discard-only"),
            range("2001::/32", "Teredo"),
            range("2001:2::/48", "benchmarking"),
            range("2001:10::/28", "ORCHID"),
            range("2001:20::/28", "ORCHIDv2"),
            range("2001:db8::/32", "documentation"),
            range("2002::/16", "6to4"),
            range("3fff::/20", "documentation"),
            range("fc00::/7", "unique local (AWS IMDS fd00:ec2::254)"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local"),
            range("ff00::/8", "multicast"));

    private BlockedAddresses() {
    }

    private static Range range(String cidr, String reason) {
        var slash = cidr.indexOf('/');
        return new Range(InetAddresses.forString(cidr.substring(0, slash)).getAddress(),
                Integer.parseInt(cidr.substring(slash + 1)), reason);
    }

    /** Why the address is refused, or empty when it is a public one. */
    static Optional<String> reason(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            var embedded = embeddedIpv4(v6);
            if (embedded != null) {
                return reason(embedded).map(r -> "IPv4 " + embedded.getHostAddress() + " inside IPv6: " + r);
            }
        }
        var bytes = address.getAddress();
        for (var range : RANGES) {
            if (range.contains(bytes)) {
                var reason = range.reason();
                if (address instanceof Inet6Address v6 && InetAddresses.is6to4Address(v6)) {
                    reason += " of " + InetAddresses.get6to4IPv4Address(v6).getHostAddress();
                }
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) IPv6 address carries. */
    private static Inet4Address embeddedIpv4(Inet6Address address) {
        var b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return null;
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0); // not :: or ::1
        if (!mapped && !compatible) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
