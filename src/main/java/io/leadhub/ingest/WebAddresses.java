package io.leadhub.ingest;

import java.net.IDN;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.common.net.InternetDomainName;

/** Websites, company domains and LinkedIn profile URLs in one canonical form each. */
public final class WebAddresses {

    private static final Pattern HAS_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://");
    private static final Pattern LINKEDIN_PATH = Pattern.compile("^/(in|pub|company|school|showcase)/([^/?#]+)", Pattern.CASE_INSENSITIVE);

    private WebAddresses() {
    }

    /** The host of a website or bare domain, lower-case and without "www.", or empty if it is not one. */
    public static Optional<String> host(String website) {
        return parse(website).flatMap(WebAddresses::hostOf);
    }

    /** The registrable domain (blog.acme.co.uk becomes acme.co.uk). */
    public static Optional<String> registrableDomain(String hostOrWebsite) {
        return host(hostOrWebsite).map(h -> {
            var name = InternetDomainName.from(h);
            if (!name.hasPublicSuffix()) { // a TLD newer than the public suffix list: its last two labels
                var parts = name.parts();
                return parts.size() <= 2 ? h : String.join(".", parts.subList(parts.size() - 2, parts.size()));
            }
            return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : h;
        });
    }

    /** https://host/path of a website, without query, fragment or trailing slash. */
    public static Optional<String> canonicalWebsite(String website) {
        return parse(website).flatMap(uri -> hostOf(uri).map(h -> {
            var path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return "https://" + h + path;
        }));
    }

    /** https://www.linkedin.com/in/slug for any country subdomain, mobile link or trailing junk; empty if not LinkedIn. */
    public static Optional<String> canonicalLinkedIn(String url) {
        return parse(url).flatMap(uri -> {
            var host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (!(host.equals("linkedin.com") || host.endsWith(".linkedin.com"))) {
                return Optional.empty();
            }
            var matcher = LINKEDIN_PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
            if (!matcher.find()) {
                return Optional.empty();
            }
            var kind = matcher.group(1).toLowerCase(Locale.ROOT);
            return Optional.of("https://www.linkedin.com/" + ("pub".equals(kind) ? "in" : kind) + "/"
                    + matcher.group(2).toLowerCase(Locale.ROOT));
        });
    }

    /** A web address as users write it (with or without scheme, with stray spaces), or empty if it is none. */
    private static Optional<URI> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        var text = value.strip().replace(" ", "%20");
        try {
            return Optional.of(URI.create(HAS_SCHEME.matcher(text).find() ? text : "http://" + text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> hostOf(URI uri) {
        var host = uri.getHost();
        if (host == null) {
            return Optional.empty();
        }
        try {
            host = IDN.toASCII(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        if (!InternetDomainName.isValid(host)) {
            return Optional.empty();
        }
        var name = InternetDomainName.from(host);
        if (!name.hasPublicSuffix() && !(name.parts().size() >= 2 && isTldSyntax(name.parts().get(name.parts().size() - 1)))) {
            return Optional.empty();
        }
        return Optional.of(host);
    }

    private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    /** A label that could be a top-level domain: letters (or an IDN's xn-- form), so new gTLDs pass. */
    public static boolean isTldSyntax(String label) {
        return label != null && TLD.matcher(label).matches();
    }

    /** True when the public suffix list knows the host's suffix (false for a TLD newer than the list). */
    public static boolean hasKnownSuffix(String host) {
        return host != null && InternetDomainName.isValid(host) && InternetDomainName.from(host).hasPublicSuffix();
    }
}
