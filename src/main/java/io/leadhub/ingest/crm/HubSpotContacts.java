package io.leadhub.ingest.crm;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhub.ingest.LeadField;
import io.leadhub.ingest.RawRecord;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** Maps HubSpot CRM v3 contact objects ({id, properties{...}}) to lead fields. */
@Component
public class HubSpotContacts {

    private static final Map<String, LeadField> PROPERTIES = Map.ofEntries(
            Map.entry("email", LeadField.EMAIL),
            Map.entry("firstname", LeadField.FIRST_NAME),
            Map.entry("lastname", LeadField.LAST_NAME),
            Map.entry("jobtitle", LeadField.TITLE),
            Map.entry("phone", LeadField.PHONE),
            Map.entry("mobilephone", LeadField.PHONE),
            Map.entry("company", LeadField.COMPANY_NAME),
            Map.entry("website", LeadField.WEBSITE),
            Map.entry("city", LeadField.CITY),
            Map.entry("country", LeadField.COUNTRY),
            Map.entry("hs_linkedin_url", LeadField.LINKEDIN_URL));

    private final ObjectMapper json;

    public HubSpotContacts(ObjectMapper json) {
        this.json = json;
    }

    public RawRecord toRecord(JsonNode contact, String source, String workspace, String deliveryRef) {
        var id = contact.path("id").asText();
        var record = new RawRecord(source, workspace, deliveryRef, "contact " + id);
        record.put(LeadField.SOURCE_ID, id);
        contact.path("properties").fields().forEachRemaining(p -> {
            if (p.getValue().isNull()) {
                return;
            }
            var field = PROPERTIES.get(p.getKey());
            if (field != null) {
                record.put(field, p.getValue().asText());
            } else if (!p.getKey().equals("hs_object_id")) {
                record.attribute("hubspot." + p.getKey(), p.getValue().asText());
            }
        });
        return record.raw(contact.toString());
    }

    /**
     * The answer of GET /crm/v3/objects/contacts/{id}: a contact, or for a contact deleted since the event a
     * rejection saying so. Other failures are thrown, so the webhook answers 5xx and HubSpot retries it.
     */
    public List<RawRecord> fromFetch(@Body byte[] body, @Header(Exchange.HTTP_RESPONSE_CODE) int status,
                                     @Header("leadhubObjectId") String objectId, @Header("leadhubWorkspace") String workspace,
                                     @Header("leadhubDeliveryRef") String deliveryRef)
            throws IOException {
        if (status == 404) {
            return List.of(RawRecord.unparseable("hubspot", workspace, deliveryRef, "contact " + objectId,
                    "HubSpot contact " + objectId + " no longer exists (deleted or merged before it could be read)", null));
        }
        if (status != 200) {
            throw new CrmApiException("hubspot", status, body == null ? "" : new String(body));
        }
        return List.of(toRecord(json.readTree(body), "hubspot", workspace, deliveryRef));
    }
}
