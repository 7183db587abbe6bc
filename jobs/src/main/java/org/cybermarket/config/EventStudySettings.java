package org.cybermarket.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event-study windows and model, in trading-day offsets from day 0 (inclusive on both ends).
 *
 * @param model          the name of a {@link org.cybermarket.eventstudy.NormalReturnModel} (NormalReturnModel.ALL lists them)
 * @param estimation     [start, end], default [-250, -11]
 * @param event          [start, end], default [-5, +5]
 * @param carWindows     name -> [start, end]
 * @param minEstimationDays a security with fewer usable estimation days is excluded (default 100)
 * @param benchmarks     MIC -> benchmark symbol, overriding the market's own benchmark
 * @param tests          {@code all} (default) or {@code parametric}: parametric skips the statistics that need every
 *                       estimation-day AR (Brown-Warner 1985, generalized sign, Kolari-Pynnonen, Corrado) and the
 *                       Wilcoxon ranks; their columns are then null
 * @param excludeFromEstimation quality checks (quality_warnings.check) whose flagged days are left out of every
 *                       estimation window: {@code [JUMP_BEYOND_LIMIT]} drops the jumps of unadjusted corporate actions
 *                       (split, bonus shares, dividend) from the model's fit. Default none, so that results stay
 *                       comparable with event-study tools that use every day; either way es_estimation_flags lists the
 *                       flagged days inside each studied security's windows
 * @param events         the catalogue's events the run studies (default all)
 * @param pools          name -> the events pooled under that name in es_pooled_windows and es_regression (default
 *                       {@code all: all}: every event studied)
 */
public record EventStudySettings(String model, List<Integer> estimation, List<Integer> event,
                                 Map<String, List<Integer>> carWindows, Integer minEstimationDays,
                                 Map<String, String> benchmarks, String tests, List<String> excludeFromEstimation,
                                 EventSelection events, Map<String, EventSelection> pools) implements Serializable {
    public static final List<String> TESTS = List.of("all", "parametric");
    /** The checks whose days may be left out of the estimation: those that flag a day's return itself. */
    public static final List<String> EXCLUDABLE_CHECKS = List.of("JUMP_BEYOND_LIMIT", "LONG_GAP", "STALE_PRICE");

    /** Settings with every event studied and pooled as one (no event selection or pools). */
    public EventStudySettings(String model, List<Integer> estimation, List<Integer> event, Map<String, List<Integer>> carWindows,
                              Integer minEstimationDays, Map<String, String> benchmarks, String tests, List<String> excludeFromEstimation) {
        this(model, estimation, event, carWindows, minEstimationDays, benchmarks, tests, excludeFromEstimation, null, null);
    }


    @com.fasterxml.jackson.annotation.JsonCreator
    public EventStudySettings {
        model = model == null ? "market_model" : model;
        // An unknown name is an error naming the valid ones.
        int parameters = org.cybermarket.eventstudy.NormalReturnModel.named(model).parameters();
        estimation = checkWindow("estimation", estimation == null ? List.of(-250, -11) : estimation);
        event = checkWindow("event", event == null ? List.of(-5, 5) : event);
        if (estimation.get(1) >= event.get(0)) {
            throw new IllegalArgumentException("event_study.estimation must end before the event window starts");
        }
        if (carWindows == null || carWindows.isEmpty()) {
            carWindows = new LinkedHashMap<>();
            carWindows.put("car_0_0", List.of(0, 0));
            carWindows.put("car_0_1", List.of(0, 1));
            carWindows.put("car_m1_1", List.of(-1, 1));
            carWindows.put("car_m5_5", List.of(-5, 5));
        }
        for (Map.Entry<String, List<Integer>> w : carWindows.entrySet()) {
            List<Integer> win = checkWindow("car_windows." + w.getKey(), w.getValue());
            if (win.get(0) < event.get(0) || win.get(1) > event.get(1)) {
                throw new IllegalArgumentException("car_windows." + w.getKey() + " " + win + " lies outside the event window " + event);
            }
        }
        carWindows = Map.copyOf(carWindows);
        minEstimationDays = minEstimationDays == null ? 100 : minEstimationDays;
        // Patell's variance term nu/(nu - 2), nu = L - k, needs L > k + 2: 4 for the mean- and market-adjusted models, 5 for the market model.
        if (minEstimationDays < parameters + 3) {
            throw new IllegalArgumentException("event_study.min_estimation_days must be at least " + (parameters + 3) + " for " + model
                    + " (Patell's variance term needs L_i > " + (parameters + 2) + "), got " + minEstimationDays);
        }
        benchmarks = benchmarks == null ? Map.of() : Map.copyOf(benchmarks);
        tests = tests == null ? "all" : tests;
        if (!TESTS.contains(tests)) throw new IllegalArgumentException("event_study.tests must be one of " + TESTS + ", got '" + tests + "'");
        excludeFromEstimation = excludeFromEstimation == null ? List.of() : List.copyOf(excludeFromEstimation);
        for (String c : excludeFromEstimation) {
            if (!EXCLUDABLE_CHECKS.contains(c)) {
                throw new IllegalArgumentException("event_study.exclude_from_estimation: '" + c + "' is not one of " + EXCLUDABLE_CHECKS);
            }
        }
        events = events == null ? EventSelection.ALL : events;
        if (pools == null || pools.isEmpty()) pools = Map.of("all", EventSelection.ALL);
        for (String name : pools.keySet()) {
            if (!name.matches("[a-z0-9_]{1,40}")) throw new IllegalArgumentException("event_study.pools: name '" + name + "' must be 1-40 of a-z, 0-9, _");
        }
        pools = Map.copyOf(pools);
    }

    /** Settings without an event selection or pools (every event, one pool of all) and with every estimation day. */
    public EventStudySettings(String model, List<Integer> estimation, List<Integer> event, Map<String, List<Integer>> carWindows,
                              Integer minEstimationDays, Map<String, String> benchmarks, String tests) {
        this(model, estimation, event, carWindows, minEstimationDays, benchmarks, tests, null, null, null);
    }

    /** True when the statistics that need every estimation-day AR are computed. */
    public boolean allTests() {
        return tests.equals("all");
    }

    /** The same settings with another test selection. */
    public EventStudySettings withTests(String newTests) {
        return new EventStudySettings(model, estimation, event, carWindows, minEstimationDays, benchmarks, newTests, excludeFromEstimation, events, pools);
    }

    public static EventStudySettings defaults() {
        return new EventStudySettings(null, null, null, null, null, null, null, null);
    }

    private static List<Integer> checkWindow(String name, List<Integer> w) {
        if (w.size() != 2 || w.get(0) > w.get(1)) {
            throw new IllegalArgumentException("event_study." + name + " must be [start, end] with start <= end, got " + w);
        }
        return List.copyOf(w);
    }
}
