package dev.mosaic.stubs.backend;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes WireMock's notifications to the application's log: its per-request info lines at DEBUG
 * (off by default, they cost throughput), its errors at WARN.
 */
final class WireMockLog implements Notifier {

    private static final Logger log = LoggerFactory.getLogger("dev.mosaic.stubs.wiremock");

    private final String service;

    WireMockLog(String service) {
        this.service = service;
    }

    @Override
    public void info(String message) {
        if (log.isDebugEnabled()) {
            log.debug("[{}] {}", service, message);
        }
    }

    @Override
    public void error(String message) {
        log.warn("[{}] {}", service, message);
    }

    @Override
    public void error(String message, Throwable t) {
        log.warn("[{}] {}", service, message, t);
    }
}
