from __future__ import annotations

import pytest

from vnnews_extract.text.segment import sentences

CASES = [
    ("Tiêu đề không chấm\nCâu một. Câu hai.", ["Tiêu đề không chấm", "Câu một.", "Câu hai."]),
    ("UBND TX. Hương Trà họp. Sau đó giải tán.", ["UBND TX. Hương Trà họp.", "Sau đó giải tán."]),
    ("GS.TS. Nguyễn Văn B phát biểu. Hết.", ["GS.TS. Nguyễn Văn B phát biểu.", "Hết."]),
    ('Ông nói: "Tốt." Sau đó về.', ['Ông nói: "Tốt."', "Sau đó về."]),
    ("10 năm qua... Rất tốt! 2023 là năm bản lề?", ["10 năm qua...", "Rất tốt!", "2023 là năm bản lề?"]),
    ("số 1.999,62 tỷ đồng. Tăng 7,09%.", ["số 1.999,62 tỷ đồng.", "Tăng 7,09%."]),
    ("Theo Nghị quyết 18-NQ/TW. Đảng bộ có 242 đảng viên.", ["Theo Nghị quyết 18-NQ/TW.", "Đảng bộ có 242 đảng viên."]),
    ("Họ và tên:" + "." * 60 + " Địa chỉ: Huế.", ["Họ và tên:" + "." * 60, "Địa chỉ: Huế."]),
    ("", []),
    ("\n  \n", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences_split(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentences(text, [(0, len(text))])] == expected


def test_sentences_stay_inside_spans() -> None:
    text = "Câu một. Câu hai. Câu ba."
    spans = [(0, 8), (18, len(text))]
    assert [text[a:b] for a, b in sentences(text, spans)] == ["Câu một.", "Câu ba."]
