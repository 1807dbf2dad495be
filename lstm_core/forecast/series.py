"""The series the forecasting page offers: generated, bundled with packages, or uploaded.

Real series are read from the installed statsmodels and plotly packages at run time
(each loader in `LOADERS` says which dataset it reads); nothing is copied into this
repository. An uploaded CSV goes through `parse_csv`, which refuses what it cannot use
with a message saying why and reports every repair it made (dropped rows, sorted dates,
filled gaps).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field

import numpy as np

from lstm_core.message import Message, Quoted, UserError

MAX_CSV_BYTES = 20 * 1024 * 1024  # larger uploads are refused before parsing
MAX_ROWS = 100_000  # a teaching LSTM has no use for more; refusing keeps the server responsive
# Columns and cells are counted from the text before pandas reads it: a 1 MB file with
# 100,000 columns took 58 s of per-column work, and every text cell is a Python object
# of about 50 bytes once read (a million cells: about 50 MB).
MAX_COLUMNS = 100
MAX_CELLS = 1_000_000
NUMERIC_SAMPLE = 1_000  # rows read when deciding which columns hold numbers
MIXED_DATE_ROWS = 5_000  # dates without one common format are guessed cell by cell (about 70 us each) up to this
MAX_ABS_VALUE = 1e12  # larger values overflow squared errors and scaling in float32
DATE_SAMPLE = 200  # rows read when guessing which columns hold dates
MAX_VALUES = 3_000  # longer series keep their most recent part, so live training stays in seconds


def title_of(key: str) -> Message:
    """A shipped series' title, for `lstm_core.ui` to translate ("series.title.<key>")."""
    return Message(f"series.title.{key}")


@dataclass(frozen=True)
class Series:
    """One univariate series with what a forecaster needs to know about it."""

    key: str
    title: Message  # "series.title.<key>", or "series.title.upload" naming the column
    values: np.ndarray = field(repr=False)  # (N,) float
    time: np.ndarray = field(repr=False)  # (N,) labels for the x axis (dates or numbers)
    season: int = 1  # steps per season; 1 = no seasonality (MASE then scales by naive)
    unit: Message | str = ""  # a symbol ("ppm", "°C") as text, words as a Message ("series.unit.<key>")
    source: Message | str = ""  # a package path as text, words as a Message ("series.source.<key>")
    baseline: tuple = ("arima", (1, 1, 0))  # statistical model: ("ets", trend, seasonal) or ("arima", order)
    filled: int = 0  # missing steps that were filled in by interpolation

    def __len__(self) -> int:
        return len(self.values)


def _line(seed: int) -> Series:
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 1, 200)
    return Series("line", title_of("line"),
                  x + rng.normal(0, 0.1, len(x)), x, 1, "", Message("series.source.generated", {"seed": seed}), ("ets", True, 0))


def _sine(seed: int) -> Series:
    rng = np.random.default_rng(seed)
    t = np.arange(240)
    return Series("sine", title_of("sine"),
                  np.sin(2 * np.pi * t / 24) + rng.normal(0, 0.1, len(t)), t, 24, "", Message("series.source.generated", {"seed": seed}),
                  ("ets", False, 24))


def _yearly(key: str, dataset, value: str, year: str, season: int, unit: Message | str, baseline: tuple) -> Series:
    """One value a year from a statsmodels dataset: its `value` column over its `year` column."""
    data = dataset.load_pandas().data
    return Series(key, title_of(key), data[value].to_numpy(float), data[year].to_numpy(int), season, unit,
                  dataset.__name__, baseline)


def _sunspots(_: int) -> Series:
    from statsmodels.datasets import sunspots

    return _yearly("sunspots", sunspots, "SUNACTIVITY", "YEAR", 11, Message("series.unit.sunspots"), ("arima", (9, 0, 0)))


