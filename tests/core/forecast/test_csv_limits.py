"""CSV uploads: rows, columns and cells counted from the text before pandas reads it (issue 22).

The row count used to see only "\\n", so a file with "\\r" line ends passed any limit, and
a 1 MB file with 100,000 columns took 58 s of per-column work. Each limit is tested at
its edge (small limits, so the tests take milliseconds) with every line ending.
"""

import pytest

from lstm_core.forecast import series

ENDINGS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}


def csv(rows: int, columns: int = 2, end: str = "\n") -> bytes:
    header = ",".join(f"c{j}" for j in range(columns))
    lines = [header] + [",".join(str(i + j) for j in range(columns)) for i in range(rows)]
    return (end.join(lines) + end).encode()


def refused(data: bytes) -> str:
    with pytest.raises(ValueError) as error:
        series.read_table(data)
    return error.value.message.key


@pytest.mark.parametrize("end", ENDINGS.values(), ids=ENDINGS.keys())
def test_the_row_limit_holds_whatever_the_line_endings(monkeypatch, end):
    monkeypatch.setattr(series, "MAX_ROWS", 10)
    assert len(series.read_table(csv(10, end=end))) == 10
    assert refused(csv(11, end=end)) == "error.csv.too_many_rows"


@pytest.mark.parametrize("end", ENDINGS.values(), ids=ENDINGS.keys())
def test_the_column_limit_is_read_from_the_header_line(monkeypatch, end):
    monkeypatch.setattr(series, "MAX_COLUMNS", 5)
    assert len(series.read_table(csv(3, columns=5, end=end)).columns) == 5
    assert refused(csv(3, columns=6, end=end)) == "error.csv.too_many_columns"


def test_the_cell_limit_counts_rows_times_columns(monkeypatch):
    monkeypatch.setattr(series, "MAX_CELLS", 4 * 5)  # 4 columns x (header + 4 rows) line breaks
    series.read_table(csv(4, columns=4))
    assert refused(csv(5, columns=4)) == "error.csv.too_many_cells"


def test_the_issues_hundred_thousand_columns_are_refused_unparsed():
    data = (",".join(f"c{j}" for j in range(100_000)) + "\n" + ",".join("1" * 100_000) + "\n").encode()
    assert len(data) > 500_000
    assert refused(data) == "error.csv.too_many_columns"


def test_numbers_are_recognised_from_a_sample_of_rows(monkeypatch):
    monkeypatch.setattr(series, "NUMERIC_SAMPLE", 4)
    table = series.read_table(b"a,b\n1,x\n2,y\n3,z\n4,w\nx,1\ny,2\n")
    assert series.numeric_columns(table) == ["a"]


def test_dates_without_one_format_are_guessed_only_in_short_columns(monkeypatch):
    monkeypatch.setattr(series, "MIXED_DATE_ROWS", 6)
    mixed = "when,value\n" + "\n".join(f"{d},{i}" for i, d in enumerate(["2020-01-01", "3 Feb 2020", "2020/03/05",
                                                                           "7 April 2020", "2020-05-09", "10 Jun 2020"]))
    parsed = series.parse_csv(mixed.encode(), "value", "when")
    assert len(parsed.series) == 6
    with pytest.raises(ValueError) as error:
        series.parse_csv((mixed + "\n2020-07-11,6").encode(), "value", "when")
    assert error.value.message.key == "error.csv.mixed_dates"


def test_a_long_column_of_text_chosen_as_dates_is_refused_without_guessing_each_cell(monkeypatch):
    monkeypatch.setattr(series, "MIXED_DATE_ROWS", 100)
    rows = "\n".join(f"word{i},{i}" for i in range(101))
    with pytest.raises(ValueError) as error:
        series.parse_csv(f"when,value\n{rows}\n".encode(), "value", "when")
    assert error.value.message.key == "error.csv.mixed_dates"


def test_a_long_column_in_one_date_format_is_read_in_that_format(monkeypatch):
    monkeypatch.setattr(series, "MIXED_DATE_ROWS", 10)
    rows = "\n".join(f"2020-01-{d:02d},{d}" for d in range(1, 29))
    parsed = series.parse_csv(f"when,value\n{rows}\n".encode(), "value", "when")
    assert parsed.series.time[0] == "2020-01-01" and len(parsed.series) == 28
