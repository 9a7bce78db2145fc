package dev.jmlflow.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Plain line charts drawn with Java2D, so the benchmark needs no charting library. */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

    /** A named series of (x, y) points. */
    record Series(String name, List<double[]> points) {
    }

    /** A horizontal reference line, e.g. a goal. */
    record Line(String name, double y) {
    }

    private Charts() {
    }

    static void draw(Path file, String title, String xLabel, String yLabel, List<Series> series, List<Line> lines) throws IOException {
        double maxX = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[0]).max().orElse(1);
        double maxY = Math.max(series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(1),
                lines.stream().mapToDouble(Line::y).max().orElse(0)) * 1.1;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.drawRect(LEFT, TOP, plotW, plotH);
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - plotH * i / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT + 1, y, LEFT + plotW - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.0f", maxY * i / 5), 8, y + 4);
            int x = LEFT + plotW * i / 5;
            g.drawString(String.format(maxX >= 50 ? "%.0f" : "%.1f", maxX * i / 5), x - 10, TOP + plotH + 18);
        }
        g.drawString(xLabel, LEFT + plotW / 2 - 60, HEIGHT - 15);
        g.drawString(yLabel, 8, TOP - 10);
        int legendY = TOP + 18;
        int labelX = LEFT + plotW - 190;
        for (Line line : lines) {
            int y = (int) (TOP + plotH - plotH * line.y() / maxY);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{6, 6}, 0));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.drawString(line.name(), labelX, y - 4);
            labelX -= 190; // labels of close lines side by side, not on top of each other
        }
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            g.setColor(COLORS[s % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            int[] previous = null;
            for (double[] point : one.points()) {
                int x = (int) (LEFT + plotW * point[0] / maxX);
                int y = (int) (TOP + plotH - plotH * point[1] / maxY);
                g.fillOval(x - 3, y - 3, 6, 6);
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], x, y);
                }
                previous = new int[]{x, y};
            }
            g.drawString(one.name(), LEFT + 12, legendY);
            legendY += 16;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
