import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
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
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Start-up time and file-drop ingest speed of the built hub, measured as a user sees them.
 *
 *   mvn -DskipTests package && java bench/IngestCsvBench.java [rows] [heap limit for the hub: 256m or -Xmx256m] [% rejected]
 *
 * Starts target/leadhub.jar on a fresh embedded PostgreSQL in a temp folder, waits until it answers, drops a
 * generated CSV (rows with realistic noise: duplicates, free-mail addresses, bad emails, phones in local
 * format) into its inbox and waits until GET /api/ingest/files says the file is done. Prints a Markdown row
 * for docs/benchmarks.md. The optional share of rejected rows (no email, name or company) exercises the
 * rejection report; without it the file is the same as in the earlier rows of docs/benchmarks.md.
 *
 * Peak heap comes from the hub's GC log: the heap only grows between collections, so the largest "before"
 * figure of any collection is the peak (a sampled gauge misses it); the largest "after" figure is the most
 * the hub held alive. The hub exits on OutOfMemoryError, and the bench then fails instead of waiting.
 */
public class IngestCsvBench {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String xmx = args.length > 1 ? args[1].replaceFirst("^-Xmx", "") : "1g";
        int rejectedPercent = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        var work = Files.createTempDirectory("leadhub-bench");
        System.out.println("hub log, GC log and data in " + work);
        var inbox = Files.createDirectories(work.resolve("inbox"));
        var csv = work.resolve("leads-" + rows + ".csv");
        generate(csv, rows, rejectedPercent);
        int port = 18080 + new Random().nextInt(1000);

        var log = work.resolve("hub.log");
        var gcLog = work.resolve("gc.log");
        var started = System.nanoTime();
        var command = new ArrayList<>(List.of("java", "-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog));
        var extra = System.getenv("BENCH_JVM_OPTS"); // e.g. -XX:StartFlightRecording=filename=hub.jfr to profile
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", "target/leadhub.jar", "--server.port=" + port,
                "--leadhub.embedded-postgres.data-dir=" + work.resolve("pg"),
                "--leadhub.inbox.dir=" + inbox,
                "--leadhub.inbox.progress-every=20000"));
        var hub = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            var http = HttpClient.newHttpClient();
            var base = "http://localhost:" + port;
            waitUntil(hub, () -> get(http, base + "/actuator/health").startsWith("{\"status\":\"UP\"")
                    && Files.readString(log).contains("Started LeadhubApplication"), Duration.ofSeconds(120));
            double startSeconds = (System.nanoTime() - started) / 1e9;
            var reported = Pattern.compile("Started LeadhubApplication in ([0-9.]+) seconds").matcher(Files.readString(log));
            String springStart = reported.find() ? reported.group(1) : "?";

            var dropAt = System.nanoTime();
            Files.move(csv, inbox.resolve(csv.getFileName()));
            waitUntil(hub, () -> {
                var status = get(http, base + "/api/ingest/files");
                if (status.contains("\"status\":\"error\"")) {
                    throw new IllegalStateException("the file went to .error: " + status);
                }
                return status.contains("\"status\":\"done\"");
            }, Duration.ofMinutes(30));
            double ingestSeconds = (System.nanoTime() - dropAt) / 1e9;
            var files = get(http, base + "/api/ingest/files");
            long rss = rssKb(hub.pid());
            var heap = heapFromGcLog(gcLog);

            System.out.printf("%n| %s | %d rows | %s s (Spring) / %.1f s (until healthy) | %.1f s | %.0f rows/s | %s | -Xmx%s: peak heap %d MiB (most kept after a GC %d MiB, %d GCs), RSS at end %d MiB |%n",
                    Instant.now().toString().substring(0, 10), rows, springStart, startSeconds, ingestSeconds,
                    rows / ingestSeconds, counts(files), xmx, heap[0], heap[1], heap[2], rss / 1024);
        } finally {
            hub.destroy();
            hub.waitFor();
        }
    }

    private static String counts(String filesJson) {
        var m = Pattern.compile("\"rowsRead\":(\\d+),\"accepted\":(\\d+),\"rejected\":(\\d+)").matcher(filesJson);
        return m.find() ? m.group(2) + " accepted, " + m.group(3) + " rejected of " + m.group(1) : "?";
    }

    private static void generate(Path csv, int rows, int rejectedPercent) throws IOException {
        var random = new Random(42);
        var rejects = new Random(7); // apart, so that the other rows stay what they were
        String[] first = {"Anna", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kofi", "Lena"};
        String[] last = {"Smith", "Müller", "García", "Rossi", "Nowak", "Kim", "Okafor", "Silva", "Dubois", "Jensen"};
        String[] companies = {"Acme Robotics Inc", "Globex GmbH", "Initech LLC", "Umbrella Ltd", "Soylent SA", "Hooli"};
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("Email,First Name,Last Name,Job Title,Company,Website,Phone,Country,Lead Source\n");
            for (int i = 0; i < rows; i++) {
                int person = random.nextInt(Math.max(1, rows * 9 / 10)); // about 10% repeats
                var f = first[person % first.length];
                var l = last[(person / 7) % last.length];
                var company = companies[person % companies.length];
                var domain = company.toLowerCase().split(" ")[0] + (person % 50) + ".com";
                String email = switch (random.nextInt(20)) {
                    case 0 -> "not-an-email-" + person;
                    case 1 -> f.toLowerCase() + person + "@gmail.com";
                    default -> (f + "." + l + person).toLowerCase().replace("é", "e").replace("ü", "u") + "@" + domain;
                };
                var phone = "(" + (200 + person % 700) + ") 555-" + String.format("%04d", person % 10000);
                if (rejectedPercent > 0 && rejects.nextInt(100) < rejectedPercent) {
                    out.write(String.join(",", "not-an-email-" + i, "", "", "\"Head of Sales, EMEA\"", "", "", phone, "US", "webinar") + "\n");
                    continue;
                }
                out.write(String.join(",", email, f, l, "\"Head of Sales, EMEA\"", "\"" + company + "\"",
                        "https://www." + domain, phone, "US", "webinar") + "\n");
            }
        }
    }

    private static String get(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * {peak used, most used after a collection, collections} in MiB, from -Xlog:gc lines "150M->40M(256M)". Only
     * young and full collections free memory; G1's remark and cleanup pauses report occupancy, counted for the peak.
     */
    private static long[] heapFromGcLog(Path gcLog) throws IOException {
        var sizes = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
        long before = 0;
        long after = 0;
        long count = 0;
        for (var line : Files.readAllLines(gcLog)) {
            var m = sizes.matcher(line);
            if (m.find()) {
                before = Math.max(before, mib(m.group(1), m.group(2)));
                if (line.contains("Pause Young") || line.contains("Pause Full")) {
                    after = Math.max(after, mib(m.group(3), m.group(4)));
                    count++;
                }
            }
        }
        return new long[]{before, after, count};
    }

    private static long mib(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    private static long rssKb(long pid) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not on Linux
        }
        return -1;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitUntil(Process hub, Check check, Duration limit) throws Exception {
        var deadline = System.nanoTime() + limit.toNanos();
        var backoff = 50L;
        while (!check.ok()) {
            if (!hub.isAlive()) {
                throw new IllegalStateException("the hub exited with " + hub.exitValue() + " (OutOfMemoryError? see hub.log)");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + limit);
            }
            Thread.sleep(backoff); // polling an external process; no event to wait on
            backoff = Math.min(backoff * 2, 500);
        }
    }
}
