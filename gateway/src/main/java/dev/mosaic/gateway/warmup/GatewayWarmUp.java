package dev.mosaic.gateway.warmup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.mosaic.gateway.config.GatewayProperties;
import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Warms the edge before the gateway reports ready, so that the first caller after
 * {@code ./mosaic up} does not pay for class loading, the interpreter and new connections:
 *
 * <ol>
 *   <li>through its own port, {@code GET /api/dashboard/u-9xx} without a token and with a token
 *       that names a key of the real JWK set but carries a made-up signature: the server, the
 *       security chain, the JWK set fetch (kept for the first real token), the RSA verification and
 *       the problem answers run; every one is a 401, nothing is proxied;</li>
 *   <li>the upstreams the routes proxy to, over the routes' own HTTP client and connection pool:
 *       the composer's {@code /dashboard/u-9xx} (an internal call without a token, as the composer
 *       allows) and the user, order and recommendation services.</li>
 *   <li>with {@code mosaic.gateway.warm-up.token-uri} set (a development identity provider's token
 *       endpoint; {@code ./mosaic up} sets the stubs'), {@code GET /api/me/dashboard} with real
 *       tokens of u-991 … u-1000 through its own port: the composed route itself, its filters, its
 *       breaker and time limiter, the proxy to the composer; the breakers are reset afterwards.</li>
 * </ol>
 *
 * <p>It runs as an {@link ApplicationRunner}: Spring Boot publishes readiness
 * {@code ACCEPTING_TRAFFIC} only after every runner returned, so {@code /actuator/health} is 503
 * until the warm-up is over. Start-up waits for it on the main thread, at most
 * {@code max-duration}; an upstream that is down shortens it and never fails start-up. Only the
 * third step goes through a route; the route breakers are reset after it, and its users' rate-limit
 * buckets are their own.
 */
public final class GatewayWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GatewayWarmUp.class);
    static final int FIRST_USER = 901;
    static final int USERS = 100;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final int LAST_USER = 1000;
    private static final int TOKEN_USERS = 10;
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final GatewayWarmUpProperties properties;
    private final GatewayProperties gateway;
    private final Environment environment;
    private final HttpClient upstream;
    private final CircuitBreakerRegistry breakers;
    private final AtomicInteger answered = new AtomicInteger();
    private volatile boolean done;

    public GatewayWarmUp(GatewayWarmUpProperties properties, GatewayProperties gateway, Environment environment,
            HttpClient upstream, CircuitBreakerRegistry breakers) {
        this.properties = properties;
        this.gateway = gateway;
        this.environment = environment;
        this.upstream = upstream;
        this.breakers = breakers;
    }

    /** Whether the warm-up has run (or was skipped). */
    public boolean done() {
        return done;
    }

    /** How many warm-up requests were answered (any status). */
    public int answered() {
        return answered.get();
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            if (properties.enabled() && properties.requests() > 0) {
                warmUp();
            }
        } finally {
            done = true;
        }
    }

    private void warmUp() {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            log.info("Warm-up skipped: no server port");
            return;
        }
        long started = System.nanoTime();
        WebClient edge = WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        WebClient routes = WebClient.builder().clientConnector(new ReactorClientHttpConnector(upstream)).build();
        // the composed route first (the path a first caller takes), then the 401 path, then the upstreams
        Mono<Void> all = realTokens(edge).flatMap(tokens -> tokens.isEmpty() ? Mono.<Void>empty()
                        : calls(i -> edge.get().uri(RouteIds.ME_DASHBOARD_PATH)
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.get(i % tokens.size()))))
                .then(forgedToken(routes))
                .flatMap(token -> calls(i -> edge.get().uri("/api/dashboard/u-" + user(i))
                        .header(HttpHeaders.AUTHORIZATION, i % 2 == 0 ? "Bearer " + token : "Bearer not-a-jwt")))
                .then(calls(i -> routes.get().uri(upstreamUri(i))))
                .take(properties.maxDuration());
        Duration bound = properties.maxDuration().plusSeconds(1);
        try {
            // the main thread waits (start-up is synchronous by design); the calls run on the event loops
            all.toFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Warm-up did not finish within {}; going on", bound);
        } catch (ExecutionException e) {
            log.warn("Warm-up failed; going on: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the composed route's calls went through its breaker: what a cold JVM did there is not counted
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        log.info("Warm-up: {} requests answered in {} ms; circuit breakers reset", answered.get(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private Mono<Void> calls(java.util.function.IntFunction<WebClient.RequestHeadersSpec<?>> request) {
        return Flux.range(0, properties.requests())
                .flatMap(i -> request.apply(i).exchangeToMono(response -> {
                    answered.incrementAndGet();
                    return response.releaseBody();
                }).timeout(CALL_TIMEOUT).onErrorResume(e -> Mono.empty()), properties.concurrency())
                .then();
    }

    /**
     * Development tokens from {@code token-uri} for users u-991 … u-1000 (ten, so that no user's
     * rate-limit bucket runs dry), or none when it is not set or does not answer.
     */
    private Mono<List<String>> realTokens(WebClient client) {
        if (properties.tokenUri() == null) {
            return Mono.just(List.of());
        }
        return Flux.range(0, TOKEN_USERS)
                .concatMap(i -> client.post().uri(properties.tokenUri()).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"sub\":\"u-" + (LAST_USER - i) + "\",\"scope\":\"dashboard:read\",\"expiresIn\":300}")
                        .retrieve().bodyToMono(String.class).timeout(CALL_TIMEOUT)
                        .mapNotNull(GatewayWarmUp::accessToken))
                .collectList()
                .onErrorResume(e -> {
                    log.info("Warm-up: no tokens from {} ({}); composed routes not warmed", properties.tokenUri(),
                            e.toString());
                    return Mono.just(List.of());
                });
    }

    private static String accessToken(String body) {
        Matcher matcher = ACCESS_TOKEN.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    private String upstreamUri(int i) {
        String user = "u-" + user(i);
        return switch (i % 4) {
            case 0 -> gateway.composerUrl() + "/dashboard/" + user;
            case 1 -> gateway.userUrl() + "/users/" + user;
            case 2 -> gateway.ordersUrl() + "/orders?userId=" + user + "&limit=5";
            default -> gateway.recommendationsUrl() + "/recommendations?userId=" + user + "&limit=5";
        };
    }

    private static int user(int i) {
        return FIRST_USER + i % USERS;
    }

    /**
     * An RS256 token naming a key of the real JWK set, with a random signature: verification runs
     * to the RSA check and fails. Without a readable key set, a token naming no key.
     */
    private Mono<String> forgedToken(WebClient client) {
        String jwkSetUri = environment.getProperty("mosaic.gateway.security.jwk-set-uri");
        String issuer = environment.getProperty("mosaic.gateway.security.issuer", "");
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            return Mono.just(token("warm-up", issuer));
        }
        return client.get().uri(jwkSetUri).retrieve().bodyToMono(String.class)
                .timeout(CALL_TIMEOUT)
                .map(GatewayWarmUp::keyIds)
                .onErrorResume(e -> Mono.just(List.of()))
                .map(kids -> token(kids.isEmpty() ? "warm-up" : kids.get(0), issuer));
    }

    private static List<String> keyIds(String jwkSet) {
        try {
            List<String> kids = new ArrayList<>();
            for (JWK key : JWKSet.parse(jwkSet).getKeys()) {
                if (key.getKeyID() != null) {
                    kids.add(key.getKeyID());
                }
            }
            return kids;
        } catch (java.text.ParseException e) {
            return List.of();
        }
    }

    private static String token(String kid, String issuer) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"warm-up\",\"scope\":\"dashboard:read\",\"iat\":" + now
                + ",\"exp\":" + (now + 60) + "}";
        byte[] signature = new byte[256];
        ThreadLocalRandom.current().nextBytes(signature);
        return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(signature);
    }
}
