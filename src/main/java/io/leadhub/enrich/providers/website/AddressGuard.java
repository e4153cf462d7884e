package io.leadhub.enrich.providers.website;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import com.google.common.net.InetAddresses;
import io.leadhub.enrich.ProviderRefusedException;

/**
 * The SSRF guard of the website analyser: only http(s) URLs without user info, to hosts spelled plainly, whose
 * every address is public ({@link BlockedAddresses} lists what is not). The HTTP client resolves names through
 * {@link #resolve} too ({@link GuardedDnsResolver}), so it connects only to addresses checked here, for the
 * first request and every redirect: a name that answers differently the second time (DNS rebinding) gains nothing.
 */
public final class AddressGuard {

    /** A label that browsers and resolvers read as a number (decimal, octal 017, hex 0x7f). */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)");

    private final boolean allowLoopback;
    private final HostResolver resolver;

    public AddressGuard(boolean allowLoopback) {
        this(allowLoopback, HostResolver.SYSTEM);
    }

    public AddressGuard(boolean allowLoopback, HostResolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    /** Checks a URL and every address its host resolves to now; throws {@link ProviderRefusedException} with the reason. */
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
        if (uri.getRawUserInfo() != null) {
            throw new ProviderRefusedException("refused user info in " + uri.getHost());
        }
        if (uri.getHost() == null) {
            throw new ProviderRefusedException("no host in " + url);
        }
        resolve(uri.getHost());
        return uri;
    }

    /** The addresses of a host, each of them checked; what the HTTP client connects to. */
    public InetAddress[] resolve(String host) {
        var addresses = lookUp(host);
        for (var address : addresses) {
            var reason = BlockedAddresses.reason(address);
            if (reason.isPresent() && !(allowLoopback && address.isLoopbackAddress())) {
                throw new ProviderRefusedException("refused non-public address " + address.getHostAddress()
                        + " for " + host + " (" + reason.get() + ")");
            }
        }
        return addresses;
    }

    private InetAddress[] lookUp(String host) {
        var name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.contains(":")) { // an IPv6 literal, never sent to a resolver
            if (!InetAddresses.isInetAddress(name)) {
                throw new ProviderRefusedException("refused host spelling " + host);
            }
            return new InetAddress[]{InetAddresses.forString(name)};
        }
        var plain = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        var labels = plain.split("\\.", -1);
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            // a numeric host must be a plain dotted quad: 2130706433, 0x7f.1, 127.1 and 0177.0.0.1 all mean loopback
            if (labels.length != 4 || !InetAddresses.isInetAddress(plain)) {
                throw new ProviderRefusedException("refused host spelling " + host);
            }
            return new InetAddress[]{InetAddresses.forString(plain)};
        }
        try {
            var addresses = resolver.resolve(plain);
            if (addresses == null || addresses.length == 0) {
                throw new ProviderRefusedException("unknown host " + host);
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new ProviderRefusedException("unknown host " + host);
        }
    }
}
