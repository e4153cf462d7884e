package io.leadhub.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadhub.HubTestSupport;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Events relayed to a Kafka topic (a real in-process KRaft broker), keyed by lead so one lead's events stay in order.
 * Its own context, since leadhub.events.uri names the broker from start-up.
 */
class EventsToKafkaTest extends HubTestSupport {

    private static final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2, "leadhub.events");

    @Autowired
    ProducerTemplate camel;

    @DynamicPropertySource
    static void eventsToKafka(DynamicPropertyRegistry registry) {
        broker.afterPropertiesSet();
        hubProperties(registry, Map.of(
                "leadhub.embedded-postgres.data-dir", WORK.resolve("pg-events-kafka").toString(),
                "leadhub.inbox.dir", WORK.resolve("inbox-events-kafka").toString(),
                "leadhub.scheduler-name", "events-kafka-test",
                "leadhub.events.uri", "kafka:leadhub.events?brokers=" + broker.getBrokersAsString()));
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void aScoredLeadIsPublishedOnTheEventsTopicKeyedByLead() {
        try (var consumer = new KafkaConsumer<String, String>(KafkaTestUtils.consumerProps("events-test", "false", broker),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("leadhub.events"));
            var lead = jdbc.sql("""
                            INSERT INTO lead (workspace, lead_key, status, email, title, company_name, first_source, received_at, updated_at)
                            VALUES ('kafka-w', 'email:cto@kafka-co.com', 'enriched', 'cto@kafka-co.com', 'CTO', 'Kafka Co', 'api', now(), now())
                            RETURNING id""").query(UUID.class).single();
            jdbc.sql("INSERT INTO lead_profile (lead_id, profile, enriched_at) VALUES (:id, '{}'::jsonb, now())").param("id", lead).update();
            camel.sendBody("seda:leads-enriched", List.of(lead.toString()));

            var received = new ArrayList<ConsumerRecord<String, String>>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().anyMatch(r -> lead.toString().equals(r.key()) && r.value().contains("lead.scored"));
            });
            var event = received.stream().filter(r -> lead.toString().equals(r.key())).findFirst().orElseThrow();
            assertThat(event.value()).contains("\"leadId\": \"" + lead + "\"");
            // the relay marks the event relayed once Kafka has acknowledged it, a moment after a consumer can read it
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM outbox_event WHERE lead_id = :id AND relayed_at IS NOT NULL").param("id", lead)
                    .query(Long.class).single() > 0);
        }
    }
}
