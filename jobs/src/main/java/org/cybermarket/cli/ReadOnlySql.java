package org.cybermarket.cli;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.collection.JavaConverters;

import java.util.Locale;
import java.util.Set;

/**
 * The query command runs queries only. A statement is parsed (not run) and refused when any part of it is a command
 * (DDL, DML, SET, CACHE, ...), writes ({@code INSERT ... DIRECTORY}, {@code CREATE TABLE ... AS}), or calls a
 * function that runs arbitrary Java ({@code reflect}, {@code java_method}). Spark runs commands as soon as
 * {@code spark.sql} is called, so the check comes before it.
 */
final class ReadOnlySql {
    private static final Set<String> JAVA_CALLS = Set.of("reflect", "java_method", "try_reflect");

    private ReadOnlySql() {}

    /** Throws with a one-line reason when the statement is not a read-only query. */
    static void check(SparkSession spark, String sql) {
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (org.apache.spark.sql.catalyst.parser.ParseException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().strip();
            int nl = msg.indexOf('\n');
            throw new IllegalArgumentException("the SQL does not parse: " + (nl < 0 ? msg : msg.substring(0, nl)));
        }
        String refused = refused(plan);
        if (refused != null) {
            throw new IllegalArgumentException("query runs read-only queries (SELECT, WITH, VALUES, TABLE); refused: " + refused);
        }
    }

    private static String refused(LogicalPlan plan) {
        String name = plan.getClass().getSimpleName();
        if (plan instanceof Command || name.startsWith("Insert") || name.startsWith("Create") || name.startsWith("Replace")
                || name.endsWith("Statement") || name.endsWith("Command")) {
            return "a " + name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT) + " statement";
        }
        for (Expression e : JavaConverters.seqAsJavaList(plan.expressions())) {
            String r = refused(e);
            if (r != null) return r;
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
            String r = refused(child);
            if (r != null) return r;
        }
        // The definitions of a WITH clause and subqueries are inner children, not children.
        for (Object inner : JavaConverters.seqAsJavaList(plan.innerChildren())) {
            if (inner instanceof LogicalPlan p) {
                String r = refused(p);
                if (r != null) return r;
            }
        }
        return null;
    }

    private static String refused(Expression e) {
        if (e instanceof UnresolvedFunction f) {
            String fn = JavaConverters.seqAsJavaList(f.nameParts()).get(f.nameParts().size() - 1).toLowerCase(Locale.ROOT);
            if (JAVA_CALLS.contains(fn)) return "the function " + fn + ", which calls Java methods";
        }
        if (e instanceof SubqueryExpression s) {
            String r = refused(s.plan());
            if (r != null) return r;
        }
        for (Expression child : JavaConverters.seqAsJavaList(e.children())) {
            String r = refused(child);
            if (r != null) return r;
        }
        return null;
    }
}
