package dev.mosaic.stubs.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * A partial chaos change, as sent to {@code PUT /chaos/{service}}: the fields it names replace the
 * current ones, the others stay (a JSON merge patch, RFC 7396). A field set to {@code null} goes
 * back to its default. Parsing rejects unknown fields and wrong types; {@link #applyTo} rejects
 * values out of range. Either way nothing has been changed yet.
 *
 * <pre>{@code
 * ChaosSettings next = ChaosPatch.parse(json).applyTo(current);
 * }</pre>
 */
public final class ChaosPatch {

    private static final ChaosSettings DEFAULTS = ChaosSettings.none(null);

    private static final Map<String, BiConsumer<JsonNode, ChaosSettings.Builder>> FIELDS = Map.of(
            "latencyMs", (v, b) -> b.latencyMs(v.isNull() ? DEFAULTS.latencyMs() : wholeNumber("latencyMs", v)),
            "jitterMs", (v, b) -> b.jitterMs(v.isNull() ? DEFAULTS.jitterMs() : wholeNumber("jitterMs", v)),
            "distribution", (v, b) -> b.distribution(v.isNull() ? DEFAULTS.distribution() : distribution(v)),
            "errorRate", (v, b) -> b.errorRate(v.isNull() ? DEFAULTS.errorRate() : rate("errorRate", v)),
            "errorStatus", (v, b) -> b.errorStatus(v.isNull() ? DEFAULTS.errorStatus() : status(v)),
            "fault", (v, b) -> b.fault(v.isNull() ? null : fault(v)),
            "faultRate", (v, b) -> b.faultRate(v.isNull() ? DEFAULTS.faultRate() : rate("faultRate", v)),
            "dribbleMs", (v, b) -> b.dribbleMs(v.isNull() ? DEFAULTS.dribbleMs() : wholeNumber("dribbleMs", v)),
            "down", (v, b) -> b.down(!v.isNull() && bool("down", v)),
            "seed", (v, b) -> { });

    /** The field names {@code PUT /chaos/{service}} accepts. */
    public static final Set<String> FIELD_NAMES = Set.copyOf(FIELDS.keySet());

    private final List<BiConsumer<JsonNode, ChaosSettings.Builder>> changes;
    private final List<JsonNode> values;
    private final boolean seedGiven;
    private final Long seed;

    private ChaosPatch(List<BiConsumer<JsonNode, ChaosSettings.Builder>> changes, List<JsonNode> values,
                       boolean seedGiven, Long seed) {
        this.changes = changes;
        this.values = values;
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
            throw new InvalidChaosSettingsException(null, "the body must be a JSON object with any of "
                    + FIELD_NAMES.stream().sorted().collect(Collectors.joining(", ")));
        }
        List<BiConsumer<JsonNode, ChaosSettings.Builder>> changes = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        for (String name : json.propertyNames()) {
            BiConsumer<JsonNode, ChaosSettings.Builder> change = FIELDS.get(name);
            if (change == null) {
                throw new InvalidChaosSettingsException(name, "unknown field; known fields are "
                        + FIELD_NAMES.stream().sorted().collect(Collectors.joining(", ")));
            }
            JsonNode value = json.get(name);
            // Type errors surface now, before anything is applied.
            change.accept(value, DEFAULTS.toBuilder());
            changes.add(change);
            values.add(value);
        }
        JsonNode seedNode = json.get("seed");
        Long seed = seedNode == null || seedNode.isNull() ? null : wholeSignedNumber("seed", seedNode);
        return new ChaosPatch(List.copyOf(changes), List.copyOf(values), seedNode != null, seed);
    }

    /**
     * The settings after this change; {@code defaultSeed} replaces a {@code "seed": null}.
     *
     * @throws InvalidChaosSettingsException if a value is out of range
     */
    public ChaosSettings applyTo(ChaosSettings current, Long defaultSeed) {
        ChaosSettings.Builder builder = current.toBuilder();
        for (int i = 0; i < changes.size(); i++) {
            changes.get(i).accept(values.get(i), builder);
        }
        if (seedGiven) {
            builder.seed(seed == null ? defaultSeed : seed);
        }
        return builder.build();
    }

    /** Whether the change carries {@code seed}, which restarts the decision sequence. */
    public boolean restartsSequence() {
        return seedGiven;
    }

    private static long wholeNumber(String field, JsonNode value) {
        long number = wholeSignedNumber(field, value);
        if (number < 0) {
            throw new InvalidChaosSettingsException(field, "must not be negative, was " + number);
        }
        return number;
    }

    private static long wholeSignedNumber(String field, JsonNode value) {
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
        return (value.isString() ? Distribution.parse(value.stringValue()) : Optional.<Distribution>empty())
                .orElseThrow(() -> new InvalidChaosSettingsException("distribution",
                        "must be one of fixed, uniform, lognormal, was " + value));
    }

    private static ChaosFault fault(JsonNode value) {
        return (value.isString() ? ChaosFault.parse(value.stringValue()) : Optional.<ChaosFault>empty())
                .orElseThrow(() -> new InvalidChaosSettingsException("fault", "must be one of "
                        + Arrays.toString(ChaosFault.values()) + " or null, was " + value));
    }
}
