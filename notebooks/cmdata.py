"""Read cybermarket's Parquet outputs from a notebook, with SQL, into pandas.

Every output dataset becomes a view named after its folder. The engine is DuckDB: its Python package where
installed, otherwise its JDBC driver through JPype (Debian: python3-jpype), the jar taken from
CYBERMARKET_DUCKDB_JAR or the local Maven repository (Maven puts it there when it runs the tests).
No analysis happens here: the notebooks only read what the jobs wrote.
"""
import glob
import os

import pandas as pd

OUT = os.path.abspath(os.environ.get("CYBERMARKET_OUT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "out")))


def snapshot(out=OUT):
    """The output root's current snapshot, resolved once, so every query of a notebook reads one run's set of outputs
    even if a run publishes meanwhile (docs/reliability.md). A folder that is not an output root is read as it is."""
    current = os.path.join(out, "current")
    return os.path.realpath(current) if os.path.islink(current) else out


def datasets(out=OUT):
    """Dataset folders of the output root's current snapshot (folders that hold Parquet files)."""
    out = snapshot(out)
    names = []
    for d in sorted(os.listdir(out)):
        path = os.path.join(out, d)
        if os.path.isdir(path) and not d.startswith(("_", ".")) and glob.glob(os.path.join(path, "**", "*.parquet"), recursive=True):
            names.append(d)
    if not names:
        raise FileNotFoundError(f"no datasets under {out}: run ./cybermarket pipeline first, or set CYBERMARKET_OUT")
    return names


def _views(out):
    snap = snapshot(out)
    return [f"CREATE OR REPLACE VIEW {d} AS SELECT * FROM read_parquet('{os.path.join(snap, d)}/**/*.parquet', hive_partitioning = true)"
            for d in datasets(snap)]


class _PythonDuckDB:
    def __init__(self, out):
        import duckdb
        self.con = duckdb.connect()
        for v in _views(out):
            self.con.execute(v)

    def query(self, sql):
        return self.con.execute(sql).df()


class _JdbcDuckDB:
    def __init__(self, out):
        import jpype
        import jpype.dbapi2
        jar = os.environ.get("CYBERMARKET_DUCKDB_JAR") or next(iter(sorted(glob.glob(os.path.expanduser(
            "~/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar")), reverse=True)), None)
        if jar is None:
            raise FileNotFoundError("DuckDB JDBC jar not found: run 'mvn -B verify' once or set CYBERMARKET_DUCKDB_JAR")
        if not jpype.isJVMStarted():
            # Debian's python3-jpype keeps its support jar in /usr/share/java, where JPype 1.4 does not look.
            support = [j for j in ["/usr/share/java/org.jpype.jar"] if os.path.exists(j)]
            jpype.startJVM(classpath=[jar] + support, convertStrings=True)
        self.con = jpype.dbapi2.connect("jdbc:duckdb:")
        cur = self.con.cursor()
        for v in _views(out):
            cur.execute(v)

    def query(self, sql):
        cur = self.con.cursor()
        cur.execute(sql)
        cols = [c[0] for c in cur.description]
        rows = cur.fetchall()
        df = pd.DataFrame([[_py(x) for x in r] for r in rows], columns=cols)
        return df.infer_objects()


def _py(x):
    """JPype's DB-API converts standard JDBC types; anything else (a Java object) becomes its text."""
    import datetime
    return x if x is None or isinstance(x, (int, float, str, bool, datetime.date, datetime.datetime)) else str(x)


_engine = None


def connect(out=OUT):
    """Open DuckDB over the outputs: the Python package if installed, else the JDBC driver via JPype."""
    global _engine
    try:
        _engine = _PythonDuckDB(out)
        engine = "duckdb (Python)"
    except ImportError:
        _engine = _JdbcDuckDB(out)
        engine = "duckdb (JDBC via JPype)"
    return f"{engine} over {out}: {', '.join(datasets(out))}"


def q(sql):
    """Run SQL over the output views and return a pandas DataFrame."""
    if _engine is None:
        connect()
    return _engine.query(sql)


# ---- Chart conventions, the same as the HTML report's (jobs/.../report/Charts.java) ----
# Returns in percent, event days as whole days with their dates, a line at day 0, the focus series strong and the
# others muted, colours from the Okabe-Ito palette, bands drawn, years as years.

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FOCUS = "#D55E00"   # vermillion: the series a chart is about
MUTED = "#8C8C8C"   # everything shown for comparison
FAINT = "#D0D0D0"   # listed but not ranked


def style():
    """matplotlib defaults for every chart of the notebooks."""
    import matplotlib as mpl
    from cycler import cycler
    mpl.rcParams.update({
        "axes.prop_cycle": cycler(color=OKABE_ITO), "figure.figsize": (9, 4.2), "figure.dpi": 110,
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.color": "#E6E6E6",
        "axes.titleweight": "bold", "legend.frameon": False, "axes.axisbelow": True,
    })


def percent_axis(axis, decimals=1):
    """Fractions on this axis shown as signed percent (0.0408 -> +4.1%)."""
    from matplotlib.ticker import FuncFormatter
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v * 100:+.{decimals}f}%"))


def event_day_axis(ax, dates):
    """One tick per trading day: its offset from day 0 and its date on the market ({offset: date}), and a line at day 0."""
    days = sorted(dates)
    ax.set_xticks(days)
    ax.set_xticklabels([f"{d:+d}\n{dates[d]:%m-%d}" if d else f"0\n{dates[d]:%m-%d}" for d in days])
    ax.axvline(0, color="black", ls="--", lw=1)
    if 0 in dates:
        ax.annotate(f"day 0 = {dates[0]:%Y-%m-%d}", (0, 1), xycoords=("data", "axes fraction"), xytext=(4, -4),
                    textcoords="offset points", va="top")
    ax.set_xlabel("trading days from day 0 (date on this market)")


def year_axis(axis):
    """Years written as years (2027, not 2,027), one tick each."""
    from matplotlib.ticker import MaxNLocator, FuncFormatter
    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}"))


