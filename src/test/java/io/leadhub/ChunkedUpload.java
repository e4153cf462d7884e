package io.leadhub;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A POST whose body is sent with Transfer-Encoding: chunked over a raw socket, generated as it is written (never held
 * in memory): {@code prefix}, then filler bytes up to {@code size}, then {@code suffix}. The response is read while
 * the body is still being written, so a server that answers early and closes the connection is seen answering.
 */
public final class ChunkedUpload {

    /** The status line's code (-1 when the connection closed before any answer), the headers and the body read. */
    public record Answer(int status, Map<String, String> headers, String body, long bytesSent) {
    }

    private ChunkedUpload() {
    }

    public static Answer post(int port, String path, Map<String, String> headers, String prefix, long size, String suffix)
            throws IOException {
        var socket = new Socket();
        var writer = new FutureTask<>(() -> writeBody(socket.getOutputStream(), prefix, size, suffix));
        Answer answer;
        try {
            socket.connect(new InetSocketAddress("localhost", port), 5000);
            socket.setSoTimeout(60_000);
            var head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nTransfer-Encoding: chunked\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            // a thread of its own, not a shared pool: several uploads run at once
            new Thread(writer, "chunked-upload").start();
            answer = readAnswer(new BufferedInputStream(socket.getInputStream()));
        } finally {
            socket.close(); // stops the writer too, if the server stopped reading without closing
        }
        try {
            return new Answer(answer.status(), answer.headers(), answer.body(), writer.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    private static long writeBody(OutputStream out, String prefix, long size, String suffix) {
        var start = prefix.getBytes(StandardCharsets.UTF_8);
        var end = suffix.getBytes(StandardCharsets.UTF_8);
        var filler = new byte[32 * 1024];
        java.util.Arrays.fill(filler, (byte) 'a');
        long sent = 0;
        try {
            sent += chunk(out, start, start.length);
            long fill = size - start.length - end.length;
            while (fill > 0) {
                int n = (int) Math.min(filler.length, fill);
                sent += chunk(out, filler, n);
                fill -= n;
            }
            sent += chunk(out, end, end.length);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // the server stopped reading (answered and closed): what was sent is the measure
        }
        return sent;
    }

    private static int chunk(OutputStream out, byte[] bytes, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes, 0, length);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return length;
    }

    private static Answer readAnswer(InputStream in) {
        var headers = new LinkedHashMap<String, String>();
        int status = -1;
        var body = new ByteArrayOutputStream();
        try {
            var statusLine = line(in);
            if (statusLine == null) {
                return new Answer(-1, headers, "", 0);
            }
            status = Integer.parseInt(statusLine.split(" ")[1]);
            for (var header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).strip().toLowerCase(), header.substring(colon + 1).strip());
            }
            if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int n = Integer.parseInt(line(in).strip(), 16); n > 0; n = Integer.parseInt(line(in).strip(), 16)) {
                    body.write(in.readNBytes(n));
                    line(in);
                }
            } else {
                in.transferTo(body);
            }
        } catch (IOException | RuntimeException e) {
            // closed or reset after (part of) the answer: keep what arrived
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), 0);
    }

    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
