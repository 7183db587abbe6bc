package org.cybermarket.eventstudy;

import org.cybermarket.eventstudy.ReferenceStatistics.Fit;
import org.cybermarket.eventstudy.ReferenceStatistics.Group;
import org.cybermarket.eventstudy.ReferenceStatistics.Model;
import org.cybermarket.eventstudy.ReferenceStatistics.Security;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.cybermarket.eventstudy.ReferenceStatistics.series;
import static org.cybermarket.eventstudy.ReferenceStatistics.studentTwoSided;
import static org.cybermarket.eventstudy.ReferenceStatistics.normalTwoSided;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The statistics and missing-data conventions of docs/methodology.md ("Test statistics") worked by hand, asserted
 * against {@link ReferenceStatistics} to 1e-12. The engine is not run here.
 *
 * <p>Gap case, mean-adjusted model; estimation offsets [-8, -3] (day -2 is in neither window), event window [-1, +1].
 * Returns are whole multiples of u = 1/128, and every estimation sum is a multiple of the security's L_i, so every
 * mean and AR is exact in binary and ties are exact ties. ARs in units of u ("." = no AR):
 * <pre>
 *  day         -8  -7  -6  -5  -4  -3 | -1   0  +1    L_i  mean  s_i^2 (L_i - 1)
 *  A            1  -2  -1   2  -3   3 |  1   4  -1     6     1   28/5
 *  B            0   2   .   .  -2   0 | -2   3   .     4     1   8/3   suspended on -6, -5 and +1
 *  C  (returns on every day but day 0)                               no return on day 0: excluded from the event
 *  D           -1   1  -2   0   2   0 |  2   0  -2     6     1   2     AR exactly 0 on day 0 (a Wilcoxon zero)
 *  E           -2   0   1  -1   0   2 | -1  -3   2     6     1   2
 *  N_t          4   4   3   3   4   4 |  4   4   3
 *  AAR_t     -1/2 1/4 -2/3 1/3 -3/4 5/4 |  0   1 -1/3
 * </pre>
 * (A's returns: 2, -1, 0, 3, -2, 4 | 2, 5, 0, mean 6/6 = 1; B: 1, 3, ., ., -1, 1 | -1, 4, ., mean 4/4 = 1; D: 0, 2,
 * -1, 1, 3, 1 | 3, 1, -1; E: -1, 1, 2, 0, 1, 3 | 0, -2, 3.)
 */
class HandWorkedTestStatisticsTest {
    static final double U = 1.0 / 128;
    static final double TOL = 1e-12;

    static final ReferenceStatistics MEAN_ADJUSTED = new ReferenceStatistics(Model.MEAN_ADJUSTED, -8, -3, -1, 1);

    static Security security(String name, double... dayReturn) {
        return new Security(name, "XSHG", series(U, dayReturn), Map.of());
    }

    /** The five securities of the gap case (C without a day-0 return), as the engine also reads them. */
    static List<Security> gapSecurities() {
        return List.of(
                security("A", -8, 2, -7, -1, -6, 0, -5, 3, -4, -2, -3, 4, -1, 2, 0, 5, 1, 0),
                security("B", -8, 1, -7, 3, -4, -1, -3, 1, -1, -1, 0, 4),
                security("C", -8, 1, -7, 0, -6, 2, -5, -1, -4, 0, -3, 4, -1, 1, 1, 2),
                security("D", -8, 0, -7, 2, -6, -1, -5, 1, -4, 3, -3, 1, -1, 3, 0, 1, 1, -1),
                security("E", -8, -1, -7, 1, -6, 2, -5, 0, -4, 1, -3, 3, -1, 0, 0, -2, 1, 3));
    }

    static List<Fit> gapCase() {
        return ReferenceStatistics.included(MEAN_ADJUSTED.fitAll(gapSecurities()), 4);
    }

    static Group gapGroup() {
        return MEAN_ADJUSTED.group(gapCase());
    }

    /** S_p = sd of the estimation AAR series (-1/2, 1/4, -2/3, 1/3, -3/4, 5/4) u: mean -1/72, sum of squares 2585/864. */
    static final double SD_AAR = Math.sqrt(2585.0 / 864 / 5) * U;

    @Test
    void aSecurityWithoutAReturnOnDay0IsLeftOutOfEveryDayOfTheEvent() {
        List<String> names = new ArrayList<>();
        for (Fit f : gapCase()) names.add(f.security.name());
        assertEquals(List.of("A", "B", "D", "E"), names);
        assertEquals(4.0, gapGroup().day(-1).get("n_securities"), "C has a return on day -1 but is not in the event");
    }

