package io.leadhub.facts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.springframework.stereotype.Component;

/**
 * Free-mail and disposable mail providers, whose domain says nothing about the person's company. Lists ship
 * as resources from maintained public lists (see src/main/resources/email-domains/README.md).
 */
@Component
public class EmailDomains {

    private final Set<String> free = load("email-domains/free.txt.gz");
    private final Set<String> disposable = load("email-domains/disposable.txt.gz");

    public boolean isFreeMail(String domain) {
        return domain != null && free.contains(domain.toLowerCase(Locale.ROOT));
    }

    public boolean isDisposable(String domain) {
        if (domain == null) {
            return false;
        }
        var d = domain.toLowerCase(Locale.ROOT);
        // subdomains of a disposable provider are disposable too (abc.mailinator.com)
        for (int dot = -1; ; dot = d.indexOf('.', dot + 1)) {
            if (disposable.contains(d.substring(dot + 1))) {
                return true;
            }
            if (d.indexOf('.', dot + 1) < 0) {
                return false;
            }
        }
    }

    /** True when the domain cannot stand for the lead's company. */
    public boolean isPersonalProvider(String domain) {
        return isFreeMail(domain) || isDisposable(domain);
    }

    private static Set<String> load(String resource) {
        var set = new HashSet<String>(1 << 17);
        try (var in = EmailDomains.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            var reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    set.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return set;
    }
}
