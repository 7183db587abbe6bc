package org.cybermarket.eventstudy;

/** Solves the normal equations of a small OLS from covariances: {@code Cov(X) b = Cov(X, y)}. */
public final class Ols {
    private Ols() {}

    /**
     * @param covXX k x k covariance matrix of the regressors
     * @param covXY covariances of each regressor with y
     * @return the slopes, or null when the regressors are collinear
     */
    public static double[] slopes(double[][] covXX, double[] covXY) {
        int k = covXY.length;
        double[][] a = new double[k][k + 1];
        for (int i = 0; i < k; i++) {
            System.arraycopy(covXX[i], 0, a[i], 0, k);
            a[i][k] = covXY[i];
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
            if (Math.abs(a[pivot][col]) < 1e-300) return null;
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < k; r++) {
                if (r == col) continue;
                double f = a[r][col] / a[col][col];
                for (int c = col; c <= k; c++) a[r][c] -= f * a[col][c];
            }
        }
        double[] b = new double[k];
        for (int i = 0; i < k; i++) b[i] = a[i][k] / a[i][i];
        return b;
    }
}
