import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Kafka mode with one and with two hub instances: leads/s and end-to-end latency (received -> scored).
 *
 *   mvn -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 *   java -cp "$(cat target/bench.classpath)" bench/KafkaBench.java [leads] [provider latency ms]
 *
 * In this JVM: one in-process KRaft broker (spring-kafka-test), one embedded PostgreSQL (zonky, fsync and
 * synchronous commit on, as the hub's own embedded one), and a simulated Hunter email verifier answering every
 * request after a fixed latency (I/O-bound work, like a real vendor; no rate limit, no failures). The hubs run as
 * separate processes from target/leadhub.jar in Kafka mode against that broker and a database of their own per
 * run. Run 1: one instance gets all leads. Run 2: a fresh database, fresh topics and a fresh consumer group, two
 * instances with the same settings (same scheduler name, same group), each posted half of the leads. Each instance
 * calls the simulator under its own path (/instance-a, /instance-b), so the simulator counts who did the work.
 * Before measuring, the consumer group must be stable with every partition assigned (no rebalance is timed) and each
 * instance has enriched and scored BENCH_WARMUP leads of its own (JIT, pools, first connections).
 *
 * Measured per run: leads/s from the first POST to the last lead_score.scored_at; per-lead received_at -> scored_at
 * p50 / p99 / max (both from the database); provider calls per instance; checks that nothing was done twice or left
 * behind (lead, profile, score history, provider_call rows, simulator calls per email, records per topic, consumer
 * lag); peak heap (sampled from /actuator/metrics) and peak RSS (VmHWM) per hub; CPU seconds used during the run by
 * the hubs, by this JVM (broker, simulator, and its own polling of the database: about 0.15 s per second even when the
 * broker has nothing to do), by PostgreSQL and by the whole machine (other builds included); the hubs' WARN / ERROR
 * log lines.
 *
 * Environment: BENCH_HUB_ARGS (extra hub arguments for every instance, e.g. "--leadhub.kafka.consumers=2"),
 * BENCH_JVM_OPTS (extra JVM options of the hubs, e.g. a flight recording), BENCH_BATCH (leads per POST, default
 * 1000 = leadhub.api.max-records), BENCH_SENDERS (client threads posting to each instance, default 1), BENCH_RATE
 * (leads/s over all instances, paced: latency without a backlog; default 0 = as fast as accepted), BENCH_WARMUP
 * (leads each instance works through before the measurement, default 200),
 * BENCH_INSTANCES (default "1,2": which runs), BENCH_QUEUE=seda (the same with in-process queues, BENCH_INSTANCES=1
 * only: the baseline), BENCH_KEEP=1 keeps the work folder with the hubs' logs.
 */
public class KafkaBench {
    static final String DB_PASSWORD = "kafka-bench-" + java.util.UUID.randomUUID();

    static final String HUNTER_ANSWER = """
            {"data":{"status":"valid","result":"deliverable","score":96,"email":"%s","regexp":true,"gibberish":false,\
            "disposable":false,"webmail":false,"mx_records":true,"smtp_server":true,"smtp_check":true,"accept_all":false,\
            "block":false,"sources":[]},"meta":{"params":{"email":"%s"}}}""";

    /** Calls per instance path and per email, as the simulator saw them. */
    static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> CALLS_PER_EMAIL = new ConcurrentHashMap<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Leads per POST (at most leadhub.api.max-records) and client threads posting to each instance. */
    static final int BATCH = Integer.parseInt(envOr("BENCH_BATCH", "1000"));
    static final int SENDERS = Integer.parseInt(envOr("BENCH_SENDERS", "1"));
    /** kafka (the subject), or seda: the same run with in-process queues, one instance, as the baseline. */
    static final String QUEUE = envOr("BENCH_QUEUE", "kafka");
    /** Leads per second posted over all instances (paced, for latency without a backlog); 0 posts as fast as possible. */
    static final double RATE = Double.parseDouble(envOr("BENCH_RATE", "0"));
    /** Leads each instance enriches and scores before the measurement (JIT, pools, first connections). */
    static final int WARMUP = Integer.parseInt(envOr("BENCH_WARMUP", "200"));

    record Hub(String name, int port, Process process, Path log) {
        String base() {
            return "http://localhost:" + port;
        }
    }

    record Result(int instances, int leads, double postSeconds, double seconds, double rate, long p50, long p90, long p99,
                  long max, Map<String, Long> callsPerInstance, List<String> checks, Map<String, Long> heapPeakMiB,
                  Map<String, Long> rssPeakMiB, Map<String, Double> hubCpu, double benchCpu, double postgresCpu, double machineCpu,
                  Map<String, String> logNotes, String timeline) {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        var runs = List.of(envOr("BENCH_INSTANCES", "1,2").split(",")).stream().map(String::trim).map(Integer::parseInt).toList();
        if (!QUEUE.equals("kafka") && !runs.equals(List.of(1))) {
            throw new IllegalArgumentException("BENCH_QUEUE=" + QUEUE + " is one instance only: set BENCH_INSTANCES=1");
        }
        var extra = envOr("BENCH_HUB_ARGS", "").isBlank() ? List.<String>of() : List.of(envOr("BENCH_HUB_ARGS", "").trim().split("\\s+"));
        if (!Files.exists(Path.of("target/leadhub.jar")) || !Files.isDirectory(Path.of("routes"))) {
            throw new IllegalStateException("run from the repository root after mvn -DskipTests package");
        }
        var work = Files.createTempDirectory("leadhub-kafka-bench");
        System.err.printf("work folder %s; load average before start: %s%n", work, loadAverage());

        var simulator = startSimulator(latencyMs);
        var broker = new EmbeddedKafkaKraftBroker(1, 12);
        broker.afterPropertiesSet();
        // durable like the hub's own embedded PostgreSQL (the library's defaults turn fsync and synchronous commit off)
        // password authentication, as an external server has (the hub refuses a blank database password)
        var passwordFile = Files.writeString(work.resolve("pg.password"), DB_PASSWORD);
        var postgres = EmbeddedPostgres.builder()
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toString())
                .setConnectConfig("password", DB_PASSWORD)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        System.err.printf("broker %s, PostgreSQL on port %d, simulator on port %d (%d ms per answer)%n",
                broker.getBrokersAsString(), postgres.getPort(), simulator.getAddress().getPort(), latencyMs);
        var results = new ArrayList<Result>();
        try {
            for (int instances : runs) {
                results.add(run(instances, leads, latencyMs, extra, broker, postgres, simulator.getAddress().getPort(), work));
            }
        } finally {
            simulator.stop(0);
            broker.destroy();
            postgres.close();
        }

        // the hub's code measured: the last commit that changed it (bench-only commits do not change the hub)
        var commit = git("log", "-1", "--format=%h", "--", "src/main", "routes", "pom.xml");
        var date = Instant.now().toString().substring(0, 10);
        System.out.println();
        System.out.println("| date | hub commit | instances | leads (per POST × senders per instance) | POSTs done | first POST → last scored | leads/s "
                + "| received→scored p50 / p90 / p99 (max) | provider calls per instance | checks | peak heap / peak RSS per hub "
                + "| CPU s: hubs / bench JVM (broker, simulator, polling) / PostgreSQL / whole machine of cores × seconds (others: the rest of the machine) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (var r : results) {
            var memory = new ArrayList<String>();
            r.heapPeakMiB().forEach((hub, heap) -> memory.add(hub + " " + heap + " / " + r.rssPeakMiB().get(hub) + " MiB"));
            var cpu = new ArrayList<String>();
            r.hubCpu().forEach((hub, s) -> cpu.add(String.format("%s %.1f", hub, s)));
            System.out.printf("| %s | %s | %s | %,d (%d × %d%s) | %.1f s | %.1f s | **%.0f** | %,d / %,d / %,d ms (%,d) | %s | %s | %s | %s / %.1f / %.1f / %.1f of %.1f (others %.1f) |%n",
                    date, commit, r.instances() + (QUEUE.equals("kafka") ? "" : " (" + QUEUE + ")"), r.leads(), Math.min(BATCH, r.leads() / r.instances()), SENDERS,
                    RATE > 0 ? String.format(", paced at %.0f/s", RATE) : "", r.postSeconds(),
                    r.seconds(), r.rate(), r.p50(), r.p90(), r.p99(), r.max(),
                    String.join(", ", r.callsPerInstance().entrySet().stream().map(e -> e.getKey() + " " + String.format("%,d", e.getValue())).toList()),
                    r.checks().isEmpty() ? "all once" : String.join("; ", r.checks()),
                    String.join(", ", memory), String.join(", ", cpu), r.benchCpu(), r.postgresCpu(), r.machineCpu(),
                    Runtime.getRuntime().availableProcessors() * r.seconds(),
                    Math.max(0, r.machineCpu() - r.benchCpu() - r.postgresCpu() - r.hubCpu().values().stream().mapToDouble(Double::doubleValue).sum()));
        }
        System.out.println();
        System.out.println("Hub settings: " + hubSettings(latencyMs, extra) + "; provider latency " + latencyMs + " ms; "
                + BATCH + " leads per POST, " + SENDERS + " sender(s) per instance"
                + (RATE > 0 ? ", paced at " + RATE + " leads/s in all" : ", as fast as they are accepted"));
        for (var r : results) {
            System.out.println("Run with " + r.instances() + " instance(s), scored after each second: " + r.timeline());
            r.logNotes().forEach((hub, note) -> System.out.println("  log of hub " + hub + ": " + note));
        }
        if (!"1".equals(System.getenv("BENCH_KEEP"))) {
            deleteTree(work);
        }
        System.exit(0); // the simulator's and samplers' threads would keep the JVM alive
    }

    static Result run(int instances, int leads, int latencyMs, List<String> extra, EmbeddedKafkaKraftBroker broker,
                      EmbeddedPostgres postgres, int simPort, Path work) throws Exception {
        var tag = "run" + instances + "x" + System.currentTimeMillis() % 100000;
        // a database and topics of its own: Flyway starts from an empty schema, the group from offset zero
        try (var admin = postgres.getPostgresDatabase().getConnection(); var st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + tag);
        }
        var jdbcUrl = postgres.getJdbcUrl("postgres", tag);
        var group = "leadhub-" + tag;
        var topics = List.of("leadhub." + tag + ".received", "leadhub." + tag + ".enriched", "leadhub." + tag + ".qualified");
        CALLS.clear();
        CALLS_PER_EMAIL.clear();

        var hubs = new ArrayList<Hub>();
        var heapPeak = new ConcurrentHashMap<String, AtomicLong>();
        var sampler = Executors.newSingleThreadScheduledExecutor();
        try (var db = DriverManager.getConnection(jdbcUrl, "postgres", DB_PASSWORD);
             var kafka = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            long startBegan = System.nanoTime();
            // one after the other: two instances starting at the same moment on an empty database can collide while
            // registering their Quartz jobs (duplicate key in qrtz_job_details, the second one fails to start)
            for (int i = 0; i < instances; i++) {
                var name = String.valueOf((char) ('a' + i));
                var dir = Files.createDirectories(work.resolve(tag + "-" + name));
                int port = freePort();
                var command = new ArrayList<>(List.of("java", "-Xmx512m"));
                var jvmOptions = envOr("BENCH_JVM_OPTS", ""); // e.g. -XX:StartFlightRecording=filename=hub-%p.jfr to profile
                if (!jvmOptions.isBlank()) {
                    command.addAll(List.of(jvmOptions.trim().split("\\s+")));
                }
                command.addAll(List.of("-jar", "target/leadhub.jar",
                        "--server.port=" + port,
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=" + DB_PASSWORD,
                        "--leadhub.queue=" + QUEUE,
                        "--leadhub.kafka.brokers=" + broker.getBrokersAsString(),
                        "--leadhub.kafka.group-id=" + group,
                        "--leadhub.kafka.topics.received=" + topics.get(0),
                        "--leadhub.kafka.topics.enriched=" + topics.get(1),
                        "--leadhub.kafka.topics.qualified=" + topics.get(2),
                        "--leadhub.scheduler-name=kbench",
                        "--leadhub.inbox.dir=" + work.resolve(tag + "-inbox"),
                        "--leadhub.scoring.rules-dir=" + dir.resolve("scoring"),
                        "--leadhub.personalization.prompts-dir=" + dir.resolve("prompts"),
                        "--leadhub.api.max-records=1000",
                        "--leadhub.providers.verifier.type=hunter",
                        "--leadhub.providers.verifier.base-url=http://127.0.0.1:" + simPort + "/instance-" + name,
                        "--leadhub.providers.verifier.api-key=x",
                        "--leadhub.providers.verifier.signals=email_verification",
                        "--leadhub.providers.verifier.rate=100000",
                        "--leadhub.providers.verifier.timeout=5000"));
                command.addAll(extra);
                var log = dir.resolve("hub.log");
                var hub = new Hub(name, port, new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
                hubs.add(hub);
                waitUntil(() -> {
                    if (!hub.process().isAlive()) {
                        throw new IllegalStateException("hub " + hub.name() + " exited; see " + hub.log() + "\n" + tail(hub.log(), 30));
                    }
                    return get(hub.base() + "/actuator/health").startsWith("{\"status\":\"UP\"")
                            && Files.readString(hub.log()).contains("Started LeadhubApplication");
                }, Duration.ofSeconds(240));
            }
            // every consumer of every instance in the group and all partitions assigned, so no rebalance is timed
            int expectedPartitions = QUEUE.equals("kafka") ? 3 * 12 : 0;
            var membersSeen = new AtomicInteger();
            waitUntil(() -> {
                if (expectedPartitions == 0) {
                    return true; // seda: no consumer group
                }
                var description = kafka.describeConsumerGroups(List.of(group)).all().get().get(group);
                int assigned = description.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                membersSeen.set(description.members().size());
                return description.state() == ConsumerGroupState.STABLE && assigned == expectedPartitions
                        && description.members().size() >= instances * membersPerInstance(extra);
            }, Duration.ofSeconds(120));
            System.err.printf("run %d: %d hub(s) ready after %.1f s%s%n", instances, instances, (System.nanoTime() - startBegan) / 1e9,
                    expectedPartitions == 0 ? "" : "; consumer group " + group + " stable with " + membersSeen.get() + " members");
            if (WARMUP > 0) {
                long warmStart = System.nanoTime();
                for (var hub : hubs) {
                    var body = new StringBuilder("[");
                    for (int n = 0; n < WARMUP; n++) {
                        body.append(n == 0 ? "" : ",").append("{\"email\":\"kw").append(hub.name()).append(n).append('@')
                                .append(tag).append("-warm.com\"}");
                    }
                    if (postStatus(hub.base() + "/api/leads", body.append(']').toString()) != 202) {
                        throw new IllegalStateException("warm-up POST to hub " + hub.name() + " failed");
                    }
                }
                var warmSql = "SELECT count(*) FROM lead l JOIN lead_score s ON s.lead_id = l.id WHERE l.email LIKE 'kw%@" + tag + "-warm.com'";
                waitUntil(() -> count(db, warmSql) >= (long) WARMUP * instances, Duration.ofMinutes(5));
                Thread.sleep(2000); // let the warm-up's last hand-offs and events settle
                System.err.printf("run %d: warm-up of %d lead(s) per instance scored in %.1f s%n", instances, WARMUP,
                        (System.nanoTime() - warmStart) / 1e9);
            }
            CALLS.clear();
            CALLS_PER_EMAIL.clear();
            for (var hub : hubs) {
                heapPeak.put(hub.name(), new AtomicLong());
            }
            sampler.scheduleAtFixedRate(() -> hubs.forEach(hub -> heapPeak.get(hub.name()).accumulateAndGet(heapUsed(hub.base()), Math::max)),
                    0, 500, TimeUnit.MILLISECONDS);
            var cpuBefore = new LinkedHashMap<String, Double>();
            hubs.forEach(hub -> cpuBefore.put(hub.name(), cpuSeconds(hub.process().toHandle())));
            double benchCpuBefore = cpuSeconds(ProcessHandle.current());
            double postgresCpuBefore = postgresCpu(db);
            double machineCpuBefore = machineBusySeconds();

            // leads posted in batches (default 1,000 = leadhub.api.max-records), half to each instance, by BENCH_SENDERS
            // client threads per instance (default 1); the database is polled meanwhile
            var firstPost = Instant.now();
            long postStart = System.nanoTime();
            var postErrors = new ConcurrentHashMap<String, String>();
            var postsDone = new java.util.concurrent.CountDownLatch(instances * SENDERS);
            var lastPostNanos = new AtomicLong();
            for (int i = 0; i < instances; i++) {
                var hub = hubs.get(i);
                var batches = new java.util.concurrent.ConcurrentLinkedQueue<int[]>();
                int to = leads * (i + 1) / instances;
                for (int from = leads * i / instances, k = 0; from < to; from += BATCH, k++) {
                    batches.add(new int[]{from, Math.min(to, from + BATCH), k});
                }
                double secondsPerBatch = RATE > 0 ? BATCH / (RATE / instances) : 0;
                for (int t = 0; t < SENDERS; t++) {
                    var sender = new Thread(() -> {
                        try {
                            for (int[] batch; (batch = batches.poll()) != null; ) {
                                long due = postStart + (long) (batch[2] * secondsPerBatch * 1e9);
                                while (System.nanoTime() < due) {
                                    Thread.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000)); // pacing
                                }
                                var status = postStatus(hub.base() + "/api/leads", leadsJson(tag, batch[0], batch[1]));
                                if (status != 202) {
                                    postErrors.put(hub.name() + ":" + batch[0], "HTTP " + status);
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            lastPostNanos.accumulateAndGet(System.nanoTime(), Math::max);
                            postsDone.countDown();
                        }
                    }, "sender-" + hub.name() + "-" + t);
                    sender.start();
                }
            }

            var scoredSql = "SELECT count(*) FROM lead l JOIN lead_score s ON s.lead_id = l.id WHERE l.email LIKE 'kb%@" + tag + "-co%'";
            var timeline = new ArrayList<Long>();
            long lastCount = -1;
            long lastChange = System.nanoTime();
            while (true) {
                if (!postErrors.isEmpty()) {
                    throw new IllegalStateException("POST /api/leads failed: " + postErrors);
                }
                long scored = count(db, scoredSql);
                long second = (System.nanoTime() - postStart) / 1_000_000_000L;
                while (timeline.size() <= second) {
                    timeline.add(scored);
                }
                if (scored >= leads) {
                    break;
                }
                if (scored != lastCount) {
                    lastCount = scored;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(180)) {
                    throw new IllegalStateException("stalled: " + scored + " of " + leads + " scored, nothing new for 180 s; "
                            + stuck(db, tag) + "; logs in " + work);
                }
                Thread.sleep(200); // polling the database of other processes
            }
            postsDone.await();
            double postSeconds = (lastPostNanos.get() - postStart) / 1e9;
            var cpuAfter = new LinkedHashMap<String, Double>();
            hubs.forEach(hub -> cpuAfter.put(hub.name(), cpuSeconds(hub.process().toHandle()) - cpuBefore.get(hub.name())));
            double benchCpu = cpuSeconds(ProcessHandle.current()) - benchCpuBefore;
            double postgresCpu = postgresCpu(db) - postgresCpuBefore;
            double machineCpu = machineBusySeconds() - machineCpuBefore;
            sampler.shutdownNow();

            var latencies = new ArrayList<Long>();
            Instant lastScored = Instant.EPOCH;
            try (var st = db.prepareStatement("SELECT l.received_at, s.scored_at FROM lead l JOIN lead_score s ON s.lead_id = l.id "
                    + "WHERE l.email LIKE 'kb%@" + tag + "-co%'"); var rs = st.executeQuery()) {
                while (rs.next()) {
                    var received = rs.getTimestamp(1).toInstant();
                    var scoredAt = rs.getTimestamp(2).toInstant();
                    latencies.add(Duration.between(received, scoredAt).toMillis());
                    if (scoredAt.isAfter(lastScored)) {
                        lastScored = scoredAt;
                    }
                }
            }
            Collections.sort(latencies);
            double seconds = Duration.between(firstPost, lastScored).toMillis() / 1000.0;

            // let the stages' last commits and personalization settle before counting records and lag
            Thread.sleep(3000);
            var checks = checks(db, kafka, group, topics, tag, leads, leads + WARMUP * instances);
            var callsPerInstance = new LinkedHashMap<String, Long>();
            hubs.forEach(hub -> callsPerInstance.put(hub.name(), CALLS.getOrDefault("instance-" + hub.name(), new AtomicLong()).get()));
            var heapMiB = new LinkedHashMap<String, Long>();
            var rssMiB = new LinkedHashMap<String, Long>();
            var logNotes = new LinkedHashMap<String, String>();
            for (var hub : hubs) {
                heapMiB.put(hub.name(), heapPeak.get(hub.name()).get() / (1024 * 1024));
                rssMiB.put(hub.name(), vmHwmKiB(hub.process().pid()) / 1024);
            }
            var result = new Result(instances, leads, postSeconds, seconds, leads / seconds, percentile(latencies, 50),
                    percentile(latencies, 90), percentile(latencies, 99), latencies.get(latencies.size() - 1), callsPerInstance,
                    checks, heapMiB, rssMiB, cpuAfter, benchCpu, postgresCpu, machineCpu, logNotes,
                    String.join(" ", timeline.stream().map(String::valueOf).toList()));
            System.err.printf("run %d: %d leads in %.1f s = %.0f leads/s, received->scored p50 %d p99 %d max %d ms, calls %s, checks %s%n",
                    instances, leads, seconds, leads / seconds, result.p50(), result.p99(), result.max(), callsPerInstance,
                    checks.isEmpty() ? "all once" : checks);
            stop(hubs);
            for (var hub : hubs) {
                logNotes.put(hub.name(), logNote(hub.log()));
            }
            return result;
        } finally {
            sampler.shutdownNow();
            stop(hubs);
        }
    }

    /** Camel's Kafka consumers per instance: three stage routes times leadhub.kafka.consumers. */
    static int membersPerInstance(List<String> extra) {
        int consumers = 1;
        for (var arg : extra) {
            if (arg.startsWith("--leadhub.kafka.consumers=")) {
                consumers = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            }
        }
        return 3 * consumers;
    }

    /** Nothing done twice, nothing left behind: an empty list when every count is as expected. */
    static List<String> checks(Connection db, Admin kafka, String group, List<String> topics, String tag, int leads,
                               int recordsExpected) throws Exception {
        var problems = new ArrayList<String>();
        var like = "'kb%@" + tag + "-co%'";
        expect(problems, "leads", count(db, "SELECT count(*) FROM lead WHERE email LIKE " + like), leads);
        expect(problems, "profiles", count(db, "SELECT count(*) FROM lead_profile p JOIN lead l ON l.id = p.lead_id WHERE l.email LIKE " + like), leads);
        expect(problems, "score history rows", count(db, "SELECT count(*) FROM lead_score_history h JOIN lead l ON l.id = h.lead_id WHERE l.email LIKE " + like), leads);
        expect(problems, "provider_call rows", count(db, "SELECT count(*) FROM provider_call c JOIN lead l ON l.id = c.lead_id WHERE l.email LIKE " + like), leads);
        expect(problems, "simulator calls", CALLS.values().stream().mapToLong(AtomicLong::get).sum(), leads);
        expect(problems, "emails asked", CALLS_PER_EMAIL.size(), leads);
        long repeated = CALLS_PER_EMAIL.values().stream().filter(c -> c.get() > 1).count();
        if (repeated > 0) {
            problems.add(repeated + " emails asked more than once");
        }
        var events = count(db, "SELECT count(*) FROM outbox_event e JOIN lead l ON l.id = e.lead_id WHERE e.type = 'lead.enriched' AND l.email LIKE " + like);
        var distinct = count(db, "SELECT count(DISTINCT e.lead_id) FROM outbox_event e JOIN lead l ON l.id = e.lead_id WHERE e.type = 'lead.enriched' AND l.email LIKE " + like);
        if (events != distinct || events != leads) {
            problems.add("lead.enriched events " + events + " for " + distinct + " leads");
        }
        if (!QUEUE.equals("kafka")) {
            return problems;
        }
        // records per stage topic (received and enriched: one per lead, warm-up included) and what the group committed
        var partitions = kafka.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition()))).toList();
        var request = new HashMap<TopicPartition, OffsetSpec>();
        partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
        var ends = kafka.listOffsets(request).all().get();
        var committed = kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (int i = 0; i < topics.size(); i++) {
            var topic = topics.get(i);
            var stage = topic.substring(topic.lastIndexOf('.') + 1);
            long records = 0;
            long lag = 0;
            int withCommit = 0;
            for (var p : partitions) {
                if (p.topic().equals(topic)) {
                    long end = ends.get(p).offset();
                    records += end;
                    var offset = committed.get(p);
                    withCommit += offset == null ? 0 : 1;
                    lag += end - (offset == null ? 0 : offset.offset());
                }
            }
            if (i < 2 && records != recordsExpected) {
                problems.add(stage + " topic holds " + records + " records");
            }
            if (records > 0 && withCommit == 0) {
                problems.add("no offset committed on the " + stage + " topic (" + records + " records)");
            } else if (lag != 0) {
                problems.add(stage + " lag " + lag + " 3 s after the last score");
            }
            if (i == 2) {
                System.err.printf("qualified topic: %d records (hot and warm leads), lag %d%n", records, lag);
            }
        }
        return problems;
    }

    static void expect(List<String> problems, String what, long actual, long expected) {
        if (actual != expected) {
            problems.add(what + " " + actual + " (expected " + expected + ")");
        }
    }

    static String leadsJson(String tag, int from, int to) {
        var body = new StringBuilder("[");
        for (int n = from; n < to; n++) {
            body.append(n == from ? "" : ",").append("{\"email\":\"kb").append(n).append('@').append(tag)
                    .append("-co").append(n % 200).append(".com\",\"first_name\":\"Lead").append(n)
                    .append("\",\"last_name\":\"Bench\",\"company_name\":\"Company ").append(n % 200).append("\"}");
        }
        return body.append(']').toString();
    }

    static String stuck(Connection db, String tag) {
        try (var st = db.createStatement(); var rs = st.executeQuery(
                "SELECT status, count(*) FROM lead WHERE email LIKE 'kb%@" + tag + "-co%' GROUP BY status ORDER BY status")) {
            var out = new StringBuilder("lead status counts:");
            while (rs.next()) {
                out.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2));
            }
            return out.toString();
        } catch (SQLException e) {
            return "status counts unavailable: " + e.getMessage();
        }
    }

    // ---- the simulated Hunter email verifier ---------------------------------------------------------------------

    /** GET /instance-x/v2/email-verifier?email=...: Hunter's answer for a valid address after a fixed latency. */
    static HttpServer startSimulator(int latencyMs) throws IOException {
        // without TCP_NODELAY the JDK server's small writes meet delayed ACKs: ~40 ms per answer that is the
        // simulator's, not the hub's
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(256)); // requests wait in sleep, not in the accept queue
        server.createContext("/", exchange -> serve(exchange, latencyMs));
        server.start();
        return server;
    }

    static void serve(HttpExchange exchange, int latencyMs) throws IOException {
        var path = exchange.getRequestURI().getPath();
        var matcher = Pattern.compile("^/(instance-[a-z]+)/v2/email-verifier$").matcher(path);
        if (!matcher.matches()) {
            respond(exchange, 404, "{\"errors\":[{\"details\":\"no route\"}]}");
            return;
        }
        var query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        String email = "";
        for (var pair : query.split("&")) {
            if (pair.startsWith("email=")) {
                email = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        CALLS.computeIfAbsent(matcher.group(1), k -> new AtomicLong()).incrementAndGet();
        CALLS_PER_EMAIL.computeIfAbsent(email, k -> new AtomicInteger()).incrementAndGet();
        try {
            Thread.sleep(latencyMs); // the vendor's own latency, simulated
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        respond(exchange, 200, HUNTER_ANSWER.formatted(email, email));
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ---- processes, resources, logs ------------------------------------------------------------------------------

    static void stop(List<Hub> hubs) throws InterruptedException {
        for (var hub : hubs) {
            if (hub.process().isAlive()) {
                hub.process().destroy(); // SIGTERM: a graceful Spring shutdown
            }
        }
        for (var hub : hubs) {
            if (!hub.process().waitFor(60, TimeUnit.SECONDS)) {
                System.err.println("hub " + hub.name() + " did not stop within 60 s of SIGTERM; killing it");
                hub.process().destroyForcibly().waitFor();
            }
        }
    }

    static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }

    /**
     * CPU of the PostgreSQL server: the postmaster (named in postmaster.pid; pg_ctl detaches it from this JVM) and
     * its children. Backends that ended in between are not counted; the hubs' pooled connections live throughout.
     */
    static double postgresCpu(Connection db) {
        try {
            var dataDir = query(db, "SHOW data_directory");
            var pid = Long.parseLong(Files.readAllLines(Path.of(dataDir, "postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).map(postmaster -> cpuSeconds(postmaster)
                    + postmaster.descendants().mapToDouble(KafkaBench::cpuSeconds).sum()).orElse(-1.0);
        } catch (IOException | SQLException | RuntimeException e) {
            return -1;
        }
    }

    /** Core-seconds the whole machine was busy so far (/proc/stat: all but idle and iowait), other builds included. */
    static double machineBusySeconds() {
        try {
            var fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
            }
            return busy / 100.0; // USER_HZ
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long vmHwmKiB(long pid) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** How many WARN and ERROR lines the hub logged after it started, and the first few distinct ones. */
    static String logNote(Path log) throws IOException {
        var lines = Files.readAllLines(log);
        int started = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Started LeadhubApplication")) {
                started = i;
            }
        }
        int warn = 0;
        int error = 0;
        var distinct = new LinkedHashMap<String, Integer>();
        for (var line : lines.subList(started, lines.size())) {
            boolean isWarn = line.contains(" WARN ");
            boolean isError = line.contains(" ERROR ");
            if (isWarn || isError) {
                warn += isWarn ? 1 : 0;
                error += isError ? 1 : 0;
                var text = line.replaceFirst("^\\S+\\s+", "").replaceAll("\\d+", "#");
                distinct.merge(text.length() > 220 ? text.substring(0, 220) : text, 1, Integer::sum);
            }
        }
        var note = new StringBuilder(warn + " WARN, " + error + " ERROR after start");
        distinct.entrySet().stream().limit(6).forEach(e -> note.append("\n    ").append(e.getValue()).append("x ").append(e.getKey()));
        return note.toString();
    }

    static String tail(Path log, int lines) throws IOException {
        var all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    static String hubSettings(int latencyMs, List<String> extra) {
        return "-Xmx512m, 12 partitions, provider rate 100000/s (no throttling), warm-up " + WARMUP
                + " leads per instance, application.yaml defaults otherwise"
                + (extra.isEmpty() ? "" : " and " + String.join(" ", extra));
    }

    /** Kafka's broker and the embedded PostgreSQL log through Logback, which logs DEBUG without a configuration. */
    static void quietLogging() {
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
        // the in-process broker's start and stop warnings (empty metadata log, closed client) are expected
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka")).setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    static String git(String... args) {
        try {
            var command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String envOr(String name, String fallback) {
        var value = System.getenv(name);
        return value == null ? fallback : value;
    }

    // ---- HTTP and SQL helpers ------------------------------------------------------------------------------------

    static long count(Connection db, String sql) throws SQLException {
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String query(Connection db, String sql) throws SQLException {
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    static long heapUsed(String base) {
        var body = get(base + "/actuator/metrics/jvm.memory.used?tag=area:heap");
        var m = Pattern.compile("\"value\":([0-9.E]+)").matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static int postStatus(String url, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitUntil(Check check, Duration limit) throws Exception {
        var deadline = System.nanoTime() + limit.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + limit);
            }
            Thread.sleep(250); // polling external processes
        }
    }
}
