package dev.mosaic.systemtests.prometheus;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PromQlExpressionTests {

    @Test
    void findsTheMetricInsideFunctionsAggregationsAndRanges() {
        PromQlExpression e = PromQlExpression.parse(
                "sum by (section, reason) (rate(mosaic_section_seconds_count{job=\"composer\",status=~\"DEGRADED|FAILED\"}[$__rate_interval]))");

        assertThat(e.metricNames()).containsExactly("mosaic_section_seconds_count");
        assertThat(e.groupingLabels()).containsExactly("section", "reason");
        assertThat(e.selectors().get(0).matchers()).containsExactly(
                Map.entry("job", new PromQlExpression.Matcher("=", "composer")),
                Map.entry("status", new PromQlExpression.Matcher("=~", "DEGRADED|FAILED")));
    }

    @Test
    void doesNotTakeFunctionsNumbersOrKeywordsForMetrics() {
        PromQlExpression e = PromQlExpression.parse(
                "histogram_quantile(0.95, sum by (le, outcome) (rate(mosaic_dashboard_seconds_bucket[5m]))) > bool 0.5 "
                        + "and on (outcome) vector(1) offset 1m");

        assertThat(e.metricNames()).containsExactly("mosaic_dashboard_seconds_bucket");
        assertThat(e.groupingLabels()).containsExactly("le", "outcome");
    }

    @Test
    void findsEveryMetricOfABinaryExpression() {
        PromQlExpression e = PromQlExpression.parse(
                "sum(rate(a_total{job=\"gateway\"}[1m])) by (route) / ignoring (kind) group_left (name) b_seconds_count");

        assertThat(e.metricNames()).containsExactly("a_total", "b_seconds_count");
        assertThat(e.groupingLabels()).containsExactlyInAnyOrder("route", "kind", "name");
    }

    @Test
    void readsMatchersWithEscapedQuotesAndCommasInValues() {
        PromQlExpression e = PromQlExpression.parse("m{a=\"x,\\\"y\\\"}\", b!='z'}");

        assertThat(e.selectors().get(0).matchers())
                .containsEntry("a", new PromQlExpression.Matcher("=", "x,\"y\"}"))
                .containsEntry("b", new PromQlExpression.Matcher("!=", "z"));
    }

    @Test
    void takesTheNameOfANamelessSelectorFromItsNameMatcher() {
        assertThat(PromQlExpression.parse("{__name__=\"up\", job=\"composer\"}").metricNames()).containsExactly("up");
    }

    @Test
    void rejectsUnbalancedBracketsAndMalformedMatchers() {
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlExpression.parse("sum(rate(x[1m])"));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlExpression.parse("sum(x))"));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlExpression.parse("x{job=\"a\""));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlExpression.parse("x{job=a}"));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlExpression.parse("rate(x[1m)"));
    }

    @Test
    void rejectsAnExpressionThatSelectsNothing() {
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlExpression.parse("vector(1) + 2"));
    }
}
