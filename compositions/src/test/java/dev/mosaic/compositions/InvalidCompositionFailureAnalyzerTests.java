package dev.mosaic.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Invalid compositions stop start-up with their problems, not a bean-creation stack trace. */
class InvalidCompositionFailureAnalyzerTests {

    private static final InvalidCompositionException INVALID = new InvalidCompositionException(List.of(
            new CompositionProblem("my-views/a.yaml", "name", "'A' must match [a-z][a-z0-9-]{0,39}"),
            new CompositionProblem("my-views/b.yaml", "sections.user.source", "unknown source 'users'")));

    @Test
    void describesTheFailureAsTheProblemsFound() {
        FailureAnalysis analysis = new InvalidCompositionFailureAnalyzer().analyze(
                new IllegalStateException("Error creating bean 'compositions'", INVALID));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("""
                Invalid compositions (2 problems):
                  - my-views/a.yaml: name: 'A' must match [a-z][a-z0-9-]{0,39}
                  - my-views/b.yaml: sections.user.source: unknown source 'users'""");
        assertThat(analysis.getAction()).startsWith("Fix the composition file(s) and field(s) named above");
        assertThat(analysis.getCause()).isSameAs(INVALID);
    }

    @Test
    void leavesOtherFailuresToOtherAnalyzers() {
        assertThat(new InvalidCompositionFailureAnalyzer().analyze(new IllegalStateException("port in use")))
                .isNull();
    }

    @Test
    void isRegisteredAsAFailureAnalyzer() {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> {
                }));

        assertThat(analyzers).hasAtLeastOneElementOfType(InvalidCompositionFailureAnalyzer.class);
    }
}
