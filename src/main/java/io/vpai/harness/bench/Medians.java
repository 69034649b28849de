package io.vpai.harness.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The one statistic every benchmark reports: the middle sample (the upper one of an even count). */
final class Medians {
    private Medians() {
    }

    static double of(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
