package dev.mosaic.loadtest.slo;

/**
 * The judgement of one SLO.
 *
 * @param slo      what was required, e.g. {@code p99 during fault < 1000 ms}
 * @param verdict  met, not met, or not judgeable
 * @param measured what the run showed, e.g. {@code p99 = 212 ms over 480 requests}
 */
public record SloResult(String slo, Verdict verdict, String measured) {

    public static SloResult pass(String slo, String measured) {
        return new SloResult(slo, Verdict.PASS, measured);
    }

    public static SloResult fail(String slo, String measured) {
        return new SloResult(slo, Verdict.FAIL, measured);
    }

    public static SloResult unavailable(String slo, String why) {
        return new SloResult(slo, Verdict.UNAVAILABLE, why);
    }

    /** PASS or FAIL from a condition. */
    public static SloResult judge(String slo, boolean met, String measured) {
        return met ? pass(slo, measured) : fail(slo, measured);
    }

    public boolean failed() {
        return verdict == Verdict.FAIL;
    }
}
