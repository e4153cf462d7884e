package io.leadhub.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.leadhub.facts.CompanyNames;
import io.leadhub.facts.EmailDomains;
import io.leadhub.lead.Lead;
import org.apache.commons.validator.routines.EmailValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The "normalise and validate" step: turns each raw record into a lead with a stable key, or into a rejection
 * whose reason tells the user what to fix. Doubtful values that do not stop a record from being a lead
 * (a phone that is not a number, a LinkedIn field holding some other URL) are dropped and listed under the
 * lead's "_warnings" attribute, so nothing the source sent is silently lost.
 */
@Component
public class LeadNormalizer {

    private static final Logger log = LoggerFactory.getLogger(LeadNormalizer.class);
    private static final EmailValidator EMAIL = EmailValidator.getInstance(false, true);
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Map<String, String> COUNTRY_CODES = countryCodes();

    private final EmailDomains emailDomains;
    private final String defaultRegion;

    public LeadNormalizer(EmailDomains emailDomains, IngestProperties properties) {
        this.emailDomains = emailDomains;
        this.defaultRegion = properties.defaultRegion().toUpperCase(Locale.ROOT);
    }

    /** One candidate per record, whatever the record holds: a record that cannot be checked is rejected alone. */
    public List<Candidate> normalizeAll(List<RawRecord> records) {
        var out = new ArrayList<Candidate>(records.size());
        for (var record : records) {
            try {
                out.add(normalize(record));
            } catch (RuntimeException | StackOverflowError e) {
                // the class only: an exception message may quote the value (an email, a phone)
                log.warn("Record {} of {} could not be checked: {}", record.position(), record.source(), e.getClass().getName());
                out.add(Candidate.rejected(record, "the record could not be checked (" + e.getClass().getSimpleName() + ")"));
            }
        }
        return out;
    }

    public Candidate normalize(RawRecord record) {
        if (record.parseError() != null) {
            return Candidate.rejected(record, record.parseError());
        }
        var tooLong = FieldLimits.check(record);
        if (tooLong != null) {
            return Candidate.rejected(record, tooLong);
        }
        var warnings = new ArrayList<String>();
        var attributes = new LinkedHashMap<String, Object>();
        record.attributes().forEach((name, value) -> attributes.put(IngestText.cleanLine(name), IngestText.cleanDeep(value)));

        var rawEmail = text(record.get(LeadField.EMAIL), 320);
        var email = email(rawEmail);
        if (rawEmail != null && email == null) {
            warnings.add("email '" + rawEmail + "' is not a valid address");
        }
        var emailDomain = email == null ? null : email.substring(email.indexOf('@') + 1);
        if (email != null) {
            tldWarnings(emailDomain, "email", warnings, attributes);
        }
        if (emailDomain != null && emailDomains.isDisposable(emailDomain)) {
            attributes.put("emailDisposable", true);
        }

        var first = name(record.get(LeadField.FIRST_NAME));
        var last = name(record.get(LeadField.LAST_NAME));
        var full = name(record.get(LeadField.FULL_NAME));
        if (full == null && (first != null || last != null)) {
            full = first == null ? last : last == null ? first : first + " " + last;
        } else if (full != null && first == null && last == null) {
            var comma = full.indexOf(',');
            if (comma > 0) { // "Doe, Jane" as CRMs export it
                last = full.substring(0, comma).strip();
                first = full.substring(comma + 1).strip();
                full = first.isEmpty() ? last : first + " " + last;
            } else {
                var space = full.indexOf(' ');
                first = space < 0 ? full : full.substring(0, space);
                last = space < 0 ? null : full.substring(space + 1);
            }
        }

        var country = country(record.get(LeadField.COUNTRY));
        var phone = phone(record.get(LeadField.PHONE), country, warnings, attributes);

        var rawLinkedIn = text(record.get(LeadField.LINKEDIN_URL), 500);
        var linkedIn = WebAddresses.canonicalLinkedIn(rawLinkedIn).orElse(null);
        if (rawLinkedIn != null && linkedIn == null) {
            warnings.add("'" + rawLinkedIn + "' is not a LinkedIn profile URL");
            attributes.put("linkedinRaw", rawLinkedIn);
        }

        var rawWebsite = text(record.get(LeadField.WEBSITE), 500);
        var website = WebAddresses.canonicalWebsite(rawWebsite).orElse(null);
        if (rawWebsite != null && website == null) {
            warnings.add("website '" + rawWebsite + "' is not a web address");
        } else if (website != null) {
            WebAddresses.host(website).ifPresent(host -> tldWarnings(host, "website", warnings, attributes));
        }
        var companyDomain = WebAddresses.registrableDomain(record.get(LeadField.COMPANY_DOMAIN))
                .or(() -> WebAddresses.registrableDomain(website))
                .or(() -> emailDomain == null || emailDomains.isPersonalProvider(emailDomain)
                        ? Optional.empty() : WebAddresses.registrableDomain(emailDomain))
                .orElse(null);
        if (emailDomain != null && emailDomains.isFreeMail(emailDomain)) {
            attributes.put("emailFreeMail", true);
        }
        var companyName = text(CompanyNames.clean(record.get(LeadField.COMPANY_NAME)), 300);
        var companyMatch = CompanyNames.normalizeForMatching(companyName);

        var key = leadKey(email, full, companyDomain, companyMatch);
        if (key == null) {
            return Candidate.rejected(record, rejection(rawEmail, email, full, companyName, companyDomain));
        }
        if (!warnings.isEmpty()) {
            attributes.put("_warnings", warnings);
        }
        return Candidate.accepted(record, new Lead(
                record.workspace(), key, text(record.get(LeadField.SOURCE_ID), 300), email,
                cap(first, 200), cap(last, 200), cap(full, 400), text(record.get(LeadField.TITLE), 300), phone,
                linkedIn, companyName, cap(companyMatch, 300), companyDomain, website, country,
                text(record.get(LeadField.CITY), 200), attributes));
    }

