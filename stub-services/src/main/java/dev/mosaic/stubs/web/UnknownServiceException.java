package dev.mosaic.stubs.web;

/** A chaos request for a service that does not exist. */
final class UnknownServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownServiceException(String service) {
        super("unknown service '" + service + "'; the services are user, orders, recommendations");
    }
}
