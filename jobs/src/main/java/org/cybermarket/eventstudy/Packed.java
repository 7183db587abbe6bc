package org.cybermarket.eventstudy;

import java.nio.ByteBuffer;

/** Primitive arrays as bytes, for Spark rows: no boxing of each day's value on the way in or out. */
final class Packed {
    private Packed() {}

    static byte[] doubles(double[] v, int n) {
        ByteBuffer b = ByteBuffer.allocate(8 * n);
        b.asDoubleBuffer().put(v, 0, n);
        return b.array();
    }

    static double[] doubles(byte[] bytes) {
        double[] v = new double[bytes.length / 8];
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(v);
        return v;
    }

    static byte[] ints(int[] v, int n) {
        ByteBuffer b = ByteBuffer.allocate(4 * n);
        b.asIntBuffer().put(v, 0, n);
        return b.array();
    }

    static int[] ints(byte[] bytes) {
        int[] v = new int[bytes.length / 4];
        ByteBuffer.wrap(bytes).asIntBuffer().get(v);
        return v;
    }
}
