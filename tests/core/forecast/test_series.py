"""Series: the bundled loaders and the uploaded-CSV parser with every kind of bad input."""

import numpy as np
import pytest

from lstm_core.forecast import series
from lstm_core.string_table import both


@pytest.mark.parametrize("key", list(series.LOADERS))
def test_bundled_series_are_clean(key):
    data = series.load(key)
    assert len(data) == len(data.time) >= 100
    assert np.all(np.isfinite(data.values))
    assert data.season >= 1 and all(both(data.title).values())


def test_co2_is_monthly_with_gaps_filled():
    data = series.load("co2")
    assert len(data) == 526 and data.time[0] == "1958-03" and data.time[-1] == "2001-12"
    assert data.season == 12


def test_generated_series_are_seeded():
    np.testing.assert_array_equal(series.load("line", 3).values, series.load("line", 3).values)
    assert not np.array_equal(series.load("line", 3).values, series.load("line", 4).values)


def parse(text: str, **kwargs):
    return series.parse_csv(text.encode("utf-8"), **kwargs)


def notes(parsed) -> dict:
    return dict(parsed.notes)


def test_a_clean_csv():
    parsed = parse("date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n", date_column="date")
    np.testing.assert_array_equal(parsed.series.values, [1, 2, 3])
    assert parsed.notes == () and parsed.series.time[0] == "2020-01-01"


def test_value_column_defaults_to_last_numeric_one():
    parsed = parse("name,a,b\nx,1,10\ny,2,20\nz,3,30\n")
    np.testing.assert_array_equal(parsed.series.values, [10, 20, 30])


def test_no_numeric_column():
    with pytest.raises(ValueError, match="no column holds numbers"):
        parse("a,b\nx,y\nz,w\n")


def test_text_in_value_column_is_reported_and_filled():
    parsed = parse("v\n1\n2\noops\n4\n5\n", value_column="v")
    assert notes(parsed)["text_values"] == {"count": 1}
    assert notes(parsed)["missing"] == {"filled": 1, "dropped": 0}
    np.testing.assert_allclose(parsed.series.values, [1, 2, 3, 4, 5])


def test_missing_values_at_the_ends_are_dropped():
    parsed = parse("v\n\n2\n\n4\n\n", value_column="v")
    np.testing.assert_allclose(parsed.series.values, [2, 3, 4])


def test_unsorted_and_duplicated_dates():
    text = "d,v\n2020-01-03,3\n2020-01-01,1\n2020-01-02,2\n2020-01-02,4\nnot a date,9\n"
    parsed = parse(text, value_column="v", date_column="d")
    assert {"sorted", "duplicates", "bad_dates"} <= set(notes(parsed))
    np.testing.assert_allclose(parsed.series.values, [1, 3, 3])  # the two 2020-01-02 rows averaged


def test_a_single_row_is_refused():
    with pytest.raises(ValueError, match="usable row"):
        parse("v\n1\n", value_column="v")


def test_too_many_rows_are_refused_with_the_limit():
    with pytest.raises(ValueError, match="100,000"):
        series.parse_csv(b"v\n" + b"1\n" * (series.MAX_ROWS + 5))


def test_a_huge_file_is_refused_unread():
    ten_million_rows = b"1\n" * (series.MAX_CSV_BYTES // 2 + 1)
    with pytest.raises(ValueError, match="limit is 20 MB"):
        series.parse_csv(ten_million_rows)


def test_non_utf8_bytes():
    with pytest.raises(ValueError, match="UTF-8"):
        series.parse_csv("v\n1\n2\nna\xefve\n".encode("latin-1"))


def test_unknown_columns_and_empty_files():
    with pytest.raises(ValueError, match="no column 'x'"):
        parse("v\n1\n2\n3\n", value_column="x")
    with pytest.raises(ValueError):
        series.parse_csv(b"")


def test_date_columns_are_recognised():
    table = series.read_table(b"when,label,v\n2020-01-01,a,1\n2020-02-01,b,2\n2020-03-01,c,3\n")
    assert series.date_columns(table) == ["when"]
    assert series.numeric_columns(table) == ["v"]


def test_long_series_keep_their_most_recent_part():
    parsed = series.parse_csv(b"v\n" + "".join(f"{i}\n" for i in range(5000)).encode())
    assert len(parsed.series) == series.MAX_VALUES and parsed.series.values[-1] == 4999
    assert notes(parsed)["cut"] == {"kept": series.MAX_VALUES, "total": 5000}


def test_every_repair_note_has_a_message_in_both_languages():
    from lstm_core.string_table import TABLE as STRINGS

    text = "d,v\n2020-01-03,3\n2020-01-01,x\n2020-01-02,2\n2020-01-02,4\nbad,9\n2020-01-04,\n"
    found = dict(parse(text, value_column="v", date_column="d").notes)
    found.update(series.parse_csv(b"v\n" + b"1\n" * (series.MAX_VALUES + 1)).notes)
    assert set(found) == {"text_values", "bad_dates", "sorted", "duplicates", "missing", "cut"}
    for note, values in found.items():
        for language in ("en", "zh"):
            assert STRINGS[f"forecast.note.{note}"][language].format(**values)
