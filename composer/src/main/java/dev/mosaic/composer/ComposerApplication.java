package dev.mosaic.composer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the Mosaic composer application. */
@SpringBootApplication
public class ComposerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ComposerApplication.class, args);
    }
}
