package dev.mosaic.stubs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole stub-services application on free ports: control plane on a random port, the four
 * backends on ports picked by the OS, chaos decisions seeded. Test classes that share it share one
 * running application (Spring's context cache), so they reset chaos before each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mosaic.stubs.user-port=0",
        "mosaic.stubs.orders-port=0",
        "mosaic.stubs.recommendations-port=0",
        "mosaic.stubs.catalog-port=0",
        "mosaic.stubs.chaos.seed=7"})
public @interface StubServicesTest {
}
