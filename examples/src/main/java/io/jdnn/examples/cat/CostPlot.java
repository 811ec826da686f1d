package io.jdnn.examples.cat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The cost curve as the course plots it after training: the cost every {@code every} iterations
 * (the course keeps one per hundred) against "iterations (per hundreds)", the learning rate in the
 * title; drawn with XChart. Behind it, in a lighter colour, the cost of every iteration, which shows
 * the oscillation that sampling every hundredth iteration hides.
 *
 * <pre>{@code
 * ImageIO.write(CostPlot.draw(costs, 0.0075, 100), "png", file);
 * }</pre>
 */
final class CostPlot {
  static final int WIDTH = 800;
  static final int HEIGHT = 600;
  private static final Color COURSE_BLUE = new Color(31, 119, 180); // matplotlib's first colour
  private static final Color LIGHT_BLUE = new Color(174, 199, 232);

  private CostPlot() {}

  /** The plot of {@code costs} (one per iteration), sampled every {@code every} iterations as the course does. */
  static BufferedImage draw(double[] costs, double learningRate, int every) {
    XYChart chart = new XYChartBuilder()
        .width(WIDTH)
        .height(HEIGHT)
        .title("Learning rate = " + trim(learningRate))
        .xAxisTitle("iterations (per hundreds)")
        .yAxisTitle("cost")
        .build();
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
    chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    chart.getStyler().setYAxisDecimalPattern("#0.###");
    chart.getStyler().setXAxisDecimalPattern("#0.#");

    double[] x = new double[costs.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i / 100.0;
    }
    XYSeries all = chart.addSeries("every iteration", x, costs);
    all.setMarker(SeriesMarkers.NONE);
    all.setLineColor(LIGHT_BLUE);
    all.setLineWidth(1f);

    int samples = (costs.length - 1) / every + 1 + ((costs.length - 1) % every == 0 ? 0 : 1);
    double[] sx = new double[samples];
    double[] sy = new double[samples];
    for (int n = 0; n < samples; n++) {
      int i = Math.min(n * every, costs.length - 1); // the last sample is the last iteration
      sx[n] = x[i];
      sy[n] = costs[i];
    }
    XYSeries course = chart.addSeries("every " + every + " iterations, as the course plots it", sx, sy);
    course.setMarker(SeriesMarkers.NONE);
    course.setLineColor(COURSE_BLUE);
    course.setLineWidth(2.5f);
    return BitmapEncoder.getBufferedImage(chart);
  }

  /** 0.0075 rather than 0.007500 or 7.5E-3. */
  private static String trim(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
  }
}
