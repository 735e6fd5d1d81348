package dev.mosaic.composer;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // no backends here (the defaults are another stack's ports): no warm-up
        properties = {"management.server.port=0", "mosaic.composer.warm-up.enabled=false"})
class ComposerApplicationTests {

    @Test
    void contextLoads() {
    }
}
