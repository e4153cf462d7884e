package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header names as real CRM and data-vendor exports write them. */
class LeadFieldTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Email|EMAIL", "E-mail|EMAIL", "Work Email|EMAIL", "email_address|EMAIL",
            "Person - Email - Work|EMAIL",            // Pipedrive export
            "Person - Name|FULL_NAME", "Organization - Name|COMPANY_NAME",
            "Company / Account|COMPANY_NAME",          // Salesforce lead report
            "Website URL|WEBSITE", "Country/Region|COUNTRY", "Record ID|SOURCE_ID", "Phone Number|PHONE", // HubSpot export
            "Person Linkedin Url|LINKEDIN_URL", "Work Direct Phone|PHONE", "Mobile Phone|PHONE", // Apollo export
            "Primary Email Address|EMAIL", "Job Title|TITLE", "First Name|FIRST_NAME"})
    void recognisesExportHeaders(String header, LeadField field) {
        assertThat(LeadField.fromHeader(header)).contains(field);
    }

    @ParameterizedTest
    @CsvSource({"Company Linkedin Url", "Email Status", "Lead Score", "Company Name for Emails"})
    void leavesOtherColumnsAsAttributes(String header) {
        assertThat(LeadField.fromHeader(header)).isEmpty();
    }
}
