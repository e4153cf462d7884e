package io.leadhub.enrich.providers.website;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Name resolution for the website analyser, as a seam: the guard checks what this answers, and the HTTP client
 * connects only to what the guard checked (see {@link GuardedDnsResolver}). The system resolver by default;
 * tests put a scripted one in its place (a name that answers differently each time, as in DNS rebinding).
 */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
