package io.leadhub.ingest.crm;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.leadhub.config.RequestRejectedException;
import io.leadhub.ingest.LeadField;
import io.leadhub.ingest.RawRecord;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * Salesforce Outbound Messaging: a SOAP notifications envelope with up to 100 Notification elements, each an
 * sf:Lead or sf:Contact. Read with StAX, entities and DTDs off. The notification Id is the delivery reference,
 * so Salesforce's re-sends (it retries until it gets an Ack) change nothing.
 */
@Component
public class SalesforceOutboundMessage {

    public static final String ACK = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
              <soapenv:Body>
                <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">
                  <Ack>true</Ack>
                </notificationsResponse>
              </soapenv:Body>
            </soapenv:Envelope>
            """;

    private static final Map<String, LeadField> FIELDS = Map.ofEntries(
            Map.entry("Id", LeadField.SOURCE_ID),
            Map.entry("Email", LeadField.EMAIL),
            Map.entry("FirstName", LeadField.FIRST_NAME),
            Map.entry("LastName", LeadField.LAST_NAME),
            Map.entry("Name", LeadField.FULL_NAME),
            Map.entry("Title", LeadField.TITLE),
            Map.entry("Phone", LeadField.PHONE),
            Map.entry("MobilePhone", LeadField.PHONE),
            Map.entry("Company", LeadField.COMPANY_NAME),
            Map.entry("Website", LeadField.WEBSITE),
            Map.entry("City", LeadField.CITY),
            Map.entry("Country", LeadField.COUNTRY),
            Map.entry("MailingCity", LeadField.CITY),
            Map.entry("MailingCountry", LeadField.COUNTRY),
            Map.entry("LinkedIn__c", LeadField.LINKEDIN_URL));

    private static final XMLInputFactory XML = safeFactory();

    private final WebhooksProperties.Salesforce config;

    public SalesforceOutboundMessage(WebhooksProperties webhooks) {
        this.config = webhooks.salesforce();
    }

    public List<RawRecord> read(@Body InputStream body) {
        var records = new ArrayList<RawRecord>();
        try {
            var xml = XML.createXMLStreamReader(body);
            String organizationId = null;
            int index = 0;
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "OrganizationId" -> {
                        organizationId = xml.getElementText().strip();
                        var expected = config.organizationId();
                        if (expected != null && !expected.isBlank() && !expected.equals(organizationId)) {
                            throw new RequestRejectedException(403, "outbound message from organization "
                                    + organizationId + ", expected " + expected + " (leadhub.webhooks.salesforce.organization-id)");
                        }
                    }
                    case "Notification" -> records.add(notification(xml, organizationId, index++));
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            throw new RequestRejectedException(400, "not a Salesforce outbound message: " + e.getMessage());
        }
        return records;
    }

    private RawRecord notification(XMLStreamReader xml, String organizationId, int index) throws XMLStreamException {
        String notificationId = null;
        String type = null;
        var values = new java.util.LinkedHashMap<String, String>();
        var raw = new StringBuilder("<Notification>");
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                var name = xml.getLocalName();
                if (depth == 2 && name.equals("Id")) {
                    notificationId = xml.getElementText().strip();
                    depth--;
                    raw.append("<Id>").append(notificationId).append("</Id>");
                } else if (depth == 2 && name.equals("sObject")) {
                    type = xml.getAttributeValue("http://www.w3.org/2001/XMLSchema-instance", "type");
                } else if (depth == 3) {
                    var nil = "true".equals(xml.getAttributeValue("http://www.w3.org/2001/XMLSchema-instance", "nil"));
                    var text = xml.getElementText().strip();
                    depth--;
                    if (!nil && !text.isEmpty()) {
                        values.put(name, text);
                        raw.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append('>');
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        raw.append("</Notification>");
        var objectType = type == null ? "sObject" : type.substring(type.indexOf(':') + 1);
        var ref = notificationId != null ? notificationId : organizationId + ":" + values.get("Id");
        var record = new RawRecord("salesforce", config.workspace(), ref,
                "notification " + index + " (" + objectType + " " + values.getOrDefault("Id", "?") + ")");
        values.forEach((name, value) -> {
            var field = FIELDS.get(name);
            if (field != null) {
                record.put(field, value);
            } else {
                record.attribute("salesforce." + name, value);
            }
        });
        record.attribute("salesforce.type", objectType);
        if (organizationId != null) {
            record.attribute("salesforce.organizationId", organizationId);
        }
        return record.raw(raw.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static XMLInputFactory safeFactory() {
        var factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}
