package care.sij.progress.api;

import care.sij.progress.domain.ProgressCalculator;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * The pain chart of the clinician report: daily scores, the 7-day average, session days, the
 * baseline and the line a meaningful improvement must reach. The geometry is worked out here into a
 * {@link Chart} of ready coordinates; the template templates/PainChart/painChart.xml only lays it
 * out. Its .xml suffix makes Qute escape every value as XML (a .svg one would not be escaped).
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
  private static final String DASHES = "6 4";

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance painChart(Chart chart);
  }

  /** Everything the template draws, each coordinate already a string with at most one decimal. */
  record Chart(int width, int height, Text title, List<Tick> ticks, List<Text> dates, String sessionColor, List<Point> sessions,
      List<Line> thresholds, String averagePath, String averageColor, String dailyColor, List<Point> scores, List<Legend> legend) {}

  record Text(String x, String y, String color, String text) {}

  record Tick(Line grid, Text label) {}

  record Line(String x1, String y1, String x2, String y2, String color, String width, String dashes) {}

  record Point(String x, String y) {}

  record Legend(String x, String y, String color, Text label) {}

  private PainChart() {}

  static String svg(ProgressResponse.Report report) {
    return Templates.painChart(chart(report)).render();
  }

  static Chart chart(ProgressResponse.Report report) {
    List<ProgressCalculator.Day> days = report.days();
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    int n = Math.max(days.size(), 1);
    double step = plotWidth / Math.max(n - 1, 1);
    java.util.function.DoubleUnaryOperator y = score -> TOP + plotHeight * (1 - score / 10.0);
    java.util.function.IntToDoubleFunction x = i -> LEFT + (n == 1 ? plotWidth / 2 : i * step);

    Text title = text(LEFT, 22, "black", "Pain (0-10) of patient " + report.progress().patientRef());
    List<Tick> ticks = new ArrayList<>(6);
    for (int s = 0; s <= 10; s += 2) {
      double py = y.applyAsDouble(s);
      ticks.add(new Tick(line(LEFT, py, LEFT + plotWidth, py, GRID, 1, null), text(LEFT - 22, py + 4, LABEL, Integer.toString(s))));
    }
    List<Text> dates = days.isEmpty() ? List.of() : List.of(
        text(LEFT, HEIGHT - BOTTOM + 20, LABEL, days.get(0).date().toString()),
        text(LEFT + plotWidth - 70, HEIGHT - BOTTOM + 20, LABEL, days.get(days.size() - 1).date().toString()));

    String sessionY = number(HEIGHT - BOTTOM + 28);
    List<Point> sessions = new ArrayList<>();
    List<Point> scores = new ArrayList<>(days.size());
    StringBuilder path = new StringBuilder(days.size() * 16);
    for (int i = 0; i < days.size(); i++) {
      ProgressCalculator.Day day = days.get(i);
      double dx = x.applyAsDouble(i);
      if (day.sessions() > 0) {
        sessions.add(new Point(number(dx - 2), sessionY));
      }
      if (day.rolling7() != null) {
        path.append(path.length() == 0 ? "M" : " L");
        number(path, dx).append(' ');
        number(path, y.applyAsDouble(day.rolling7().doubleValue()));
      }
      if (day.average() != null) {
        scores.add(new Point(number(dx), number(y.applyAsDouble(day.average().doubleValue()))));
      }
    }

    var progress = report.progress();
    List<Line> thresholds = List.of();
    if (progress.baseline() != null) {
      double base = y.applyAsDouble(progress.baseline().value().doubleValue());
      double meaningful = y.applyAsDouble(progress.meaningfulImprovementLine().doubleValue());
      thresholds = List.of(line(LEFT, base, LEFT + plotWidth, base, BASELINE, 1.5, DASHES),
          line(LEFT, meaningful, LEFT + plotWidth, meaningful, MEANINGFUL, 1.5, DASHES));
    }

    List<Legend> legend = List.of(legend(0, DAILY, "daily score"), legend(1, AVERAGE, "7-day average"),
        legend(2, SESSION, "session day"), legend(3, BASELINE, "baseline"), legend(4, MEANINGFUL, "meaningful change"));
    return new Chart(WIDTH, HEIGHT, title, ticks, dates, SESSION, sessions, thresholds, path.length() == 0 ? null : path.toString(),
        AVERAGE, DAILY, scores, legend);
  }

  private static Legend legend(int row, String color, String label) {
    double lx = WIDTH - RIGHT + 20;
    double ly = TOP + 10 + row * 22;
    return new Legend(number(lx), number(ly - 8), color, text(lx + 20, ly, "black", label));
  }

  private static Line line(double x1, double y1, double x2, double y2, String color, double width, String dashes) {
    return new Line(number(x1), number(y1), number(x2), number(y2), color, number(width), dashes);
  }

  private static Text text(double tx, double ty, String color, String text) {
    return new Text(number(tx), number(ty), color, text);
  }

  private static String number(double value) {
    return number(new StringBuilder(8), value).toString();
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
