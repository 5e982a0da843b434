"""Date forms with one meaning in news, after Duckling's Vietnamese examples (issue 14), read with an
article's publication date. The corpus rows of tests/cases/dates.jsonl hold real sentences; these
hold the forms the corpus lacks (two-digit years) and pin each form's value and resolution."""

from __future__ import annotations

import pytest

from vnnews_extract import Pipeline

PUBLISHED = "2017-05-10"  # a Wednesday, ISO week 19, second quarter

# A date that states its year needs no resolution (resolved None); a relative one is resolved.
FORMS: list[tuple[str, str, str, str | None]] = [
    ("Ngày 3/3/17, Bộ Y tế công bố số liệu.", "Ngày 3/3/17", "2017-03-03", None),
    ("Sáng 3/9/91 ông ấy rời quê.", "Sáng 3/9/91", "1991-09-03", None),
    ("Vào tháng mười năm 2017, dự án khởi công.", "tháng mười năm 2017", "2017-10", None),
    ("Lúc 7:30 chiều ngày 20/4/2017, đoàn đến.", "7:30 chiều ngày 20/4/2017", "2017-04-20T19:30", None),
    ("Hôm nay lúc 2 giờ chiều, đoàn đến.", "Hôm nay lúc 2 giờ chiều", "2017-05-10T14:00", "2017-05-10T14:00"),
    ("Doanh thu quý 4 của năm 2018 tăng.", "quý 4 của năm 2018", "2018-Q4", None),
    ("Kết quả quý này khả quan.", "quý này", "2017-Q2", "2017-Q2"),
    ("Trong quý hiện tại, doanh thu tăng.", "quý hiện tại", "2017-Q2", "2017-Q2"),
    ("Cuộc họp vào thứ sáu tuần này.", "thứ sáu tuần này", "2017-05-12", "2017-05-12"),
    ("Thứ 2 tuần trước, ông đã ký.", "Thứ 2 tuần trước", "2017-05-01", "2017-05-01"),
    ("Bữa nay trời mưa to.", "Bữa nay", "2017-05-10", "2017-05-10"),
]


@pytest.mark.parametrize(("text", "mention", "value", "resolved"), FORMS, ids=[f[1] for f in FORMS])
def test_date_form(pipeline: Pipeline, text: str, mention: str, value: str, resolved: str | None) -> None:
    dates = pipeline.extract(text, published=PUBLISHED, detect_layout=False).dates
    assert [(d.text, d.value, d.resolved) for d in dates] == [(mention, value, resolved)]


def test_a_colon_time_alone_is_no_date(pipeline: Pipeline) -> None:
    """A score or ratio ("2:1", "3:20") has the shape of a clock time; only a day after it makes one."""
    assert pipeline.extract("Tỷ số 2:1 nghiêng về đội khách.", detect_layout=False).dates == []
