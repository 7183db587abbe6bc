package org.cybermarket.schema;

import scala.collection.JavaConverters;
import scala.collection.Seq;

import java.util.Arrays;

/** Small helpers for the Java side of Spark's Scala API. */
public final class Cols {
    private Cols() {}

    /** Join keys as the Scala Seq that {@code Dataset.join(other, usingColumns, joinType)} wants. */
    public static Seq<String> keys(String... names) {
        return JavaConverters.asScalaBuffer(Arrays.asList(names)).toSeq();
    }
}
