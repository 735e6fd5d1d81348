package dev.mosaic.gateway;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Guards the guard: every test JVM of this module must run with BlockHound installed. */
class BlockHoundInstalledTests {

    @Test
    void blockingCallOnANonBlockingThreadIsReported() {
        Mono<Boolean> blocking = Mono.fromCallable(() -> new CountDownLatch(1).await(10, TimeUnit.MILLISECONDS))
                .subscribeOn(Schedulers.parallel());

        StepVerifier.create(blocking)
                .expectErrorMatches(e -> e instanceof BlockingOperationError)
                .verify(Duration.ofSeconds(5));
    }
}
