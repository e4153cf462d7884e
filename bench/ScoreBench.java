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
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * Scoring throughput: leads enriched by a fast simulated company provider (employees, industry or none, and a
 * company description, so the fit's sentence embeddings and the industry inference do real work), three
 * products to fit against, then a background re-score of every lead, timed by its job.
 *
 *   mvn -DskipTests package && java bench/ScoreBench.java [leads] [domains]
 *
 * Reported: leads/s of the re-score (facts, fit with embeddings, rules, store, one transaction per page), and
 * leads/s of the whole pipeline from the POST to status 'scored' (enrichment included).
 */
public class ScoreBench {

    static final String[] DESCRIPTIONS = {
            "designs autonomous mobile robots and fleet software for warehouses and factories",
            "provides payroll, benefits and HR software for small and mid-sized businesses",
            "runs a network of dental clinics offering general and cosmetic dentistry",
            "operates regional trucking and freight logistics across North America",
            "builds cloud data warehouse and analytics tools for enterprise data teams",
            "is a community bank offering checking, savings, mortgages and small business loans",
            "develops clinical software for hospitals to manage patient records and scheduling",
            "manufactures industrial packaging machinery for food and beverage producers"};

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int domains = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        var sim = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        sim.setExecutor(Executors.newFixedThreadPool(16));
        sim.createContext("/company", exchange -> {
            var query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            int n = Math.abs(query.hashCode());
            var body = "{\"name\":\"Company " + n % 10_000 + "\",\"employees\":" + (5 + n % 3000)
                    + (n % 3 == 0 ? "" : ",\"industry\":\"" + (n % 2 == 0 ? "Computer Software" : "Logistics") + "\"")
                    + ",\"description\":\"The company " + DESCRIPTIONS[n % DESCRIPTIONS.length] + ".\"}";
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        sim.start();
        var work = Files.createTempDirectory("leadhub-score-bench");
        int port = 19080 + new Random().nextInt(900);
        var prefix = "--leadhub.providers.sim-company.";
        var command = new ArrayList<>(List.of("java", "-Xmx1g", "-jar", "target/leadhub.jar",
                "--server.port=" + port,
                "--leadhub.embedded-postgres.data-dir=" + work.resolve("pg"),
                "--leadhub.inbox.dir=" + work.resolve("inbox"),
                "--leadhub.scoring.rules-dir=" + work.resolve("rules"),
                "--leadhub.enrichment.batch-size=200",
                prefix + "type=http", prefix + "base-url=http://localhost:" + sim.getAddress().getPort(),
                prefix + "url-template=/company?domain={domain}", prefix + "api-key=bench", prefix + "signals=company",
                prefix + "rate=5000", prefix + "period=1000",
                prefix + "mapping.company_name=/name", prefix + "mapping.company_employees=/employees",
                prefix + "mapping.company_industry=/industry", prefix + "mapping.company_description=/description"));
        var log = work.resolve("hub.log");
        var hub = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var http = HttpClient.newHttpClient();
        var base = "http://localhost:" + port;
        try {
            waitUntil(() -> get(http, base + "/actuator/health").startsWith("{\"status\":\"UP\""), Duration.ofSeconds(120));
            post(http, base + "/api/products", """
                    {"name": "Fleet Orchestrator", "icpDescription": "Manufacturers and logistics operators automating warehouses with mobile robots",
                     "companySizes": ["51-1000"], "regions": ["NA", "EU"], "personas": ["VP Operations", "Head of Logistics"]}""");
            post(http, base + "/api/products", """
                    {"name": "Data Copilot", "icpDescription": "Software companies with data teams that run a cloud data warehouse",
                     "industries": ["Computer Software"], "companySizes": ["201-5000"], "personas": ["Head of Data", "CTO"]}""");
            post(http, base + "/api/products", """
                    {"name": "Clinic Scheduler", "icpDescription": "Dental and medical clinics that book patient appointments",
                     "companySizes": ["1-200"], "personas": ["Practice Manager", "Owner"]}""");

            long started = System.nanoTime();
            var titles = new String[]{"VP Operations", "Head of Data", "Intern", "CTO", "Practice Manager", "Analyst", ""};
            for (int from = 0; from < leads; from += 500) {
                var body = new StringBuilder("[");
                for (int i = from; i < Math.min(leads, from + 500); i++) {
                    body.append(i == from ? "" : ",").append("{\"email\":\"lead").append(i).append("@company")
                            .append(i % domains).append(".com\",\"title\":\"").append(titles[i % titles.length])
                            .append("\",\"country\":\"").append(i % 2 == 0 ? "US" : "DE").append("\"}");
                }
                var answer = post(http, base + "/api/leads", body.append("]").toString());
                if (!answer.contains("\"acceptedCount\":")) {
                    throw new IllegalStateException("POST /api/leads answered: " + answer);
                }
            }
            waitUntil(() -> total(http, base + "/api/leads?status=scored&size=1") >= leads, Duration.ofMinutes(30));
            double pipeline = (System.nanoTime() - started) / 1e9;

            var job = post(http, base + "/api/scoring/rescore", "").replaceAll("(?s).*\"jobId\":(\\d+).*", "$1");
            waitUntil(() -> get(http, base + "/api/scoring/jobs/" + job).contains("\"status\":\"done\""), Duration.ofMinutes(30));
            var status = get(http, base + "/api/scoring/jobs/" + job);
            var created = Instant.parse(field(status, "createdAt"));
            var finished = Instant.parse(field(status, "finishedAt"));
            double rescore = Duration.between(created, finished).toMillis() / 1000.0;
            var tiers = get(http, base + "/api/analytics/scores");
            System.err.println("tiers: " + tiers);
            System.out.printf("%n| %s | %d leads, %d domains, 3 products | re-score %.1f s = %.0f leads/s | POST to scored %.1f s = %.0f leads/s |%n",
                    Instant.now().toString().substring(0, 10), leads, domains, rescore, leads / rescore, pipeline, leads / pipeline);
        } finally {
            hub.destroy();
            hub.waitFor();
            sim.stop(0);
        }
        System.exit(0);
    }

    static String field(String json, String name) {
        var m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        return m.find() ? m.group(1) : null;
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

    static long total(HttpClient http, String url) {
        var m = Pattern.compile("\"total\":(\\d+)").matcher(get(http, url));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
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
