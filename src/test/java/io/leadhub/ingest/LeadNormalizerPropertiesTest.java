package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.leadhub.config.BoundProperties;
import io.leadhub.facts.EmailDomains;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The normaliser fed with generated hostile strings (control characters, lone surrogates, very long values,
 * random Unicode) in every field and attribute: no exception escapes, a stored lead holds no control character
 * but \t and \n in free text, and every value fits its column.
 */
class LeadNormalizerPropertiesTest {

    private static final LeadNormalizer NORMALIZER = new LeadNormalizer(new EmailDomains(), BoundProperties.of(IngestProperties.class));

    @Provide
    Arbitrary<String> hostile() {
        var controls = Arbitraries.chars().range('\u0000', '\u001f');
        var surrogates = Arbitraries.chars().range('\ud800', '\udfff');
        var any = Arbitraries.chars().all();
        var ascii = Arbitraries.chars().range(' ', '~');
        var chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, ascii), net.jqwik.api.Tuple.of(2, controls),
                net.jqwik.api.Tuple.of(1, surrogates), net.jqwik.api.Tuple.of(2, any));
        var text = chars.list().ofMaxSize(600).map(list -> {
            var sb = new StringBuilder();
            list.forEach(sb::append);
            return sb.toString();
        });
        var emailish = text.map(s -> s + "@" + s + ".com");
        return Arbitraries.oneOf(text, emailish, Arbitraries.strings().ofMinLength(300).ofMaxLength(3000));
    }

    @Property(tries = 300)
    void noExceptionNoControlCharactersBoundedLength(@ForAll("hostile") String a, @ForAll("hostile") String b,
                                                     @ForAll("hostile") String c) {
        var record = new RawRecord("test", "default", "ref", "index 0")
                .put(LeadField.EMAIL, a).put(LeadField.FIRST_NAME, b).put(LeadField.LAST_NAME, c)
                .put(LeadField.COMPANY_NAME, b).put(LeadField.WEBSITE, c).put(LeadField.PHONE, a)
                .put(LeadField.TITLE, c).put(LeadField.CITY, a).put(LeadField.LINKEDIN_URL, b)
                .attribute(a, b).attribute("nested", Map.of(c, List.of(a, b)));

        var candidates = NORMALIZER.normalizeAll(List.of(record));

        assertThat(candidates).hasSize(1);
        var candidate = candidates.get(0);
        if (!candidate.isAccepted()) {
            assertThat(candidate.rejection()).isNotBlank();
            return;
        }
        var lead = candidate.lead();
        for (var value : new String[]{lead.email(), lead.phone(), lead.leadKey(), lead.website(), lead.linkedinUrl(),
                lead.companyDomain()}) {
            assertThat(value == null ? "" : value).doesNotContainPattern("[\\p{Cntrl}]");
        }
        for (var value : new String[]{lead.firstName(), lead.lastName(), lead.fullName(), lead.title(),
                lead.companyName(), lead.city()}) {
            assertThat(value == null ? "" : value).doesNotContainPattern("[\\p{Cntrl}&&[^\\t\\n]]");
            assertThat(value == null ? 0 : value.length()).isLessThanOrEqualTo(400);
            assertNoLoneSurrogate(value);
        }
        assertThat(lead.leadKey().length()).isLessThanOrEqualTo(600);
        assertThat(String.valueOf(lead.attributes())).doesNotContainPattern("[\\p{Cntrl}&&[^\\t\\n\\r]]");
        assertNoLoneSurrogate(String.valueOf(lead.attributes()));
    }

    @Property(tries = 200)
    void cleaningRemovesEveryControlCharacterButLineBreaksAndTabs(@ForAll("hostile") String value) {
        var clean = IngestText.clean(value);
        assertThat(clean).doesNotContainPattern("[\\p{Cntrl}&&[^\\t\\n\\r]]");
        assertThat(IngestText.cleanLine(value)).doesNotContainPattern("\\p{Cntrl}");
        assertNoLoneSurrogate(clean);
        assertThat(clean.length()).isLessThanOrEqualTo(value.length());
    }

    private static void assertNoLoneSurrogate(String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                assertThat(i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))).as("paired at " + i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(ch)).as("lone low surrogate at " + i).isFalse();
            }
        }
    }
}
