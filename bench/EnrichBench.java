import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Enrichment throughput against simulated providers, and the same work done the way a typical script does it.
 *
 *   mvn -DskipTests package && java bench/EnrichBench.java [leads] [domains]
 *
 * Simulated providers (one local HTTP server): company (per domain), email verification and person (per lead),
 * each with a latency distribution, a failure rate, and a per-second rate limit that answers 429 with
 * Retry-After beyond it. The hub is started from target/leadhub.jar with the three configured as "http"
 * providers at those same rates. Reported: leads/s, the bound min over providers (rate / calls per lead) and
 * the ratio, p50/p99 per-lead latency from received to enriched, provider calls per lead, peak heap, the
 * sequential baseline (batches of 9, one provider after another, no cache) and the speed-up, and on-demand
 * single-lead p99 against the slowest provider's latency.
 */
public class EnrichBench {

    record Sim(String name, int ratePerSecond, int latencyMs, int jitterMs, double failureRate) {
    }

    static final Sim COMPANY = new Sim("company", 20, 60, 20, 0.01);
    static final Sim EMAIL = new Sim("email", 100, 30, 10, 0.01);
    static final Sim PERSON = new Sim("person", 80, 80, 30, 0.01);

    static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();
    static final Map<String, long[]> WINDOWS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int domains = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        var sims = startSimulator();
        int simPort = sims.getAddress().getPort();
        var work = Files.createTempDirectory("leadhub-enrich-bench");
        int port = 19080 + new Random().nextInt(900);
        var command = new ArrayList<>(List.of("java", "-Xmx1g", "-jar", "target/leadhub.jar",
                "--server.port=" + port,
                "--leadhub.embedded-postgres.data-dir=" + work.resolve("pg"),
                "--leadhub.inbox.dir=" + work.resolve("inbox"),
                "--leadhub.enrichment.batch-size=200",
                "--leadhub.enrichment.batch-timeout=200",
                "--leadhub.scoring.enabled=false")); // enrichment alone: leads stay 'enriched' to be counted
        provider(command, "sim-company", COMPANY, simPort, "/company?domain={domain}", "company",
                Map.of("company_name", "/name", "company_employees", "/employees"));
        provider(command, "sim-email", EMAIL, simPort, "/email?email={email}", "email_verification",
                Map.of("email_status", "/status"));
        provider(command, "sim-person", PERSON, simPort, "/person?email={email}", "person",
                Map.of("person_title", "/title"));
        var extra = System.getenv("BENCH_HUB_ARGS"); // e.g. --leadhub.embedded-postgres.durable=false to compare
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        var log = work.resolve("hub.log");
        var hub = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var http = HttpClient.newHttpClient();
        var base = "http://localhost:" + port;
        try {
            waitUntil(() -> get(http, base + "/actuator/health").startsWith("{\"status\":\"UP\"")
                    && Files.readString(log).contains("Started LeadhubApplication"), Duration.ofSeconds(120));
            CALLS.clear();

            var heapPeak = new AtomicLong();
            var sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> heapPeak.accumulateAndGet(heapUsed(http, base), Math::max), 0, 500,
                    java.util.concurrent.TimeUnit.MILLISECONDS);

            long started = System.nanoTime();
            for (int from = 0; from < leads; from += 500) {
                var body = new StringBuilder("[");
                for (int i = from; i < Math.min(leads, from + 500); i++) {
                    body.append(i == from ? "" : ",").append("{\"email\":\"lead").append(i).append("@company")
                            .append(i % domains).append(".com\",\"first_name\":\"Lead").append(i).append("\"}");
                }
                post(http, base + "/api/leads", body.append("]").toString());
            }
            var progress = new StringBuilder();
            waitUntil(() -> {
                long done = total(http, base + "/api/leads?status=enriched&size=1");
                long second = (System.nanoTime() - started) / 1_000_000_000L;
                if (second >= progress.length() / 8) {
                    progress.append(String.format("%7d ", done));
                }
                return done >= leads;
            }, Duration.ofMinutes(20));
            System.err.println("enriched after each second: " + progress);
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.shutdownNow();
            System.err.println("enriched " + leads + " leads in " + seconds + " s");
            var latencies = latencies(http, base, leads);
            System.err.println("received->enriched deciles (ms): " + java.util.stream.IntStream.rangeClosed(1, 10)
                    .mapToObj(d -> String.valueOf(percentile(latencies, d * 10))).toList());
            long calls = CALLS.values().stream().mapToLong(AtomicLong::get).sum();
            double companyPerLead = (double) domains / leads;
            double bound = Math.min(COMPANY.ratePerSecond() / companyPerLead,
                    Math.min(EMAIL.ratePerSecond() / 1.0, PERSON.ratePerSecond() / 1.0));
            double rate = leads / seconds;

