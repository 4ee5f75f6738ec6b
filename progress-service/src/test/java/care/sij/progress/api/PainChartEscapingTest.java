package care.sij.progress.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The chart's one text from data, the patient's reference, cannot add markup even if it got past the API's pattern. */
@QuarkusTest
class PainChartEscapingTest {
  private static final String SVG_NS = "http://www.w3.org/2000/svg";

  @Test
  void markupInThePatientsReferenceIsDrawnAsText() throws Exception {
    String hostile = "x</text><script>alert('x')</script><text a=\"1\">&amp;";
    var progress = new ProgressResponse(UUID.randomUUID(), hostile, Instant.EPOCH, Instant.EPOCH, 0, 0, null, null, null, null,
        null, 0, List.of(), List.of());

    String svg = PainChart.svg(new ProgressResponse.Report(Instant.EPOCH, progress, List.of()));

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Document chart = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, chart.getElementsByTagNameNS("*", "script").getLength(), "no element comes from the reference");
    assertEquals("Pain (0-10) of patient " + hostile, chart.getElementsByTagNameNS(SVG_NS, "text").item(0).getTextContent());
  }
}