def _co2(_: int) -> Series:
    from statsmodels.datasets import co2

    weekly = co2.load_pandas().data["co2"]
    monthly = weekly.resample("MS").mean()  # the mean of each month's weekly readings
    gaps = int(monthly.isna().sum())
    monthly = monthly.interpolate("linear")  # months with no reading at all are filled in
    return Series("co2", title_of("co2"), monthly.to_numpy(float), monthly.index.strftime("%Y-%m").to_numpy(), 12,
                  "ppm", Message("series.source.co2"), ("ets", True, 12), gaps)


def _nile(_: int) -> Series:
    from statsmodels.datasets import nile

    return _yearly("nile", nile, "volume", "year", 1, "10^8 m^3", ("arima", (1, 1, 1)))


def _elnino(_: int) -> Series:
    from statsmodels.datasets import elnino

    data = elnino.load_pandas().data
    months = data.columns[1:]
    values = data[months].to_numpy(float).ravel()  # year by year, January to December
    time = np.array([f"{int(y)}-{m:02d}" for y in data["YEAR"] for m in range(1, 13)])
    return Series("elnino", title_of("elnino"),
                  values, time, 12, "°C", "statsmodels.datasets.elnino", ("ets", False, 12))


def _elec_equip(_: int) -> Series:
    from statsmodels.datasets import elec_equip

    data = elec_equip.load().data.iloc[:, 0]
    return Series("elec_equip", title_of("elec_equip"),
                  data.to_numpy(float), data.index.strftime("%Y-%m").to_numpy(), 12, Message("series.unit.elec_equip"),
                  "statsmodels.datasets.elec_equip", ("ets", False, 12))


def _stock(_: int) -> Series:
    import plotly.data

    data = plotly.data.stocks()
    return Series("stock", title_of("stock"),
                  data["GOOG"].to_numpy(float), data["date"].to_numpy(str), 1, Message("series.unit.stock"),
                  Message("series.source.stock"), ("arima", (0, 1, 0)))


LOADERS = {"line": _line, "sine": _sine, "sunspots": _sunspots, "co2": _co2, "nile": _nile,
           "elnino": _elnino, "elec_equip": _elec_equip, "stock": _stock}
SYNTHETIC = ("line", "sine")
REAL = tuple(k for k in LOADERS if k not in SYNTHETIC)


def load(key: str, seed: int = 0) -> Series:
    """A bundled series by key (the seed only matters for the generated ones)."""
    if key not in LOADERS:
        raise ValueError(f"unknown series {key!r}; choose from {', '.join(LOADERS)}")
    return LOADERS[key](seed)


# ---- uploaded CSV files -------------------------------------------------------------------
@dataclass(frozen=True)
class ParsedCSV:
    """An uploaded series and a list of what was done to it, for the page to show."""

    series: Series
    notes: tuple[tuple[str, dict], ...]  # (message key, values): each repair made


def read_table(data: bytes):
    """Bytes -> DataFrame, refusing what is too big or not text."""
    import pandas as pd

    if len(data) > MAX_CSV_BYTES:
        raise _csv_error(f"the file is {len(data) / 2**20:.0f} MB; the limit is {MAX_CSV_BYTES // 2**20} MB",
                         "too_large", megabytes=len(data) / 2**20, limit=MAX_CSV_BYTES // 2**20)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _csv_error(f"the file is not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8 CSV",
                         "not_utf8", byte=error.start) from error
    # pandas ends a line at "\n", "\r\n" or a lone "\r": count all three, before parsing.
    lines = text.count("\n") + text.count("\r") - text.count("\r\n")
    if lines > MAX_ROWS + 1:
        raise _csv_error(f"the file has more than {MAX_ROWS:,} rows; the limit is {MAX_ROWS:,}", "too_many_rows", limit=MAX_ROWS)
    header = re.match(r"[^\r\n]*", text).group()
    sep = max((",", ";", "\t"), key=header.count) if any(c in header for c in ",;\t") else ","
    columns = header.count(sep) + 1
    if columns > MAX_COLUMNS:
        raise _csv_error(f"the table has {columns:,} columns; the limit is {MAX_COLUMNS}", "too_many_columns",
                         count=columns, limit=MAX_COLUMNS)
    if columns * lines > MAX_CELLS:
        raise _csv_error(f"the table has about {columns * lines:,} cells; the limit is {MAX_CELLS:,}", "too_many_cells",
                         count=columns * lines, limit=MAX_CELLS)
    try:
        table = pd.read_csv(io.StringIO(text), sep=sep, skip_blank_lines=False)  # a blank cell is a gap
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise _csv_error(f"this is not a readable CSV table: {error}", "unreadable") from error
    if table.empty or len(table.columns) == 0:
        raise _csv_error("the table has no rows", "no_rows")
    return table


