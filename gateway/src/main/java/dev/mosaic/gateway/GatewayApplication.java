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

    public static void main(String[] args) {
        useOneEventLoopPerCore();
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
}
