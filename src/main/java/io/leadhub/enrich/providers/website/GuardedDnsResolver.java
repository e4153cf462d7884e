package io.leadhub.enrich.providers.website;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.leadhub.enrich.ProviderRefusedException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The website analyser's HTTP client resolves names only through the guard: the addresses it may connect to
 * are the ones that passed the check, at connect time, for every request and redirect.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final AddressGuard guard;

    GuardedDnsResolver(AddressGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return guard.resolve(host);
        } catch (ProviderRefusedException refused) {
            var failure = new UnknownHostException(refused.getMessage());
            failure.initCause(refused);
            throw failure;
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
