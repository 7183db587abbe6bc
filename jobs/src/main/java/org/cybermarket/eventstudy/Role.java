package org.cybermarket.eventstudy;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a security is to an event: a firm the event is about ({@code target}), a firm it is compared with
 * ({@code peer}: named in the catalogue, or another member of a target's industry and market), or one of the
 * members of a market studied as a whole ({@code member}: market-wide events). Written in lower case in the
 * catalogue and in the outputs ({@code role}, {@code group_role}).
 */
public enum Role {
    TARGET, PEER, MEMBER;

    /** The name in catalogues and outputs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code label} in a catalogue: target or peer (member is the role of market-wide events only). */
    public static Role named(String label) {
        for (Role r : values()) {
            if (r != MEMBER && r.label().equals(label)) return r;
        }
        throw new IllegalArgumentException("role '" + label + "' is not one of [target, peer] (market-wide events give their members role member)");
    }

    @Override
    public String toString() {
        return label();
    }

    static String[] labels() {
        return Arrays.stream(values()).map(Role::label).toArray(String[]::new);
    }
}
