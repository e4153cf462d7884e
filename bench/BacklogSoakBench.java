import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Backlog soak: one big file dropped at once against providers held to realistic rate limits.
 *
 *   mvn -DskipTests package && java bench/BacklogSoakBench.java [rows] [domains] [outage]
 *   java bench/BacklogSoakBench.java 100000 2000            # the soak
 *   java bench/BacklogSoakBench.java 100000 2000 outage     # the same with the email verifier down in the middle
 *
 * One local HTTP server speaks Hunter's email verifier (GET /v2/email-verifier; 300 requests/s, 30±10 ms; 403
 * "too_many_requests" beyond it, as Hunter does) and Apollo's organization enrichment (bulk_enrich of up to ten
 * domains and the single enrich; 10 requests/s, 80±30 ms; 429 with Retry-After beyond it). The hub runs from
 * target/leadhub.jar under -Xmx512m with both as providers (type hunter, type apollo) at those rates, scoring
 * off so that the leads stay 'enriched' to be counted. A CSV of [rows] leads at [domains] companies is dropped
 * into the inbox. Reported: time from the drop to the last lead enriched, the bound (rows / 300 per second: the
 * verifier decides it, one call per lead; the companies need rows / domains / 10 bulk calls), the ratio, peak
 * heap, and the enrichment stage's batches in flight (gauge leadhub.stage.batches.in.flight) and leads enriched,
 * sampled every 5 s, verifier questions left without an answer (errors, breaker open) and leads left 'received'
 * (nothing lost: 0). With "outage" the verifier answers 503 from a quarter to half of the bound's time; the
 * hub's error retry is set to 30 s (check every 2 s) and the run goes on until every lead's address has been
 * verified (the simulator counts the distinct addresses it answered 200 for): the time to heal, the leads that
 * missed the verifier when all were first enriched, and how many were still unverified at the end (0: healed).
 */
public class BacklogSoakBench {

