package dev.mosaic.loadtest.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mosaic.loadtest.experiment.Experiments;
import dev.mosaic.loadtest.experiment.RunSettings;
import org.junit.jupiter.api.Test;

/** {@code loadtest/run} and the Java side agree on names and settings. */
class RunScriptTests {

    private static final Path SCRIPT = Path.of("run");

    @Test
    void offersExactlyTheExperimentsTheSuiteKnows() throws Exception {
        Matcher m = Pattern.compile("(?m)^EXPERIMENTS=\\(([^)]*)\\)").matcher(Files.readString(SCRIPT));

        assertThat(m.find()).as("EXPERIMENTS=(...) in loadtest/run").isTrue();
        List<String> names = Arrays.stream(m.group(1).trim().split("\\s+")).toList();
        assertThat(names).containsExactlyElementsOf(Experiments.names());
    }

    @Test
    void everyOptionOfTheScriptChangesTheSettingOfTheSameName() throws Exception {
        String script = Files.readString(SCRIPT);
        Matcher m = Pattern.compile("(?m)^\\s+(--rate\\|[^)]*)\\) ;;").matcher(script);
        assertThat(m.find()).as("the option list of loadtest/run").isTrue();
        List<String> options = Arrays.stream(m.group(1).split("\\|")).map(o -> o.substring(2)).toList();

        Map<String, Function<RunSettings, Object>> read = Map.of(
                "rate", RunSettings::rate, "duration", RunSettings::duration, "users", RunSettings::users,
                "overload-factor", RunSettings::overloadFactor, "overload-clients", RunSettings::overloadClients,
                "capacity", RunSettings::capacity, "probe-interval", RunSettings::probeInterval);
        assertThat(options).containsExactlyInAnyOrderElementsOf(read.keySet());
        RunSettings defaults = RunSettings.from(Map.of());
        for (String option : options) {
            String value = option.equals("duration") || option.equals("probe-interval") ? "33s" : "7";
            RunSettings changed = RunSettings.from(Map.of(RunSettings.PREFIX + option, value));
            assertThat(read.get(option).apply(changed)).as(option).isNotEqualTo(read.get(option).apply(defaults));
        }
        assertThat(script).contains("-Dmosaic.loadtest.$k=").contains("io.gatling.app.Gatling");
        assertThat(Files.isExecutable(SCRIPT)).as("loadtest/run is executable").isTrue();
    }

    @Test
    void everyStackOfItsOwnBelongsToAKnownExperiment() throws Exception {
        List<String> stacks;
        try (var dirs = Files.list(Path.of("stacks"))) {
            stacks = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }

        assertThat(stacks).containsExactly("overload", "stragglers", "thundering-herd");
        assertThat(Experiments.names()).containsAll(stacks);
        for (String stack : stacks) {
            assertThat(Path.of("stacks", stack, "application.yml")).isRegularFile();
        }
        assertThat(Path.of("stacks/stragglers/compositions/dashboard-hedged.yaml")).isRegularFile();
        assertThat(Path.of("stacks/overload/compositions/dashboard-adaptive.yaml")).isRegularFile();
        assertThat(Files.readString(SCRIPT)).contains("SPRING_CONFIG_ADDITIONAL_LOCATION")
                .contains("MOSAIC_COMPOSITIONS_LOCATION");
    }
}
