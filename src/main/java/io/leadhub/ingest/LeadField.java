package io.leadhub.ingest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of the one Lead shape, with the names CRM exports and forms commonly give them. Header names are
 * compared without case, spaces or punctuation, so "E-mail", "Work Email" and "email_address" all match.
 */
public enum LeadField {
    SOURCE_ID("id", "leadid", "contactid", "recordid", "personid", "externalid", "sourceid"),
    EMAIL("email", "emails", "emailaddresses", "emailaddress", "mail", "workemail", "businessemail", "primaryemail", "contactemail",
            "emailaddr", "emailid", "officeemail", "personalemail"),
    FIRST_NAME("firstname", "first", "givenname", "fname", "forename", "prenom", "vorname"),
    LAST_NAME("lastname", "last", "surname", "familyname", "lname", "nachname"),
    FULL_NAME("fullname", "name", "contactname", "personname", "contact", "leadname"),
    TITLE("title", "jobtitle", "position", "role", "designation", "jobrole", "headline", "jobposition", "currenttitle"),
    PHONE("phone", "phones", "phonenumbers", "phonenumber", "mobile", "mobilephone", "mobilenumber", "workphone", "telephone", "tel",
            "directphone", "cellphone", "businessphone", "phone1", "workdirectphone", "directdial", "mobilephonenumber"),
    LINKEDIN_URL("linkedin", "linkedinurl", "linkedinprofile", "linkedinprofileurl", "personlinkedinurl",
            "hslinkedinurl", "linkedinlink"),
    COMPANY_NAME("company", "companyname", "organization", "organisation", "organizationname",
            "organisationname", "account", "accountname", "employer", "business", "firm", "companyaccount",
            "organizationname", "currentcompany", "companyname1"),
    COMPANY_DOMAIN("companydomain", "domain", "companydomainname", "websitedomain", "emaildomain"),
    WEBSITE("website", "companywebsite", "url", "web", "homepage", "websiteurl", "companyurl", "site"),
    COUNTRY("country", "countryregion", "countryname", "mailingcountry", "countrycode", "nation"),
    CITY("city", "town", "mailingcity", "locality");

    private static final Map<String, LeadField> BY_ALIAS = new HashMap<>();

    static {
        for (var field : values()) {
            for (var alias : field.aliases) {
                BY_ALIAS.put(alias, field);
            }
            BY_ALIAS.put(squash(field.camelName()), field);
        }
    }

    private final String[] aliases;

    LeadField(String... aliases) {
        this.aliases = aliases;
    }

    /** The name used in JSON and configuration: email, firstName, companyDomain, ... */
    public String camelName() {
        var parts = name().toLowerCase(Locale.ROOT).split("_");
        var sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    /** Prefixes and suffixes CRM exports wrap field names in: "Person - Email - Work", "Primary Email Address". */
    private static final String[] PREFIXES = {"person", "contact", "lead", "primary", "business", "main", "your"};
    private static final String[] SUFFIXES = {"work", "office", "primary", "main", "1", "value", "address"};

    public static Optional<LeadField> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var squashed = squash(header);
        var exact = BY_ALIAS.get(squashed);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (var prefix : PREFIXES) {
            if (squashed.startsWith(prefix) && squashed.length() > prefix.length()) {
                var rest = squashed.substring(prefix.length());
                var field = Optional.ofNullable(BY_ALIAS.get(rest)).or(() -> withoutSuffix(rest));
                if (field.isPresent()) {
                    return field;
                }
            }
        }
        return withoutSuffix(squashed);
    }

    private static Optional<LeadField> withoutSuffix(String squashed) {
        for (var suffix : SUFFIXES) {
            if (squashed.endsWith(suffix) && squashed.length() > suffix.length()) {
                var field = BY_ALIAS.get(squashed.substring(0, squashed.length() - suffix.length()));
                if (field != null) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }

    /** Lower-case letters and digits only: "Work E-mail " becomes "workemail". */
    public static String squash(String header) {
        var sb = new StringBuilder(header.length());
        for (char c : header.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
