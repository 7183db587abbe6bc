package org.cybermarket.eventstudy;

/**
 * What the statistics read of one group on one day, or over one CAR window: x is the AR (the CAR of a window), z the
 * SAR (the SCAR), with the group's estimation-window facts (null when not every test is asked). Values a group does
 * not have are null, as SQL gives them (a mean of nothing, an sd of one value).
 */
final class GroupView {
    private final GroupSums.Stat stat;
    private final GroupFacts facts;
    private final int day;       // index in the event window, or -1 for a CAR window
    private final long length;   // trading days the statistic spans: 1, or the window's length

    GroupView(GroupSums.Stat stat, GroupFacts facts, int day, long length) {
        this.stat = stat;
        this.facts = facts;
        this.day = day;
        this.length = length;
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

    long length() { return length; }

    int firstDate() { return stat.firstDate; }

    int lastDate() { return stat.lastDate; }

    Double sdAarEstimation() { return facts == null ? null : facts.sdAarEstimation; }

    Double positiveShare() { return facts == null ? null : facts.positiveShare; }

    Double rbar() { return facts == null ? null : facts.rbar; }

    Long rbarPairs() { return facts == null ? null : facts.rbarPairs; }

    Double corradoU() { return facts == null || day < 0 ? null : facts.corradoU[day]; }

    Double corradoSk() { return facts == null ? null : facts.corradoSk; }

    Double wilcoxonWPlus() { return facts == null || day < 0 ? null : facts.wilcoxonWPlus[day]; }
}
