package dev.mosaic.loadtest.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.mosaic.loadtest.chaos.ChaosStep;
import org.junit.jupiter.api.Test;

class ExperimentsTests {

    private final RunSettings settings = RunSettings.from(Map.of("mosaic.loadtest.duration", "60s",
            "mosaic.loadtest.rate", "20"));

    @Test
    void offersTheSixExperimentsOfTheIssueAndTheRollingRestart() {
        assertThat(Experiments.names()).containsExactly("baseline", "slow-recommendations", "flaky-orders",
                "recommendations-outage", "user-resets", "overload", "rolling-restart");
        assertThat(Experiments.all()).allSatisfy(e -> {
            assertThat(e.hypothesis()).isNotBlank();
            assertThat(e.slos()).isNotEmpty();
        });
    }

    @Test
    void everyExperimentHasASimulationNamedAfterIt() throws Exception {
        for (String name : Experiments.names()) {
            String camel = java.util.Arrays.stream(name.split("-"))
                    .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).reduce("", String::concat);
            Class<?> simulation = Class.forName("dev.mosaic.loadtest.simulation." + camel + "Simulation");
            assertThat(simulation.getSuperclass().getSimpleName()).isEqualTo("ExperimentSimulation");
        }
    }

    @Test
    void outageInjectsTheFaultAtTheEndOfWarmupAndClearsItForRecovery() {
        Experiment outage = Experiments.byName("recommendations-outage").orElseThrow();

        assertThat(outage.schedule(settings).steps()).containsExactly(
                ChaosStep.reset(Duration.ZERO),
                ChaosStep.inject(Duration.ofSeconds(15), "recommendations", Map.of("down", true)),
                ChaosStep.clear(Duration.ofSeconds(39), "recommendations"));
    }

    @Test
    void baselineOnlyResetsTheChaos() {
        assertThat(Experiments.baseline().schedule(settings).steps()).containsExactly(ChaosStep.reset(Duration.ZERO));
    }

    @Test
    void faultExperimentsSpreadTrafficOverManyClientsAtAConstantRate() {
        LoadProfile load = Experiments.flakyOrders().loadFor(settings);

        assertThat(load.isStep()).isFalse();
        assertThat(load.baseRate()).isEqualTo(20);
        assertThat(load.clients()).isEqualTo(RunSettings.DEFAULT_USERS);
    }

    @Test
    void overloadStepsTheRatePastCapacityFromFewClients() {
        LoadProfile load = Experiments.overload().loadFor(settings);

        assertThat(load.isStep()).isTrue();
        assertThat(load.faultRate()).isEqualTo(20 * RunSettings.DEFAULT_OVERLOAD_FACTOR);
        assertThat(load.clients()).isEqualTo(RunSettings.DEFAULT_OVERLOAD_CLIENTS);
        assertThat(Experiments.overload().fault()).isEmpty();
    }

    @Test
    void onlyUserResetsAsksForColdUsersDuringTheFault() {
        assertThat(Experiments.all()).filteredOn(Experiment::coldUsersDuringFault)
                .extracting(Experiment::name).containsExactly("user-resets");
    }
}