def _csv_error(text: str, key: str, /, **values) -> UserError:
    """A refused upload: English `text` for logs, the page's message "error.csv.<key>" with `values`."""
    return UserError(text, Message(f"error.csv.{key}", values))


def numeric_columns(table) -> list[str]:
    """Columns where at least half of the cells (of the first NUMERIC_SAMPLE rows) are numbers."""
    import pandas as pd

    sample = table.head(NUMERIC_SAMPLE)
    return [str(c) for c in table.columns if pd.to_numeric(sample[c], errors="coerce").notna().mean() >= 0.5]


def date_columns(table) -> list[str]:
    """Non-numeric columns where at least 80% of the cells read as dates."""
    import pandas as pd

    numeric = set(numeric_columns(table))
    found = []
    for column in table.columns:
        if str(column) in numeric:
            continue
        sample = table[column].dropna().head(DATE_SAMPLE)  # guessing a format per cell is slow
        if sample.empty:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas warns when it has to guess a format per cell
            dates = pd.to_datetime(sample, errors="coerce", format="mixed")
        if dates.notna().mean() >= 0.8:
            found.append(str(column))
    return found


def _refuse_extreme(values) -> None:
    """Refuse inf, -inf and numbers too large for the model's arithmetic, naming their rows."""
    numbers = values.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        bad = np.flatnonzero(~np.isnan(numbers) & ~(np.abs(numbers) <= MAX_ABS_VALUE))
    if len(bad):
        rows = ", ".join(str(i + 2) for i in bad[:10]) + (" ..." if len(bad) > 10 else "")  # row 1 is the header
        raise _csv_error(
            f"{len(bad)} value(s) are infinite or larger than {MAX_ABS_VALUE:g} in absolute value "
            f"(CSV rows {rows}); fix or remove them",
            "extreme", count=len(bad), limit=f"{MAX_ABS_VALUE:g}", rows=rows,
        )


def parse_csv(data: bytes, value_column: str | None = None, date_column: str | None = None) -> ParsedCSV:
    """Turn an uploaded CSV into a `Series`.

    The value column defaults to the last mostly-numeric column; the date column is
    optional (without one, rows are taken in file order). Rows whose value is not a
    number are dropped, unparseable dates are dropped, rows are sorted by date,
    duplicated dates are averaged and missing values inside the series interpolated.
    """
    table = read_table(data)
    table.columns = [str(c) for c in table.columns]
    notes: list[tuple[str, dict]] = []
    value_column = value_column or _default_value_column(table)
    frame = _values(table, value_column, notes)
    frame = _dated(frame, table, date_column, notes) if date_column else frame.assign(time=np.arange(len(frame)))
    frame = _filled(frame.reset_index(drop=True), notes)
    if len(frame) > MAX_VALUES:
        notes.append(("cut", {"kept": MAX_VALUES, "total": len(frame)}))
        frame = frame.iloc[-MAX_VALUES:]
    time = frame["time"]
    labels = time.dt.strftime("%Y-%m-%d").to_numpy() if date_column else time.to_numpy()
    series = Series("upload", Message("series.title.upload", {"column": value_column}),
                    frame["value"].to_numpy(float), labels, 1, "", Message("series.source.upload"), ("arima", (1, 1, 0)))
    return ParsedCSV(series, tuple(notes))


