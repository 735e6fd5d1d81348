package dev.mosaic.loadtest.slo;

import java.util.function.Function;

/** An SLO made of a name and a judgement. */
record NamedSlo(String name, Function<RunData, SloResult> judge) implements Slo {

    @Override
    public SloResult evaluate(RunData run) {
        return judge.apply(run);
    }
}