            // on demand: one new lead at a time (nothing cached), waiting for its profile; the first five warm the
            // path (connections, JIT) and are reported apart. A sample where the simulator's 1% failures made a
            // provider call retry measures the retry policy, not the hub: reported, and kept apart too.
            var onDemand = new ArrayList<Long>();
            var firstAttempt = new ArrayList<Long>();
            var warmUp = new ArrayList<Long>();
            for (int i = 0; i < 205; i++) {
                var answer = post(http, base + "/api/leads", "{\"email\":\"solo" + i + "@ondemand" + i + ".io\"}");
                var id = answer.replaceAll("(?s).*\"leadId\":\"([^\"]+)\".*", "$1");
                long t0 = System.nanoTime();
                post(http, base + "/api/leads/" + id + "/enrich", "");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (i < 5) {
                    warmUp.add(ms);
                    continue;
                }
                onDemand.add(ms);
                if (!get(http, base + "/api/leads/" + id + "/enrichment").matches("(?s).*\"attempts\"\\s*:\\s*[2-9].*")) {
                    firstAttempt.add(ms);
                }
            }
            Collections.sort(onDemand);
            Collections.sort(firstAttempt);
            System.err.println("on-demand latencies (ms): warm-up " + warmUp + ", then p50 " + percentile(onDemand, 50)
                    + ", p99 " + percentile(onDemand, 99) + ", max " + onDemand.get(onDemand.size() - 1)
                    + "; " + (onDemand.size() - firstAttempt.size()) + " of " + onDemand.size()
                    + " had a retried call; without them p50 " + percentile(firstAttempt, 50)
                    + ", p99 " + percentile(firstAttempt, 99) + ", max " + firstAttempt.get(firstAttempt.size() - 1));

            // the sequential baseline: batches of 9 leads, each provider after the other, no cache
            int baselineLeads = Math.min(leads, 180);
            CALLS.clear();
            long baseStart = System.nanoTime();
            for (int i = 0; i < baselineLeads; i++) {
                var email = "base" + i + "@company" + (i % domains) + ".com";
                script(http, "http://localhost:" + simPort + "/company?domain=company" + (i % domains) + ".com");
                script(http, "http://localhost:" + simPort + "/email?email=" + email);
                script(http, "http://localhost:" + simPort + "/person?email=" + email);
            }
            double baselineRate = baselineLeads / ((System.nanoTime() - baseStart) / 1e9);

