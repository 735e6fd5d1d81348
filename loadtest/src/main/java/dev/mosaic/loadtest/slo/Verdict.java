package dev.mosaic.loadtest.slo;

/** The outcome of one SLO. */
public enum Verdict {
    /** Met. */
    PASS,
    /** Not met: the run fails. */
    FAIL,
    /** Could not be judged because a source of figures was missing; reported, not failed. */
    UNAVAILABLE
}
