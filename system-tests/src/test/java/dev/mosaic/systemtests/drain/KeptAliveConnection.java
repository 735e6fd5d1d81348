package dev.mosaic.systemtests.drain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 connection over a plain socket, kept alive between requests, so that a test can see
 * what a server does to a connection (an answer's {@code Connection: close}, a close while idle),
 * which an HTTP client's pool hides.
 */
final class KeptAliveConnection implements AutoCloseable {

    /** The status line and the headers, lower-cased, of one answer. */
    record Answer(String head) {
        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }

        boolean closesConnection() {
            return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
        }
    }

    private final Socket socket;
    private final InputStream in;

    KeptAliveConnection(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code GET path} and reads the whole answer (Content-Length or chunked). */
    Answer get(String path) {
        try {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = readHead();
            String lower = head.toLowerCase(Locale.ROOT);
            int length = contentLength(lower);
            if (length >= 0) {
                in.readNBytes(length);
            }
            else if (lower.contains("transfer-encoding: chunked")) {
                readChunks();
            }
            return new Answer(head);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closes the connection within {@code within} while nothing is sent on it. */
    boolean closedByServerWithin(Duration within) {
        try {
            socket.setSoTimeout((int) within.toMillis());
            return in.read() == -1;
        }
        catch (SocketTimeoutException e) {
            return false;
        }
        catch (IOException e) {
            return true; // reset: closed all the same
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection closed before an answer: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String lowerHead) {
        for (String line : lowerHead.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    private void readChunks() throws IOException {
        while (true) {
            String size = readLine();
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            in.readNBytes(length);
            readLine();
            if (length == 0) {
                return;
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new IOException("connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        }
        catch (IOException ignored) {
            // closing our own socket
        }
    }
}
