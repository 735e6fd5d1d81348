package dev.mosaic.stubs.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

/**
 * A partial chaos change, as sent to {@code PUT /chaos/{service}}: the fields it names replace the
 * current ones, the others stay (a JSON merge patch, RFC 7396). A field set to {@code null} goes
 * back to its default. {@link #parse} rejects unknown fields and wrong types, {@link #applyTo}
 * values out of range; either way nothing has been changed yet.
 *
 * <pre>{@code
 * ChaosSettings next = ChaosPatch.parse(json).applyTo(current, defaultSeed);
 * }</pre>
 */
public final class ChaosPatch {

    /** The field names {@code PUT /chaos/{service}} accepts, in documentation order. */
    public static final List<String> FIELD_NAMES = List.of("latencyMs", "jitterMs", "distribution", "errorRate",
            "errorStatus", "fault", "faultRate", "dribbleMs", "down", "slowRate", "slowMs", "seed");

    private static final ChaosSettings DEFAULTS = ChaosSettings.none(null);

    private final List<Consumer<ChaosSettings.Builder>> changes;
    private final boolean seedGiven;
    private final Long seed;

    private ChaosPatch(List<Consumer<ChaosSettings.Builder>> changes, boolean seedGiven, Long seed) {
        this.changes = changes;
        this.seedGiven = seedGiven;
        this.seed = seed;
    }

    /**
     * Reads a change from a JSON object.
     *
     * @throws InvalidChaosSettingsException if it is not an object, names an unknown field or a
     *                                       value has the wrong type
     */
    public static ChaosPatch parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidChaosSettingsException(null, "the body must be a JSON object with any of " + FIELD_NAMES);
        }
        List<Consumer<ChaosSettings.Builder>> changes = new ArrayList<>();
        for (String name : json.propertyNames()) {
            if (!"seed".equals(name)) {
                changes.add(change(name, json.get(name)));
            }
        }
        JsonNode seedNode = json.get("seed");
        Long seed = seedNode == null || seedNode.isNull() ? null : wholeNumber("seed", seedNode);
        return new ChaosPatch(List.copyOf(changes), seedNode != null, seed);
    }

    /**
     * The settings after this change; a {@code "seed": null} means {@code defaultSeed}.
     *
     * @throws InvalidChaosSettingsException if a value is out of range
     */
    public ChaosSettings applyTo(ChaosSettings current, Long defaultSeed) {
        ChaosSettings.Builder builder = current.toBuilder();
        changes.forEach(change -> change.accept(builder));
        if (seedGiven) {
            builder.seed(seed == null ? defaultSeed : seed);
        }
        return builder.build();
    }

    /** Whether the change carries {@code seed}, which restarts the decision sequence. */
    public boolean restartsSequence() {
        return seedGiven;
    }

    private static Consumer<ChaosSettings.Builder> change(String name, JsonNode value) {
        boolean reset = value.isNull();
        switch (name) {
            case "latencyMs" -> {
                long millis = reset ? DEFAULTS.latencyMs() : millis(name, value);
                return b -> b.latencyMs(millis);
            }
            case "jitterMs" -> {
                long millis = reset ? DEFAULTS.jitterMs() : millis(name, value);
                return b -> b.jitterMs(millis);
            }
            case "dribbleMs" -> {
                long millis = reset ? DEFAULTS.dribbleMs() : millis(name, value);
                return b -> b.dribbleMs(millis);
            }
            case "distribution" -> {
                Distribution distribution = reset ? DEFAULTS.distribution() : distribution(value);
                return b -> b.distribution(distribution);
            }
            case "errorRate" -> {
                double rate = reset ? DEFAULTS.errorRate() : rate(name, value);
                return b -> b.errorRate(rate);
            }
            case "faultRate" -> {
                double rate = reset ? DEFAULTS.faultRate() : rate(name, value);
                return b -> b.faultRate(rate);
            }
            case "errorStatus" -> {
                int status = reset ? DEFAULTS.errorStatus() : status(value);
                return b -> b.errorStatus(status);
            }
            case "fault" -> {
                ChaosFault fault = reset ? null : fault(value);
                return b -> b.fault(fault);
            }
            case "slowRate" -> {
                double rate = reset ? DEFAULTS.slowRate() : rate(name, value);
                return b -> b.slowRate(rate);
            }
            case "slowMs" -> {
                long millis = reset ? DEFAULTS.slowMs() : millis(name, value);
                return b -> b.slowMs(millis);
            }
            case "down" -> {
                boolean down = !reset && bool(name, value);
                return b -> b.down(down);
            }
            default -> throw new InvalidChaosSettingsException(name, "unknown field; known fields are " + FIELD_NAMES);
        }
    }

    private static long millis(String field, JsonNode value) {
        long number = wholeNumber(field, value);
        if (number < 0) {
            throw new InvalidChaosSettingsException(field, "must not be negative, was " + number);
        }
        return number;
    }

    private static long wholeNumber(String field, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidChaosSettingsException(field, "must be a whole number, was " + value);
        }
        return value.longValue();
    }

    private static double rate(String field, JsonNode value) {
        if (!value.isNumber()) {
            throw new InvalidChaosSettingsException(field, "must be a number between 0 and 1, was " + value);
        }
        return value.doubleValue();
    }

    private static int status(JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidChaosSettingsException("errorStatus", "must be a 4xx or 5xx status, was " + value);
        }
        return value.intValue();
    }

    private static boolean bool(String field, JsonNode value) {
        if (!value.isBoolean()) {
            throw new InvalidChaosSettingsException(field, "must be true or false, was " + value);
        }
        return value.booleanValue();
    }

    private static Distribution distribution(JsonNode value) {
        return Distribution.parse(value.isString() ? value.stringValue() : "")
                .orElseThrow(() -> new InvalidChaosSettingsException("distribution",
                        "must be one of fixed, uniform, lognormal, was " + value));
    }

    private static ChaosFault fault(JsonNode value) {
        return ChaosFault.parse(value.isString() ? value.stringValue() : "")
                .orElseThrow(() -> new InvalidChaosSettingsException("fault", "must be one of "
                        + Arrays.toString(ChaosFault.values()) + " or null, was " + value));
    }
}
