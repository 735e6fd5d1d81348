package dev.mosaic.composer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the Mosaic composer application. */
@SpringBootApplication
public class ComposerApplication {

    /** Reactor Netty's event-loop count; its default, max(cores, 4), oversubscribes small machines. */
    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        useOneEventLoopPerCore();
        SpringApplication.run(ComposerApplication.class, args);
    }

    /**
     * One event loop per core, shared by the server and the backend client (Reactor Netty's global
     * {@code LoopResources}), unless set explicitly with {@code -Dreactor.netty.ioWorkerCount}.
     */
    static void useOneEventLoopPerCore() {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(IO_WORKER_COUNT, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
    }
}
