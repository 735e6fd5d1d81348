package dev.mosaic.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what no HTTP client will send: half-sent requests, malformed
 * request lines, thousands of idle connections. Every read is bounded.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** A connected socket to the gateway whose reads give up after {@code bound}. */
    public static Socket connect(int port, Duration bound) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) bound.toMillis());
        return socket;
    }

    public static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /**
     * Everything the server sends until it closes the connection (a reset counts as closed).
     *
     * @throws AssertionError when the connection is still open after the socket's read bound
     */
    public static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) != -1; ) {
                received.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the server kept the connection open for " + socket.getSoTimeout()
                    + " ms; received so far: " + received.toString(StandardCharsets.ISO_8859_1));
        } catch (SocketException reset) {
            // closed by the server with a reset: closed all the same
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * One response (headers, then {@code Content-Length} bytes of body), leaving the connection open.
     *
     * @throws AssertionError when no complete response arrives within the socket's read bound
     */
    public static Response readResponse(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        try {
            while (!received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int b = in.read();
                if (b == -1) {
                    throw new AssertionError("closed before a response: '" + received + "'");
                }
                received.write(b);
            }
            Response head = Response.parse(received.toString(StandardCharsets.ISO_8859_1));
            int length = Integer.parseInt(head.headers().getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return new Response(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException late) {
            throw new AssertionError("no response within " + socket.getSoTimeout() + " ms; received: '" + received + "'");
        }
    }

    /** One parsed response: status, headers (names lower-cased), body. */
    public record Response(int status, Map<String, String> headers, String body) {

        public static Response parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
                throw new AssertionError("not an HTTP response: '" + raw + "'");
            }
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Response(Integer.parseInt(lines[0].substring(9, 12)), headers, raw.substring(end + 4));
        }
    }
}
