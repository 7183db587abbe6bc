package org.cybermarket.eventstudy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fits the second stage to N generated observations (20 events, 3 markets, 12 industries) and prints the number of
 * terms: run by {@code SecondStageTest} in a JVM whose heap is far smaller than an N x N matrix of doubles.
 */
public final class SecondStageProbe {
    private SecondStageProbe() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        Random r = new Random(42);
        List<SecondStage.Observation> obs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double beta = 0.6 + 0.8 * r.nextDouble(), sd = 0.01 + 0.03 * r.nextDouble();
            obs.add(new SecondStage.Observation("E" + r.nextInt(20), r.nextInt(50) == 0 ? "target" : "peer", "M" + r.nextInt(3),
                    "I" + r.nextInt(12), beta, sd, 0.01 * beta + sd * r.nextGaussian()));
        }
        List<SecondStage.Term> terms = SecondStage.fit(obs);
        System.out.println("terms " + terms.size() + " n " + terms.get(0).n());
    }
}