    @Test
    void nCountsTheSecuritiesWithAnAbnormalReturnThatDay() {
        Map<String, Double> d = gapGroup().day(1);
        assertEquals(3.0, d.get("n_securities"), "B is suspended on day +1");
        assertEquals((-1 - 2 + 2) / 3.0 * U, d.get("aar"), TOL * U, "AAR over the 3 members with an AR, not over 4");
    }

    @Test
    void theMeanAdjustedPredictionErrorFactorIsOnePlusOneOverL() {
        // Var(R_t - mean) = sigma^2 (1 + 1/L) (Campbell, Lo and MacKinlay 1997, section 4.4).
        List<Fit> fits = gapCase();
        assertEquals(1 + 1 / 6.0, fits.get(0).c.get(0), TOL);
        assertEquals(1 + 1 / 4.0, fits.get(1).c.get(0), TOL, "B: L = 4");
        // SAR_B0 = 3u / (sqrt(8/3) u sqrt(5/4)) = 3 / sqrt(10/3)
        assertEquals(3 / Math.sqrt(10 / 3.0), fits.get(1).sar.get(0), TOL);
    }

    @Test
    void patellWeighsEachSecurityByItsOwnResidualDegreesOfFreedom() {
        // Day 0 SARs: A 4/(sqrt(28/5) sqrt(7/6)) = 2 sqrt(30)/7; B 3 sqrt(3/10); D 0; E -3/(sqrt(2) sqrt(7/6)) = -3 sqrt(3/7).
        // Mean-adjusted: nu_i = L_i - 1, Var(SAR) = nu/(nu - 2): A, D, E 5/3 each, B 3/1; sum 8.
        double sum = 2 * Math.sqrt(30) / 7 + 3 * Math.sqrt(0.3) - 3 * Math.sqrt(3 / 7.0);
        Map<String, Double> d = gapGroup().day(0);
        assertEquals(sum / Math.sqrt(8), d.get("patell"), TOL);
        assertEquals(normalTwoSided(sum / Math.sqrt(8)), d.get("p_patell"), TOL);
    }

    @Test
    void brownWarner1980UsesStudentTWithTheMeanEstimationLengthMinusOne() {
        // sum s_i^2 = (28/5 + 8/3 + 2 + 2) u^2 = 184/15 u^2; AAR_0 = 1u; bw1980 = 1 / (sqrt(184/15) / 4).
        Map<String, Double> d0 = gapGroup().day(0);
        assertEquals(4 * Math.sqrt(15 / 184.0), d0.get("bw1980"), TOL);
        assertEquals(5.5, d0.get("mean_estimation_days"), TOL, "(6 + 4 + 6 + 6) / 4");
        assertEquals(studentTwoSided(4 * Math.sqrt(15 / 184.0), 4.5), d0.get("p_bw1980"), TOL);
        // Day +1 (A, D, E): sum s^2 = 48/5, mean L = 6, 5 degrees of freedom.
        Map<String, Double> d1 = gapGroup().day(1);
        assertEquals((-1 / 3.0) / (Math.sqrt(48 / 5.0) / 3), d1.get("bw1980"), TOL);
        assertEquals(studentTwoSided(d1.get("bw1980"), 5), d1.get("p_bw1980"), TOL);
    }

    @Test
    void brownWarner1985DividesByTheSdOfTheEstimationAarSeriesWithStudentTOnItsDaysMinusOne() {
        Map<String, Double> d = gapGroup().day(0);
        assertEquals(6.0, d.get("days_aar_estimation"), "every estimation day has at least one AR");
        assertEquals(Math.sqrt(864 / 517.0), d.get("bw1985"), TOL, "1u / sqrt(517/864) u");
        assertEquals(studentTwoSided(Math.sqrt(864 / 517.0), 5), d.get("p_bw1985"), TOL);
    }

    @Test
    void lambIsBrownWarner1985WithThePortfolioPredictionErrorFactor() {
        // Mean-adjusted: C_p = 1 + 1/L_p = 7/6, so lamb_0 = 1 / sqrt(517/864 * 7/6) = 72 / sqrt(3619).
        Map<String, Double> d = gapGroup().day(0);
        assertEquals(72 / Math.sqrt(3619), d.get("lamb"), TOL);
        assertEquals(studentTwoSided(72 / Math.sqrt(3619), 5), d.get("p_lamb"), TOL);
        assertEquals(0.0, gapGroup().day(-1).get("lamb"), TOL, "AAR_-1 = (1 - 2 + 2 - 1)/4 = 0");
    }

