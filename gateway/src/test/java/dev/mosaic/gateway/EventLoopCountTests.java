package dev.mosaic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway runs one Reactor Netty event loop per core and one acceptor thread unless told otherwise. */
class EventLoopCountTests {

    private final String workersBefore = System.getProperty(GatewayApplication.IO_WORKER_COUNT);
    private final String selectorsBefore = System.getProperty(GatewayApplication.IO_SELECT_COUNT);

    @AfterEach
    void restore() {
        restore(GatewayApplication.IO_WORKER_COUNT, workersBefore);
        restore(GatewayApplication.IO_SELECT_COUNT, selectorsBefore);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
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

    @Test
    void acceptsOnOneThreadOfItsOwnByDefault() {
        System.clearProperty(GatewayApplication.IO_SELECT_COUNT);
        GatewayApplication.acceptOnItsOwnThread();
        assertThat(System.getProperty(GatewayApplication.IO_SELECT_COUNT)).isEqualTo("1");
    }

    @Test
    void keepsAnExplicitAcceptorSetting() {
        System.setProperty(GatewayApplication.IO_SELECT_COUNT, "-1");
        GatewayApplication.acceptOnItsOwnThread();
        assertThat(System.getProperty(GatewayApplication.IO_SELECT_COUNT)).isEqualTo("-1");
    }
}
