"""The publication date a caller passes in, in the forms article dumps carry.

ISO dates and datetimes (with a zone: the date as written there), "dd/mm/yyyy", "dd-mm-yyyy",
"dd/mm/yyyy HH:MM", a Vietnamese dateline ("Thứ hai, 6/8/2025, 00:00 (GMT+7)") and epoch seconds.
A value none of them reads is no error: the article is extracted without it and says why.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import regex

# A day, month and year anywhere in the value: "22/10/2013 15:14", "Thứ hai, 6/8/2025, 00:00 (GMT+7)".
_DAY_MONTH_YEAR = regex.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_EPOCH = regex.compile(r"\d{9,11}(?:\.\d+)?")
_VIETNAM = timezone(timedelta(hours=7))  # epoch seconds become a date in Vietnam, where the news is
_EPOCH_RANGE = (631_152_000.0, 4_102_444_800.0)  # 1990-01-01 to 2100-01-01


def read_published(published: object) -> tuple[date | None, str | None]:
    """(the date, None), or (None, a warning) when ``published`` is given but unreadable."""
    if published is None or published == "":
        return None, None
    if isinstance(published, datetime):
        return published.date(), None
    if isinstance(published, date):
        return published, None
    if isinstance(published, int | float) and not isinstance(published, bool):
        return _from_epoch(float(published))
    if isinstance(published, str):
        return _from_text(published.strip())
    return None, f"published={published!r} ({type(published).__name__}) is no date; relative dates were not resolved"


def _from_text(value: str) -> tuple[date | None, str | None]:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date(), None
    except ValueError:
        pass
    if _EPOCH.fullmatch(value):
        return _from_epoch(float(value))
    if found := _DAY_MONTH_YEAR.search(value):
        day, month, year = (int(part) for part in found.groups())
        try:
            return date(year, month, day), None
        except ValueError:
            pass
    return None, f"published={value!r} could not be read as a date; relative dates were not resolved"


def _from_epoch(seconds: float) -> tuple[date | None, str | None]:
    """Epoch seconds of a plausible publication (1990 to 2100); 0 or a count is no date."""
    if not _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
        return None, f"published={seconds!r} is no epoch time of 1990-2100; relative dates were not resolved"
    return datetime.fromtimestamp(seconds, tz=_VIETNAM).date(), None