    @Test
    void brownWarner1985OnACarWindowDividesCaarBySqrtOfTheDaysWithAGroupAar() {
        // CARs over [-1, +1] on each security's own days: A 4, B 1 (two days), D 0, E -2 -> CAAR = 3/4 u.
        // (The sum of the AARs, 0 + 1 - 1/3 = 2/3 u, differs because B has no day +1.)
        Map<String, Double> w = gapGroup().window(-1, 1);
        assertEquals(3.0, w.get("days"));
        assertEquals(0.75 * U, w.get("caar"), TOL * U);
        assertEquals(0.75 * U / (SD_AAR * Math.sqrt(3)), w.get("bw1985"), TOL);
        assertEquals(studentTwoSided(w.get("bw1985"), 5), w.get("p_bw1985"), TOL);
    }

    @Test
    void lambOnACarWindowIsTheSumOfTheDailyLambStatisticsOverSqrtDays() {
        // (AAR_-1 + AAR_0 + AAR_+1) / (S_p sqrt(7/6)) / sqrt(3) = (0 + 1 - 1/3) u / (S_p sqrt(7/6) sqrt(3))
        Map<String, Double> w = gapGroup().window(-1, 1);
        double expected = (2 / 3.0) * U / (SD_AAR * Math.sqrt(7 / 6.0)) / Math.sqrt(3);
        assertEquals(expected, w.get("lamb"), TOL);
        assertEquals(studentTwoSided(expected, 5), w.get("p_lamb"), TOL);
    }

    /**
     * Medians over each security's estimation and event ARs: A 1 (9 values), B (0 + 0)/2 = 0 (6 values), D 0, E 0.
     * G = sign(AR - median):
     * <pre>
     *  day   -8  -7  -6  -5  -4  -3 | -1   0  +1
     *  A      0   -   -   +   -   + |  0   +   -
     *  B      0   +   .   .   -   0 |  -   +   .
     *  D      -   +   -   0   +   0 |  +   0   -
     *  E      -   0   +   -   0   + |  -   -   +
     *  sum   -2   1  -1   0  -1   2 | -1   1  -1
     *  N      4   4   3   3   4   4 |  4   4   3
     * </pre>
     * sum of (sum / sqrt N)^2 = 1 + 1/4 + 1/3 + 0 + 1/4 + 1 + 1/4 + 1/4 + 1/3 = 11/3 over 9 days: S_G = sqrt(11/27).
     * Day 0: (1 / sqrt 4) / S_G = 0.5 sqrt(27/11).
     */
    @Test
    void corradoZivneySignUsesEachSecuritysMedianAndEveryDayWithAnAr() {
        Map<String, Double> d = gapGroup().day(0);
        assertEquals(0.5 * Math.sqrt(27 / 11.0), d.get("cz_sign"), TOL);
        assertEquals(normalTwoSided(0.5 * Math.sqrt(27 / 11.0)), d.get("p_cz_sign"), TOL);
    }

    /**
     * U = K / (M_i + 1) with average ranks K among the security's M_i ARs (ties share ranks: A has 1 and -1 twice,
     * B has 0 and -2 twice, D has 0 three times). U - 1/2:
     * <pre>
     *  day      -8     -7     -6     -5     -4     -3  |   -1      0     +1
     *  A      1/20  -3/10  -3/20    1/5   -2/5   3/10  |  1/20    2/5  -3/20   (ranks / 10)
     *  B         0   3/14      .      .   -2/7      0  |  -2/7   5/14      .   (ranks / 7)
     *  D      -1/5    1/5  -7/20      0   7/20      0  |  7/20      0  -7/20
     *  E     -3/10   1/20    1/5  -3/20   1/20   7/20  | -3/20   -2/5   7/20
     *  sum   -9/20 23/140  -3/10   1/20   -2/7  13/20  | -1/28   5/14  -3/20
     *  N         4      4      3      3      4      4  |     4      4      3
     * </pre>
     * sum over the 9 days of sum^2 / N = 3733/14700, so S_U = sqrt(3733/14700/9). Day 0: (5/14) / sqrt(4) / S_U.
     */
    static final double S_U = Math.sqrt(3733.0 / 14700 / 9);

    @Test
    void modifiedRankDividesRanksByMPlusOneAndScalesEachDayBySqrtN() {
        Map<String, Double> d = gapGroup().day(0);
        assertEquals((5 / 28.0) / S_U, d.get("modified_rank"), TOL);
        assertEquals(normalTwoSided((5 / 28.0) / S_U), d.get("p_modified_rank"), TOL);
    }

