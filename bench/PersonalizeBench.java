import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * The hub's own overhead per personalized lead: an instant local LLM server (OpenAI chat completions format,
 * answering a valid JSON object at once), so what is measured is the hub (facts, prompt, checks, store), not a
 * model.
 *
 *   mvn -DskipTests package && java bench/PersonalizeBench.java [leads]
 *
 * Reported: on-demand POST /api/leads/{id}/personalize latency (p50, p99) one lead at a time, and leads/s when
 * a new product makes every qualified lead be written at once.
 */
public class PersonalizeBench {

    static final String ANSWER = """
            {"key_pain_points": ["Coordinating robots from several vendors", "Downtime in peak season"],
             "value_gains": ["One console for every robot", "Fewer stalled picks"],
             "key_messages": ["Coordinate your mixed fleet from one place", "Proven with logistics operators"],
             "grounded_on": ["product.name"],
             "outreach": [%s],
             "call_script": {"opener": "Hi, this is Sam from Fleet Orchestrator.",
               "discovery_questions": ["How many robot vendors do you run?", "What stalls picks in peak season?", "Who owns fleet software?"],
               "objections": {"price": "Teams recover the cost within a quarter.", "timing": "Start with one site.",
                              "incumbent": "It works beside the vendors' tools.", "trust": "Operators of your size run it today."}}}""";

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        var messages = new ArrayList<String>();
        for (var tone : List.of("professional", "friendly", "direct")) {
            messages.add("{\"channel\": \"email\", \"tone\": \"" + tone + "\", \"subject\": \"Coordinating robot fleets\","
                    + " \"body\": \"Hi, warehouse teams often run robots from several vendors. Fleet Orchestrator runs them from one console. Worth a short call?\"}");
            messages.add("{\"channel\": \"linkedin_connection\", \"tone\": \"" + tone + "\", \"body\": \"I work with logistics operators on mixed robot fleets. Glad to connect.\"}");
            messages.add("{\"channel\": \"linkedin_message\", \"tone\": \"" + tone + "\", \"body\": \"Thanks for connecting. Fleet Orchestrator gives one console for every robot. Open to a chat?\"}");
            messages.add("{\"channel\": \"sms\", \"tone\": \"" + tone + "\", \"body\": \"One console for your whole robot fleet. Worth a call? Reply STOP to opt out\"}");
        }
        var content = String.format(ANSWER, String.join(",", messages));
        var completion = "{\"id\": \"chatcmpl-bench\", \"object\": \"chat.completion\", \"created\": 1741569952, \"model\": \"sim-model\","
                + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": " + quote(content) + "},"
                + " \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 1500, \"completion_tokens\": 900, \"total_tokens\": 2400}}";
        var llmCalls = new AtomicLong();
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var sim = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        sim.setExecutor(Executors.newFixedThreadPool(16));
        sim.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            llmCalls.incrementAndGet();
            var bytes = completion.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        // a company provider answering at once, so leads go through enrichment and scoring to qualify
        sim.createContext("/company", exchange -> {
            var bytes = "{\"name\": \"Acme\", \"employees\": 240, \"industry\": \"Logistics\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        sim.start();
        var work = Files.createTempDirectory("leadhub-personalize-bench");
        int port = 19080 + new Random().nextInt(900);
        var p = "--leadhub.providers.sim-llm.";
        var command = new ArrayList<>(List.of("java", "-Xmx1g", "-jar", "target/leadhub.jar",
                "--server.port=" + port,
                "--leadhub.embedded-postgres.data-dir=" + work.resolve("pg"),
                "--leadhub.inbox.dir=" + work.resolve("inbox"),
                "--leadhub.scoring.rules-dir=" + work.resolve("rules"),
                "--leadhub.personalization.llm=sim-llm",
                p + "type=openai", p + "base-url=http://localhost:" + sim.getAddress().getPort() + "/v1", p + "api-key=bench",
                p + "model=sim-model", p + "rate=10000", p + "period=1000",
                "--leadhub.providers.sim-company.type=http",
                "--leadhub.providers.sim-company.base-url=http://localhost:" + sim.getAddress().getPort(),
                "--leadhub.providers.sim-company.url-template=/company?domain={domain}",
                "--leadhub.providers.sim-company.api-key=bench", "--leadhub.providers.sim-company.signals=company",
                "--leadhub.providers.sim-company.rate=10000", "--leadhub.providers.sim-company.mapping.company_name=/name",
                "--leadhub.providers.sim-company.mapping.company_employees=/employees",
                "--leadhub.providers.sim-company.mapping.company_industry=/industry"));
        var hub = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("hub.log").toFile()).start();
        var http = HttpClient.newHttpClient();
        var base = "http://localhost:" + port;
        try {
            waitUntil(() -> get(http, base + "/actuator/health").startsWith("{\"status\":\"UP\""), Duration.ofSeconds(120));
            for (int from = 0; from < leads; from += 500) {
                var body = new StringBuilder("[");
                for (int i = from; i < Math.min(leads, from + 500); i++) {
                    body.append(i == from ? "" : ",").append("{\"email\":\"lead").append(i).append("@company").append(i)
                            .append(".com\",\"fullName\":\"Lead Number").append(i).append("\",\"title\":\"VP Operations\",")
                            .append("\"companyName\":\"Company ").append(i).append("\",\"phone\":\"+1415555").append(String.format("%04d", i % 10000))
                            .append("\",\"linkedinUrl\":\"https://www.linkedin.com/in/lead").append(i).append("\"}");
                }
                var answer = post(http, base + "/api/leads", body.append("]").toString());
                if (!answer.contains("\"acceptedCount\":")) {
                    throw new IllegalStateException("POST /api/leads answered: " + answer);
                }
            }
            // enriched and scored: warm (title, company, phone, LinkedIn, size), so qualified for personalization
            waitUntil(() -> total(http, base + "/api/leads?status=scored&size=1") >= leads, Duration.ofMinutes(10));

            long started = System.nanoTime();
            post(http, base + "/api/products", "{\"id\": \"fleet\", \"name\": \"Fleet Orchestrator\", \"icpDescription\": \"Logistics operators automating warehouses\"}");
            waitUntil(() -> total(http, base + "/api/leads?status=personalized&size=1") >= leads, Duration.ofMinutes(20));
            double seconds = (System.nanoTime() - started) / 1e9;

            var onDemand = new ArrayList<Long>();
            var ids = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(get(http, base + "/api/leads?size=205"));
            int n = 0;
            while (ids.find() && n < 205) {
                long t0 = System.nanoTime();
                post(http, base + "/api/leads/" + ids.group(1) + "/personalize?productId=fleet", "");
                if (n++ >= 5) {
                    onDemand.add((System.nanoTime() - t0) / 1_000_000);
                }
            }
            Collections.sort(onDemand);
            System.out.printf("%n| %s | %d leads | new product: %.1f s = %.0f leads/s | on-demand p50 %d ms, p99 %d ms (%d samples, cached answers) | LLM calls %d |%n",
                    Instant.now().toString().substring(0, 10), leads, seconds, leads / seconds, pct(onDemand, 50), pct(onDemand, 99),
                    onDemand.size(), llmCalls.get());
        } finally {
            hub.destroy();
            hub.waitFor();
            sim.stop(0);
        }
        System.exit(0);
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
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
