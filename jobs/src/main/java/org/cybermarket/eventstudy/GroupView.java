package org.cybermarket.eventstudy;

/**
 * What the statistics read of one group on one day, or over one CAR window: x is the AR (the CAR of a window), z the
 * SAR (the SCAR), with the group's event-window days and its estimation-window facts (null when not every test is
 * asked). A day spans one event-window day, a window its days [from, to]; the statistics that cumulate daily terms
 * (Brown-Warner 1985, Lamb, the CAR rank) sum them over the span's days with an AR, so a one-day window gives its
 * day's value. Values a group does not have are null, as SQL gives them (a mean of nothing, an sd of one value).
 */
final class GroupView {
    private final GroupSums.Stat stat;
    private final GroupSums.Stat[] days;
    private final GroupFacts facts;
    private final int from, to; // event-window day indices spanned
    private final boolean day;

    GroupView(GroupSums.Stat stat, GroupSums.Stat[] days, GroupFacts facts, int from, int to, boolean day) {
        this.stat = stat;
        this.days = days;
        this.facts = facts;
        this.from = from;
        this.to = to;
        this.day = day;
    }

    long n() { return stat.x.n; }

    Double meanX() { return stat.x.mean(); }

    Double sdX() { return stat.x.sd(); }

    Double sumZ() { return stat.z.n == 0 ? null : stat.z.sum; }

    Double meanZ() { return stat.z.mean(); }

    Double sdZ() { return stat.z.sd(); }

    long positive() { return stat.positive; }

    double sumS2() { return stat.sumS2; }

    double patellVar() { return stat.patellVar; }

    Double meanBhar() { return stat.nBhar == 0 ? null : stat.sumBhar / stat.nBhar; }

    /** Lbar: the mean L_i of the members. */
    Double meanEstimationDays() { return stat.x.n == 0 ? null : (double) stat.sumL / stat.x.n; }

    /** D: the span's days on which at least one member has an AR (1 for a day with a row). */
    long days() {
        long d = 0;
        for (int i = from; i <= to; i++) if (days[i].x.n > 0) d++;
        return d;
    }

    Double sdAarEstimation() { return facts == null ? null : facts.sdAarEstimation; }

    /** L_p: the estimation days on which at least one member has an AR. */
    Long aarEstimationDays() { return facts == null ? null : facts.aarEstimationDays; }

    Double positiveShare() { return facts == null ? null : facts.positiveShare; }

    Double rbar() { return facts == null ? null : facts.rbar; }

    Long rbarPairs() { return facts == null ? null : facts.rbarPairs; }

    /** Sum over the span's days of AAR_t / sqrt(C_pt) (Lamb). */
    Double lambSum() { return facts == null ? null : sum(facts.lambTerm); }

    Double corradoU() { return facts == null || !day ? null : facts.corrado.event[from]; }

    Double corradoSk() { return facts == null ? null : facts.corrado.scale; }

    Double czSign() { return facts == null || !day ? null : facts.czSign.event[from]; }

    Double czScale() { return facts == null ? null : facts.czSign.scale; }

    /** Sum over the span's days of the Campbell-Wasley daily term u_t. */
    Double rankSum() { return facts == null ? null : sum(facts.modifiedRank.event); }

    Double rankScale() { return facts == null ? null : facts.modifiedRank.scale; }

    SignedRank wilcoxon() { return facts == null || !day ? null : facts.wilcoxon[from]; }

    /** The sum of a daily term over the span's days with an AR; null when one of them is null. */
    private Double sum(Double[] byDay) {
        double s = 0;
        for (int i = from; i <= to; i++) {
            if (days[i].x.n == 0) continue;
            if (byDay[i] == null) return null;
            s += byDay[i];
        }
        return s;
    }
}
