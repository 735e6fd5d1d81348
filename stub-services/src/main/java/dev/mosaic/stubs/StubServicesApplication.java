package dev.mosaic.stubs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the Mosaic stub-services application. */
@SpringBootApplication
public class StubServicesApplication {

    public static void main(String[] args) {
        SpringApplication.run(StubServicesApplication.class, args);
    }
}
