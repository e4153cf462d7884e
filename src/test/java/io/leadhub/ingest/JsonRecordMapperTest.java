package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonRecordMapperTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void nestedPersonAndCompanyObjectsFillLeadFields() throws Exception {
        var node = json.readTree("""
                {"id": "p-1", "name": "Tom Ford", "title": "CTO", "emails": ["tom@fordco.com"],
                 "organization": {"name": "Ford Co", "website_url": "http://www.fordco.com", "industry": "cars"},
                 "contact": {"phone": "+1 212 555 0100"}}""");
        var record = JsonRecordMapper.byKeyNames(node, new RawRecord("test", "default", "r", "index 0"), json);
        assertThat(record.get(LeadField.SOURCE_ID)).isEqualTo("p-1");
        assertThat(record.get(LeadField.EMAIL)).isEqualTo("tom@fordco.com");
        assertThat(record.get(LeadField.COMPANY_NAME)).isEqualTo("Ford Co");
        assertThat(record.get(LeadField.WEBSITE)).isEqualTo("http://www.fordco.com");
        assertThat(record.get(LeadField.PHONE)).isEqualTo("+1 212 555 0100");
        assertThat(record.attributes()).containsKey("organization");
    }
}
