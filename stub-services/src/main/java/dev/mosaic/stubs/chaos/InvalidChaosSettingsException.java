package dev.mosaic.stubs.chaos;

/** Thrown when a chaos change names an unknown field or carries a value outside its range. */
public final class InvalidChaosSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidChaosSettingsException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
    }

    /** The offending field, or {@code null} when the body as a whole is wrong. */
    public String field() {
        return field;
    }
}
