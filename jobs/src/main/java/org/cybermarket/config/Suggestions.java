package org.cybermarket.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for every name a user types: commands, config keys, dataset names, event ids, industries.
 * One rule everywhere: the closest candidate by optimal-string-alignment distance (Levenshtein plus the swap of two
 * neighbouring characters, the commonest typo), compared without case and treating '-' and '_' alike, offered only
 * when it is close enough to be a typo rather than another word.
 */
public final class Suggestions {
    private Suggestions() {}

    /** The candidate the input most likely misspells, if any is close enough (ties: the first in iteration order). */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        if (input == null || input.isBlank()) return Optional.empty();
        String a = normal(input);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c == null) continue;
            int d = distance(a, normal(c));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > allowed(Math.max(a.length(), normal(best).length()))) return Optional.empty();
        return Optional.of(best);
    }

    /** {@code " (did you mean 'x'?)"}, or the empty string when nothing is close: appended to a one-line error. */
    public static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /**
     * Edits tolerated for a name of this length: one for short names (a third of "ff3" is one letter), two from six
     * characters, three from twelve; anything further is more likely another word than a typo.
     */
    static int allowed(int length) {
        if (length < 6) return 1;
        if (length < 12) return 2;
        return 3;
    }

    private static String normal(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
