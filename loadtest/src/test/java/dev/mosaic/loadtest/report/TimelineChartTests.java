package dev.mosaic.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import dev.mosaic.loadtest.RunFixtures;
import dev.mosaic.loadtest.chaos.AppliedChaos;
import dev.mosaic.loadtest.chaos.ChaosStep;
import dev.mosaic.loadtest.experiment.Experiments;
import dev.mosaic.loadtest.experiment.RunSettings;
import dev.mosaic.loadtest.slo.RunData;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class TimelineChartTests {

    private final RunData run = RunFixtures.outage();
    private final Summary summary = SummaryBuilder.build(Experiments.recommendationsOutage(),
            RunSettings.from(Map.of("mosaic.loadtest.duration", "40s")), run,
            List.of(new AppliedChaos(RunFixtures.START + 10_000, ChaosStep.inject(Duration.ofSeconds(10), "recommendations",
                            Map.of("down", true)), 200, "{}"),
                    new AppliedChaos(RunFixtures.START + 26_000, ChaosStep.clear(Duration.ofSeconds(26), "recommendations"),
                            200, "{}")),
            List.of());

    private Document svg() throws Exception {
        String svg = TimelineChart.render(summary, run.circuits().values());
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static NodeList nodes(Document doc, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
    }

    @Test
    void isWellFormedSvgWithTheThreeLatencyLines() throws Exception {
        Document doc = svg();

        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(nodes(doc, "//*[local-name()='polyline']")).satisfies(n -> assertThat(n.getLength()).isEqualTo(3));
        String p99 = nodes(doc, "//*[@class='latency-p99']").item(0).getAttributes().getNamedItem("points").getNodeValue();
        assertThat(p99.split(" ")).hasSize(40);
    }

    @Test
    void shadesTheFaultWindowBetweenInjectionAndClearing() throws Exception {
        var rect = nodes(svg(), "//*[@class='fault-window']").item(0).getAttributes();
        double x = Double.parseDouble(rect.getNamedItem("x").getNodeValue());
        double width = Double.parseDouble(rect.getNamedItem("width").getNodeValue());
        double perSecond = (TimelineChart.RIGHT - TimelineChart.LEFT) / 40.0;

        assertThat(x).isCloseTo(TimelineChart.LEFT + 10 * perSecond, org.assertj.core.data.Offset.offset(0.1));
        assertThat(width).isCloseTo(16 * perSecond, org.assertj.core.data.Offset.offset(0.1));
        assertThat(nodes(svg(), "//*[@class='chaos-event']").getLength()).isEqualTo(2);
    }

    @Test
    void drawsTheBreakerOpenWhileItWasOpen() throws Exception {
        NodeList open = nodes(svg(), "//*[contains(@class,'circuit-recommendations state-open')]");
        NodeList closed = nodes(svg(), "//*[contains(@class,'circuit-recommendations state-closed')]");

        assertThat(open.getLength()).isEqualTo(16);
        assertThat(closed.getLength()).isEqualTo(24);
    }

    @Test
    void marksDegradedSecondsInTheShareBand() throws Exception {
        assertThat(nodes(svg(), "//*[@class='degraded']").getLength()).isEqualTo(18);
        assertThat(nodes(svg(), "//*[@class='errors']").getLength()).isZero();
    }

    @Test
    void stretchesTheTimeAxisOverRequestsSentAfterThePlannedEnd() throws Exception {
        List<RequestRecord> late = new java.util.ArrayList<>(run.requests());
        late.add(RequestRecord.ok(RunFixtures.START + 49_500, 20));
        RunData stretched = new RunData(run.phases(), run.startEpochMs(), late, run.samples(), run.circuits());
        Summary s = SummaryBuilder.build(Experiments.recommendationsOutage(),
                RunSettings.from(Map.of("mosaic.loadtest.duration", "40s")), stretched, List.of(), List.of());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                TimelineChart.render(s, stretched.circuits().values()).getBytes(StandardCharsets.UTF_8)));

        String[] points = nodes(doc, "//*[@class='latency-p99']").item(0).getAttributes().getNamedItem("points")
                .getNodeValue().split(" ");
        double lastX = Double.parseDouble(points[points.length - 1].split(",")[0]);
        assertThat(lastX).isLessThanOrEqualTo(TimelineChart.RIGHT);
        assertThat(lastX).isGreaterThan(TimelineChart.RIGHT - 50);
    }

    @Test
    void roundsTheLatencyAxisToANiceNumberAndEscapesText() {
        assertThat(TimelineChart.niceCeiling(39)).isEqualTo(50);
        assertThat(TimelineChart.niceCeiling(120)).isEqualTo(200);
        assertThat(TimelineChart.niceCeiling(1000)).isEqualTo(1000);
        assertThat(TimelineChart.escape("PUT /chaos/x {a=\"<b>&\"}")).isEqualTo("PUT /chaos/x {a=&quot;&lt;b&gt;&amp;&quot;}");
    }
}
