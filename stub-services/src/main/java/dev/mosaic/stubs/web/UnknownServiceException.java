package dev.mosaic.stubs.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.mosaic.stubs.Backend;

/** A chaos request for a service that does not exist. */
final class UnknownServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownServiceException(String service) {
        super("unknown service '" + service + "'; the services are "
                + Arrays.stream(Backend.values()).map(Backend::serviceName).collect(Collectors.joining(", ")));
    }
}
