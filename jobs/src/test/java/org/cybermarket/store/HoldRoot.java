package org.cybermarket.store;

/**
 * A stand-in for a run in a JVM of its own: registers in an output root (args: root, run id, mode, as-of date or "-"),
 * prints "held", and waits until it is killed. No Spark: it starts in a fraction of a second.
 */
public final class HoldRoot {
    private HoldRoot() {}

    public static void main(String[] args) throws Exception {
        OutputRoot root = OutputRoot.forWriting(args[0], new org.apache.hadoop.conf.Configuration());
        String asOf = args[3].equals("-") ? null : args[3];
        var reg = root.admit(args[1], "pipeline", OutputRoot.Mode.valueOf(args[2]), asOf, System.out::println);
        System.out.println("held " + reg.runId());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
