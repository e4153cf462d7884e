import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The engine's own overhead: the whole pipeline (ingest -> enrich -> score -> personalize -> persisted) with
 * providers that answer at once and no LLM (the template writer writes), against a raw JDBC batch insert of the
 * same rows into a copy of the lead table, in the same run and on the same PostgreSQL (the hub's embedded one).
 *
 *   mvn -DskipTests package && java bench/EngineOverheadBench.java [leads] [domains]
 *
 * The hub runs from target/leadhub.jar on a fresh embedded PostgreSQL in a temp folder, on a port this program
 * picks so that it can connect too; the PostgreSQL JDBC driver is taken from the hub's own jar
 * (BOOT-INF/lib/postgresql-*.jar), so no class path is needed. One local HTTP server answers three "http"
 * providers at once: company (per domain; also the techstack and funding signals), email verification and
 * person (per lead). One product exists before the leads arrive, and the leads carry a senior title, phone and
 * LinkedIn URL, so the default rules make each of them warm or hot and every lead's final status is
 * 'personalized' (a lead scored cold would be final at 'scored'; both are counted).
 *
 * Reported: hub leads/s from the first POST /api/leads to the last lead persisted in its final status (read
 * over JDBC), per-lead received -> final p50/p99, peak heap of the hub, rows the hub wrote per lead, provider
 * calls per lead; raw insert rows/s (median of three runs, each into a fresh copy of the lead table with its
 * indexes, batches of 1,000 rows, one transaction per batch: the granularity of one POST) and the ratio.
 * BENCH_HUB_ARGS adds arguments to the hub's command line (e.g. --leadhub.embedded-postgres.durable=false), BENCH_JVM_OPTS
 * options to its JVM (e.g. -XX:StartFlightRecording=filename=hub.jfr,settings=profile).
 */
public class EngineOverheadBench {

    static final int POST_SIZE = 1000; // leadhub.api.max-records
    static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();
    static final String[] DESCRIPTIONS = {
            "designs autonomous mobile robots and fleet software for warehouses and factories",
            "operates regional trucking and freight logistics across North America",
            "runs third-party fulfilment centres for online retailers",
            "manufactures industrial packaging machinery for food and beverage producers"};
    static final String[] TITLES = {"VP Operations", "Head of Logistics", "Director of Supply Chain", "COO", "Founder"};
    static final String[] COUNTRIES = {"US", "DE", "GB", "FR"};
    static final String[] CITIES = {"Austin", "Hamburg", "Leeds", "Lyon"};

    record Row(String email, String firstName, String lastName, String title, String phone, String linkedin,
               String company, String domain, String country, String city) {
    }

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int domains = args.length > 1 ? Integer.parseInt(args[1]) : Math.max(1, leads / 10);
        var rows = rows(leads, domains);
        var sim = startSimulator();
        int simPort = sim.getAddress().getPort();
        var work = Files.createTempDirectory("leadhub-engine-bench");
        int port = 19080 + new Random().nextInt(900);
        int pgPort = freePort();
        var command = new ArrayList<>(List.of("java", "-Xmx1g"));
        var jvm = System.getenv("BENCH_JVM_OPTS"); // e.g. -XX:StartFlightRecording=filename=hub.jfr to profile
        if (jvm != null && !jvm.isBlank()) {
            command.addAll(List.of(jvm.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", "target/leadhub.jar",
                "--server.port=" + port,
                "--leadhub.embedded-postgres.data-dir=" + work.resolve("pg"),
                "--leadhub.embedded-postgres.port=" + pgPort,
                "--leadhub.inbox.dir=" + work.resolve("inbox"),
                "--leadhub.scoring.rules-dir=" + work.resolve("rules"),
                "--leadhub.personalization.prompts-dir=" + work.resolve("prompts"),
                "--leadhub.personalization.llm=")); // no LLM: the template writer writes
        provider(command, "sim-company", simPort, "/company?domain={domain}", "company,techstack,funding",
                Map.of("company_name", "/name", "company_employees", "/employees", "company_industry", "/industry",
                        "company_description", "/description", "technologies", "/technologies", "funding_stage", "/funding"));
        provider(command, "sim-email", simPort, "/email?email={email}", "email_verification", Map.of("email_status", "/status"));
        provider(command, "sim-person", simPort, "/person?email={email}", "person",
                Map.of("person_title", "/title", "person_seniority", "/seniority"));
        var extra = System.getenv("BENCH_HUB_ARGS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        var log = work.resolve("hub.log");
        var hub = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var http = HttpClient.newHttpClient();
        var base = "http://localhost:" + port;
        var sampler = Executors.newSingleThreadScheduledExecutor();
        System.err.println("hub log: " + log + "; load average at start: " + loadAverage());
        try {
            waitUntil(() -> get(http, base + "/actuator/health").startsWith("{\"status\":\"UP\"")
                    && Files.readString(log).contains("Started LeadhubApplication"), Duration.ofSeconds(180));
            var driver = driverFromHubJar(work);
            try (var db = connect(driver, pgPort, work.resolve("pg.password"))) {
                var product = post(http, base + "/api/products", """
                        {"id": "fleet", "name": "Fleet Orchestrator",
                         "valueProposition": "One console for every warehouse robot, whoever made it",
                         "icpDescription": "Logistics operators and manufacturers automating warehouses with mobile robots",
                         "companySizes": ["51-1000"], "regions": ["NA", "EU"], "personas": ["VP Operations", "Head of Logistics"]}""");
                if (!product.contains("fleet")) {
                    throw new IllegalStateException("POST /api/products answered: " + product);
                }
                // what start-up wrote must not count: let every connection's statistics reach pg_stat_* first
                Thread.sleep(11_000);
                var walBefore = wal(db);
                CALLS.clear();
                var heapPeak = new AtomicLong();
                sampler.scheduleAtFixedRate(() -> heapPeak.accumulateAndGet(heapUsed(http, base), Math::max), 0, 500,
                        TimeUnit.MILLISECONDS);

                // the hub: every lead through the API, then wait until each is in its final status
                var started = Instant.now();
                long t0 = System.nanoTime();
                for (int from = 0; from < leads; from += POST_SIZE) {
                    var answer = post(http, base + "/api/leads", json(rows.subList(from, Math.min(leads, from + POST_SIZE))));
                    if (!answer.contains("\"acceptedCount\":")) {
                        throw new IllegalStateException("POST /api/leads answered: " + answer);
                    }
                }
                double postSeconds = (System.nanoTime() - t0) / 1e9;
                var progress = new StringBuilder();
                var lastChange = new long[]{System.nanoTime(), -1};
                try {
                    waitUntil(() -> {
                        long done = finished(db);
                        long second = (System.nanoTime() - t0) / 1_000_000_000L;
                        if (second >= progress.length() / 8) {
                            progress.append(String.format("%7d ", done));
                        }
                        if (done != lastChange[1]) {
                            lastChange[0] = System.nanoTime();
                            lastChange[1] = done;
                        } else if (System.nanoTime() - lastChange[0] > Duration.ofMinutes(3).toNanos()) {
                            throw new IllegalStateException("no lead reached its final status for 3 minutes");
                        }
                        return done >= leads;
                    }, Duration.ofMinutes(30));
                } catch (IllegalStateException e) {
                    System.err.println("STALLED: " + e.getMessage() + "; statuses " + statuses(db) + "; hub log " + log);
                    throw e;
                }
                System.err.println("final after each second: " + progress);
                var last = single(db, "SELECT max(updated_at) FROM lead").toInstant();
                double hubSeconds = Duration.between(started, last).toNanos() / 1e9;
                sampler.shutdownNow();
                var latencies = longs(db, "SELECT (extract(epoch FROM updated_at - received_at) * 1000)::bigint FROM lead ORDER BY 1");
                System.err.println("statuses: " + statuses(db) + "; tiers: " + rowsOf(db, "SELECT tier, count(*) FROM lead_score GROUP BY tier ORDER BY tier"));
                System.err.println("generators: " + rowsOf(db, "SELECT generator, count(*) FROM lead_product_enrichment GROUP BY generator"));
                System.err.println("received->final deciles (ms): " + java.util.stream.IntStream.rangeClosed(1, 10)
                        .mapToObj(d -> String.valueOf(percentile(latencies, d * 10))).toList());
                System.err.println("stage events, first and last after the first POST (s): " + stages(db, started));
                // the relay publishes the outbox after the stages; the baseline runs once it is done, on an idle hub
                waitUntil(() -> count(db, "SELECT count(*) FROM outbox_event WHERE relayed_at IS NULL") == 0, Duration.ofMinutes(10));
                var relayed = single(db, "SELECT max(relayed_at) FROM outbox_event").toInstant();
                System.err.printf("outbox relayed by %.1f s after the first POST%n", Duration.between(started, relayed).toMillis() / 1000.0);
                // an idle connection's counts reach pg_stat_* only after 10 s (PGSTAT_IDLE_INTERVAL)
                Thread.sleep(11_000);
                var hubWal = delta(walBefore, wal(db));
                var writes = tableWrites(db);
                long inserted = writes.values().stream().mapToLong(w -> w[0]).sum();
                long updated = writes.values().stream().mapToLong(w -> w[1]).sum();
                var perTable = new StringBuilder();
                writes.forEach((table, w) -> perTable.append(String.format("%s %d ins/%d upd, ", table, w[0], w[1])));
                System.err.println("rows written by the hub (pg_stat_user_tables): " + perTable);
                long calls = CALLS.values().stream().mapToLong(AtomicLong::get).sum();
                System.err.println("provider calls: " + CALLS + " = " + String.format("%.2f", (double) calls / leads) + " per lead");
                double hubRate = leads / hubSeconds;

                // the baseline: the same rows, raw JDBC batches into a copy of the lead table, same server
                var rawRates = new ArrayList<Double>();
                long[] rawWal = null;
                for (int run = 0; run < 3; run++) {
                    var runWal = new long[3];
                    rawRates.add(leads / rawInsert(db, rows, runWal));
                    rawWal = rawWal == null || runWal[0] < rawWal[0] ? runWal : rawWal;
                }
                System.err.println("raw insert runs (rows/s): " + rawRates.stream().map(r -> String.format("%.0f", r)).toList());
                Collections.sort(rawRates);
                double rawRate = rawRates.get(1);
                System.err.printf("WAL per lead: hub %.0f records, %.1f KiB, %.2f syncs (first POST to relayed, all the hub's"
                                + " connections); raw insert %.1f records, %.2f KiB, %.4f syncs%n",
                        (double) hubWal[0] / leads, hubWal[1] / 1024.0 / leads, (double) hubWal[2] / leads,
                        (double) rawWal[0] / leads, rawWal[1] / 1024.0 / leads, (double) rawWal[2] / leads);

                System.err.println("load average at end: " + loadAverage());
                System.out.printf("%n| %s | %,d leads at %,d domains | POSTs %.1f s; all final %.1f s = **%.0f leads/s** | p50 %d ms, p99 %d ms |"
                                + " %,.0f rows/s | %.0fx | %d MiB | %.1f inserted + %.1f updated rows, %.1f KiB WAL, %.2f WAL syncs per lead"
                                + " (raw: %.2f KiB, %.4f) | %.2f calls/lead |%n",
                        Instant.now().toString().substring(0, 10), leads, domains, postSeconds, hubSeconds, hubRate,
                        percentile(latencies, 50), percentile(latencies, 99), rawRate, rawRate / hubRate,
                        heapPeak.get() / (1024 * 1024), (double) inserted / leads, (double) updated / leads,
                        hubWal[1] / 1024.0 / leads, (double) hubWal[2] / leads, rawWal[1] / 1024.0 / leads, (double) rawWal[2] / leads,
                        (double) calls / leads);
            }
        } finally {
            sampler.shutdownNow();
            hub.destroy();
            hub.waitFor();
            sim.stop(0);
        }
        System.exit(0); // the simulator's threads would keep the JVM alive
    }

    /** The same people for the hub and for the raw insert: senior titles, phones and LinkedIn URLs (warm or hot). */
    static List<Row> rows(int leads, int domains) {
        var rows = new ArrayList<Row>(leads);
        for (int i = 0; i < leads; i++) {
            int d = i % domains;
            rows.add(new Row("lead" + i + "@company" + d + ".com", "Lead", "Number" + i, TITLES[i % TITLES.length],
                    String.format("+1415%07d", i % 10_000_000), "https://www.linkedin.com/in/lead-number-" + i,
                    "Company " + d, "company" + d + ".com", COUNTRIES[i % COUNTRIES.length], CITIES[i % CITIES.length]));
        }
        return rows;
    }

    static String json(List<Row> rows) {
        var body = new StringBuilder("[");
        for (var r : rows) {
            body.append(body.length() == 1 ? "" : ",")
                    .append("{\"email\":\"").append(r.email()).append("\",\"firstName\":\"").append(r.firstName())
                    .append("\",\"lastName\":\"").append(r.lastName()).append("\",\"title\":\"").append(r.title())
                    .append("\",\"phone\":\"").append(r.phone()).append("\",\"linkedinUrl\":\"").append(r.linkedin())
                    .append("\",\"companyName\":\"").append(r.company()).append("\",\"country\":\"").append(r.country())
                    .append("\",\"city\":\"").append(r.city()).append("\"}");
        }
        return body.append("]").toString();
    }

    /**
     * One raw run: a fresh copy of the lead table (defaults, constraints, indexes), then the rows as the hub
     * stores them, in batched PreparedStatement inserts of 1,000 rows, one transaction each. Answers seconds.
     */
    static double rawInsert(Connection db, List<Row> rows, long[] walUsed) throws SQLException {
        try (var ddl = db.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS bench_lead");
            ddl.execute("CREATE TABLE bench_lead (LIKE lead INCLUDING ALL)");
        }
        var walBefore = wal(db);
        db.setAutoCommit(false);
        long t0 = System.nanoTime();
        try (var insert = db.prepareStatement("""
                INSERT INTO bench_lead (workspace, lead_key, status, email, first_name, last_name, full_name, title, phone,
                    linkedin_url, company_name, company_name_normalized, company_domain, website, country, city, attributes,
                    first_source, received_at, updated_at)
                VALUES (?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, CAST(? AS jsonb), 'api', ?, ?)""")) {
            int n = 0;
            for (var r : rows) {
                var now = Timestamp.from(Instant.now());
                insert.setString(1, "default");
                insert.setString(2, r.email());
                insert.setString(3, r.email());
                insert.setString(4, r.firstName());
                insert.setString(5, r.lastName());
                insert.setString(6, r.firstName() + " " + r.lastName());
                insert.setString(7, r.title());
                insert.setString(8, r.phone());
                insert.setString(9, r.linkedin());
                insert.setString(10, r.company());
                insert.setString(11, r.company().toLowerCase());
                insert.setString(12, r.domain());
                insert.setString(13, r.country());
                insert.setString(14, r.city());
                insert.setString(15, "{}");
                insert.setTimestamp(16, now);
                insert.setTimestamp(17, now);
                insert.addBatch();
                if (++n % POST_SIZE == 0 || n == rows.size()) {
                    insert.executeBatch();
                    db.commit();
                }
            }
        } finally {
            db.setAutoCommit(true);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.arraycopy(delta(walBefore, wal(db)), 0, walUsed, 0, 3);
        try (var check = db.createStatement(); var rs = check.executeQuery("SELECT count(*) FROM bench_lead")) {
            rs.next();
            if (rs.getLong(1) != rows.size()) {
                throw new IllegalStateException("raw insert stored " + rs.getLong(1) + " rows, not " + rows.size());
            }
        }
        return seconds;
    }

    /**
     * WAL records, bytes and syncs (fsync of the WAL: what a durable commit waits for) of the whole server so far;
     * this connection's own pending counts are flushed first (PostgreSQL 15 or later).
     */
    static long[] wal(Connection db) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute("SELECT pg_stat_force_next_flush()");
            try (var rs = st.executeQuery("SELECT wal_records, wal_bytes, wal_sync FROM pg_stat_wal")) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    static long[] delta(long[] before, long[] after) {
        return new long[]{after[0] - before[0], after[1] - before[1], after[2] - before[2]};
    }

    static long count(Connection db, String sql) throws SQLException {
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Leads in their final status: personalized, or scored below the hand-off (cold). */
    static long finished(Connection db) throws SQLException {
        try (var st = db.createStatement(); var rs = st.executeQuery("""
                SELECT count(*) FROM lead l LEFT JOIN lead_score s ON s.lead_id = l.id
                WHERE l.status = 'personalized' OR (l.status = 'scored' AND s.tier = 'cold')""")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** When each stage's events were written (in the stage's own transaction): first and last, from the first POST. */
    static String stages(Connection db, Instant started) throws SQLException {
        var out = new StringBuilder();
        try (var st = db.createStatement(); var rs = st.executeQuery("""
                SELECT type, count(*), min(created_at), max(created_at) FROM outbox_event GROUP BY type ORDER BY min(created_at)""")) {
            while (rs.next()) {
                out.append(String.format("%s x%d %.1f..%.1f; ", rs.getString(1), rs.getLong(2),
                        Duration.between(started, rs.getTimestamp(3).toInstant()).toMillis() / 1000.0,
                        Duration.between(started, rs.getTimestamp(4).toInstant()).toMillis() / 1000.0));
            }
        }
        return out.toString();
    }

    static String statuses(Connection db) throws SQLException {
        return rowsOf(db, "SELECT status, count(*) FROM lead GROUP BY status ORDER BY status");
    }

    static String rowsOf(Connection db, String sql) throws SQLException {
        var out = new LinkedHashMap<String, Long>();
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out.toString();
    }

    static Timestamp single(Connection db, String sql) throws SQLException {
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    static List<Long> longs(Connection db, String sql) throws SQLException {
        var out = new ArrayList<Long>();
        try (var st = db.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** Rows inserted and updated per table of the hub's, excluding Quartz's own bookkeeping. */
    static Map<String, long[]> tableWrites(Connection db) throws SQLException {
        var out = new LinkedHashMap<String, long[]>();
        try (var st = db.createStatement(); var rs = st.executeQuery("""
                SELECT relname, n_tup_ins, n_tup_upd FROM pg_stat_user_tables
                WHERE relname NOT LIKE 'qrtz%' AND relname NOT LIKE 'flyway%' AND (n_tup_ins > 0 OR n_tup_upd > 0)
                ORDER BY n_tup_ins + n_tup_upd DESC""")) {
            while (rs.next()) {
                out.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
            }
        }
        return out;
    }

    /** The PostgreSQL driver the hub itself ships, copied out of its Boot jar and loaded on its own. */
    static Driver driverFromHubJar(Path work) throws Exception {
        try (var jar = new JarFile("target/leadhub.jar")) {
            var entry = jar.stream().filter(e -> e.getName().matches("BOOT-INF/lib/postgresql-[0-9.]+\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no BOOT-INF/lib/postgresql-*.jar in target/leadhub.jar"));
            var copy = work.resolve(entry.getName().substring("BOOT-INF/lib/".length()));
            try (var in = jar.getInputStream(entry)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            var loader = new URLClassLoader(new URL[]{copy.toUri().toURL()}, EngineOverheadBench.class.getClassLoader());
            return (Driver) Class.forName("org.postgresql.Driver", true, loader).getDeclaredConstructor().newInstance();
        }
    }

    /** The hub's embedded PostgreSQL, with the password it generated beside its data directory. */
    static Connection connect(Driver driver, int pgPort, Path passwordFile) throws SQLException, IOException {
        var props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", Files.readString(passwordFile).strip());
        return driver.connect("jdbc:postgresql://localhost:" + pgPort + "/postgres", props);
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void provider(List<String> command, String id, int simPort, String template, String signals,
                         Map<String, String> mapping) {
        var prefix = "--leadhub.providers." + id + ".";
        command.addAll(List.of(prefix + "type=http", prefix + "base-url=http://localhost:" + simPort,
                prefix + "url-template=" + template, prefix + "api-key=bench", prefix + "signals=" + signals,
                prefix + "rate=100000", prefix + "period=1000", prefix + "timeout=5000", prefix + "cost-per-call=0.001"));
        mapping.forEach((field, pointer) -> command.add(prefix + "mapping." + field + "=" + pointer));
    }

    /** Three instant providers on one local server. */
    static HttpServer startSimulator() throws IOException {
        // without TCP_NODELAY the JDK server's small writes meet delayed ACKs (~40 ms per answer)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/company", exchange -> {
            int n = Math.abs(query(exchange).hashCode());
            respond(exchange, "{\"name\":\"Company " + n % 10_000 + "\",\"employees\":" + (60 + n % 900)
                    + ",\"industry\":\"Logistics\",\"description\":\"The company " + DESCRIPTIONS[n % DESCRIPTIONS.length]
                    + ".\",\"technologies\":[\"Salesforce\",\"AWS\"],\"funding\":\"series_b\"}");
        });
        server.createContext("/email", exchange -> respond(exchange, "{\"status\":\"valid\"}"));
        server.createContext("/person", exchange -> respond(exchange, "{\"title\":\"VP Operations\",\"seniority\":\"vp\"}"));
        server.start();
        return server;
    }

    static String query(HttpExchange exchange) {
        var raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? "" : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    static void respond(HttpExchange exchange, String body) throws IOException {
        CALLS.computeIfAbsent(exchange.getHttpContext().getPath().substring(1), k -> new AtomicLong()).incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    static long heapUsed(HttpClient http, String base) {
        var body = get(http, base + "/actuator/metrics/jvm.memory.used?tag=area:heap");
        var m = Pattern.compile("\"value\":([0-9.E]+)").matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    static String get(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static String post(HttpClient http, String url, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
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
            Thread.sleep(200); // polling an external process
        }
    }
}