    static String leadKey(String email, String fullName, String companyDomain, String companyMatch) {
        if (email != null) {
            return "email:" + email;
        }
        if (fullName == null || (companyDomain == null && companyMatch == null)) {
            return null;
        }
        var person = fold(fullName);
        return "name:" + person + "@" + (companyDomain != null ? companyDomain : "company:" + companyMatch);
    }

    private static String rejection(String rawEmail, String email, String full, String company, String domain) {
        var hasCompany = company != null || domain != null;
        var prefix = rawEmail != null && email == null ? "invalid email '" + rawEmail + "' and " : "missing email and ";
        if (full == null && !hasCompany) {
            return prefix + "no name or company to identify the lead";
        }
        if (full == null) {
            return prefix + "no name (a lead without email needs name + company)";
        }
        return prefix + "no company (a lead without email needs name + company)";
    }

    /** RFC 2606 / RFC 6761 names that are never real: leads there are test data. */
    private static final java.util.Set<String> RESERVED_TLDS = java.util.Set.of("test", "example", "invalid", "localhost");

    private static void tldWarnings(String domain, String what, List<String> warnings, Map<String, Object> attributes) {
        var tld = domain.substring(domain.lastIndexOf('.') + 1);
        if (RESERVED_TLDS.contains(tld)) {
            var warning = "test data: ." + tld + " is a reserved top-level domain (RFC 2606)";
            if (!warnings.contains(warning)) {
                warnings.add(warning);
            }
            attributes.put("testData", true);
        } else if (!WebAddresses.hasKnownSuffix(domain)) {
            warnings.add(what + " domain '" + domain + "' has a top-level domain (." + tld
                    + ") the validator does not know yet; accepted as syntactically valid");
        }
    }

    private static String email(String value) {
        if (value == null) {
            return null;
        }
        var v = value.strip();
        if (v.regionMatches(true, 0, "mailto:", 0, 7)) {
            v = v.substring(7);
        }
        var lt = v.indexOf('<');
        var gt = v.indexOf('>');
        if (lt >= 0 && gt > lt) { // "Jane Doe <jane@acme.com>"
            v = v.substring(lt + 1, gt);
        }
        v = v.strip().toLowerCase(Locale.ROOT);
        if (EMAIL.isValid(v)) {
            return v;
        }
        // a TLD newer than the validator's list (or a reserved one): valid if the address is valid under a known TLD
        var at = v.lastIndexOf('@');
        var dot = v.lastIndexOf('.');
        if (at > 0 && dot > at + 1 && WebAddresses.isTldSyntax(v.substring(dot + 1))
                && EMAIL.isValid(v.substring(0, dot) + ".com")) {
            return v;
        }
        return null;
    }

    private String phone(String value, String country, List<String> warnings, Map<String, Object> attributes) {
        var raw = text(value, 100);
        if (raw == null) {
            return null;
        }
        var region = country != null && country.length() == 2 ? country : defaultRegion;
        try {
            var number = PHONES.parse(raw, region);
            if (PHONES.isValidNumber(number)) {
                return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // reported as a warning below
        }
        warnings.add("phone '" + raw + "' is not a valid number for region " + region);
        attributes.put("phoneRaw", raw);
        return null;
    }

    private static String country(String value) {
        var v = text(value, 100);
        if (v == null) {
            return null;
        }
        var code = COUNTRY_CODES.get(fold(v));
        return code != null ? code : v;
    }

    private static Map<String, String> countryCodes() {
        var map = new HashMap<String, String>();
        for (var code : Locale.getISOCountries()) {
            var locale = new Locale("", code);
            map.put(fold(code), code);
            map.put(fold(locale.getDisplayCountry(Locale.ENGLISH)), code);
            map.put(fold(locale.getISO3Country()), code);
        }
        map.put("usa", "US");
        map.put("united states of america", "US");
        map.put("uk", "GB");
        map.put("great britain", "GB");
        map.put("england", "GB");
        map.put("deutschland", "DE");
        map.put("espana", "ES");
        map.put("brasil", "BR");
        map.put("italia", "IT");
        map.put("the netherlands", "NL");
        map.put("holland", "NL");
        map.put("south korea", "KR");
        map.put("czechia", "CZ");
        return map;
    }

    private static String name(String value) {
        var v = text(value, 200);
        return v == null ? null : v.replaceAll("^[\"'\\s]+|[\"'\\s]+$", "").replaceAll("\\s+", " ");
    }

    /** Trimmed text without control characters but \t and \n (PostgreSQL refuses NUL), or null when empty. */
    static String text(String value, int max) {
        if (value == null) {
            return null;
        }
        var v = IngestText.clean(value).replace("\r", "").strip();
        return v.isEmpty() ? null : cap(v, max);
    }

    private static String cap(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        // never cut a surrogate pair in half
        return value.substring(0, Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max);
    }

    static String fold(String value) {
        var ascii = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
