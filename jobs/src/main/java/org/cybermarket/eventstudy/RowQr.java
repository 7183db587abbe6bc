package org.cybermarket.eventstudy;

/**
 * The triangular factor R of the QR decomposition of a tall matrix that is given one row at a time (Givens rotations,
 * Golub and Van Loan 2013, section 5.1.8): O(m^2) memory for m columns however many rows, and as stable as a QR of the
 * whole matrix. When the columns are linearly independent, {@code |R_jj|} is the distance of column j from the span of
 * the columns before it (a dependent column leaves a zero pivot whose row of R no longer says that of the columns after
 * it: drop it with {@link #withoutColumn} before reading further). With the response
 * as the last column, the first m - 1 entries of that column of R are Q'y and {@code R_mm^2} is the residual sum of
 * squares.
 */
final class RowQr {
    private final int m;
    private final double[][] r;

    RowQr(int columns) {
        m = columns;
        r = new double[columns][columns];
    }

    /** Rotates one row into R; {@code row} is overwritten. */
    void add(double[] row) {
        for (int j = 0; j < m; j++) {
            double a = row[j];
            if (a == 0) continue;
            double d = r[j][j];
            double h = Math.sqrt(d * d + a * a);
            double c = d / h, s = a / h;
            double[] rj = r[j];
            rj[j] = h;
            for (int l = j + 1; l < m; l++) {
                double t = rj[l];
                rj[l] = c * t + s * row[l];
                row[l] = c * row[l] - s * t;
            }
        }
    }

    /**
     * R of the same matrix without column p: the rows of this R with that entry removed, rotated into a new R (the
     * matrix is Q R, so dropping a column of it drops that column of R). O(m^3), whatever the number of rows.
     */
    RowQr withoutColumn(int p) {
        RowQr out = new RowQr(m - 1);
        double[] row = new double[m - 1];
        for (int i = 0; i < m; i++) {
            System.arraycopy(r[i], 0, row, 0, p);
            System.arraycopy(r[i], p + 1, row, p, m - 1 - p);
            out.add(row);
        }
        return out;
    }

    /** {@code |R_jj|}: the distance of column j from the span of the columns before it. */
    double diagonal(int j) {
        return Math.abs(r[j][j]);
    }

    /** R_ij (zero below the diagonal). */
    double get(int i, int j) {
        return r[i][j];
    }

    /** The inverse of the leading k x k block of R (upper triangular), by back substitution column by column. */
    double[][] inverse(int k) {
        double[][] inv = new double[k][k];
        for (int j = 0; j < k; j++) {
            inv[j][j] = 1 / r[j][j];
            for (int i = j - 1; i >= 0; i--) {
                double s = 0;
                for (int l = i + 1; l <= j; l++) s += r[i][l] * inv[l][j];
                inv[i][j] = -s / r[i][i];
            }
        }
        return inv;
    }
}
