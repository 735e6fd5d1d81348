package dev.mosaic.loadtest.experiment;

/**
 * The open-model arrival rate of an experiment: {@code baseRate} dashboards per second throughout,
 * except during the fault window where {@code faultRate} applies (equal unless the experiment is a
 * load step, as {@code overload} is, or zero when only a burst is sent then, as in
 * {@code thundering-herd}).
 *
 * @param baseRate  arrivals per second outside the fault window
 * @param faultRate arrivals per second during the fault window
 * @param clients   distinct token subjects the traffic is spread over; each is one rate-limit client
 */
public record LoadProfile(double baseRate, double faultRate, int clients) {

    public LoadProfile {
        if (!(baseRate > 0) || !(faultRate >= 0)) {
            throw new IllegalArgumentException("the base rate must be positive and the fault window's at least 0, were "
                    + baseRate + " and " + faultRate);
        }
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client is needed, was " + clients);
        }
    }

    /** The same rate throughout. */
    public static LoadProfile constant(double rate, int clients) {
        return new LoadProfile(rate, rate, clients);
    }

    /** Whether the rate changes at the fault window. */
    public boolean isStep() {
        return Double.compare(baseRate, faultRate) != 0;
    }
}
