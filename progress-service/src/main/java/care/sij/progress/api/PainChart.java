package care.sij.progress.api;

import care.sij.progress.domain.ProgressCalculator;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.svg.SVGGraphics2D;

/**
 * The pain chart of the clinician report: daily scores, the 7-day average, session days, the
 * baseline and the line a meaningful improvement must reach.
 */
final class PainChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;
  private static final int LEFT = 50;
  private static final int RIGHT = 170;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final Color DAILY = new Color(0x1f77b4);
  private static final Color AVERAGE = new Color(0xd62728);
  private static final Color SESSION = new Color(0x2ca02c);
  private static final Color BASELINE = new Color(0x555555);
  private static final Color MEANINGFUL = new Color(0x9467bd);

  private PainChart() {}

  static String svg(ProgressResponse.Report report) {
    List<ProgressCalculator.Day> days = report.days();
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    g.setFont(new Font("SansSerif", Font.PLAIN, 12));
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    int n = Math.max(days.size(), 1);
    double step = plotWidth / Math.max(n - 1, 1);
    java.util.function.DoubleUnaryOperator y = score -> TOP + plotHeight * (1 - score / 10.0);
    java.util.function.IntToDoubleFunction x = i -> LEFT + (n == 1 ? plotWidth / 2 : i * step);

    g.setColor(Color.BLACK);
    g.drawString("Pain (0-10) of patient " + report.progress().patientRef(), LEFT, 22);
    g.setColor(new Color(0xdddddd));
    for (int s = 0; s <= 10; s += 2) {
      g.draw(new Line2D.Double(LEFT, y.applyAsDouble(s), LEFT + plotWidth, y.applyAsDouble(s)));
      g.setColor(Color.DARK_GRAY);
      g.drawString(Integer.toString(s), LEFT - 22, (float) y.applyAsDouble(s) + 4);
      g.setColor(new Color(0xdddddd));
    }
    g.setColor(Color.DARK_GRAY);
    if (!days.isEmpty()) {
      g.drawString(days.get(0).date().toString(), LEFT, HEIGHT - BOTTOM + 20);
      g.drawString(days.get(days.size() - 1).date().toString(), (float) (LEFT + plotWidth - 70), HEIGHT - BOTTOM + 20);
    }

    g.setColor(SESSION);
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).sessions() > 0) {
        g.fill(new Rectangle2D.Double(x.applyAsDouble(i) - 2, HEIGHT - BOTTOM + 28, 4, 10));
      }
    }

    var progress = report.progress();
    if (progress.baseline() != null) {
      dashed(g, BASELINE, y.applyAsDouble(progress.baseline().value().doubleValue()), plotWidth);
      dashed(g, MEANINGFUL, y.applyAsDouble(progress.meaningfulImprovementLine().doubleValue()), plotWidth);
    }

    g.setStroke(new BasicStroke(2f));
    g.setColor(AVERAGE);
    Path2D.Double average = new Path2D.Double();
    boolean started = false;
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).rolling7() != null) {
        double px = x.applyAsDouble(i);
        double py = y.applyAsDouble(days.get(i).rolling7().doubleValue());
        if (started) {
          average.lineTo(px, py);
        } else {
          average.moveTo(px, py);
          started = true;
        }
      }
    }
    g.draw(average);

    g.setColor(DAILY);
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).average() != null) {
        g.fill(new Ellipse2D.Double(x.applyAsDouble(i) - 3, y.applyAsDouble(days.get(i).average().doubleValue()) - 3, 6, 6));
      }
    }

    legend(g, 0, DAILY, "daily score");
    legend(g, 1, AVERAGE, "7-day average");
    legend(g, 2, SESSION, "session day");
    legend(g, 3, BASELINE, "baseline");
    legend(g, 4, MEANINGFUL, "meaningful change");
    return g.getSVGDocument();
  }

  private static void dashed(SVGGraphics2D g, Color color, double py, double plotWidth) {
    g.setColor(color);
    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    g.draw(new Line2D.Double(LEFT, py, LEFT + plotWidth, py));
    g.setStroke(new BasicStroke(1f));
  }

  private static void legend(SVGGraphics2D g, int row, Color color, String label) {
    double lx = WIDTH - RIGHT + 20;
    double ly = TOP + 10 + row * 22;
    g.setColor(color);
    g.fill(new Rectangle2D.Double(lx, ly - 8, 14, 8));
    g.setColor(Color.BLACK);
    g.drawString(label, (float) lx + 20, (float) ly);
  }
}
