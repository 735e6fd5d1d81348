package dev.mosaic.systemtests.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes the system tests start, chosen below the kernel's ephemeral range.
 *
 * <p>A port from {@code new ServerSocket(0)} comes from the ephemeral range, the same range the kernel
 * takes source ports from for outgoing connections. Between closing that socket and the child JVM
 * binding the port, any connection on the machine (a JDBC pool, Maven, the previous stack's clients)
 * may take it as its source port, and the child fails with "Port … was already in use" (it did, in
 * CI). Below the range only another listener can hold a port, and each port is handed out once per
 * test JVM, so two stacks of one run never share one.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** {@code count} distinct ports that were free on 127.0.0.1 when chosen and never handed out before. */
    public static synchronized int[] take(int count) {
        int highest = ephemeralLow() - 1;
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = takeOne(highest);
        }
        return ports;
    }

    public static int take() {
        return take(1)[0];
    }

    private static int takeOne(int highest) {
        int span = highest - LOWEST + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int candidate = LOWEST + (start + i) % span;
            if (!HANDED_OUT.contains(candidate) && bindable(candidate)) {
                HANDED_OUT.add(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 between " + LOWEST + " and " + highest);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        }
        catch (IOException inUse) {
            return false;
        }
    }

    /** The first port of {@code net.ipv4.ip_local_port_range}, or Linux's default when it cannot be read. */
    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOWEST + 1_000 ? low : 32_768;
        }
        catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }
}
