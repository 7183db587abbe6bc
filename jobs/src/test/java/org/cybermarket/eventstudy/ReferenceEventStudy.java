package org.cybermarket.eventstudy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately plain, loop-by-loop implementation of the market-model event study in ../shared/METHODOLOGY.md,
 * written independently of the Spark code (no shared helpers), to check it number by number.
 * Returns are indexed by trading-day offset; a missing return is a NaN.
 */
final class ReferenceEventStudy {
    final int estStart, estEnd, evStart, evEnd;

    ReferenceEventStudy(int estStart, int estEnd, int evStart, int evEnd) {
        this.estStart = estStart;
        this.estEnd = estEnd;
        this.evStart = evStart;
        this.evEnd = evEnd;
    }

    /** One security's fit and abnormal returns. */
    static final class Fit {
        int l;
        double alpha, beta, meanRm, sxx, s;
        final Map<Integer, Double> ar = new TreeMap<>();
        final Map<Integer, Double> sar = new TreeMap<>();
        final Map<Integer, Double> expected = new TreeMap<>();
    }

    Fit fit(Map<Integer, Double> ri, Map<Integer, Double> rm) {
        Fit f = new Fit();
        List<Integer> days = new ArrayList<>();
        for (int t = estStart; t <= estEnd; t++) if (ok(ri.get(t)) && ok(rm.get(t))) days.add(t);
        f.l = days.size();
        double sy = 0, sx = 0;
        for (int t : days) { sy += ri.get(t); sx += rm.get(t); }
        double my = sy / f.l, mx = sx / f.l;
        double sxy = 0, sxx = 0;
        for (int t : days) { sxy += (ri.get(t) - my) * (rm.get(t) - mx); sxx += (rm.get(t) - mx) * (rm.get(t) - mx); }
        f.beta = sxy / sxx;
        f.alpha = my - f.beta * mx;
        f.meanRm = mx;
        f.sxx = sxx;
        double sumAr = 0;
        List<Double> estAr = new ArrayList<>();
        for (int t : days) { double a = ri.get(t) - f.alpha - f.beta * rm.get(t); estAr.add(a); sumAr += a; }
        double meanAr = sumAr / f.l, ss = 0;
        for (double a : estAr) ss += (a - meanAr) * (a - meanAr);
        f.s = Math.sqrt(ss / (f.l - 1));
        for (int t = estStart; t <= evEnd; t++) {
            if (t > estEnd && t < evStart) continue;
            if (!ok(ri.get(t)) || !ok(rm.get(t))) continue;
            double e = f.alpha + f.beta * rm.get(t);
            double a = ri.get(t) - e;
            f.expected.put(t, e);
            f.ar.put(t, a);
            double c = 1 + 1.0 / f.l + Math.pow(rm.get(t) - f.meanRm, 2) / f.sxx;
            f.sar.put(t, a / (f.s * Math.sqrt(c)));
        }
        return f;
    }

    static boolean ok(Double d) {
        return d != null && !d.isNaN();
    }

    static double mean(List<Double> x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.size();
    }

