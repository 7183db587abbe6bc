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
