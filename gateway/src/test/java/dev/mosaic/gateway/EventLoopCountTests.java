package dev.mosaic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway runs one Reactor Netty event loop per core unless told otherwise. */
class EventLoopCountTests {

    private final String before = System.getProperty(GatewayApplication.IO_WORKER_COUNT);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(GatewayApplication.IO_WORKER_COUNT);
        } else {
            System.setProperty(GatewayApplication.IO_WORKER_COUNT, before);
        }
    }

    @Test
    void usesOneEventLoopPerCoreByDefault() {
        System.clearProperty(GatewayApplication.IO_WORKER_COUNT);
        GatewayApplication.useOneEventLoopPerCore();
        assertThat(System.getProperty(GatewayApplication.IO_WORKER_COUNT))
                .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void keepsAnExplicitSetting() {
        System.setProperty(GatewayApplication.IO_WORKER_COUNT, "3");
        GatewayApplication.useOneEventLoopPerCore();
        assertThat(System.getProperty(GatewayApplication.IO_WORKER_COUNT)).isEqualTo("3");
    }
}
