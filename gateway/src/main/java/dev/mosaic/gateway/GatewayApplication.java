package dev.mosaic.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the Mosaic gateway application: the secure, resilient edge on port 8080. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** Reactor Netty's event-loop count; its default, max(cores, 4), oversubscribes small machines. */
    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";
    /** Reactor Netty's acceptor-thread count; its default (none) accepts on the busy event loops. */
    static final String IO_SELECT_COUNT = "reactor.netty.ioSelectCount";

    public static void main(String[] args) {
        useOneEventLoopPerCore();
        acceptOnItsOwnThread();
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * One event loop per core, shared by the server and the upstream client (Reactor Netty's global
     * {@code LoopResources}), unless set explicitly with {@code -Dreactor.netty.ioWorkerCount}: on 2
     * cores the default of 4 loops only adds context switches between connections.
     */
    static void useOneEventLoopPerCore() {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(IO_WORKER_COUNT, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
    }

    /**
     * One thread that only accepts connections, unless set explicitly with
     * {@code -Dreactor.netty.ioSelectCount}. Reactor Netty's default accepts on one of the event loops,
     * at most 16 connections per turn of it: when the loops are busy and clients open connections faster
     * than that, the new ones (each with its request sent) wait in the kernel's accept queue, seconds
     * long and unseen by the route limits (loadtest {@code overload}: 3,000 connections there and 10 s
     * client timeouts). An acceptor that sleeps until a connection arrives hands each to an event loop
     * at once, where the route limit answers or admits it on that loop's next turn. The upstream client
     * still runs on the event loops, on the same loop as the request it serves.
     */
    static void acceptOnItsOwnThread() {
        if (System.getProperty(IO_SELECT_COUNT) == null) {
            System.setProperty(IO_SELECT_COUNT, "1");
        }
    }
}
