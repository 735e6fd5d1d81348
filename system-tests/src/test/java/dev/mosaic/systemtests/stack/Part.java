package dev.mosaic.systemtests.stack;

/** The three running applications, with the name of their Prometheus job in deploy/observability. */
public enum Part {
    STUBS("stub-services"), COMPOSER("composer"), GATEWAY("gateway");

    private final String job;

    Part(String job) {
        this.job = job;
    }

    /** The job name in {@code deploy/observability/prometheus.yml} and the jar's name. */
    public String job() {
        return job;
    }
}
