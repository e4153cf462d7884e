package io.leadhub.enrich.providers.website;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The website analyser's own options (type website), beside the common leadhub.providers.&lt;id&gt;.* properties:
 * the bounds of one site's download. Its base-url, when set, is the page fetched, with {domain}; else
 * https://&lt;domain&gt;/.
 *
 * @param allowLoopback fetch loopback addresses too (tests only); every other non-public address stays refused
 * @param maxBytes      the download stops here (what was read is analysed; the rest is never fetched)
 * @param maxRedirects  redirects followed at most, each one checked like the first address
 * @param deadline      the whole call (redirects and reading included) ends by then, miss reason "error: deadline";
 *                      empty: twice the timeout, at least 15 s
 */
public record WebsiteProviderOptions(
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue("2097152") long maxBytes,
        @DefaultValue("5") int maxRedirects,
        Duration deadline) {

    public WebsiteProviderOptions {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("max-bytes is " + maxBytes + ": at least 1");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("max-redirects is " + maxRedirects + ": 0 or more");
        }
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("deadline is " + deadline + ": longer than 0, or empty for twice the timeout");
        }
    }

    /** The deadline in force: the configured one, else twice the provider's timeout but at least 15 s. */
    public Duration effectiveDeadline(Duration timeout) {
        if (deadline != null) {
            return deadline;
        }
        var twice = timeout.multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(15)) > 0 ? twice : Duration.ofSeconds(15);
    }
}