    @Test
    void carRankSumsTheDailyRankTermsOverSqrtDays() {
        // [-1, +1]: (-1/28 / 2 + 5/14 / 2 - 3/20 / sqrt 3) / (sqrt(3) S_U)
        Map<String, Double> w = gapGroup().window(-1, 1);
        double expected = (-1 / 56.0 + 5 / 28.0 - 0.15 / Math.sqrt(3)) / (Math.sqrt(3) * S_U);
        assertEquals(expected, w.get("car_rank"), TOL);
        assertEquals(normalTwoSided(expected), w.get("p_car_rank"), TOL);
        assertEquals(gapGroup().day(0).get("modified_rank"), gapGroup().window(0, 0).get("car_rank"), TOL,
                "a one-day window is the day's modified rank statistic");
    }

    @Test
    void wilcoxonDropsTheZeroArAndGivesTiedMagnitudesTheirAverageRank() {
        // Day 0 ARs: A 4, B 3, D 0 (dropped), E -3 -> n = 3; |AR| 3, 3, 4 -> ranks 1.5, 1.5, 3; W+ = 3 (A) + 1.5 (B) = 4.5.
        // Exact: the 8 sign patterns of ranks {1.5, 1.5, 3} give W+ = 0, 1.5, 1.5, 3, 3, 4.5, 4.5, 6; P(W+ >= 4.5) = 3/8,
        // two-sided p = 2 * 3/8 = 0.75. z = (4.5 - 3) / sqrt(3*4*7/24 - (2^3 - 2)/48) = 1.5 / sqrt(3.375) = sqrt(2/3).
        Map<String, Double> d = gapGroup().day(0);
        assertEquals(4.0, d.get("n_securities"));
        assertEquals(3.0, d.get("wilcoxon_n"));
        assertEquals(4.5, d.get("wilcoxon_w_plus"), TOL);
        assertEquals(Math.sqrt(2 / 3.0), d.get("wilcoxon_z"), TOL);
        assertEquals(0.75, d.get("p_wilcoxon"), TOL);
    }

