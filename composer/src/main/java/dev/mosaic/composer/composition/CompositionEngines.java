package dev.mosaic.composer.composition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every composition's engine, in the order the compositions were loaded. */
public final class CompositionEngines {

    private final List<CompositionEngine> engines;
    private final Map<String, CompositionEngine> byName = new LinkedHashMap<>();

    public CompositionEngines(List<CompositionEngine> engines) {
        this.engines = List.copyOf(engines);
        engines.forEach(e -> byName.put(e.composition().name(), e));
    }

    /** All engines. */
    public List<CompositionEngine> all() {
        return engines;
    }

    /** The engine of composition {@code name}, or null. */
    public CompositionEngine byName(String name) {
        return byName.get(name);
    }
}
