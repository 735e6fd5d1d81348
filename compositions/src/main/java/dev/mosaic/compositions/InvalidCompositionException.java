package dev.mosaic.compositions;

import java.util.List;
import java.util.stream.Collectors;

/** Composition files that cannot be served; the application must not start. */
public final class InvalidCompositionException extends RuntimeException {

    private final transient List<CompositionProblem> problems;

    public InvalidCompositionException(List<CompositionProblem> problems) {
        super(message(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one per file and field. */
    public List<CompositionProblem> problems() {
        return problems;
    }

    private static String message(List<CompositionProblem> problems) {
        return problems.size() == 1 ? "Invalid composition: " + problems.get(0)
                : "Invalid compositions (" + problems.size() + " problems):\n" + problems.stream()
                        .map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
