package io.leadhub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.leadhub.LeadhubApplication;
import io.leadhub.ProcessLevel;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Kafka mode with two hub instances (two application contexts) on one PostgreSQL and one in-process KRaft broker:
 * 2,000 leads posted to both and dropped as a file into the inbox both watch are stored and enriched exactly
 * once, both instances take part, a polled source runs
 * once per schedule, and stage records read again (as after a crash) find their work done and are skipped.
 */
@ProcessLevel
class TwoInstancesTest {

    private static final int LEADS = 2000;
    private static final WireMockServer VENDOR = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static EmbeddedKafkaKraftBroker broker;
    private static final String DB_PASSWORD = "two-instances-" + java.util.UUID.randomUUID();
    private static EmbeddedPostgres postgres;
    private static Path inbox;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static JdbcClient db;
    private static SingleConnectionDataSource dbConnection;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoInstances() throws IOException {
        VENDOR.start();
        VENDOR.stubFor(get(urlPathMatching("/instance-[ab]/v2/email-verifier")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(fixture("hunter/email-verifier-valid.json"))));
        VENDOR.stubFor(get(urlPathEqualTo("/crm/contacts")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": []}")));
        broker = new EmbeddedKafkaKraftBroker(1, 4);
        broker.afterPropertiesSet();
        var work = Files.createTempDirectory("leadhub-two");
        // an external server as production has one: password authentication (the hub refuses a blank password)
        var passwordFile = Files.writeString(work.resolve("pg.password"), DB_PASSWORD);
        postgres = EmbeddedPostgres.builder().setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toString()).setConnectConfig("password", DB_PASSWORD).start();
        inbox = Files.createDirectories(work.resolve("inbox"));
        first = start("a", work);
        second = start("b", work);
        dbConnection = new SingleConnectionDataSource(postgres.getJdbcUrl("postgres", "postgres"), "postgres", DB_PASSWORD, true);
        db = JdbcClient.create(dbConnection);
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (dbConnection != null) {
            dbConnection.destroy();
        }
        broker.destroy();
        postgres.close();
        VENDOR.stop();
    }

    private static ConfigurableApplicationContext start(String instance, Path work) {
        var p = new HashMap<String, Object>();
        p.put("server.port", 0);
        p.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", DB_PASSWORD);
        p.put("leadhub.queue", "kafka");
        p.put("leadhub.kafka.brokers", broker.getBrokersAsString());
        p.put("leadhub.kafka.partitions", 4);
        p.put("leadhub.kafka.consumers", 2);
        p.put("leadhub.scheduler-name", "two-instances");
        p.put("spring.quartz.properties.org.quartz.scheduler.instanceId", "instance-" + instance);
        p.put("leadhub.inbox.dir", inbox.toString());   // one inbox for both, as on a shared volume
        p.put("leadhub.inbox.stable-check-interval", 100);
        p.put("leadhub.inbox.min-age", 100);
        p.put("leadhub.scoring.rules-dir", work.resolve("scoring").toString());
        p.put("leadhub.personalization.prompts-dir", work.resolve("prompts").toString());
        p.put("leadhub.enrichment.batch-size", 100);
        p.put("leadhub.enrichment.batch-timeout", 200);
        // two consumer threads per topic, one enrichment batch at a time: the second consumer waits for the slot
        p.put("leadhub.enrichment.max-batches-in-flight", 1);
        p.put("leadhub.api.max-records", 1000);
        // one provider id on both instances (one cache, one ledger), each instance calling it under its own path so
        // the vendor's log shows who asked
        var provider = "leadhub.providers.verifier.";
        p.put(provider + "type", "hunter");
        p.put(provider + "base-url", VENDOR.baseUrl() + "/instance-" + instance);
        p.put(provider + "api-key", "hunter-test-key");
        p.put(provider + "signals", "email_verification");
        p.put(provider + "rate", 2000);
        p.put(provider + "timeout", 15000);   // a slow answer under load is not retried into a second request
        // a source polled every two seconds by whichever instance Quartz picks
        var source = "leadhub.sources.crm.";
        p.put(source + "type", "http");
        p.put(source + "cron", "0/2 * * * * ?");
        p.put(source + "url", VENDOR.baseUrl() + "/crm/contacts");
        p.put(source + "items-pointer", "/data");
        p.put(source + "mapping.email", "/email");
        // as arguments: they must win over application.yaml, as a user's would
        return new SpringApplicationBuilder(LeadhubApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @Test
    void twoInstancesShareTheWorkAndEachLeadIsStoredAndEnrichedOnce() throws Exception {
        var pollsBefore = VENDOR.findAll(getRequestedFor(urlPathEqualTo("/crm/contacts"))).size();
        // 1,000 leads through one instance, 800 through the other, 200 of the first posted again to the other one,
        // and 200 in a file dropped into the inbox both instances watch
        var file = new StringBuilder("Email,First Name\n");
        for (int i = 1800; i < 2000; i++) {
            file.append("p").append(i).append("@two").append(i % 50).append(".example.com,P").append(i).append('\n');
        }
        Files.writeString(inbox.resolve("shared-drop.csv"), file, StandardCharsets.UTF_8);
        assertThat(post(first, leads(0, 1000))).isEqualTo(202);
        assertThat(post(second, leads(1000, 1800))).isEqualTo(202);
        assertThat(post(second, leads(0, 200))).isEqualTo(202);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                count("SELECT count(*) FROM lead l JOIN lead_score s ON s.lead_id = l.id WHERE l.email LIKE 'p%@two%.example.com'") == LEADS);

        assertThat(count("SELECT count(*) FROM lead WHERE email LIKE 'p%@two%.example.com'")).isEqualTo(LEADS);
        // the file was read by one of them, once
        assertThat(count("SELECT count(*) FROM ingest_file WHERE name LIKE '%shared-drop.csv'")).isEqualTo(1);
        assertThat(count("SELECT rows_read FROM ingest_file WHERE name LIKE '%shared-drop.csv'")).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM source_record WHERE source LIKE 'file%'")).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM lead_profile")).isEqualTo(LEADS);
        var asked = VENDOR.findAll(getRequestedFor(urlPathMatching("/instance-[ab]/v2/email-verifier")));
        assertThat(asked).hasSize(LEADS);
        assertThat(asked.stream().map(r -> r.queryParameter("email").firstValue()).distinct()).hasSize(LEADS);
        assertThat(asked.stream().filter(r -> r.getUrl().startsWith("/instance-a/"))).isNotEmpty();
        assertThat(asked.stream().filter(r -> r.getUrl().startsWith("/instance-b/"))).isNotEmpty();
        assertThat(count("SELECT count(*) FROM provider_call WHERE provider = 'verifier'")).isEqualTo(LEADS);
        assertThat(count("SELECT count(DISTINCT lead_id) FROM outbox_event WHERE type = 'lead.enriched'")).isEqualTo(LEADS);
        // every stage record read was committed by the group after its batch was stored
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(unread("leadhub.leads.received")).isZero();
            assertThat(unread("leadhub.leads.enriched")).isZero();
        });
        // each instance's consumers held no more than the bound of batches at once, and every stage lease (the
        // topics' queued marks included) went once its work was stored
        for (var instance : List.of(first, second)) {
            var peak = instance.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get("leadhub.stage.batches.in.flight.peak").tag("stage", "enrich").gauge().value();
            assertThat(peak).isEqualTo(1.0);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM stage_lease") == 0);
        // hand-offs of whole batches (enriched leads) are one record per lead, keyed by the lead
        var enriched = readAll("leadhub.leads.enriched");
        assertThat(enriched).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value()));
        assertThat(enriched.stream().map(org.apache.kafka.clients.consumer.ConsumerRecord::value).distinct()).hasSize(LEADS);
        var health = new com.fasterxml.jackson.databind.ObjectMapper().readTree(fetch(second, "/actuator/health"));
        assertThat(health.path("components").path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("kafka").path("details").path("leadhub.leads.received").asText()).isEqualTo("4 partitions");

        // the polled source: one run per two-second schedule. Counted, not timed: a run may start late under load,
        // but both instances running each schedule would make twice as many runs as schedules passed
        await().atMost(Duration.ofSeconds(30)).until(() -> VENDOR.findAll(getRequestedFor(urlPathEqualTo("/crm/contacts"))).size() >= pollsBefore + 6);
        var polls = VENDOR.findAll(getRequestedFor(urlPathEqualTo("/crm/contacts"))).stream()
                .map(LoggedRequest::getLoggedDate).map(java.util.Date::toInstant).sorted().toList();
        long schedules = Duration.between(polls.get(0), polls.get(polls.size() - 1)).toSeconds() / 2 + 2;
        assertThat((long) polls.size()).as("runs %s", polls).isLessThanOrEqualTo(schedules);
    }

    @Test
    void stageRecordsReadAgainFindTheirWorkDoneAndAStrayRecordDoesNotBlockThePartition() throws Exception {
        assertThat(post(first, "[{\"email\": \"again1@redelivered.example.com\"}, {\"email\": \"again2@redelivered.example.com\"}]"))
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM lead l JOIN lead_score s ON s.lead_id = l.id WHERE l.email LIKE 'again%'") == 2);
        var ids = db.sql("SELECT id::text FROM lead WHERE email LIKE 'again%' ORDER BY email").query(String.class).list();
        var callsBefore = count("SELECT count(*) FROM provider_call");
        var eventsBefore = count("SELECT count(*) FROM outbox_event WHERE lead_id::text = ANY(:ids)", ids);
        var writtenBefore = Instant.now().minusSeconds(60).toEpochMilli();

        // the same records again, written before the work finished (as a consumer re-reads them after a crash), a
        // record that is no lead id, and then a lead asked for again now: only that one is worked on
        var fresh = db.sql("INSERT INTO lead (workspace, lead_key, status, email, first_source, received_at, updated_at) "
                + "VALUES ('default', 'email:late@redelivered.example.com', 'received', 'late@redelivered.example.com', 'api', now(), now()) "
                + "RETURNING id::text").query(String.class).single();
        try (var producer = new KafkaProducer<String, String>(KafkaTestUtils.producerProps(broker), new StringSerializer(), new StringSerializer())) {
            for (var id : ids) {
                producer.send(new ProducerRecord<>("leadhub.leads.received", null, writtenBefore, id, id));
                producer.send(new ProducerRecord<>("leadhub.leads.enriched", null, writtenBefore, id, id));
            }
            producer.send(new ProducerRecord<>("leadhub.leads.received", "junk", "this is not a lead id"));
            producer.send(new ProducerRecord<>("leadhub.leads.received", fresh, fresh));
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM lead_score WHERE lead_id::text = ANY(:ids)", List.of(fresh)) == 1);
        assertThat(count("SELECT count(*) FROM provider_call")).isEqualTo(callsBefore + 1);
        assertThat(db.sql("SELECT error FROM dead_letter WHERE stage = 'enrich' AND payload LIKE '%this is not a lead id%'")
                .query(String.class).single()).contains("leadhub.leads.received partition").contains("is not a lead id");
        assertThat(count("SELECT count(*) FROM outbox_event WHERE lead_id::text = ANY(:ids)", ids)).isEqualTo(eventsBefore);
    }

    private static String leads(int from, int to) {
        var body = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            body.append(i == from ? "" : ",").append("{\"email\": \"p").append(i).append("@two").append(i % 50).append(".example.com\"}");
        }
        return body.append(']').toString();
    }

    private static int post(ConfigurableApplicationContext instance, String json) throws IOException, InterruptedException {
        var port = instance.getEnvironment().getProperty("local.server.port");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String fetch(ConfigurableApplicationContext instance, String path) throws IOException, InterruptedException {
        var port = instance.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> readAll(String topic) {
        var props = KafkaTestUtils.consumerProps("reader-" + topic, "false", broker);
        props.put("auto.offset.reset", "earliest");
        var all = new java.util.ArrayList<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int empty = 0;
            while (empty < 3) {
                var batch = consumer.poll(Duration.ofSeconds(1));
                empty = batch.isEmpty() ? empty + 1 : 0;
                batch.forEach(all::add);
            }
        }
        return all;
    }

    /** Records on the topic past the consumer group's committed offsets (all of them when nothing was committed). */
    private static long unread(String topic) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.<String, Object>of("bootstrap.servers", broker.getBrokersAsString()))) {
            var committed = admin.listConsumerGroupOffsets("leadhub").partitionsToOffsetAndMetadata().get();
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            var latest = new java.util.HashMap<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
            partitions.forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            long unread = 0;
            for (var end : ends.entrySet()) {
                var done = committed.get(end.getKey());
                unread += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return unread;
        }
    }

    private static long count(String sql) {
        return db.sql(sql).query(Long.class).single();
    }

    private static long count(String sql, List<String> ids) {
        return db.sql(sql).param("ids", ids.toArray(new String[0])).query(Long.class).single();
    }

    private static String fixture(String name) {
        try (var in = TwoInstancesTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