def _default_value_column(table) -> str:
    candidates = numeric_columns(table)
    if not candidates:
        raise _csv_error("no column holds numbers; the value column must be numeric", "no_numbers")
    return candidates[-1]


def _values(table, value_column: str, notes: list):
    """The value column as numbers (text cells become gaps, noted); refuses inf and huge values."""
    import pandas as pd

    if value_column not in table.columns:
        raise _csv_error(f"there is no column {value_column!r}", "no_column", column=Quoted(value_column))
    values = pd.to_numeric(table[value_column], errors="coerce")
    _refuse_extreme(values)
    text_cells = int((values.isna() & table[value_column].notna()).sum())
    if text_cells == len(table):
        raise _csv_error(f"column {value_column!r} holds no numbers", "column_no_numbers", column=Quoted(value_column))
    if text_cells:
        notes.append(("text_values", {"count": text_cells}))
    return pd.DataFrame({"value": values})


def _dated(frame, table, date_column: str, notes: list):
    """Rows with readable dates, sorted by date, duplicated dates averaged (each repair noted)."""
    import pandas as pd

    if date_column not in table.columns:
        raise _csv_error(f"there is no column {date_column!r}", "no_column", column=Quoted(date_column))
    frame["time"] = _to_dates(table[date_column], date_column)
    bad = int(frame["time"].isna().sum())
    if bad == len(frame):
        raise _csv_error(f"column {date_column!r} holds no dates", "column_no_dates", column=Quoted(date_column))
    if bad:
        notes.append(("bad_dates", {"count": bad}))
        frame = frame.dropna(subset=["time"])
    if not frame["time"].is_monotonic_increasing:
        notes.append(("sorted", {}))
        frame = frame.sort_values("time", kind="stable")
    duplicated = int(frame["time"].duplicated().sum())
    if duplicated:
        notes.append(("duplicates", {"count": duplicated}))
        frame = frame.groupby("time", as_index=False)["value"].mean()
    return frame


def _to_dates(cells, column: str):
    """Dates from a column: in the format its first cells share (fast), else guessed cell by cell.

    Guessing each cell's format costs about 70 us (7 s for 100,000 cells of text), so it
    is done only for short columns; a long one needs one format throughout.
    """
    import pandas as pd
    from pandas.tseries.api import guess_datetime_format

    sample = cells.dropna().astype(str).head(DATE_SAMPLE)
    formats = {guess_datetime_format(cell) for cell in sample.head(20)} - {None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas warns when it has to guess a format per cell
        for form in sorted(formats):
            if pd.to_datetime(sample, errors="coerce", format=form).notna().mean() >= 0.8:
                return pd.to_datetime(cells, errors="coerce", format=form)
        if len(cells) > MIXED_DATE_ROWS:
            raise _csv_error(f"column {column!r} has no one date format; with more than {MIXED_DATE_ROWS:,} rows it needs one",
                             "mixed_dates", column=Quoted(column), limit=MIXED_DATE_ROWS)
        return pd.to_datetime(cells, errors="coerce", format="mixed")


def _filled(frame, notes: list):
    """Gaps inside the series interpolated, gaps at its ends dropped (nothing to lean on)."""
    missing = int(frame["value"].isna().sum())
    if missing:
        frame["value"] = frame["value"].interpolate("linear", limit_area="inside")
        ends = int(frame["value"].isna().sum())
        frame = frame.dropna(subset=["value"])
        notes.append(("missing", {"filled": missing - ends, "dropped": ends}))
    if len(frame) < 2:
        raise _csv_error(f"only {len(frame)} usable row(s); a series needs many more", "too_few_rows", count=len(frame))

    return frame
