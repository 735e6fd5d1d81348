package dev.mosaic.stubs.config;

import java.net.URI;
import java.time.Duration;

import dev.mosaic.stubs.Backend;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of stub-services, bound from {@code mosaic.stubs.*} (or the environment forms,
 * e.g. {@code MOSAIC_STUBS_USER_PORT=0}).
 *
 * @param host                bind address of the WireMock backends
 * @param userPort            port of the user service; {@code 0} picks a free port
 * @param ordersPort          port of the order service; {@code 0} picks a free port
 * @param recommendationsPort port of the recommendation service; {@code 0} picks a free port
 * @param catalogPort         port of the product catalog; {@code 0} picks a free port
 * @param containerThreads    Jetty threads per backend; they parse requests and write undelayed
 *                            responses, never wait out a delay
 * @param asyncThreads        threads per backend that write delayed responses once their delay
 *                            has passed (and that dribble slow bodies, one thread per dribble)
 * @param journalEnabled      keep WireMock's request journal (tests, traceparent checks); off by
 *                            default because it costs memory and time under load
 * @param journalSize         bound of the journal when it is enabled
 * @param idleTimeout         how long a backend keeps an idle keep-alive connection open;
 *                            clients should evict pooled connections before this
 * @param issuer              {@code iss} of the dev identity provider's tokens
 * @param keyRotationGrace    how long a signing key retired by {@code POST /keys/rotate} stays in
 *                            the JWK set (then it is dropped, and verifiers stop accepting its
 *                            tokens at their next refresh of the set)
 * @param chaos               chaos defaults
 * @param replicas            instances of every backend (1 – {@value dev.mosaic.stubs.chaos.ChaosBoard#MAX_INSTANCES});
 *                            instance {@code i} listens on the backend's port + {@code i × replicaPortStep}
 * @param replicaPortStep     distance between the ports of a backend's instances (with a port of
 *                            {@code 0}, every instance gets a free port of its own)
 */
@Validated
@ConfigurationProperties("mosaic.stubs")
public record StubProperties(
        @DefaultValue(DEFAULT_HOST) @NotBlank String host,
        @DefaultValue("9001") @Min(0) @Max(65535) int userPort,
        @DefaultValue("9002") @Min(0) @Max(65535) int ordersPort,
        @DefaultValue("9003") @Min(0) @Max(65535) int recommendationsPort,
        @DefaultValue("9004") @Min(0) @Max(65535) int catalogPort,
        @DefaultValue("200") @Min(MIN_CONTAINER_THREADS) @Max(2000) int containerThreads,
        @DefaultValue("64") @Min(1) @Max(1000) int asyncThreads,
        @DefaultValue("false") boolean journalEnabled,
        @DefaultValue("1000") @Min(1) int journalSize,
        @DefaultValue("30s") @NotNull Duration idleTimeout,
        @DefaultValue(DEFAULT_ISSUER) @NotNull URI issuer,
        @DefaultValue("10m") @NotNull @DurationMin(millis = 0) Duration keyRotationGrace,
        @DefaultValue @Valid @NotNull Chaos chaos,
        @DefaultValue("1") @Min(1) @Max(dev.mosaic.stubs.chaos.ChaosBoard.MAX_INSTANCES) int replicas,
        @DefaultValue("10") @Min(1) @Max(1000) int replicaPortStep) {

    /** Loopback only: the stubs are a development tool. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The issuer the gateway trusts by default. */
    public static final String DEFAULT_ISSUER = "http://localhost:9000";
    /** Jetty needs acceptor and selector threads besides its workers; fewer than this fails at start. */
    public static final int MIN_CONTAINER_THREADS = 8;

    /** The configured port of instance {@code instance} of a backend ({@code 0} = any free port). */
    public int port(Backend backend, int instance) {
        int first = port(backend);
        return first == 0 ? 0 : first + instance * replicaPortStep;
    }

    /** The configured port of a backend ({@code 0} = any free port). */
    public int port(Backend backend) {
        return switch (backend) {
            case USER -> userPort;
            case ORDERS -> ordersPort;
            case RECOMMENDATIONS -> recommendationsPort;
            case CATALOG -> catalogPort;
        };
    }

    /**
     * Chaos defaults.
     *
     * @param seed         seed of every service's chaos decisions at start and after a clear or
     *                     reset; absent = a fresh random seed per start
     * @param eventLogSize how many changes {@code GET /chaos/events} keeps (oldest dropped first)
     */
    public record Chaos(Long seed, @DefaultValue("256") @Min(1) @Max(100_000) int eventLogSize) {
    }
}
