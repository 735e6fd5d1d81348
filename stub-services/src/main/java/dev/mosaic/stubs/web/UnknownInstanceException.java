package dev.mosaic.stubs.web;

/** A chaos or journal request named an instance the backend does not have (404 problem+json). */
final class UnknownInstanceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownInstanceException(String service, String instance, int replicas) {
        super("unknown instance '" + instance + "' of the " + service + " service; its instances are 0.."
                + (replicas - 1));
    }

    /** The instance named by a request's {@code instance} parameter, checked against {@code replicas}. */
    static int parse(String service, String instance, int replicas) {
        try {
            int index = Integer.parseInt(instance);
            if (index >= 0 && index < replicas) {
                return index;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UnknownInstanceException(service, instance, replicas);
    }
}
