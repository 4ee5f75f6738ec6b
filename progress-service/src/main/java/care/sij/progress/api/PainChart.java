package care.sij.progress.api;

import care.sij.progress.domain.ProgressCalculator;
import java.util.List;

/**
 * The pain chart of the clinician report: daily scores, the 7-day average, session days, the
 * baseline and the line a meaningful improvement must reach. Written as SVG text directly: a year
 * of days is a few hundred elements, which a Graphics2D-to-SVG layer made the costliest part of the
 * report (fonts loaded, every number formatted through a double-to-string, the document copied twice).
 */
final class PainChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;
  private static final int LEFT = 50;
  private static final int RIGHT = 170;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final String DAILY = "#1f77b4";
  private static final String AVERAGE = "#d62728";
  private static final String SESSION = "#2ca02c";
  private static final String BASELINE = "#555555";
  private static final String MEANINGFUL = "#9467bd";
  private static final String GRID = "#dddddd";
  private static final String LABEL = "#404040";

  private PainChart() {}

  static String svg(ProgressResponse.Report report) {
    List<ProgressCalculator.Day> days = report.days();
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    int n = Math.max(days.size(), 1);
    double step = plotWidth / Math.max(n - 1, 1);
    java.util.function.DoubleUnaryOperator y = score -> TOP + plotHeight * (1 - score / 10.0);
    java.util.function.IntToDoubleFunction x = i -> LEFT + (n == 1 ? plotWidth / 2 : i * step);

    StringBuilder svg = new StringBuilder(16_384 + days.size() * 96);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    svg.append("<rect width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" fill=\"white\"/>\n");
    text(svg, LEFT, 22, "black", "Pain (0-10) of patient " + report.progress().patientRef());

    for (int s = 0; s <= 10; s += 2) {
      double py = y.applyAsDouble(s);
      line(svg, LEFT, py, LEFT + plotWidth, py, GRID, 1, null);
      text(svg, LEFT - 22, py + 4, LABEL, Integer.toString(s));
    }
    if (!days.isEmpty()) {
      text(svg, LEFT, HEIGHT - BOTTOM + 20, LABEL, days.get(0).date().toString());
      text(svg, LEFT + plotWidth - 70, HEIGHT - BOTTOM + 20, LABEL, days.get(days.size() - 1).date().toString());
    }

    svg.append("<g fill=\"").append(SESSION).append("\">\n");
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).sessions() > 0) {
        svg.append("<rect x=\"");
        number(svg, x.applyAsDouble(i) - 2).append("\" y=\"").append(HEIGHT - BOTTOM + 28).append("\" width=\"4\" height=\"10\"/>\n");
      }
    }
    svg.append("</g>\n");

    var progress = report.progress();
    if (progress.baseline() != null) {
      double base = y.applyAsDouble(progress.baseline().value().doubleValue());
      line(svg, LEFT, base, LEFT + plotWidth, base, BASELINE, 1.5, "6 4");
      double meaningful = y.applyAsDouble(progress.meaningfulImprovementLine().doubleValue());
      line(svg, LEFT, meaningful, LEFT + plotWidth, meaningful, MEANINGFUL, 1.5, "6 4");
    }

    StringBuilder path = new StringBuilder(days.size() * 16);
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).rolling7() != null) {
        path.append(path.length() == 0 ? "M" : " L");
        number(path, x.applyAsDouble(i)).append(' ');
        number(path, y.applyAsDouble(days.get(i).rolling7().doubleValue()));
      }
    }
    if (path.length() > 0) {
      svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(AVERAGE).append("\" stroke-width=\"2\"/>\n");
    }

    svg.append("<g fill=\"").append(DAILY).append("\">\n");
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).average() != null) {
        svg.append("<circle cx=\"");
        number(svg, x.applyAsDouble(i)).append("\" cy=\"");
        number(svg, y.applyAsDouble(days.get(i).average().doubleValue())).append("\" r=\"3\"/>\n");
      }
    }
    svg.append("</g>\n");

    legend(svg, 0, DAILY, "daily score");
    legend(svg, 1, AVERAGE, "7-day average");
    legend(svg, 2, SESSION, "session day");
    legend(svg, 3, BASELINE, "baseline");
    legend(svg, 4, MEANINGFUL, "meaningful change");
    return svg.append("</svg>\n").toString();
  }

  private static void legend(StringBuilder svg, int row, String color, String label) {
    double lx = WIDTH - RIGHT + 20;
    double ly = TOP + 10 + row * 22;
    svg.append("<rect x=\"");
    number(svg, lx).append("\" y=\"");
    number(svg, ly - 8).append("\" width=\"14\" height=\"8\" fill=\"").append(color).append("\"/>\n");
    text(svg, lx + 20, ly, "black", label);
  }

  private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String color, double width, String dashes) {
    svg.append("<line x1=\"");
    number(svg, x1).append("\" y1=\"");
    number(svg, y1).append("\" x2=\"");
    number(svg, x2).append("\" y2=\"");
    number(svg, y2).append("\" stroke=\"").append(color).append("\" stroke-width=\"");
    number(svg, width).append('"');
    if (dashes != null) {
      svg.append(" stroke-dasharray=\"").append(dashes).append('"');
    }
    svg.append("/>\n");
  }

  private static void text(StringBuilder svg, double tx, double ty, String color, String text) {
    svg.append("<text x=\"");
    number(svg, tx).append("\" y=\"");
    number(svg, ty).append("\" fill=\"").append(color).append("\">");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> svg.append("&lt;");
        case '>' -> svg.append("&gt;");
        case '&' -> svg.append("&amp;");
        default -> svg.append(c);
      }
    }
    svg.append("</text>\n");
  }

  /** A coordinate with one decimal (a tenth of a pixel), without going through a double-to-string conversion. */
  static StringBuilder number(StringBuilder out, double value) {
    long tenths = Math.round(value * 10);
    if (tenths < 0) {
      out.append('-');
      tenths = -tenths;
    }
    out.append(tenths / 10);
    if (tenths % 10 != 0) {
      out.append('.').append(tenths % 10);
    }
    return out;
  }
}
