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
    void offersTheExperimentsOfTheIssues() {
        assertThat(Experiments.names()).containsExactly("baseline", "slow-recommendations", "flaky-orders",
                "recommendations-outage", "user-resets", "overload", "stragglers", "thundering-herd",
                "backend-instance-loss", "rolling-restart");
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
    void overloadStepsToThreeTimesCapacityOverManyClientsTheAdaptiveLimitFirstThenAFixedOne() {
        LoadProfile load = Experiments.overload().loadFor(settings);

        assertThat(load.isStep()).isTrue();
        assertThat(load.faultRate()).isEqualTo(RunSettings.DEFAULT_CAPACITY * 3);
        assertThat(load.clients()).isEqualTo(RunSettings.DEFAULT_USERS);
        assertThat(Experiments.overload().fault()).isEmpty();
        assertThat(Experiments.overload().traffic().routing())
                .isEqualTo(Traffic.Routing.halves(Experiments.ADAPTIVE_DASHBOARD, Traffic.DASHBOARD));
        RunSettings smaller = RunSettings.from(Map.of("mosaic.loadtest.capacity", "100",
                "mosaic.loadtest.overload-factor", "2"));
        assertThat(Experiments.overload().loadFor(smaller).faultRate()).isEqualTo(200);
    }

    @Test
    void onlyUserResetsAsksForColdUsersDuringTheFault() {
        assertThat(Experiments.all()).filteredOn(Experiment::coldUsersDuringFault)
                .extracting(Experiment::name).containsExactly("user-resets");
    }

    @Test
    void stragglersComparesTheShippedDashboardAgainstTheHedgedOneHalfAFaultEach() {
        Experiment stragglers = Experiments.stragglers();
        RunSettings its = RunSettings.from(Map.of("mosaic.loadtest.experiment", "stragglers"));
        Phases phases = its.phases(); // 3 min: fault at 45 s, cleared at 117 s

        Traffic.Routing routing = stragglers.traffic().routing();
        assertThat(routing.pathAt(10_000, phases, 0)).isEqualTo(Traffic.DASHBOARD);
        assertThat(routing.pathAt(10_000, phases, 1)).isEqualTo(Experiments.HEDGED_DASHBOARD);
        assertThat(routing.pathAt(50_000, phases, 1)).isEqualTo(Traffic.DASHBOARD);
        assertThat(routing.pathAt(90_000, phases, 0)).isEqualTo(Experiments.HEDGED_DASHBOARD);
        assertThat(routing.pathAt(120_000, phases, 1)).isEqualTo(Experiments.HEDGED_DASHBOARD);
        assertThat(stragglers.schedule(its).steps()).contains(
                ChaosStep.inject(Duration.ofSeconds(45), "orders", Map.of("slowRate", 0.02, "slowMs", 600)));
    }

    @Test
    void anExperimentRunsAtItsOwnRateAndLengthUnlessTheRunSaysOtherwise() {
        RunSettings its = RunSettings.from(Map.of("mosaic.loadtest.experiment", "stragglers"));
        RunSettings told = RunSettings.from(Map.of("mosaic.loadtest.experiment", "stragglers",
                "mosaic.loadtest.rate", "25", "mosaic.loadtest.duration", "90s"));
        RunSettings smoke = RunSettings.from(Map.of("mosaic.loadtest.experiment", "stragglers",
                "mosaic.loadtest.smoke", "true"));

        assertThat(its.rate()).isEqualTo(40);
        assertThat(its.duration()).isEqualTo(Duration.ofMinutes(3));
        assertThat(told.rate()).isEqualTo(25);
        assertThat(told.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(smoke.rate()).isEqualTo(RunSettings.SMOKE_RATE);
        assertThat(RunSettings.from(Map.of("mosaic.loadtest.experiment", "baseline")).rate())
                .isEqualTo(RunSettings.DEFAULT_RATE);
    }

    @Test
    void theHerdIsOneUsersBurstAloneInTheFaultWindow() {
        Experiment herd = Experiments.thunderingHerd();
        LoadProfile load = herd.loadFor(settings);

        assertThat(load.faultRate()).isZero();
        assertThat(load.baseRate()).isEqualTo(20);
        assertThat(herd.traffic().burst()).hasValueSatisfying(burst -> {
            assertThat(burst.userId()).isEqualTo(Experiments.HERD_USER);
            assertThat(burst.requests()).isEqualTo(1_000);
            assertThat(burst.over()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(herd.schedule(settings).steps())
                .contains(ChaosStep.inject(Duration.ofSeconds(15), "orders", Map.of("latencyMs", 300)));
        assertThat(herd.traffic().routing().pathAt(20_000, settings.phases(), 3)).isEqualTo(Traffic.DASHBOARD);
    }
}
