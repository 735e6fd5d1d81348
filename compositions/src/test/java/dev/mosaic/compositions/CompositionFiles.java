package dev.mosaic.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads composition files given as text the way an application does, and checks how they are refused. */
final class CompositionFiles {

    /** The file name every single-file test uses, as messages show it. */
    static final String FILE = "my-views/profile.yaml";

    private CompositionFiles() {
    }

    /** The compositions {@code yaml} describes, with no shipped ones. */
    static Composition load(String yaml) {
        return Compositions.of(Map.of(), Map.of(FILE, yaml), Compositions.GATEWAY_ROUTES).byName(nameOf(yaml));
    }

    /** Why {@code yaml} (as {@link #FILE}) is refused; fails the test when it is accepted. */
    static InvalidCompositionException refused(String yaml) {
        return refused(Map.of(FILE, yaml));
    }

    /** Why the files (name → YAML, in order, no shipped ones) are refused; fails the test when they are accepted. */
    static InvalidCompositionException refused(Map<String, String> files) {
        Throwable thrown = catchThrowable(() -> Compositions.of(Map.of(), new LinkedHashMap<>(files),
                Compositions.GATEWAY_ROUTES));
        assertThat(thrown).as("the composition files should have been refused").isInstanceOf(
                InvalidCompositionException.class);
        return (InvalidCompositionException) thrown;
    }

    /**
     * Asserts that {@code yaml} is refused with exactly one problem, of {@link #FILE}, {@code field} and
     * {@code reason}, and that the exception's message is that one line.
     */
    static void assertRefused(String yaml, String field, String reason) {
        assertOnlyProblem(refused(yaml), FILE, field, reason);
    }

    static void assertOnlyProblem(InvalidCompositionException e, String file, String field, String reason) {
        assertThat(e.problems()).as("problems found").containsExactly(new CompositionProblem(file, field, reason));
        assertThat(e.getMessage()).isEqualTo("Invalid composition: " + file + (field.isEmpty() ? "" : ": " + field)
                + ": " + reason);
    }

    private static String nameOf(String yaml) {
        List<String> names = yaml.lines().filter(l -> l.startsWith("name: ")).map(l -> l.substring(6).trim())
                .toList();
        assertThat(names).as("test YAML names one composition").hasSize(1);
        return names.get(0);
    }
}
