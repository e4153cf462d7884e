package io.leadhub.enrich.providers.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.leadhub.SharedHubTest;
import io.leadhub.enrich.ProviderAnswer;
import io.leadhub.enrich.ProviderRequest;
import org.junit.jupiter.api.Test;

/**
 * The website analyser's bounds hold while it reads (provider website-bounded: 1 s inactivity timeout, 1.5 s
 * deadline, 64 KiB max-bytes): a site that dribbles is cut at the deadline, a huge page at max-bytes.
 */
class WebsiteDownloadLimitsTest extends SharedHubTest {

    private ProviderAnswer analyse(String domain) {
        var request = new ProviderRequest("website-bounded", "website", "domain:" + domain + ":" + UUID.randomUUID(),
                UUID.randomUUID(), Map.of("domain", domain));
        return askProvider(request);
    }

    @Test
    void aSiteSendingOneByteAtATimeIsCutAtTheDeadline() throws Exception {
        var sent = new AtomicLong();
        var pace = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var thread = new Thread(() -> {
                try {
                    var socket = server.accept();
                    readRequestHead(socket.getInputStream());
                    var out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // a byte every 300 ms: the 1 s inactivity timeout never fires, the whole page would take 5 minutes
                    pace.scheduleAtFixedRate(() -> {
                        try {
                            out.write('x');
                            out.flush();
                            sent.incrementAndGet();
                        } catch (IOException closedByTheHub) {
                            pace.shutdown();
                        }
                    }, 300, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (IOException e) {
                    pace.shutdown();
                }
            }, "dribbling-site");
            thread.setDaemon(true);
            thread.start();

            long started = System.nanoTime();
            var answer = analyse("127.0.0.1:" + server.getLocalPort());
            assertThat(answer.outcome()).startsWith("error: deadline");
            assertThat(answer.fields()).isEmpty();
            // sanity only: far below the 5 minutes the site would take
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(sent.get()).isPositive();
        } finally {
            pace.shutdownNow();
        }
    }

    @Test
    void aFiftyMegabytePageIsReadOnlyUpToMaxBytesAndStillAnalysed() throws Exception {
        long size = 50L * 1024 * 1024;
        var sent = new AtomicLong();
        var done = new AtomicBoolean();
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var thread = new Thread(() -> serveHugePage(server, size, sent, done), "huge-page");
            thread.setDaemon(true);
            thread.start();

            var answer = analyse("127.0.0.1:" + server.getLocalPort());
            assertThat(answer.outcome()).isEqualTo("hit");
            assertThat(answer.fields()).containsEntry("website_title", "Huge page");

            // the hub dropped the connection: the server's writes stop far short of the page
            await().atMost(Duration.ofSeconds(20)).untilTrue(done);
            assertThat(sent.get()).isLessThan(size / 5);
        }
    }

    private static void serveHugePage(ServerSocket server, long size, AtomicLong sent, AtomicBoolean done) {
        try (var socket = server.accept()) {
            socket.setSendBufferSize(64 * 1024);
            readRequestHead(socket.getInputStream());
            var out = socket.getOutputStream();
            var head = "<!DOCTYPE html><html><head><title>Huge page</title></head><body>";
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + size
                    + "\r\nConnection: close\r\n\r\n" + head).getBytes(StandardCharsets.US_ASCII));
            sent.addAndGet(head.length());
            var filler = "<p>lorem ipsum</p>".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            while (sent.get() < size) {
                int n = (int) Math.min(filler.length, size - sent.get());
                out.write(filler, 0, n);
                sent.addAndGet(n);
            }
        } catch (IOException closedByTheHub) {
            // expected: the hub stopped reading and closed the connection
        } finally {
            done.set(true);
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        var end = new int[]{'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
