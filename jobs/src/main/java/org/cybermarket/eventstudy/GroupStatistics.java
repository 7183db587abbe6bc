package org.cybermarket.eventstudy;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The group statistics of one event from its merged sums: every group level ({@link Groups#levels}), each day of the
 * event window with an AR ({@code es_group_days}) and each CAR window with a CAR ({@code es_group_windows}), with the
 * columns of {@link GroupColumns}. Dates are days since 1970-01-01 here (the plan makes them dates).
 */
final class GroupStatistics implements Serializable {
    private final SecurityKernel kernel;
    private final String model;

    GroupStatistics(SecurityKernel kernel) {
        this.kernel = kernel;
        this.model = kernel.model.name();
    }

    static StructType daySchema() {
        StructType keys = keys().add("event_day_offset", DataTypes.IntegerType)
                .add("first_date", DataTypes.IntegerType).add("last_date", DataTypes.IntegerType);
        return GroupColumns.fields(keys, true);
    }

    static StructType windowSchema() {
        StructType keys = keys().add("car_window", DataTypes.StringType).add("window_start", DataTypes.IntegerType)
                .add("window_end", DataTypes.IntegerType).add("first_date", DataTypes.IntegerType).add("last_date", DataTypes.IntegerType);
        return GroupColumns.fields(keys, false);
    }

    private static StructType keys() {
        StructType t = new StructType().add("event_id", DataTypes.StringType);
        for (String g : Groups.COLUMNS) t = t.add(g, DataTypes.StringType);
        return t;
    }

    /** One group of the event at one level: its merged sums and, every test, its facts. */
    private record Group(List<String> key, GroupSums.Cell cell, GroupFacts facts) {}

    private List<Group> groups(GroupSums sums) {
        Map<List<String>, GroupSums.Cell> levels = new HashMap<>();
        for (Map.Entry<List<String>, GroupSums.Cell> fine : sums.cells.entrySet()) {
            for (List<String> g : Groups.levels(fine.getKey())) levels.computeIfAbsent(g, k -> fine.getValue().emptyLike()).merge(fine.getValue());
        }
        List<Group> out = new ArrayList<>();
        int eventInRanks = kernel.evStart - kernel.estStart;
        levels.forEach((k, c) -> out.add(new Group(k, c, c.estimation == null ? null : new GroupFacts(c, eventInRanks, kernel.model))));
        out.sort(Comparator.comparing(g -> String.join("\u0000", g.key())));
        return out;
    }

    /** es_group_days rows of one event. */
    List<Row> days(GroupSums sums) {
        List<Row> rows = new ArrayList<>();
        for (Group g : groups(sums)) {
            double caar = 0;
            for (int d = 0; d < g.cell().days.length; d++) {
                GroupSums.Stat st = g.cell().days[d];
                if (st.x.n == 0) continue;
                GroupView v = new GroupView(st, g.cell().days, g.facts(), d, d, true);
                caar += v.meanX();
                List<Object> cells = new ArrayList<>(List.of(sums.eventId));
                cells.addAll(g.key());
                cells.addAll(List.of(kernel.evStart + d, st.firstDate, st.lastDate));
                cells.addAll(GroupColumns.values(v, true, caar, model));
                rows.add(RowFactory.create(cells.toArray()));
            }
        }
        return rows;
    }

    /** es_group_windows rows of one event. */
    List<Row> windows(GroupSums sums) {
        List<Row> rows = new ArrayList<>();
        for (Group g : groups(sums)) {
            for (int w = 0; w < kernel.windowNames.length; w++) {
                GroupSums.Stat st = g.cell().windows[w];
                if (st.x.n == 0) continue;
                GroupView v = new GroupView(st, g.cell().days, g.facts(), kernel.windowStart[w] - kernel.evStart,
                        kernel.windowEnd[w] - kernel.evStart, false);
                List<Object> cells = new ArrayList<>(List.of(sums.eventId));
                cells.addAll(g.key());
                cells.addAll(List.of(kernel.windowNames[w], kernel.windowStart[w], kernel.windowEnd[w], st.firstDate, st.lastDate));
                cells.addAll(GroupColumns.values(v, false, null, model));
                rows.add(RowFactory.create(cells.toArray()));
            }
        }
        return rows;
    }
}
