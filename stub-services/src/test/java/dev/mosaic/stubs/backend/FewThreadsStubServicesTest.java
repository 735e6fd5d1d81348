package dev.mosaic.stubs.backend;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application on free ports with deliberately few server threads (so that a test can tell
 * whether delays hold threads) and the request journal on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mosaic.stubs.user-port=0",
        "mosaic.stubs.orders-port=0",
        "mosaic.stubs.recommendations-port=0",
        "mosaic.stubs.catalog-port=0",
        "mosaic.stubs.container-threads=" + FewThreadsStubServicesTest.CONTAINER_THREADS,
        "mosaic.stubs.async-threads=2",
        "mosaic.stubs.journal-enabled=true"})
@interface FewThreadsStubServicesTest {

    int CONTAINER_THREADS = 10;
}