    static double sd(List<Double> x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.size() - 1));
    }

    static double corrOverCommonDays(Map<Integer, Double> a, Map<Integer, Double> b, int from, int to) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (int t = from; t <= to; t++) if (a.containsKey(t) && b.containsKey(t)) { x.add(a.get(t)); y.add(b.get(t)); }
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.size(); i++) {
            sxy += (x.get(i) - mx) * (y.get(i) - my);
            sxx += (x.get(i) - mx) * (x.get(i) - mx);
            syy += (y.get(i) - my) * (y.get(i) - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Statistics of one group on event day t: name -> value. */
    Map<String, Double> groupDay(List<Fit> fits, int t) {
        List<Double> ar = new ArrayList<>(), sar = new ArrayList<>();
        double sumS2 = 0, patellVar = 0;
        int pos = 0;
        for (Fit f : fits) {
            if (!f.ar.containsKey(t)) continue;
            ar.add(f.ar.get(t));
            sar.add(f.sar.get(t));
            sumS2 += f.s * f.s;
            patellVar += (f.l - 2.0) / (f.l - 4.0);
            if (f.ar.get(t) > 0) pos++;
        }
        int n = ar.size();
        Map<String, Double> out = new HashMap<>();
        double aar = mean(ar);
        out.put("aar", aar);
        out.put("t_cs", aar / (sd(ar) / Math.sqrt(n)));
        out.put("bw1980", aar / (Math.sqrt(sumS2) / n));
        out.put("bw1985", aar / sdAarEstimation(fits));
        double sumSar = 0;
        for (double v : sar) sumSar += v;
        out.put("patell", sumSar / Math.sqrt(patellVar));
        double bmp = mean(sar) / (sd(sar) / Math.sqrt(n));
        out.put("bmp", bmp);
        double rbar = rbar(fits);
        out.put("rbar", rbar);
        out.put("kp", bmp * Math.sqrt((1 - rbar) / (1 + (n - 1) * rbar)));
        out.put("sign_z", (pos - n / 2.0) / Math.sqrt(n / 4.0));
        double p = positiveShareEstimation(fits);
        out.put("gen_sign_z", (pos - n * p) / Math.sqrt(n * p * (1 - p)));
        out.put("corrado", corradoU(fits, t) / corradoSk(fits));
        double w = wilcoxonWPlus(ar);
        out.put("wilcoxon_w_plus", w);
        out.put("wilcoxon_z", (w - n * (n + 1) / 4.0) / Math.sqrt(n * (n + 1) * (2 * n + 1) / 24.0));
        out.put("n_securities", (double) n);
        out.put("n_positive", (double) pos);
        return out;
    }

    double sdAarEstimation(List<Fit> fits) {
        List<Double> aars = new ArrayList<>();
        for (int t = estStart; t <= estEnd; t++) {
            List<Double> x = new ArrayList<>();
            for (Fit f : fits) if (f.ar.containsKey(t)) x.add(f.ar.get(t));
            if (!x.isEmpty()) aars.add(mean(x));
        }
        return sd(aars);
    }

    double positiveShareEstimation(List<Fit> fits) {
        int pos = 0, all = 0;
        for (Fit f : fits) for (int t = estStart; t <= estEnd; t++) if (f.ar.containsKey(t)) { all++; if (f.ar.get(t) > 0) pos++; }
        return (double) pos / all;
    }

    double rbar(List<Fit> fits) {
        double s = 0;
        int pairs = 0;
        for (int i = 0; i < fits.size(); i++) for (int j = i + 1; j < fits.size(); j++) {
            s += corrOverCommonDays(fits.get(i).ar, fits.get(j).ar, estStart, estEnd);
            pairs++;
        }
        return s / pairs;
    }

    /** K_it - (T_i + 1) / 2 with average ranks of the security's ARs over estimation and event days. */
    static Map<Integer, Double> rankDeviations(Fit f) {
        List<Map.Entry<Integer, Double>> e = new ArrayList<>(f.ar.entrySet());
        int n = e.size();
        Map<Integer, Double> out = new HashMap<>();
        for (Map.Entry<Integer, Double> x : e) {
            int below = 0, equal = 0;
            for (Map.Entry<Integer, Double> y : e) { if (y.getValue() < x.getValue()) below++; if (y.getValue().equals(x.getValue())) equal++; }
            double rank = below + (equal + 1) / 2.0;
            out.put(x.getKey(), rank - (n + 1) / 2.0);
        }
        return out;
    }

    double corradoU(List<Fit> fits, int t) {
        List<Double> d = new ArrayList<>();
        for (Fit f : fits) { Map<Integer, Double> dev = rankDeviations(f); if (dev.containsKey(t)) d.add(dev.get(t)); }
        return mean(d);
    }

    double corradoSk(List<Fit> fits) {
        double s = 0;
        int days = 0;
        for (int t = estStart; t <= evEnd; t++) {
            if (t > estEnd && t < evStart) continue;
            List<Double> d = new ArrayList<>();
            for (Fit f : fits) { Map<Integer, Double> dev = rankDeviations(f); if (dev.containsKey(t)) d.add(dev.get(t)); }
            if (d.isEmpty()) continue;
            s += Math.pow(mean(d), 2);
            days++;
        }
        return Math.sqrt(s / days);
    }

    static double wilcoxonWPlus(List<Double> ar) {
        double[] abs = ar.stream().mapToDouble(Math::abs).toArray();
        double w = 0;
        for (int i = 0; i < abs.length; i++) {
            if (ar.get(i) <= 0) continue;
            int below = 0, equal = 0;
            for (double v : abs) { if (v < abs[i]) below++; if (v == abs[i]) equal++; }
            w += below + (equal + 1) / 2.0;
        }
        return w;
    }

    /** CAR, SCAR and BHAR of one security over [a, b]. */
    static double[] window(Fit f, Map<Integer, Double> ri, int a, int b) {
        double car = 0, sumSar = 0, pr = 1, pe = 1;
        int days = 0;
        for (int t = a; t <= b; t++) {
            if (!f.ar.containsKey(t)) continue;
            car += f.ar.get(t);
            sumSar += f.sar.get(t);
            pr *= 1 + ri.get(t);
            pe *= 1 + f.expected.get(t);
            days++;
        }
        return new double[]{car, sumSar / Math.sqrt(days), pr - pe, days};
    }

    /** Group statistics on a CAR window: caar, t_cs, patell, bmp, kp, bw1985. */
    Map<String, Double> groupWindow(List<Fit> fits, List<Map<Integer, Double>> ri, int a, int b) {
        List<Double> car = new ArrayList<>(), scar = new ArrayList<>();
        double patellVar = 0;
        for (int i = 0; i < fits.size(); i++) {
            double[] w = window(fits.get(i), ri.get(i), a, b);
            car.add(w[0]);
            scar.add(w[1]);
            patellVar += (fits.get(i).l - 2.0) / (fits.get(i).l - 4.0);
        }
        int n = car.size();
        Map<String, Double> out = new HashMap<>();
        double caar = mean(car);
        out.put("caar", caar);
        out.put("t_cs", caar / (sd(car) / Math.sqrt(n)));
        double s = 0;
        for (double v : scar) s += v;
        out.put("patell", s / Math.sqrt(patellVar));
        double bmp = mean(scar) / (sd(scar) / Math.sqrt(n));
        out.put("bmp", bmp);
        double rbar = rbar(fits);
        out.put("kp", bmp * Math.sqrt((1 - rbar) / (1 + (n - 1) * rbar)));
        out.put("bw1985", caar / (sdAarEstimation(fits) * Math.sqrt(b - a + 1)));
        return out;
    }
}
