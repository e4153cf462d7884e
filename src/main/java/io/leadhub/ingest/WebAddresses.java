package io.leadhub.ingest;

import java.net.IDN;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.common.net.InternetDomainName;

/** Websites, company domains and LinkedIn profile URLs in one canonical form each. */
public final class WebAddresses {

    private static final Pattern LINKEDIN_PATH = Pattern.compile("^/(in|pub|company|school|showcase)/([^/?#]+)", Pattern.CASE_INSENSITIVE);

    private WebAddresses() {
    }

    /** The host of a website or bare domain, lower-case and without "www.", or empty if it is not one. */
    public static Optional<String> host(String website) {
        if (website == null || website.isBlank()) {
            return Optional.empty();
        }
        var value = website.strip();
        if (!value.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
            value = "http://" + value;
        }
        try {
            var host = URI.create(value.replace(" ", "%20")).getHost();
            if (host == null) {
                return Optional.empty();
            }
            host = IDN.toASCII(host.toLowerCase(Locale.ROOT));
            if (host.startsWith("www.")) {
                host = host.substring(4);
            }
            if (!InternetDomainName.isValid(host) || !InternetDomainName.from(host).hasPublicSuffix()) {
                return Optional.empty();
            }
            return Optional.of(host);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The registrable domain (blog.acme.co.uk becomes acme.co.uk). */
    public static Optional<String> registrableDomain(String hostOrWebsite) {
        return host(hostOrWebsite).map(h -> {
            var name = InternetDomainName.from(h);
            return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : h;
        });
    }

    /** https://host/path of a website, without query, fragment or trailing slash. */
    public static Optional<String> canonicalWebsite(String website) {
        return host(website).map(h -> {
            var value = website.strip();
            var withScheme = value.matches("(?i)^[a-z][a-z0-9+.-]*://.*") ? value : "http://" + value;
            String path;
            try {
                path = Optional.ofNullable(URI.create(withScheme.replace(" ", "%20")).getRawPath()).orElse("");
            } catch (IllegalArgumentException e) {
                path = "";
            }
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return "https://" + h + path;
        });
    }

    /** https://www.linkedin.com/in/slug for any country subdomain, mobile link or trailing junk; empty if not LinkedIn. */
    public static Optional<String> canonicalLinkedIn(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        var value = url.strip();
        if (!value.matches("(?i)^https?://.*")) {
            value = "https://" + value;
        }
        try {
            var uri = URI.create(value.replace(" ", "%20"));
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
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
