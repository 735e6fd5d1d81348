package dev.mosaic.systemtests.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The nine ports of one stack, all free on 127.0.0.1 when chosen (never the SPEC's defaults, which
 * a developer's own {@code ./mosaic up} may hold).
 */
public record StackPorts(int gateway, int gatewayManagement, int composer, int composerManagement,
                         int control, int user, int orders, int recommendations, int catalog) {

    /** Asks the OS for nine distinct free ports, holding all of them open until all are chosen. */
    static StackPorts free() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 9; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            int[] p = sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
            return new StackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
        }
        catch (IOException e) {
            throw new UncheckedIOException("no free ports on 127.0.0.1", e);
        }
        finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                }
                catch (IOException ignored) {
                    // closing a listening socket we own does not fail in a way that matters here
                }
            }
        }
    }

    /** The port of a backend's stub server. */
    public int backend(Backend backend) {
        return switch (backend) {
            case USER -> user;
            case ORDERS -> orders;
            case RECOMMENDATIONS -> recommendations;
            case CATALOG -> catalog;
        };
    }
}