            System.out.printf("%n| %s | %d leads, %d domains | %.1f leads/s | bound %.1f leads/s | ratio %.2f | p50 %d ms, p99 %d ms |"
                            + " %.2f calls/lead | peak heap %d MiB | baseline %.1f leads/s | speed-up %.1fx | on-demand p99 %d ms, %d ms without retried calls (slowest provider %d+%d ms) |%n",
                    Instant.now().toString().substring(0, 10), leads, domains, rate, bound, rate / bound,
                    percentile(latencies, 50), percentile(latencies, 99), (double) calls / leads, heapPeak.get() / (1024 * 1024),
                    baselineRate, rate / baselineRate, percentile(onDemand, 99), percentile(firstAttempt, 99),
                    PERSON.latencyMs(), PERSON.jitterMs());
        } finally {
            hub.destroy();
            hub.waitFor();
            sims.stop(0);
        }
        System.exit(0); // the simulator's and sampler's threads would keep the JVM alive
    }

    static void provider(List<String> command, String id, Sim sim, int simPort, String template, String signal,
                         Map<String, String> mapping) {
        var prefix = "--leadhub.providers." + id + ".";
        command.addAll(List.of(prefix + "type=http", prefix + "base-url=http://localhost:" + simPort,
                prefix + "url-template=" + template, prefix + "api-key=bench", prefix + "signals=" + signal,
                prefix + "rate=" + sim.ratePerSecond(), prefix + "period=1000", prefix + "timeout=5000",
                prefix + "retry-backoff=100", prefix + "cost-per-call=0.001"));
        mapping.forEach((field, pointer) -> command.add(prefix + "mapping." + field + "=" + pointer));
    }

    /** One simulated vendor per path: latency, failures, and 429 with Retry-After beyond its per-second rate. */
    static HttpServer startSimulator() throws IOException {
        // without TCP_NODELAY the JDK server's small writes meet delayed ACKs: ~40 ms per answer that is the
        // simulator's, not the hub's
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(64));
        var random = new Random(7);
        for (var sim : List.of(COMPANY, EMAIL, PERSON)) {
            server.createContext("/" + sim.name(), exchange -> serve(exchange, sim, random));
        }
        server.start();
        return server;
    }

    static void serve(HttpExchange exchange, Sim sim, Random random) throws IOException {
        CALLS.computeIfAbsent(sim.name(), k -> new AtomicLong()).incrementAndGet();
        long second = System.currentTimeMillis() / 1000;
        boolean limited;
        synchronized (WINDOWS) {
            var window = WINDOWS.computeIfAbsent(sim.name(), k -> new long[]{second, 0});
            if (window[0] != second) {
                window[0] = second;
                window[1] = 0;
            }
            limited = ++window[1] > sim.ratePerSecond();
        }
        if (limited) {
            respond(exchange, 429, "{\"error\":\"rate limit\"}", Map.of("Retry-After", "1"));
            return;
        }
        double failure;
        long latency;
        synchronized (random) {
            failure = random.nextDouble();
            latency = Math.max(1, sim.latencyMs() + (long) (random.nextGaussian() * sim.jitterMs()));
        }
        try {
            Thread.sleep(latency); // the vendor's own latency, simulated
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure < sim.failureRate()) {
            respond(exchange, 503, "{\"error\":\"try again\"}", Map.of());
            return;
        }
        var query = exchange.getRequestURI().getRawQuery();
        var value = query == null ? "" : URLDecoder.decode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8);
        var body = switch (sim.name()) {
            case "company" -> "{\"name\":\"" + value + " Inc\",\"employees\":" + (value.hashCode() & 1023) + "}";
            case "email" -> "{\"status\":\"valid\"}";
            default -> "{\"title\":\"Head of Sales\"}";
        };
        respond(exchange, 200, body, Map.of());
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

    /** What a script does: ask, and on 429 sleep for Retry-After and ask again. */
    static void script(HttpClient http, String url) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            var response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                Thread.sleep(1000 * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                continue;
            }
            if (response.statusCode() < 500) {
                return;
            }
        }
    }

    static List<Long> latencies(HttpClient http, String base, int leads) {
        var out = new ArrayList<Long>();
        var pattern = Pattern.compile("\"receivedAt\":\"([^\"]+)\",\"updatedAt\":\"([^\"]+)\"");
        for (int page = 0; page * 500 < leads; page++) {
            var matcher = pattern.matcher(get(http, base + "/api/leads?status=enriched&size=500&page=" + page));
            while (matcher.find()) {
                out.add(Duration.between(Instant.parse(matcher.group(1)), Instant.parse(matcher.group(2))).toMillis());
            }
        }
        Collections.sort(out);
        return out;
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    static long heapUsed(HttpClient http, String base) {
        var body = get(http, base + "/actuator/metrics/jvm.memory.used?tag=area:heap");
        var m = Pattern.compile("\"value\":([0-9.E]+)").matcher(body);
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

    static String post(HttpClient http, String url, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
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
            Thread.sleep(200); // polling an external process
        }
    }
}
