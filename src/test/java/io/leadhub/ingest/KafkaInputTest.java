package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.leadhub.HubTestSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Leads from a Kafka topic (a real in-process KRaft broker): stored like any other source, a message delivered
 * twice stores nothing new, a malformed one is a rejection and the partition goes on. Its own context, since the
 * topic is read from start-up.
 */
class KafkaInputTest extends HubTestSupport {

    private static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 1, "crm.leads");

    @DynamicPropertySource
    static void kafkaInput(DynamicPropertyRegistry registry) {
        BROKER.afterPropertiesSet();
        var overrides = ownHub("kafka");
        overrides.put("leadhub.kafka-input.enabled", "true");
        overrides.put("leadhub.kafka-input.uri", "kafka:crm.leads?brokers=" + BROKER.getBrokersAsString()
                + "&groupId=leadhub-test&autoOffsetReset=earliest");
        overrides.put("leadhub.kafka-input.workspace", "kafka-ws");
        overrides.put("leadhub.kafka-input.mapping.email", "/contact/email");
        overrides.put("leadhub.kafka-input.mapping.fullName", "/contact/name");
        overrides.put("leadhub.kafka-input.mapping.companyName", "/company");
        hubProperties(registry, overrides);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.destroy();
    }

    @Test
    void leadsFromATopicAreStoredOnceAndAMalformedMessageIsRejected() {
        try (var producer = new KafkaProducer<String, String>(KafkaTestUtils.producerProps(BROKER), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("crm.leads", "k1", "not json at all"));
            producer.send(new ProducerRecord<>("crm.leads", "k2",
                    "[{\"contact\": {\"email\": \"Ana@Kafka-Co.com\", \"name\": \"Ana Lima\"}, \"company\": \"Kafka Co\"},"
                            + " {\"contact\": {\"name\": \"No Email\"}}]"));
            producer.send(new ProducerRecord<>("crm.leads", "k3", "{\"contact\": {\"email\": \"ana@kafka-co.com\"}, \"company\": \"Kafka Co\"}"));
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM source_record WHERE source = 'kafka:crm.leads'")
                .query(Long.class).single() == 2);
        var lead = jdbc.sql("SELECT workspace, full_name, company_name FROM lead WHERE email = 'ana@kafka-co.com'")
                .query((rs, n) -> Map.of("ws", rs.getString(1), "name", rs.getString(2), "company", rs.getString(3))).single();
        assertThat(lead).containsEntry("ws", "kafka-ws").containsEntry("name", "Ana Lima").containsEntry("company", "Kafka Co");
        // the same person twice is one lead with two arrivals; the bad message and the incomplete record are rejections
        assertThat(leadCount("email = ?", "ana@kafka-co.com")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM ingest_rejection WHERE source = 'kafka:crm.leads'")
                .query(Long.class).single() == 2);
        assertThat(jdbc.sql("SELECT string_agg(reason || ' @ ' || position, ' | ') FROM ingest_rejection WHERE source = 'kafka:crm.leads'")
                .query(String.class).single()).contains("the message is not JSON").contains("partition 0 offset 0")
                .contains("missing email and no company");
    }
}
