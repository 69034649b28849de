package io.vpai.harness.startup;

import io.vpai.harness.model.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The startup as a picture: one row per service in start order, a bar from created to started (grey),
 * started to healthy (amber), healthy onwards (green; blue for a service without a health check). Rows
 * follow start order, so the dependency levels show as steps. Deterministic text, no dependencies.
 */
public final class TimelineSvg {
    private static final int LABEL_WIDTH = 230;
    private static final int CHART_WIDTH = 640;
    private static final int RIGHT = 30;
    private static final int TOP = 58;
    private static final int ROW = 22;
    private static final int BAR = 12;
    private static final String CREATED = "#b0b7c3";
    private static final String STARTING = "#f0ad4e";
    private static final String HEALTHY = "#5cb85c";
    private static final String RUNNING = "#5b9bd5";

    private TimelineSvg() {
    }

    /**
     * @param notes service to a label shown after its name ("stand-in", "fixture"); absent means real
     * @param allReady the moment every model service was ready, drawn as a dashed line when present
     */
    public static String render(Stack model, StartupTimeline timeline, Map<String, String> notes, String title,
                                Optional<Instant> allReady) {
        List<ServiceLifecycle> rows = timeline.inStartOrder();
        Instant origin = timeline.origin().orElse(Instant.EPOCH);
        Instant last = timeline.end().orElse(origin);
        double wanted = Math.max(1.0, seconds(origin, last) * 1.05);
        double step = tickStep(wanted);
        double span = Math.ceil(wanted / step) * step;
        int width = LABEL_WIDTH + CHART_WIDTH + RIGHT;
        int chartBottom = TOP + rows.size() * ROW;
        int height = chartBottom + 70;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(text(10, 20, escape(title), "font-size=\"15\" font-weight=\"bold\""));
        svg.append(text(10, 38, "t = 0 at " + Moments.clock(origin) + " UTC (first event); rows in start order",
                "fill=\"#555\""));

        for (double t = 0; t <= span + 1e-9; t += step) {
            double x = x(t, span);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e3e3\"/>%n", x, TOP - 4, x, chartBottom));
            svg.append(text(x - 8, chartBottom + 16, String.format(Locale.ROOT, "%.0f s", t), "fill=\"#555\""));
        }

        int y = TOP;
        for (ServiceLifecycle row : rows) {
            boolean checked = model.service(row.service()).map(s -> s.healthCheck().isPresent()).orElse(false);
            String note = notes.get(row.service());
            svg.append(text(10, y + BAR, escape(row.service() + (note == null ? "" : " (" + note + ")")), ""));
            Optional<Instant> created = row.created();
            Optional<Instant> started = row.started();
            Optional<Instant> healthy = row.healthy();
            if (created.isPresent() && started.isPresent()) {
                svg.append(bar(origin, created.get(), started.get(), span, y, CREATED, "created"));
            }
            if (started.isPresent()) {
                if (healthy.isPresent()) {
                    svg.append(bar(origin, started.get(), healthy.get(), span, y, STARTING, "starting"));
                    svg.append(bar(origin, healthy.get(), last, span, y, HEALTHY, "healthy"));
                    svg.append(marker(x(seconds(origin, healthy.get()), span), y, "healthy at "
                            + Moments.clock(healthy.get())));
                } else {
                    svg.append(bar(origin, started.get(), last, span, y, checked ? STARTING : RUNNING,
                            checked ? "never healthy" : "running (no health check)"));
                }
            }
            y += ROW;
        }
        allReady.ifPresent(moment -> {
            double x = x(seconds(origin, moment), span);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" "
                    + "stroke-dasharray=\"4 3\"/>%n", x, TOP - 8, x, chartBottom));
            boolean nearRight = x > LABEL_WIDTH + CHART_WIDTH * 0.6;
            svg.append(text(nearRight ? x - 4 : x + 4, TOP - 10, "all healthy " + Moments.offset(origin, moment),
                    nearRight ? "fill=\"#333\" text-anchor=\"end\"" : "fill=\"#333\""));
        });

        int legend = chartBottom + 40;
        int lx = 10;
        for (String[] item : List.of(new String[] {CREATED, "created → started"},
                new String[] {STARTING, "started → healthy (health checks)"}, new String[] {HEALTHY, "healthy"},
                new String[] {RUNNING, "running, no health check"})) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\"/>%n",
                    lx, legend - 9, item[0]));
            svg.append(text(lx + 19, legend, escape(item[1]), ""));
            lx += 40 + item[1].length() * 7;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String bar(Instant origin, Instant from, Instant to, double span, int y, String colour, String what) {
        double x1 = x(seconds(origin, from), span);
        double x2 = Math.max(x1 + 1, x(seconds(origin, to), span));
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s %s → %s</title></rect>%n", x1, y + 2, x2 - x1, BAR, colour, escape(what),
                Moments.clock(from), Moments.clock(to));
    }

    private static String marker(double x, int y, String tip) {
        return String.format(Locale.ROOT, "<path d=\"M %.1f %d l 5 6 l -5 6 l -5 -6 z\" fill=\"#2e7d32\">"
                + "<title>%s</title></path>%n", x, y + 2, escape(tip));
    }

    private static String text(double x, double y, String content, String attributes) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>%n", x, y, attributes, content);
    }

    private static double x(double seconds, double span) {
        return LABEL_WIDTH + seconds / span * CHART_WIDTH;
    }

    private static double seconds(Instant origin, Instant instant) {
        return Duration.between(origin, instant).toNanos() / 1e9;
    }

    /** 1, 2, 5, 10… seconds, for about ten ticks. */
    static double tickStep(double span) {
        double raw = span / 10;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (raw <= factor * magnitude) {
                return Math.max(0.1, factor * magnitude);
            }
        }
        return 10 * magnitude;
    }

    static String escape(String raw) {
        return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
