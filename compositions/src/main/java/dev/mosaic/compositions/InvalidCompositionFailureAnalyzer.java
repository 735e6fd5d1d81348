package dev.mosaic.compositions;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints invalid composition files as one clear start-up failure instead of a bean-creation stack trace. */
public final class InvalidCompositionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCompositionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCompositionException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the composition file(s) and field(s) named above (format: the SPEC's Compositions section, "
                        + "walk-through: the README's \"Add your own composed endpoint\"), then start again.",
                cause);
    }
}
