package org.cybermarket.store;

/**
 * Named points in a run where a test can stop it: {@code -Dcybermarket.faults.halt=<point>} ends the JVM at once, as
 * {@code kill -9} does (no finally blocks, no shutdown hooks); {@code -Dcybermarket.faults.fail=<point>} throws, as a
 * failing job does. The points are listed in docs/reliability.md with the outcome each must leave.
 */
public final class Faults {
    public static final String HALT = "cybermarket.faults.halt";
    public static final String FAIL = "cybermarket.faults.fail";
    /** The exit code of a halt (default {@link #HALT_EXIT_CODE}); 52 imitates Spark ending a local run out of heap. */
    public static final String HALT_CODE = "cybermarket.faults.haltCode";
    /** The exit code of a halted JVM: what a shell reports for a process killed by SIGKILL. */
    public static final int HALT_EXIT_CODE = 137;

    private Faults() {}

    public static void point(String name) {
        if (name.equals(System.getProperty(HALT))) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(Integer.getInteger(HALT_CODE, HALT_EXIT_CODE));
        }
        if (name.equals(System.getProperty(FAIL))) throw new IllegalStateException("injected failure at " + name);
    }
}