def t_quantile(p, df):
    """Student t quantile, for the 95% bands (the report uses commons-math's; no SciPy here): bisection on the CDF."""
    import math

    def betacf(a, b, x):  # continued fraction of the incomplete beta function (modified Lentz)
        tiny, c, d = 1e-300, 1.0, 1.0 - (a + b) * x / (a + 1)
        d = 1 / (d if abs(d) > tiny else tiny)
        h = d
        for m in range(1, 300):
            for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)), -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
                d = 1 + num * d
                d = 1 / (d if abs(d) > tiny else tiny)
                c = 1 + num / c
                c = c if abs(c) > tiny else tiny
                h *= d * c
        return h

    def cdf(t):
        x = df / (df + t * t)
        a, b = df / 2, 0.5
        front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)) if 0 < x < 1 else 0.0
        ib = front * betacf(a, b, x) / a if x < (a + 1) / (a + b + 2) else 1 - front * betacf(b, a, 1 - x) / b
        return 1 - ib / 2 if t > 0 else ib / 2

    lo, hi = -1e3, 1e3
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return (lo + hi) / 2


def caar_band(days):
    """95% band of CAAR to date per group (rows ordered by day): CAAR +/- t(0.975, N-1) sqrt(cumulative sum of sd^2/N)."""
    import numpy as np
    se = np.sqrt((days.sd_ar.fillna(0) ** 2 / days.n_securities).cumsum())
    t = np.array([t_quantile(0.975, n - 1) if n > 1 else np.nan for n in days.n_securities])
    return days.caar_to_date - t * se, days.caar_to_date + t * se


def focus_industry(out=OUT):
    """The industry the report follows (report.focus_industry in the run's config), as the report reads it."""
    import json
    try:
        with open(os.path.join(out, "_manifest.json"), encoding="utf-8") as f:
            return json.load(f)["config"]["report"]["focus_industry"]
    except (OSError, KeyError, TypeError):
        return "Cybersecurity"
