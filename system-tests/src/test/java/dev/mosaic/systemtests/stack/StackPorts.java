package dev.mosaic.systemtests.stack;

/**
 * The nine ports of one stack, all free on 127.0.0.1 when chosen (never the SPEC's defaults, which
 * a developer's own {@code ./mosaic up} may hold).
 */
public record StackPorts(int gateway, int gatewayManagement, int composer, int composerManagement,
                         int control, int user, int orders, int recommendations, int catalog) {

    /** Nine distinct ports, free on 127.0.0.1 when chosen and outside the ephemeral range ({@link FreePorts}). */
    static StackPorts free() {
        int[] p = FreePorts.take(9);
        return new StackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
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
