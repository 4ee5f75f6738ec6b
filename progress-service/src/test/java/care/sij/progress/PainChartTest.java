package care.sij.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG report read as an XML document, the way a browser or a PDF tool will read it. */
@QuarkusTest
class PainChartTest {
  private static final String SVG_NS = "http://www.w3.org/2000/svg";
  private static final List<String> LEGEND = List.of("daily score", "7-day average", "session day", "baseline", "meaningful change");
  private final String tenant = "t-" + UUID.randomUUID();

  @Test
  void chartOfTwoWeeksOfEntriesIsWellFormedSvgWithEverySeries() throws Exception {
    String patient = ReportTest.twoWeeksOfEntries(tenant);
    String to = ReportTest.to();
    String ref = Stubs.as(tenant).accept("application/json").when().get("/v1/patients/" + patient + "/report?to=" + to).then()
        .statusCode(200).extract().path("progress.patientRef");

    Document svg = chart(patient, "?to=" + to);

    List<Element> scores = elements(svg, "circle");
    assertEquals(14, scores.size(), "a dot per day with entries");
    double highY = y(scores.get(0), "cy");
    double lowY = y(scores.get(13), "cy");
    assertTrue(highY < lowY, "a score of 6 is drawn above a score of 3");
    assertEquals(1, elements(svg, "rect").stream().filter(r -> "g".equals(r.getParentNode().getLocalName())).count(),
        "a mark for the one session day");
    List<Element> paths = elements(svg, "path");
    assertEquals(1, paths.size(), "the 7-day average is one line");
    assertEquals(13, paths.get(0).getAttribute("d").chars().filter(c -> c == 'L').count(), "the average has a point on each of the 14 days");
    List<Element> dashed = elements(svg, "line").stream().filter(l -> l.hasAttribute("stroke-dasharray")).toList();
    assertEquals(2, dashed.size(), "the baseline and the meaningful-change line");
    assertEquals(highY, y(dashed.get(0), "y1"), "the baseline sits at the first week's score");
    assertTrue(y(dashed.get(1), "y1") > highY, "a meaningful improvement lies below the baseline");
    List<String> texts = texts(svg);
    assertTrue(texts.contains("Pain (0-10) of patient " + ref), "the chart names the patient: " + texts);
    assertTrue(texts.contains(LocalDate.ofInstant(ReportTest.DAY0, ZoneOffset.UTC).toString()), "the first day is labelled: " + texts);
    assertAxesAndLegend(svg);
  }

  @Test
  void chartOfAPatientWithoutEntriesIsWellFormedSvgWithAxesAndLegendOnly() throws Exception {
    Stubs.healthy();
    String patient = Stubs.patient(tenant, null);

    Document svg = chart(patient, "");

    assertEquals(List.of(), elements(svg, "circle"), "no daily scores");
    assertEquals(List.of(), elements(svg, "path"), "no average");
    assertTrue(elements(svg, "line").stream().noneMatch(l -> l.hasAttribute("stroke-dasharray")), "no baseline without entries");
    assertAxesAndLegend(svg);
  }

  private static void assertAxesAndLegend(Document svg) {
    List<String> texts = texts(svg);
    for (String tick : List.of("0", "2", "4", "6", "8", "10")) {
      assertTrue(texts.contains(tick), "the axis shows " + tick + ": " + texts);
    }
    assertEquals(6, elements(svg, "line").stream().filter(l -> !l.hasAttribute("stroke-dasharray")).count(), "a grid line per tick");
    assertTrue(texts.containsAll(LEGEND), "the legend names every series: " + texts);
  }

  private Document chart(String patient, String query) throws Exception {
    byte[] body = Stubs.as(tenant).accept("image/svg+xml").when().get("/v1/patients/" + patient + "/report" + query).then()
        .statusCode(200).contentType("image/svg+xml").extract().asByteArray();
    Document svg = parse(body);
    assertEquals("svg", svg.getDocumentElement().getLocalName());
    assertEquals(SVG_NS, svg.getDocumentElement().getNamespaceURI());
    return svg;
  }

  static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  static Document parse(String xml) throws Exception {
    return parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  static List<Element> elements(Document svg, String name) {
    NodeList nodes = svg.getElementsByTagNameNS(SVG_NS, name);
    return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
  }

  static List<String> texts(Document svg) {
    return elements(svg, "text").stream().map(Element::getTextContent).toList();
  }

  private static double y(Element element, String attribute) {
    return Double.parseDouble(element.getAttribute(attribute));
  }
}
