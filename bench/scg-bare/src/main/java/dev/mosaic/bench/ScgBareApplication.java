package dev.mosaic.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Cloud Gateway with one configured route and nothing else: the framework's own ceiling. */
@SpringBootApplication
public class ScgBareApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScgBareApplication.class, args);
    }
}
