package org.cybermarket.config;

import java.io.Serializable;

/**
 * Industry returns settings.
 *
 * @param minMembers an industry with fewer members (stocks with a return) on a day is listed that day with its returns
 *                   but not ranked: the mean of one or two stocks is their own news, not an industry's (default 3)
 */
public record SectorSettings(Integer minMembers) implements Serializable {
    public SectorSettings {
        minMembers = minMembers == null ? 3 : minMembers;
        if (minMembers < 1) throw new IllegalArgumentException("sectors.min_members must be at least 1, got " + minMembers);
    }

    public static SectorSettings defaults() {
        return new SectorSettings(null);
    }
}
