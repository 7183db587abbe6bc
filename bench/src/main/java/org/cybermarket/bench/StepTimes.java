package org.cybermarket.bench;

import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Task time per step of a run, by the Spark job description the engine gives each step ("event study: estimation",
 * "write es_security_days"): CPU seconds and run seconds (run includes waiting for a core and for I/O). With two
 * cores, a step's share of the wall clock is about its run seconds / 2 when nothing else runs beside it.
 */
final class StepTimes extends SparkListener {
    private final Map<Integer, String> stepOfStage = new ConcurrentHashMap<>();
    private final Map<String, double[]> seconds = new ConcurrentHashMap<>(); // step -> cpu, run

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        String step = submitted.properties() == null ? null : submitted.properties().getProperty("spark.job.description");
        stepOfStage.put(submitted.stageInfo().stageId(), step == null ? "other" : step);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics m = end.taskMetrics();
        if (m == null) return;
        double[] s = seconds.computeIfAbsent(stepOfStage.getOrDefault(end.stageId(), "other"), k -> new double[2]);
        synchronized (s) {
            s[0] += m.executorCpuTime() / 1e9;
            s[1] += m.executorRunTime() / 1e3;
        }
    }

    /** Waits for the listener bus to deliver what the run sent, then the steps, largest CPU first. */
    String report(SparkContext sc) {
        try {
            sc.listenerBus().waitUntilEmpty(10_000);
        } catch (Exception e) {
            // a report from what has arrived is still useful
        }
        List<Map.Entry<String, double[]>> steps = new ArrayList<>(seconds.entrySet());
        steps.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
        return steps.stream().map(e -> String.format(Locale.ROOT, "%s %.1f / %.1f", e.getKey(), e.getValue()[0], e.getValue()[1]))
                .collect(Collectors.joining(", "));
    }
}
