"""Dates in the languages CLDR knows: `stance.split.datewords` and `lines.is_timestamp`."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from babel.dates import format_date, format_timedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.split import datewords
from stance.split.lines import is_timestamp

# Locales whose medium and long dates all read as dates (the others write theirs with
# words or marks CLDR keeps apart from the names: Basque's "2021(e)ko", Hebrew's "in Oct.").
_CODES = (
    "en de fr es it nl pl cs sk hu ro ru uk be bg sr sr_Latn hr sl bs mk tr el sv da nb nn"
    " fi et lv lt is ga cy sq id ms vi km ja zh zh_Hant ko ar ur hi si ka hy az kk uz sw af"
    " zu pt ca gl"
)
DATED = _CODES.split()


@pytest.mark.parametrize(
    "line",
    [
        "14 марта 2024 \u0433.",  # Russian, with the year mark
        "14 мар. 2024 \u0433., 19:42",
        "jeu. 14 mars 2024",  # French, with the weekday
        "čt 14. 3. 2024",  # Czech: dotted with spaces
        "2024. 3. 14.",  # Korean
        "22 ott 2013",  # Italian
        "3 okt 2013",  # Dutch, Swedish, Indonesian...
        "16 de out. de 2025",  # Portuguese: "out" with a year
        "14\u200f/3\u200f/2024",  # Arabic, with direction marks
        "3 нед. назад",  # Russian, three weeks ago
        "il y a 2 j",  # French, two days ago
        "2 ថ្ងៃមុន",  # Khmer, two days ago (CLDR puts a zero-width space in it)
        "2 ថ្ងៃ\u200bមុន",
        "před 3 týd.",  # Czech
        "לפני 5 דקות",  # Hebrew
        "قبل 5 دقائق",  # Arabic
        "вт, 19:42",  # a weekday and one time
        "อังคาร 12 มี.ค. 2024, 20:41",  # Thai: weekday, a dotted month (phpBB's Thai pack)
        "58 phút trước Trả lời 11",  # a date, then the reply button and its likes
        "2 hours ago Reply 11",
        "15 Tháng 5, 2024 lúc 7:42 sáng",  # Vietnamese WordPress: "at" and the day's part
        "14 Mac 2024 pada 9:47 pagi",  # Malay: "at" between the date and the time
        "ဇူလိုင် ၂၆၊ ၂၀၂၃ ၁၀:၁၅ နံနက်",  # Burmese, with its own comma and digits
    ],
)
def test_dates_in_their_own_words(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize(
    "line",
    [
        "Lunes a domingo, de 8:00 a 17:00",  # opening hours: two times
        "4 out of 5",  # a rating: "out" is Portuguese October only with a year
        "125 out of 125",
        "Set 2 of 3",
        "de 5",
        "May",  # a month without a number
        "3 comments",
        "Top 10",
        "il y a",
        "назад",
        "Reply 11",  # buttons and a count, no date
        "Jo Reply 3",
        "\u0440 12",  # one Cyrillic letter of a month's abbreviation is no month
    ],
)
def test_not_dates(line: str) -> None:
    assert not is_timestamp(line)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(DATED),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31)),
    st.sampled_from(["medium", "long"]),
)
def test_cldr_dates_read(locale: str, when: datetime, width: str) -> None:
    assert is_timestamp(format_date(when, width, locale=locale))


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(datewords.LOCALES),
    st.integers(min_value=1, max_value=59),
    st.sampled_from(["minutes", "hours", "days", "weeks"]),
    st.sampled_from(["long", "short"]),
)
def test_cldr_times_ago_read(locale: str, n: int, unit: str, width: str) -> None:
    ago = format_timedelta(
        -timedelta(**{unit: n}), add_direction=True, format=width, locale=locale, threshold=100
    )
    assert is_timestamp(ago)


def test_tables_cached_on_disk(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path))
    datewords.tables.cache_clear()
    try:
        built = datewords.tables()
        (entry,) = tmp_path.glob("datewords-*.json")
        data = json.loads(entry.read_text(encoding="utf-8"))
        assert set(data) == {"months", "words", "agos", "spans"}
        datewords.tables.cache_clear()
        assert datewords.tables() == built  # read back from the file
        entry.write_text("{not json", encoding="utf-8")  # a broken entry is rebuilt
        datewords.tables.cache_clear()
        assert datewords.tables() == built
        assert json.loads(entry.read_text(encoding="utf-8")) == data
    finally:
        datewords.tables.cache_clear()


def test_the_date_of_a_row_of_buttons() -> None:
    """The date alone, without the buttons and counts after it (with a dot between them
    or not): what a comment's `posted_at` says."""
    from stance.split.lines import button_row_date, name_time

    assert button_row_date("58 phút trước Trả lời 11") == "58 phút trước"
    assert button_row_date("Like \u00b7 Reply \u00b7 3h") == "3h"
    assert button_row_date("Mar 12, 2024 11") is None  # its last number is the date's
    assert button_row_date("2小时前赞 86回复举报") == "2小时前"  # Chinese buttons, glued on
    assert name_time("Jo | May 17, 2023 12:31 AM | Reply") == ("Jo", "May 17, 2023 12:31 AM")
