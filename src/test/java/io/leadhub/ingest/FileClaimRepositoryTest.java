package io.leadhub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import io.leadhub.SharedHubTest;
import io.leadhub.ingest.file.FileClaimRepository;
import io.leadhub.ingest.file.InboxProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Several hub instances sharing one inbox and one database: each dropped file is read by one of them, a file
 * dropped again under the same name is read again, and a claim left by a dead instance does not block its file.
 */
class FileClaimRepositoryTest extends SharedHubTest {

    @Autowired
    CamelContext camel;
    @Autowired
    InboxProperties properties;
    @Autowired
    MeterRegistry meters;

    private Path inbox() throws IOException {
        return Files.createDirectories(WORK.resolve("inbox"));
    }

    /** Written beside the inbox and moved in, so the file appears whole. */
    private void drop(String name, String content) throws IOException {
        var staging = Files.createDirectories(WORK.resolve("staging")).resolve(name);
        Files.writeString(staging, content, StandardCharsets.UTF_8);
        Files.move(staging, inbox().resolve(name));
    }

    private long count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (var p : params) {
            statement = statement.param(p);
        }
        return statement.query(Long.class).single();
    }

    private double fileRowsCounted() {
        var counter = meters.find("leadhub.leads.received").tag("source", "file").counter();
        return counter == null ? 0 : counter.count();
    }

    private void ageClaim(String name) {
        jdbc.sql("UPDATE file_claim SET heartbeat_at = now() - interval '1 hour' WHERE name = ?").param(name).update();
    }

    @Test
    void ofTwoInstancesClaimingTheSameFilesAtTheSameMomentExactlyOneWinsEach() throws Exception {
        var first = new FileClaimRepository(jdbc, properties);
        var second = new FileClaimRepository(jdbc, properties);
        var names = new ArrayList<String>();
        for (int i = 0; i < 200; i++) {
            names.add("same-moment-" + i + ".csv");
        }
        var wins = new ConcurrentHashMap<String, Integer>();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var tasks = new ArrayList<Callable<Void>>();
            for (var claims : List.of(first, second)) {
                tasks.add(() -> {
                    start.await();
                    for (var name : names) {
                        if (claims.add(name)) {
                            wins.merge(name, 1, Integer::sum);
                        }
                    }
                    return null;
                });
            }
            var futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wins).hasSize(names.size());
        assertThat(wins.values()).containsOnly(1);
        first.clear();
        second.clear();
        assertThat(count("SELECT count(*) FROM file_claim WHERE name LIKE 'same-moment-%'")).isZero();
    }

    @Test
    void twoInstancesOnOneInboxReadEveryFileOnceBetweenThem() throws Exception {
        // a second hub instance: the same file endpoint as the hub's own route, with claims of its own, handing the
        // files it wins to the same processing
        var secondClaims = new FileClaimRepository(jdbc, properties);
        camel.getRegistry().bind("secondInstanceClaims", secondClaims);
        var uri = camel.getRoute("ingest-file-drop").getEndpoint().getEndpointUri();
        var secondUri = uri.replace("fileClaimRepository", "secondInstanceClaims");
        assertThat(secondUri).isNotEqualTo(uri);
        Set<String> readBySecond = ConcurrentHashMap.newKeySet();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(secondUri).routeId("second-instance-file-drop")
                        .process(exchange -> readBySecond.add(exchange.getIn().getHeader(Exchange.FILE_NAME, String.class)))
                        .to("direct:ingest-file");
            }
        });
        try {
            int files = 20;
            int rows = 30;
            double countedBefore = fileRowsCounted();
            for (int f = 0; f < files; f++) {
                var csv = new StringBuilder("Email,Company\n");
                for (int r = 0; r < rows; r++) {
                    csv.append("r").append(f).append('-').append(r).append("@race-co.com,Race Co\n");
                }
                drop(String.format("race-%02d.csv", f), csv.toString());
            }

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count("SELECT count(*) FROM ingest_file WHERE name LIKE 'race-%' AND status = 'done'") == files);
            for (int f = 0; f < files; f++) {
                assertThat(inbox().resolve(String.format(".done/race-%02d.csv", f))).exists();
            }
            assertThat(leadCount("email LIKE '%@race-co.com'")).isEqualTo(files * rows);
            assertThat(count("SELECT count(*) FROM ingest_file WHERE name LIKE 'race-%' AND rows_read = ?", rows))
                    .isEqualTo(files);
            // every row went through ingestion once: a file read by both instances would be counted twice
            // (its leads would not show it: a repeated delivery stores nothing new)
            assertThat(fileRowsCounted() - countedBefore).isEqualTo((double) files * rows);
            // which instance wins how many files is timing (one may win them all when the other polls late); what
            // must hold is above: every file read once between them
            assertThat(readBySecond).hasSizeLessThanOrEqualTo(files);
        } finally {
            camel.getRouteController().stopRoute("second-instance-file-drop");
            camel.removeRoute("second-instance-file-drop");
            secondClaims.clear();
        }
    }

    @Test
    void aFileDroppedAgainUnderTheSameNameIsReadAgain() throws IOException {
        drop("again.csv", "Email,Company\nfirst1@again-co.com,Again Co\nfirst2@again-co.com,Again Co\n");
        // the file row says done just before the file is moved
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.notExists(inbox().resolve("again.csv"))
                && count("SELECT count(*) FROM ingest_file WHERE name = 'again.csv' AND status = 'done'") == 1);

        drop("again.csv", "Email,Company\nsecond1@again-co.com,Again Co\nsecond2@again-co.com,Again Co\nsecond3@again-co.com,Again Co\n");
        // well within the claim timeout (30 s): the claim was released, it did not merely lapse
        await().atMost(Duration.ofSeconds(15)).until(() ->
                count("SELECT count(*) FROM ingest_file WHERE name = 'again.csv' AND status = 'done'") == 2);
        assertThat(leadCount("email LIKE 'second%@again-co.com'")).isEqualTo(3);
        assertThat(Files.readString(inbox().resolve(".done/again.csv"))).contains("second3@again-co.com");
        // released after the move, nothing left behind
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM file_claim WHERE name = 'again.csv'") == 0);
    }

    @Test
    void theLoserOfAClaimCannotReleaseTheWinnersClaim() {
        // Camel's file consumer calls remove() on the repository for a file it listed but could not start, as the
        // loser of a claim does: that must not free the file for a third try while the winner still reads it
        var winner = new FileClaimRepository(jdbc, properties);
        var loser = new FileClaimRepository(jdbc, properties);
        try {
            assertThat(winner.add("contested.csv")).isTrue();
            assertThat(loser.add("contested.csv")).isFalse();
            assertThat(loser.remove("contested.csv")).isFalse();
            assertThat(loser.add("contested.csv")).isFalse();
            assertThat(jdbc.sql("SELECT owner FROM file_claim WHERE name = 'contested.csv'").query(String.class).single())
                    .isEqualTo(winner.owner());
        } finally {
            winner.clear();
            loser.clear();
        }
    }

    @Test
    void aClaimIsHeldWhileItsOwnerRefreshesItAndTakenOverOnceItFallsSilent() {
        var dead = new FileClaimRepository(jdbc, properties);
        var live = new FileClaimRepository(jdbc, properties);
        try {
            assertThat(dead.add("orphan.csv")).isTrue();
            assertThat(live.add("orphan.csv")).isFalse();

            // an owner that keeps its heartbeat keeps its claim, however old the claim
            ageClaim("orphan.csv");
            dead.heartbeat();
            assertThat(live.add("orphan.csv")).isFalse();

            // silent for longer than the timeout: the owner is taken for dead
            ageClaim("orphan.csv");
            assertThat(live.add("orphan.csv")).isTrue();
            assertThat(jdbc.sql("SELECT owner FROM file_claim WHERE name = 'orphan.csv'").query(String.class).single())
                    .isEqualTo(live.owner());
            // the old owner coming back neither refreshes nor releases the claim it lost
            dead.heartbeat();
            assertThat(dead.remove("orphan.csv")).isFalse();
            assertThat(jdbc.sql("SELECT owner FROM file_claim WHERE name = 'orphan.csv'").query(String.class).single())
                    .isEqualTo(live.owner());
            assertThat(live.remove("orphan.csv")).isTrue();
        } finally {
            dead.clear();
            live.clear();
        }
    }

    @Test
    void aFileWhoseClaimWasLeftByADeadInstanceIsRead() throws IOException {
        jdbc.sql("""
                        INSERT INTO file_claim (name, owner, claimed_at, heartbeat_at)
                        VALUES ('left-behind.csv', 'crashed-instance', now() - interval '2 hours', now() - interval '1 hour')""")
                .update();
        drop("left-behind.csv", "Email,Company\nleft@left-behind.io,Left Behind\n");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM ingest_file WHERE name = 'left-behind.csv' AND status = 'done'") == 1);
        assertThat(leadCount("email = 'left@left-behind.io'")).isEqualTo(1);
    }
}