    @Test
    void wilcoxonExactPValueIsOneAtTheCentreOfTheDistribution() {
        // Day -1: A 1, B -2, D 2, E -1 -> ranks of |AR| 1.5, 3.5, 3.5, 1.5; W+ = 1.5 + 3.5 = 5 = n(n+1)/4.
        Map<String, Double> d = gapGroup().day(-1);
        assertEquals(5.0, d.get("wilcoxon_w_plus"), TOL);
        assertEquals(1.0, d.get("p_wilcoxon"), TOL);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Market model: Lamb's portfolio factor. Estimation offsets [-6, -2], event day 0. R_m = 0.01, -0.01, 0.02, 0,
    // 0.03 (mean 0.01, Sxx = (0 + 4 + 1 + 1 + 4) e-4 = 1e-3), R_m0 = 0.03. P = R_m + e1 e-3, Q = 0.001 + 0.5 R_m + e2 e-3,
    // with residuals e1 = (2, 0, -1, -1, 0), e2 = (1, 0, 1, -1, -1): both sum to zero and are orthogonal to R_m, so OLS
    // returns exactly alpha = 0, beta = 1 and alpha = 0.001, beta = 0.5, and the residuals are e1, e2.
    // Day 0: P = 0.034 (AR 0.004), Q = 0.018 (AR 0.002), AAR 0.003.

    static final ReferenceStatistics MARKET_MODEL = new ReferenceStatistics(Model.REGRESSION, -6, -2, 0, 0);

    static Map<Integer, double[]> market(double... dayValue) {
        Map<Integer, double[]> out = new TreeMap<>();
        for (int i = 0; i < dayValue.length; i += 2) out.put((int) dayValue[i], new double[]{dayValue[i + 1]});
        return out;
    }

    static final Map<Integer, double[]> RM = market(-6, 0.01, -5, -0.01, -4, 0.02, -3, 0.0, -2, 0.03, 0, 0.03);

    static Security marketModelSecurity(String name, String market, double alpha, double beta, double[] e, double day0) {
        Map<Integer, Double> r = new TreeMap<>();
        for (int t = -6; t <= -2; t++) r.put(t, alpha + beta * RM.get(t)[0] + e[t + 6] * 1e-3);
        r.put(0, day0);
        return new Security(name, market, r, RM);
    }

    static List<Fit> marketModelCase(String marketOfQ) {
        return MARKET_MODEL.fitAll(List.of(
                marketModelSecurity("P", "XNYS", 0, 1, new double[]{2, 0, -1, -1, 0}, 0.034),
                marketModelSecurity("Q", marketOfQ, 0.001, 0.5, new double[]{1, 0, 1, -1, -1}, 0.018)));
    }

    @Test
    void theMarketModelFactorIsOnePlusOneOverLPlusTheMarketsSquaredDeviationOverSxx() {
        // 1 + 1/5 + (0.03 - 0.01)^2 / 1e-3 = 1.6
        for (Fit f : marketModelCase("XNYS")) assertEquals(1.6, f.c.get(0), TOL, f.security.name());
    }

    @Test
    void lambUnderTheMarketModelUsesThePortfolioFactorOverItsEstimationDays() {
        // AAR over estimation = (e1 + e2)/2 e-3 = (1.5, 0, 0, -1, -0.5) e-3: mean 0, S_p^2 = 3.5e-6 / 4 = 0.875e-6.
        // C_p0 = 1.6 (the members share the market's days); lamb_0 = 0.003 / sqrt(0.875e-6 * 1.6) = 3 / sqrt(1.4).
        Map<String, Double> d = MARKET_MODEL.group(marketModelCase("XNYS")).day(0);
        assertEquals(3 / Math.sqrt(0.875), d.get("bw1985"), 1e-10);
        assertEquals(3 / Math.sqrt(1.4), d.get("lamb"), 1e-10);
        assertEquals(studentTwoSided(3 / Math.sqrt(1.4), 4), d.get("p_lamb"), 1e-10);
    }

    @Test
    void patellUnderTheMarketModelKeepsPatellsLMinus2OverLMinus4() {
        // s_P^2 = (4 + 0 + 1 + 1 + 0) e-6 / 4 = 1.5e-6, s_Q^2 = 1e-6; SAR_P = 0.004 / sqrt(1.5e-6 * 1.6) = 4/sqrt(2.4),
        // SAR_Q = 2/sqrt(1.6); (L - 2)/(L - 4) = 3 for each: patell = (4/sqrt(2.4) + 2/sqrt(1.6)) / sqrt(6).
        Map<String, Double> d = MARKET_MODEL.group(marketModelCase("XNYS")).day(0);
        assertEquals((4 / Math.sqrt(2.4) + 2 / Math.sqrt(1.6)) / Math.sqrt(6), d.get("patell"), 1e-10);
    }

    @Test
    void lambIsNullForAGroupOnMoreThanOneMarket() {
        Group g = MARKET_MODEL.group(marketModelCase("XSHG"));
        assertNull(g.day(0).get("lamb"));
        assertNull(g.day(0).get("p_lamb"));
        assertNull(g.window(0, 0).get("lamb"));
    }

    @Test
    void aRegressionsFactorIsOnePlusTheDayRowsQuadraticFormInTheInverseCrossProduct() {
        // Two orthogonal centred factors over 4 estimation days: X'X = diag(4, 4e-4, 4e-4), inverse diag(1/4, 2500, 2500).
        // Day 0 factors (0.02, -0.01): C = 1 + 1/4 + 0.02^2 * 2500 + 0.01^2 * 2500 = 2.5.
        Map<Integer, double[]> f = new TreeMap<>(Map.of(-4, new double[]{0.01, 0.01}, -3, new double[]{-0.01, 0.01},
                -2, new double[]{0.01, -0.01}, -1, new double[]{-0.01, -0.01}, 0, new double[]{0.02, -0.01}));
        Security s = new Security("F", "XNYS", series(1e-3, -4, 1, -3, 2, -2, 0, -1, 3, 0, 5), f);
        Fit fit = new ReferenceStatistics(Model.REGRESSION, -4, -1, 0, 0).fit(s);
        assertEquals(2.5, fit.c.get(0), TOL);
        assertEquals(3, fit.k, "a constant and two slopes: Patell's nu = L - 3");
    }

    @Test
    void theMarketAdjustedModelHasNoEstimationErrorAndOneDegreeOfFreedomForTheMean() {
        Fit fit = new ReferenceStatistics(Model.MARKET_ADJUSTED, -6, -2, 0, 0).fit(marketModelCase("XNYS").get(1).security);
        assertEquals(1.0, fit.c.get(0), 0);
        assertEquals(1, fit.k);
        assertEquals(0.018 - 0.03, fit.ar.get(0), TOL);
    }
}