    static final int HUNTER_RATE = 300;
    static final int APOLLO_RATE = 10;
    static final AtomicLong HUNTER_CALLS = new AtomicLong();
    static final AtomicLong APOLLO_CALLS = new AtomicLong();
    static final AtomicBoolean OUTAGE = new AtomicBoolean();
    static final java.util.Set<String> VERIFIED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final Map<String, long[]> WINDOWS = new java.util.concurrent.ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int domains = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        boolean outage = args.length > 2 && "outage".equals(args[2]);
        var sim = startSimulator();
        int simPort = sim.getAddress().getPort();
        var work = Files.createTempDirectory("leadhub-backlog-bench");
        var inbox = Files.createDirectories(work.resolve("inbox"));
        int port = 19080 + new Random().nextInt(900);
        var command = new ArrayList<>(List.of("java", "-Xmx512m", "-jar", "target/leadhub.jar",
                "--server.port=" + port,
                "--leadhub.embedded-postgres.data-dir=" + work.resolve("pg"),
                "--leadhub.inbox.dir=" + inbox,
                "--leadhub.inbox.progress-every=20000",
                "--leadhub.scoring.enabled=false"));
        var hunter = "--leadhub.providers.hunter.";
        command.addAll(List.of(hunter + "type=hunter", hunter + "base-url=http://localhost:" + simPort,
                hunter + "api-key=bench", hunter + "signals=email_verification", hunter + "rate=" + HUNTER_RATE,
                hunter + "period=1000", hunter + "timeout=5000", hunter + "retry-backoff=200", hunter + "cost-per-call=0.001"));
        var apollo = "--leadhub.providers.apollo.";
        command.addAll(List.of(apollo + "type=apollo", apollo + "base-url=http://localhost:" + simPort,
                apollo + "api-key=bench", apollo + "signals=company", apollo + "rate=" + APOLLO_RATE,
                apollo + "period=1000", apollo + "timeout=5000", apollo + "retry-backoff=200", apollo + "cost-per-hit=0.01"));
        if (outage) {
            command.addAll(List.of("--leadhub.enrichment.error-retry-delay=30s", "--leadhub.enrichment.error-retry-check-interval=2000"));
        }
        var extra = System.getenv("BENCH_HUB_ARGS"); // e.g. --leadhub.enrichment.max-batches-in-flight=8
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        var log = work.resolve("hub.log");
        var hub = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var http = HttpClient.newHttpClient();
        var base = "http://localhost:" + port;
        var sampler = Executors.newSingleThreadScheduledExecutor();
        try {
            waitUntil(() -> get(http, base + "/actuator/health").startsWith("{\"status\":\"UP\"")
                    && Files.readString(log).contains("Started LeadhubApplication"), Duration.ofSeconds(180));

            var csv = work.resolve("backlog.csv");
            try (var out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                out.write("email,first_name,last_name,company\n");
                for (int i = 0; i < rows; i++) {
                    out.write("lead" + i + "@company" + (i % domains) + ".com,Lead,Number" + i + ",Company " + (i % domains) + "\n");
                }
            }
            double bound = (double) rows / HUNTER_RATE;
            var heapPeak = new AtomicLong();
            var series = new StringBuilder();
            long started = System.nanoTime();
            sampler.scheduleAtFixedRate(() -> heapPeak.accumulateAndGet(heapUsed(http, base), Math::max), 0, 1, TimeUnit.SECONDS);
            sampler.scheduleAtFixedRate(() -> {
                long s = (System.nanoTime() - started) / 1_000_000_000L;
                series.append(String.format("%ds: %d batches, %d enriched; ", s,
                        (long) gauge(http, base, "leadhub.stage.batches.in.flight"), total(http, base + "/api/leads?status=enriched&size=1")));
            }, 5, 5, TimeUnit.SECONDS);
            if (outage) {
                sampler.schedule(() -> OUTAGE.set(true), (long) (bound * 250), TimeUnit.MILLISECONDS);
                sampler.schedule(() -> OUTAGE.set(false), (long) (bound * 500), TimeUnit.MILLISECONDS);
            }
            Files.move(csv, inbox.resolve("backlog.csv"));
            waitUntil(() -> total(http, base + "/api/leads?status=enriched&size=1") >= rows, Duration.ofMinutes(60));
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.shutdownNow();
            System.err.println("batches in flight / enriched over time: " + series);
            long received = total(http, base + "/api/leads?status=received&size=1");
            String missed = String.valueOf(missedWithError(work));
            if (outage) {
                int unverified = rows - VERIFIED.size();
                try {
                    waitUntil(() -> VERIFIED.size() >= rows, Duration.ofMinutes(30));
                } catch (IllegalStateException timedOut) {
                    System.err.println("not healed within 30 minutes: " + timedOut.getMessage());
                }
                missed = String.format("%,d unverified when all were enriched; %,d still unverified %.0f s after the drop",
                        unverified, rows - VERIFIED.size(), (System.nanoTime() - started) / 1e9);
            }
            System.out.printf("%n| %s | %,d rows at %,d domains%s | %.0f s | bound %.0f s | ratio %.2f | peak heap %d MiB (-Xmx512m) | peak batches in flight %d | verifier calls %,d, company calls %,d | left received %d | missed with an error %s |%n",
                    Instant.now().toString().substring(0, 10), rows, domains, outage ? ", verifier down from 25% to 50% of the bound" : "",
                    seconds, bound, bound / seconds, heapPeak.get() / (1024 * 1024),
                    (long) gauge(http, base, "leadhub.stage.batches.in.flight.peak"), HUNTER_CALLS.get(), APOLLO_CALLS.get(),
                    received, missed);
        } finally {
            sampler.shutdownNow();
            hub.destroy();
            hub.waitFor();
            sim.stop(0);
        }
        System.exit(0);
    }

    /**
     * Verifier questions that got no answer (errors, the breaker open), summed from the hub's log of the run
     * ("Provider hunter gave no answer for N question(s)"): the API has no aggregate of missed signals.
     */
    static long missedWithError(Path work) throws IOException {
        var pattern = Pattern.compile("Provider hunter gave no answer for (\\d+) question");
        try (var lines = Files.lines(work.resolve("hub.log"))) {
            return lines.map(pattern::matcher).filter(java.util.regex.Matcher::find).mapToLong(m -> Long.parseLong(m.group(1))).sum();
        }
    }

    static HttpServer startSimulator() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(96));
        var random = new Random(7);
        server.createContext("/v2/email-verifier", exchange -> {
            HUNTER_CALLS.incrementAndGet();
            if (OUTAGE.get()) {
                respond(exchange, 503, "{\"errors\":[{\"id\":\"service_unavailable\",\"code\":503}]}", Map.of());
            } else if (limited("hunter", HUNTER_RATE)) {
                respond(exchange, 403, "{\"errors\":[{\"id\":\"too_many_requests\",\"code\":403,\"details\":\"You have reached the rate limit.\"}]}", Map.of());
            } else {
                pause(random, 30, 10);
                var email = param(exchange, "email");
                VERIFIED.add(email);
                respond(exchange, 200, "{\"data\":{\"status\":\"valid\",\"result\":\"deliverable\",\"score\":96,\"email\":\"" + email
                        + "\",\"webmail\":false,\"disposable\":false,\"accept_all\":false},\"meta\":{\"params\":{\"email\":\"" + email + "\"}}}", Map.of());
            }
        });
        server.createContext("/api/v1/organizations", exchange -> {
            APOLLO_CALLS.incrementAndGet();
            if (limited("apollo", APOLLO_RATE)) {
                respond(exchange, 429, "{\"message\":\"rate limit\"}", Map.of("Retry-After", "1"));
                return;
            }
            pause(random, 80, 30);
            var query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            var orgs = new ArrayList<String>();
            for (var part : query.split("&")) {
                var kv = part.split("=", 2);
                var key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                if (kv.length == 2 && (key.equals("domains[]") || key.equals("domain"))) {
                    var domain = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                    orgs.add("{\"name\":\"" + domain + " Inc\",\"primary_domain\":\"" + domain + "\",\"website_url\":\"http://www."
                            + domain + "\",\"estimated_num_employees\":" + (domain.hashCode() & 1023) + ",\"industry\":\"software\"}");
                }
            }
            var body = exchange.getRequestURI().getPath().endsWith("bulk_enrich")
                    ? "{\"status\":\"success\",\"organizations\":[" + String.join(",", orgs) + "]}"
                    : "{\"organization\":" + (orgs.isEmpty() ? "null" : orgs.get(0)) + "}";
            respond(exchange, 200, body, Map.of());
        });
        server.start();
        return server;
    }

    static boolean limited(String name, int perSecond) {
        long second = System.currentTimeMillis() / 1000;
        synchronized (WINDOWS) {
            var window = WINDOWS.computeIfAbsent(name, k -> new long[]{second, 0});
            if (window[0] != second) {
                window[0] = second;
                window[1] = 0;
            }
            return ++window[1] > perSecond;
        }
    }

    static void pause(Random random, int latencyMs, int jitterMs) {
        long latency;
        synchronized (random) {
            latency = Math.max(1, latencyMs + (long) (random.nextGaussian() * jitterMs));
        }
        try {
            Thread.sleep(latency); // the vendor's own latency, simulated
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String param(HttpExchange exchange, String name) {
        var query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (var part : query.split("&")) {
                var kv = part.split("=", 2);
                if (kv.length == 2 && kv[0].equals(name)) {
                    return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static double gauge(HttpClient http, String base, String name) {
        var m = Pattern.compile("\"value\":([0-9.E]+)").matcher(get(http, base + "/actuator/metrics/" + name + "?tag=stage:enrich"));
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    static long heapUsed(HttpClient http, String base) {
        var m = Pattern.compile("\"value\":([0-9.E]+)").matcher(get(http, base + "/actuator/metrics/jvm.memory.used?tag=area:heap"));
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    static long total(HttpClient http, String url) {
        var m = Pattern.compile("\"total\":(\\d+)").matcher(get(http, url));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
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

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitUntil(Check check, Duration limit) throws Exception {
        var deadline = System.nanoTime() + limit.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + limit);
            }
            Thread.sleep(500); // polling an external process
        }
    }
}
