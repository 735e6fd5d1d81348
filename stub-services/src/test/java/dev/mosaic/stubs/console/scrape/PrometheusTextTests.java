package dev.mosaic.stubs.console.scrape;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTests {

    @Test
    void readsNamesLabelsAndValuesAndSkipsComments() {
        MetricSamples samples = PrometheusText.parse("""
                # HELP mosaic_section_seconds Time spent on one section
                # TYPE mosaic_section_seconds histogram
                mosaic_section_seconds_bucket{composition="dashboard",section="user",le="0.005"} 3
                mosaic_section_seconds_bucket{composition="dashboard",section="user",le="+Inf"} 7
                process_uptime_seconds 44.0

                jvm_info{vendor="Eclipse \\"Adoptium\\"",path="C:\\\\jdk",note="a\\nb"} 1.0
                odd_gauge NaN
                """);

        assertThat(samples.all("mosaic_section_seconds_bucket")).hasSize(2);
        assertThat(samples.all("mosaic_section_seconds_bucket").get(1).labels())
                .containsExactly(Map.entry("composition", "dashboard"), Map.entry("section", "user"), Map.entry("le", "+Inf"));
        assertThat(samples.sum("mosaic_section_seconds_bucket", s -> s.is("le", "0.005"))).isEqualTo(3.0);
        assertThat(samples.all("process_uptime_seconds").get(0).value()).isEqualTo(44.0);
        assertThat(samples.all("jvm_info").get(0).labels())
                .containsEntry("vendor", "Eclipse \"Adoptium\"").containsEntry("path", "C:\\jdk").containsEntry("note", "a\nb");
        assertThat(samples.all("odd_gauge").get(0).value()).isNaN();
        assertThat(samples.all("mosaic_section_seconds")).as("comments are not samples").isEmpty();
    }

    @Test
    void skipsLinesItCannotReadAndKeepsTheRest() {
        MetricSamples samples = PrometheusText.parse("""
                broken{label="no end 1
                also_broken{=""} 2
                no_value
                not_a_number{a="b"} twelve
                good_one{a="b"} 12 1700000000000
                """);

        assertThat(samples.counts()).containsOnlyKeys("good_one");
        assertThat(samples.all("good_one").get(0).value()).isEqualTo(12.0);
    }
}
