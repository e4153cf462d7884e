package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadhub.config.BoundProperties;
import io.leadhub.facts.CompanyNames;
import io.leadhub.facts.EmailDomains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadNormalizerTest {

    private static final LeadNormalizer NORMALIZER = new LeadNormalizer(new EmailDomains(), BoundProperties.of(IngestProperties.class));

    private static RawRecord record() {
        return new RawRecord("test", "default", "ref", "index 0");
    }

    @Test
    void emailIsTrimmedLowerCasedAndUnwrapped() {
        var lead = NORMALIZER.normalize(record().put(LeadField.EMAIL, " Jane Doe <Jane.DOE@Acme.COM> ")).lead();
        assertThat(lead.email()).isEqualTo("jane.doe@acme.com");
        assertThat(lead.leadKey()).isEqualTo("email:jane.doe@acme.com");
        assertThat(lead.companyDomain()).isEqualTo("acme.com");
    }

    @Test
    void freeMailAndDisposableAddressesGiveNoCompanyDomain() {
        var gmail = NORMALIZER.normalize(record().put(LeadField.EMAIL, "someone@gmail.com")).lead();
        var throwaway = NORMALIZER.normalize(record().put(LeadField.EMAIL, "x@mailinator.com")).lead();
        assertThat(gmail.companyDomain()).isNull();
        assertThat(gmail.attributes()).containsEntry("emailFreeMail", true);
        assertThat(throwaway.companyDomain()).isNull();
        assertThat(throwaway.attributes()).containsEntry("emailDisposable", true);
    }

    @Test
    void websiteWinsOverEmailForTheCompanyDomain() {
        var lead = NORMALIZER.normalize(record().put(LeadField.EMAIL, "a@mail.acme-group.com")
                .put(LeadField.WEBSITE, "HTTPS://www.Acme.co.uk/about/?utm=1")).lead();
        assertThat(lead.companyDomain()).isEqualTo("acme.co.uk");
        assertThat(lead.website()).isEqualTo("https://acme.co.uk/about");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "(415) 555-0132|US|+14155550132",
            "030 1234567|DE|+49301234567",
            "+44 20 7946 0958||+442079460958",
            "020 7946 0958|United Kingdom|+442079460958"})
    void phonesBecomeE164UsingTheCountryOrTheDefaultRegion(String phone, String country, String e164) {
        var record = record().put(LeadField.EMAIL, "p@phone.io").put(LeadField.PHONE, phone);
        if (country != null) {
            record.put(LeadField.COUNTRY, country);
        }
        assertThat(NORMALIZER.normalize(record).lead().phone()).isEqualTo(e164);
    }

    @Test
    void anInvalidPhoneIsKeptAsAttributeWithAWarning() {
        var lead = NORMALIZER.normalize(record().put(LeadField.EMAIL, "p@phone.io").put(LeadField.PHONE, "12")).lead();
        assertThat(lead.phone()).isNull();
        assertThat(lead.attributes()).containsEntry("phoneRaw", "12");
        assertThat(lead.attributes().get("_warnings").toString()).contains("phone '12' is not a valid number");
    }

    @ParameterizedTest
    @CsvSource({
            "https://uk.linkedin.com/in/Jane-Doe/?originalSubdomain=uk,https://www.linkedin.com/in/jane-doe",
            "linkedin.com/in/jdoe,https://www.linkedin.com/in/jdoe",
            "http://www.linkedin.com/pub/jdoe/1/2/3,https://www.linkedin.com/in/jdoe",
            "https://www.linkedin.com/company/acme/,https://www.linkedin.com/company/acme"})
    void linkedInUrlsAreCanonical(String given, String canonical) {
        assertThat(WebAddresses.canonicalLinkedIn(given)).contains(canonical);
    }

    @Test
    void namesAreSplitAndJoined() {
        var fromFull = NORMALIZER.normalize(record().put(LeadField.FULL_NAME, "  Mary   Ann Smith ")
                .put(LeadField.COMPANY_NAME, "Acme")).lead();
        assertThat(fromFull.firstName()).isEqualTo("Mary");
        assertThat(fromFull.lastName()).isEqualTo("Ann Smith");
        var lastFirst = NORMALIZER.normalize(record().put(LeadField.FULL_NAME, "Doe, Jane").put(LeadField.COMPANY_NAME, "Acme")).lead();
        assertThat(lastFirst.fullName()).isEqualTo("Jane Doe");
        var joined = NORMALIZER.normalize(record().put(LeadField.FIRST_NAME, "Li").put(LeadField.LAST_NAME, "Wei")
                .put(LeadField.COMPANY_DOMAIN, "shop.cn")).lead();
        assertThat(joined.leadKey()).isEqualTo("name:li wei@shop.cn");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ACME Robotics, Inc.|acme robotics",
            "Beispiel GmbH|beispiel",
            "Fabbrica S.p.A.|fabbrica",
            "Tecnologia Ltda|tecnologia",
            "Smith & Co. Ltd|smith",
            "Société Générale S.A.|societe generale",
            "Limited|limited"})
    void companyNamesMatchWithoutLegalSuffixes(String name, String normalized) {
        assertThat(CompanyNames.normalizeForMatching(name)).isEqualTo(normalized);
    }

    @Test
    void nonLatinNamesKeepTheirLettersInTheKey() {
        var lead = NORMALIZER.normalize(record().put(LeadField.FULL_NAME, "王伟").put(LeadField.COMPANY_NAME, "华为")).lead();
        assertThat(lead.leadKey()).isEqualTo("name:王伟@company:华为");
    }

    @Test
    void aRecordThatCannotBeALeadSaysWhatIsMissing() {
        assertThat(NORMALIZER.normalize(record()).rejection()).isEqualTo("missing email and no name or company to identify the lead");
        assertThat(NORMALIZER.normalize(record().put(LeadField.COMPANY_NAME, "Acme")).rejection())
                .isEqualTo("missing email and no name (a lead without email needs name + company)");
        assertThat(NORMALIZER.normalize(record().put(LeadField.EMAIL, "bob@").put(LeadField.FULL_NAME, "Bob")).rejection())
                .isEqualTo("invalid email 'bob@' and no company (a lead without email needs name + company)");
    }

    @Test
    void anEmailAtATldTheValidatorDoesNotKnowIsAcceptedWithAWarning() {
        var candidate = NORMALIZER.normalize(record().put(LeadField.EMAIL, "Jane@Acme.Zzyzxq").put(LeadField.FULL_NAME, "Jane Doe"));
        assertThat(candidate.isAccepted()).as(String.valueOf(candidate.rejection())).isTrue();
        var lead = candidate.lead();
        assertThat(lead.email()).isEqualTo("jane@acme.zzyzxq");
        assertThat(lead.leadKey()).isEqualTo("email:jane@acme.zzyzxq");
        assertThat(lead.companyDomain()).isEqualTo("acme.zzyzxq");
        assertThat(lead.attributes().get("_warnings").toString())
                .contains("email domain 'acme.zzyzxq' has a top-level domain (.zzyzxq) the validator does not know yet");
        assertThat(lead.attributes()).doesNotContainKey("testData");
    }

    @ParameterizedTest
    @CsvSource({"jane@acme.test,test", "jane@acme.example,example", "jane@acme.invalid,invalid", "jane@dev.localhost,localhost"})
    void reservedTldsAreAcceptedAndMarkedAsTestData(String email, String tld) {
        var lead = NORMALIZER.normalize(record().put(LeadField.EMAIL, email)).lead();
        assertThat(lead).isNotNull();
        assertThat(lead.email()).isEqualTo(email);
        assertThat(lead.attributes()).containsEntry("testData", true);
        assertThat(lead.attributes().get("_warnings").toString()).contains("test data: ." + tld + " is a reserved top-level domain");
    }

    @Test
    void syntacticallyInvalidAddressesAreStillRefusedWhateverTheTld() {
        for (var bad : new String[]{"jane@@acme.zzyzxq", "jane@acme.zz1", "jane@.zzyzxq", "jane acme@x.zzyzxq", "jane@acme"}) {
            var candidate = NORMALIZER.normalize(record().put(LeadField.EMAIL, bad));
            assertThat(candidate.isAccepted()).as(bad).isFalse();
        }
    }

    @Test
    void anInvalidEmailWithAValidWebsiteAtANewTldKeepsNameAndDomainAsTheKey() {
        var candidate = NORMALIZER.normalize(record().put(LeadField.EMAIL, "jane(at)acme").put(LeadField.FULL_NAME, "Jane Doe")
                .put(LeadField.WEBSITE, "https://www.acme.zzyzxq/team"));
        assertThat(candidate.isAccepted()).as(String.valueOf(candidate.rejection())).isTrue();
        assertThat(candidate.lead().leadKey()).isEqualTo("name:jane doe@acme.zzyzxq");
        assertThat(candidate.lead().website()).isEqualTo("https://acme.zzyzxq/team");
        assertThat(candidate.lead().attributes().get("_warnings").toString()).contains("email 'jane(at)acme' is not a valid address");
    }

    @Test
    void aValueOverItsLimitRejectsTheRecordWithTheReason() {
        var candidate = NORMALIZER.normalize(record().put(LeadField.EMAIL, "a@acme.com").put(LeadField.FIRST_NAME, "x".repeat(1_000_000)));
        assertThat(candidate.isAccepted()).isFalse();
        assertThat(candidate.rejection()).isEqualTo("firstName is 1000000 characters long; the limit is 200");
        var attribute = NORMALIZER.normalize(record().put(LeadField.EMAIL, "a@acme.com").attribute("notes", "n".repeat(10_001)));
        assertThat(attribute.rejection()).isEqualTo("attribute 'notes' is 10001 characters long; the limit is 10000");
        var workspace = NORMALIZER.normalize(new RawRecord("test", "w".repeat(101), "ref", "index 0").put(LeadField.EMAIL, "a@acme.com"));
        assertThat(workspace.rejection()).isEqualTo("workspace is 101 characters long; the limit is 100");
    }

    @Test
    void controlCharactersAreStrippedFromFieldsAndAttributes() {
        var lead = NORMALIZER.normalize(record().put(LeadField.EMAIL, "ja\u0000ne@acme.com").put(LeadField.FIRST_NAME, "Ja\u0007ne")
                .attribute("no\u0000te", "a\u0000b\nc").attribute("list", java.util.List.of("x\u0000y"))).lead();
        assertThat(lead.email()).isEqualTo("jane@acme.com");
        assertThat(lead.firstName()).isEqualTo("Jane");
        assertThat(lead.attributes()).containsEntry("note", "ab\nc").containsEntry("list", java.util.List.of("xy"));
    }

    @Test
    void aRecordThatThrowsWhileCheckedIsRejectedAloneAndTheOthersGoOn() {
        var poisoned = record().put(LeadField.EMAIL, "a@acme.com").attribute("bad", new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        });
        poisoned.attribute("nested", java.util.Map.of(new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        }, "v"));
        var results = NORMALIZER.normalizeAll(java.util.List.of(poisoned, record().put(LeadField.EMAIL, "b@acme.com")));
        assertThat(results).hasSize(2);
        assertThat(results.get(0).isAccepted()).isFalse();
        assertThat(results.get(0).rejection()).isEqualTo("the record could not be checked (IllegalStateException)");
        assertThat(results.get(1).isAccepted()).isTrue();
    }
}
