"""Tests of the scoring rules of ../shared/gold/SCORING.md, one small gold/prediction pair per rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vnnews_extract.evaluation import (
    ATTRIBUTES,
    METRICS,
    TONE_FOLDS,
    MetricScore,
    Report,
    key_norm,
    load_jsonl,
    norm,
    score,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "gold" / "seed.json"
DEV = SHARED / "gold" / "dev.jsonl"


def score_one(gold: dict[str, Any], pred: dict[str, Any]) -> Report:
    """Score one article: ``gold`` and ``pred`` are the fact lists, without the id."""
    return score([{"id": "a", **gold}], [{"id": "a", **pred}])


def counts(report: Report, metric: str) -> tuple[int, int, int]:
    m = report.metrics[metric]
    return (m.tp, m.fp, m.fn)


def accuracy_counts(report: Report, attribute: str) -> tuple[int, int]:
    a = report.attributes[attribute]
    return (a.correct, a.total)


def officials(*people: tuple[str, list[str]]) -> list[dict[str, Any]]:
    return [{"name": name, "titles": titles, "text": name} for name, titles in people]


def named(*names: str) -> list[dict[str, Any]]:
    return [{"name": name, "text": name} for name in names]


def dates(*texts_values: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"text": text, "value": value} for text, value in texts_values]


# --- norm and key_norm ----------------------------------------------------------------------------

# The fifteen folds exactly as SCORING.md lists them (kept apart from TONE_FOLDS on purpose).
SPEC_TONE_FOLDS = [
    ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
    ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
    ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
]  # fmt: skip

DASHES = [chr(code) for code in range(0x2010, 0x2016)] + ["\u2212"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Ho\u0300a", "hòa", id="nfc-composes-combining-mark"),
        pytest.param("\u00d0ảng ủy", "đảng ủy", id="U+00D0-eth-to-dstroke-not-ð"),
        pytest.param("\u0189ảng ủy", "đảng ủy", id="U+0189-african-d-to-dstroke"),
        pytest.param("ĐẢNG ỦY", "đảng ủy", id="lower-case"),
        pytest.param("UBND TX. Hương Trà", "ubnd tx. hương trà", id="lower-case-abbreviation"),
        pytest.param("Thanh Hoá", "thanh hóa", id="fold-oá"),
        pytest.param("THANH HOÁ", "thanh hóa", id="fold-after-lower-casing"),
        pytest.param("Đảng uỷ", "đảng ủy", id="fold-uỷ"),
        pytest.param("sức khoẻ", "sức khỏe", id="fold-oẻ"),
        pytest.param("Thuỵ Điển", "thụy điển", id="fold-uỵ"),
        pytest.param("quyết định", "quyết định", id="no-fold-without-listed-pair"),
        pytest.param("hoa hòa", "hoa hòa", id="traditional-form-unchanged"),
        pytest.param("  Phan \t Ngọc\n\nThọ\u00a0 ", "phan ngọc thọ", id="whitespace-runs-and-trim"),
        pytest.param("Sở Văn hóa – Thể thao", "sở văn hóa - thể thao", id="en-dash"),
        pytest.param("", "", id="empty"),
    ],
)
def test_norm_rules(raw: str, expected: str) -> None:
    assert norm(raw) == expected


@pytest.mark.parametrize(("old", "new"), SPEC_TONE_FOLDS)
def test_norm_folds_each_listed_tone_placement(old: str, new: str) -> None:
    assert norm(old) == new
    assert norm(old.upper()) == new
    assert norm(f"x{old}x") == f"x{new}x"


def test_tone_fold_table_is_exactly_the_specified_one() -> None:
    assert TONE_FOLDS == dict(SPEC_TONE_FOLDS)


@pytest.mark.parametrize("dash", DASHES, ids=[f"U+{ord(d):04X}" for d in DASHES])
def test_norm_maps_every_dash_to_hyphen(dash: str) -> None:
    assert norm(f"2021{dash}2025") == "2021-2025"


@pytest.mark.parametrize(
    "raw", ["Ho\u0300a  Bình", "\u00d0ảng Uỷ", "18\u2013NQ/TW", " THANH HOÁ ", "Quý II/2023"]
)
def test_norm_is_idempotent(raw: str) -> None:
    assert norm(norm(raw)) == norm(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("18 - NQ/TW", "18-nq/tw"),
        ("Nghị quyết 54", "nghịquyết54"),
        ("213\u2013Q\u00d0/TW", "213-qđ/tw"),
        (" 15/2020/NĐ-CP\t", "15/2020/nđ-cp"),
    ],
)
def test_key_norm_removes_all_white_space(raw: str, expected: str) -> None:
    assert key_norm(raw) == expected


# --- load_jsonl -----------------------------------------------------------------------------------


def test_load_jsonl_reads_objects_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "authors": ["Anh Phong"]}\n\n{"id": "b"}\n', encoding="utf-8")
    assert load_jsonl(path) == [{"id": "a", "authors": ["Anh Phong"]}, {"id": "b"}]
    assert load_jsonl(str(path))[1] == {"id": "b"}


@pytest.mark.parametrize(
    ("third_line", "message"),
    [
        ('{"id": "c",', "malformed JSON"),
        ('["not", "an", "object"]', "expected a JSON object"),
        ('{"id": "c", "id": "d"}', "duplicate key 'id'"),
    ],
)
def test_load_jsonl_names_file_and_line_of_a_bad_record(tmp_path: Path, third_line: str, message: str) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(f'{{"id": "a"}}\n{{"id": "b"}}\n{third_line}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        load_jsonl(path)
    assert "pred.jsonl:3:" in str(info.value)


# --- sets: officials.name, officials.title, authors -----------------------------------------------


def test_officials_name_is_a_set_of_normalised_names() -> None:
    report = score_one(
        {"officials": officials(("Phan Ngọc Thọ", []), ("Hồ Đức Phớc", []))},
        {"officials": officials(("Phan Ngọc Thọ", []), ("PHAN  NGỌC THỌ", []), ("Tô Lâm", []))},
    )
    assert counts(report, "officials.name") == (1, 1, 1)


def test_officials_title_is_a_set_of_name_title_pairs() -> None:
    report = score_one(
        {"officials": officials(("Phan Ngọc Thọ", ["Phó Bí thư Thường trực Tỉnh ủy", "Đại biểu"]))},
        {
            "officials": [
                *officials(("phan ngọc thọ", ["Phó Bí thư thường trực Tỉnh uỷ", "Phó Bí thư Thường trực Tỉnh ủy"])),
                *officials(("Phan Ngọc Thọ", ["Bí thư"]), ("Hồ Đức Phớc", [])),
                {"name": "Tô Lâm", "text": "Tô Lâm"},  # no "titles": no pairs
            ]
        },
    )
    assert counts(report, "officials.title") == (1, 1, 1)
    assert counts(report, "officials.name") == (1, 2, 0)


def test_title_pair_needs_the_same_name() -> None:
    report = score_one(
        {"officials": officials(("Phan Ngọc Thọ", ["Bộ trưởng"]))},
        {"officials": officials(("Phan Thọ", ["Bộ trưởng"]))},
    )
    assert counts(report, "officials.title") == (0, 1, 1)
    assert counts(report, "officials.title.lenient") == (0, 1, 1)


def test_authors_is_a_set_of_normalised_names() -> None:
    report = score_one(
        {"authors": ["Anh Phong", "Minh Anh"]}, {"authors": ["anh  phong", "Anh Phong", "Hà Linh"]}
    )
    assert counts(report, "authors") == (1, 1, 1)


# --- multisets: dates.value, organizations, locations ---------------------------------------------


@pytest.mark.parametrize(
    ("gold_values", "pred_values", "expected"),
    [
        pytest.param(["2022", "2022"], ["2022"], (1, 0, 1), id="gold-duplicate-counted-twice"),
        pytest.param(["2022", "2022"], ["2022", "2022", "2022"], (2, 1, 0), id="extra-duplicate-is-fp"),
        pytest.param(["2022", "2023"], ["2023", "2022"], (2, 0, 0), id="order-free"),
        pytest.param(["2017-10-25"], ["2017-10-25 "], (0, 1, 1), id="values-compared-exactly"),
    ],
)
def test_dates_value_is_a_multiset(gold_values: list[str], pred_values: list[str], expected: tuple[int, ...]) -> None:
    report = score_one(
        {"dates": dates(*((f"năm {v}", v) for v in gold_values))},
        {"dates": dates(*((f"năm {v}", v) for v in pred_values))},
    )
    assert counts(report, "dates.value") == expected


@pytest.mark.parametrize("kind", ["organizations", "locations"])
def test_organizations_and_locations_are_multisets_of_normalised_names(kind: str) -> None:
    report = score_one(
        {kind: named("Đảng ủy phường Hương Xuân", "Đảng ủy phường Hương Xuân", "Thị ủy Hương Trà")},
        {kind: named("Đảng uỷ phường Hương Xuân", "Thị ủy Hương Trà", "Thị ủy Hương Trà")},
    )
    assert counts(report, kind) == (2, 1, 1)


def test_same_duplicates_count_once_in_a_set_and_twice_in_a_multiset() -> None:
    report = score_one(
        {"authors": ["Anh Phong", "Anh Phong"], "locations": named("Huế", "Huế")},
        {"authors": ["Anh Phong", "Anh Phong"], "locations": named("Huế", "Huế")},
    )
    assert counts(report, "authors") == (1, 0, 0)
    assert counts(report, "locations") == (2, 0, 0)


# --- greedy matching ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_names", "expected"),
    [
        # "ủy ban" takes the first prediction that contains it, leaving nothing for the longer name.
        pytest.param(["Ủy ban", "Ủy ban nhân dân xã"], (1, 1, 1), id="greedy-not-optimal"),
        pytest.param(["Ủy ban nhân dân xã", "Ủy ban"], (2, 0, 0), id="other-order"),
    ],
)
def test_greedy_matches_gold_in_order_to_first_unused_prediction(
    gold_names: list[str], expected: tuple[int, int, int]
) -> None:
    report = score_one(
        {"organizations": named(*gold_names)}, {"organizations": named("Ủy ban nhân dân xã", "Ủy ban tỉnh")}
    )
    assert counts(report, "organizations.lenient") == expected


@pytest.mark.parametrize(
    ("gold_text", "pred_text", "matches"),
    [
        ("cuối năm 2023", "năm 2023", True),
        ("năm 2023", "cuối năm 2023", True),
        ("ngày 25/10/2017", "Ngày 25/10/2017", True),
        ("giai đoạn 2021–2025", "2021-2025", True),
        ("năm 2023", "năm 2024", False),
        ("tháng 3/2022", "3/2022 và", False),
    ],
)
def test_dates_span_one_text_contains_the_other(gold_text: str, pred_text: str, matches: bool) -> None:
    report = score_one({"dates": dates((gold_text, "x"))}, {"dates": dates((pred_text, "y"))})
    assert counts(report, "dates.span") == ((1, 0, 0) if matches else (0, 1, 1))


@pytest.mark.parametrize(
    ("metric", "gold", "pred", "expected"),
    [
        ("dates.span", {"dates": dates(("năm 2022", "2022"), ("năm 2022", "2022"))},
         {"dates": dates(("năm 2022", "2022"))}, (1, 0, 1)),
        ("organizations.lenient", {"organizations": named("Tỉnh ủy", "Tỉnh ủy Bình Định")},
         {"organizations": named("Tỉnh ủy Bình Định")}, (1, 0, 1)),
        ("locations.lenient", {"locations": named("Hương Xuân")},
         {"locations": named("Xuân", "Hương Xuân")}, (1, 1, 0)),
        ("locations.lenient", {"locations": named("Hương Trà")}, {"locations": named("Hương Xuân")}, (0, 1, 1)),
    ],
)  # fmt: skip
def test_greedy_uses_each_prediction_once(
    metric: str, gold: dict[str, Any], pred: dict[str, Any], expected: tuple[int, int, int]
) -> None:
    assert counts(score_one(gold, pred), metric) == expected


def test_lenient_organizations_and_locations_use_containment_but_strict_ones_do_not() -> None:
    report = score_one(
        {"organizations": named("UBND phường Hương Xuân"), "locations": named("Hương Xuân")},
        {"organizations": named("UBND phường Hương Xuân, TX. Hương Trà"), "locations": named("phường Hương Xuân")},
    )
    assert counts(report, "organizations") == (0, 1, 1)
    assert counts(report, "organizations.lenient") == (1, 0, 0)
    assert counts(report, "locations") == (0, 1, 1)
    assert counts(report, "locations.lenient") == (1, 0, 0)


# --- officials.title.lenient ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_title", "pred_title", "matches"),
    [
        ("Ủy viên Bộ Chính trị", "ủy viên Bộ Chính trị khóa XII", True),
        ("Bộ trưởng", "Bộ trưởng Bộ Y tế", True),
        ("Bộ trưởng Bộ Y tế", "Bộ trưởng", True),
        ("Ủy viên Bộ Chính trị", "Uỷ viên  Bộ Chính trị", True),
        ("Bí thư", "Phó Bí thư", False),
        ("Phó Bí thư", "Bí thư", False),
        ("Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", False),
        ("Bộ trưởng", "Bộ trưởngBộ Y tế", False),
        ("Bộ trưởng Bộ Y tế", "Bộ trưởng Bộ Tài chính", False),
        ("nguyên Bộ trưởng Bộ Y tế", "Bộ trưởng", True),
        ("Bộ trưởng Bộ Y tế", "Nguyên Bộ trưởng", True),
        ("cựu Chủ tịch", "Chủ tịch UBND tỉnh", True),
        ("quyền Chủ tịch UBND tỉnh", "Chủ tịch", True),
        ("Tân Bộ trưởng", "Bộ trưởng Bộ Y tế", True),
        ("nguyên quyền Chủ tịch", "Chủ tịch", False),
        ("Chủ tịch", "Phó Chủ tịch nguyên", False),
    ],
)
def test_officials_title_lenient_rules(gold_title: str, pred_title: str, matches: bool) -> None:
    report = score_one(
        {"officials": officials(("Phan Ngọc Thọ", [gold_title]))},
        {"officials": officials(("Phan Ngọc Thọ", [pred_title]))},
    )
    assert counts(report, "officials.title.lenient") == ((1, 0, 0) if matches else (0, 1, 1))
    strict = norm(gold_title) == norm(pred_title)
    assert counts(report, "officials.title") == ((1, 0, 0) if strict else (0, 1, 1))


def test_officials_title_lenient_pairs_each_gold_title_with_one_prediction() -> None:
    report = score_one(
        {"officials": officials(("Đào Hồng Lan", ["Bộ trưởng Bộ Y tế", "Ủy viên Trung ương Đảng"]))},
        {"officials": officials(("Đào Hồng Lan", ["Bộ trưởng", "Bộ trưởng"]))},
    )
    assert counts(report, "officials.title.lenient") == (1, 0, 1)
    assert counts(report, "officials.title") == (0, 1, 2)


# --- documents.key --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_key", "pred_key", "matches"),
    [
        ("18-NQ/TW", "18-NQ/TW", True),
        ("18-NQ/TW", "18 - NQ/TW", True),
        ("18-NQ/TW", "18\u2010nq/tw", True),
        ("213-QĐ/TW", "213-Q\u00d0/TW", True),
        ("Nghị quyết 54", "Nghịquyết 54", True),
        ("18-NQ/TW", "18-NQ/TU", False),
        ("15/2020/NĐ-CP", "15/NĐ-CP", False),
    ],
)
def test_documents_key_compares_key_norm(gold_key: str, pred_key: str, matches: bool) -> None:
    report = score_one({"documents": [{"key": gold_key}]}, {"documents": [{"key": pred_key}]})
    assert counts(report, "documents.key") == ((1, 0, 0) if matches else (0, 1, 1))


def test_documents_key_is_greedy_per_gold_document() -> None:
    report = score_one(
        {"documents": [{"key": "916/NQ-UBTVQH13"}, {"key": "916/NQ-UBTVQH13"}, {"key": "1096/NQ-UBTVQH13"}]},
        {"documents": [{"key": "916/NQ-UBTVQH13"}, {"key": "54"}]},
    )
    assert counts(report, "documents.key") == (1, 1, 2)


# --- statistics -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_value", "gold_unit", "pred_value", "pred_unit", "matches"),
    [
        pytest.param(242, "đảng viên", 242, "đảng viên", True, id="equal"),
        pytest.param(242, "đảng viên", 242.0, "Đảng  viên", True, id="int-float-and-unit-norm"),
        pytest.param(2.5, "%", 2.5, "%", True, id="float"),
        pytest.param(1_999_620_000_000, "đồng", 1_999_620_000_000 * (1 + 5e-10), "đồng", True, id="within-1e-9"),
        pytest.param(1_000_000_000, "đồng", 1_000_000_001, "đồng", True, id="at-1e-9"),
        pytest.param(1_000_000_000, "đồng", 1_000_000_002, "đồng", False, id="beyond-1e-9"),
        pytest.param(242, "đảng viên", 243, "đảng viên", False, id="different-value"),
        pytest.param(0, "ca", 0, "ca", True, id="zero"),
        pytest.param(0, "ca", 0.0, "ca", True, id="zero-int-float"),
        pytest.param(0, "ca", 1e-12, "ca", False, id="zero-vs-tiny"),
        pytest.param(242, "đảng viên", "242", "đảng viên", False, id="string-value-never-matches"),
        pytest.param(1, "chi bộ", True, "chi bộ", False, id="bool-value-never-matches"),
        pytest.param(5, "ha", None, "ha", False, id="null-value"),
        pytest.param(float("nan"), "ha", float("nan"), "ha", False, id="nan"),
        pytest.param(23, "hộ", 23, "hộ nghèo", True, id="pred-unit-longer"),
        pytest.param(23, "hộ nghèo", 23, "hộ", True, id="gold-unit-longer"),
        pytest.param(3000, "lượt", 3000, "lượt khách", True, id="unit-prefix-word"),
        pytest.param(20, "USD", 20, "usd", True, id="unit-case"),
        pytest.param(23, "hộ", 23, "hội", False, id="unit-prefix-without-space"),
        pytest.param(1300, "đồng", 1300, "tỷ đồng", False, id="unit-suffix-is-not-prefix"),
        pytest.param(23, "hộ", 23, None, False, id="null-unit"),
    ],
)
def test_statistics_value_tolerance_and_unit_rule(
    gold_value: float, gold_unit: str, pred_value: object, pred_unit: str | None, matches: bool
) -> None:
    report = score_one(
        {"statistics": [{"value": gold_value, "unit": gold_unit}]},
        {"statistics": [{"value": pred_value, "unit": pred_unit}]},
    )
    assert counts(report, "statistics") == ((1, 0, 0) if matches else (0, 1, 1))


def test_statistics_are_greedy_per_gold_statistic() -> None:
    one_chi_bo = {"value": 1, "unit": "chi bộ"}
    report = score_one(
        {"statistics": [one_chi_bo, one_chi_bo, one_chi_bo, {"value": 23, "unit": "hộ"}]},
        {"statistics": [{"value": 1, "unit": "chi bộ trạm y tế"}, {"value": 23, "unit": "hộ"}, {"value": 4}]},
    )
    assert counts(report, "statistics") == (2, 1, 2)


# --- articles, micro average, zero division -------------------------------------------------------


def test_article_without_prediction_counts_all_gold_facts_as_missed() -> None:
    facts = {
        "officials": officials(("Phan Ngọc Thọ", ["Phó Bí thư"])),
        "dates": dates(("năm 2022", "2022")),
        "statistics": [{"value": 23, "unit": "hộ"}],
        "authors": ["Anh Phong"],
    }
    gold = [{"id": "a", **facts}, {"id": "b", **facts}]
    pred = [{"id": "a", **facts}, {"id": "not-in-gold", **facts}]
    report = score(gold, pred)
    for metric in ("officials.name", "officials.title", "dates.value", "dates.span", "statistics", "authors"):
        assert counts(report, metric) == (1, 0, 1), metric
    assert (report.articles, report.missing_predictions, report.ignored_predictions) == (2, 1, 1)


def test_counts_are_micro_averaged_over_articles() -> None:
    gold = [{"id": "a", "authors": ["Anh Phong"]}, {"id": "b", "authors": []}]
    pred = [{"id": "a", "authors": ["Anh Phong"]}, {"id": "b", "authors": ["X", "Y", "Z"]}]
    report = score(gold, pred)
    assert counts(report, "authors") == (1, 3, 0)
    assert report.metrics["authors"].precision == pytest.approx(0.25)  # macro would be 0.5
    assert report.metrics["authors"].recall == pytest.approx(1.0)
    assert report.metrics["authors"].f1 == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "precision", "recall", "f1"),
    [
        (0, 0, 0, 0.0, 0.0, 0.0),
        (0, 3, 0, 0.0, 0.0, 0.0),
        (0, 0, 3, 0.0, 0.0, 0.0),
        (2, 2, 0, 0.5, 1.0, 2 / 3),
        (3, 1, 2, 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35),
    ],
)
def test_precision_recall_f1_with_zero_denominators_are_zero(
    tp: int, fp: int, fn: int, precision: float, recall: float, f1: float
) -> None:
    m = MetricScore(tp, fp, fn)
    assert (m.precision, m.recall, m.f1) == pytest.approx((precision, recall, f1))


def test_empty_input_gives_zero_scores_everywhere() -> None:
    report = score([], [])
    assert list(report.metrics) == list(METRICS)
    assert list(report.attributes) == list(ATTRIBUTES)
    assert all((m.precision, m.recall, m.f1) == (0.0, 0.0, 0.0) for m in report.metrics.values())
    assert all(a.accuracy == 0.0 for a in report.attributes.values())


def test_predictions_only_give_zero_precision() -> None:
    report = score_one({}, {"locations": named("Huế", "Đà Nẵng")})
    assert counts(report, "locations") == (0, 2, 0)
    assert report.metrics["locations"].precision == 0.0
    assert report.metrics["locations"].f1 == 0.0


@pytest.mark.parametrize(
    ("gold", "pred", "message"),
    [
        ([{"id": "a"}, {"id": "a"}], [], "gold id 'a' occurs more than once"),
        ([{"id": "a"}], [{"id": "a"}, {"id": "a"}], "prediction id 'a' occurs more than once"),
        ([{"text": "x"}], [], "gold record 1 has no 'id'"),
    ],
)
def test_bad_ids_are_rejected(gold: list[dict[str, Any]], pred: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        score(gold, pred)


# --- robustness -----------------------------------------------------------------------------------


def test_missing_or_null_lists_and_null_names_are_harmless() -> None:
    gold = {"officials": officials(("Phan Ngọc Thọ", [])), "locations": named("Huế")}
    pred: dict[str, Any] = {
        "officials": [{"name": None, "titles": ["Bộ trưởng"]}, {"name": "Phan Ngọc Thọ", "titles": None}],
        "dates": None,
        "organizations": [{"name": None}, {"name": "  "}],
        "locations": [*named("Huế"), {"text": "Huế"}],
        "authors": [None, ""],
    }
    report = score_one(gold, pred)
    assert counts(report, "officials.name") == (1, 0, 0)
    assert counts(report, "officials.title") == (0, 0, 0)
    assert counts(report, "organizations") == (0, 0, 0)
    assert counts(report, "locations") == (1, 0, 0)
    assert counts(report, "authors") == (0, 0, 0)
    assert counts(report, "dates.value") == (0, 0, 0)


# --- attribute accuracy ---------------------------------------------------------------------------


def test_dates_mod_counts_matched_pairs_with_non_null_gold_mod() -> None:
    gold = [
        {"text": "cuối 2023", "value": "2023", "mod": "END"},
        {"text": "năm 2022", "value": "2022"},  # no mod: not counted
        {"text": "đầu năm 2020", "value": "2020", "mod": "START"},
        {"text": "giữa tháng 5", "value": "XXXX-05", "mod": "MID"},  # unmatched: not counted
    ]
    pred = [
        {"text": "cuối 2023", "value": "2023", "mod": "END"},
        {"text": "năm 2022", "value": "2022", "mod": "START"},
        {"text": "đầu năm 2020", "value": "2020"},  # mod omitted = null: wrong
    ]
    report = score_one({"dates": gold}, {"dates": pred})
    assert accuracy_counts(report, "dates.mod") == (1, 2)
    assert report.attributes["dates.mod"].accuracy == pytest.approx(0.5)


def test_dates_mod_uses_the_greedy_span_pairs() -> None:
    report = score_one(
        {"dates": [{"text": "cuối 2023", "value": "2023", "mod": "END"}]},
        {"dates": [{"text": "2023", "value": "2023"}, {"text": "cuối 2023", "value": "2023", "mod": "END"}]},
    )
    assert accuracy_counts(report, "dates.mod") == (0, 1)


def test_document_attributes_compare_with_norm_on_key_pairs() -> None:
    gold = [
        {"key": "18-NQ/TW", "doc_type": "Nghị quyết", "issued": "2017-10-25",
         "issuer": "Ban Chấp hành Trung ương", "term": "XII"},
        {"key": "Nghị quyết 54", "doc_type": "Nghị quyết", "issued": None, "issuer": "Bộ Chính trị", "term": None},
        {"key": "213-QĐ/TW", "doc_type": "Quy định", "issued": "2020-01-02", "issuer": None, "term": None},
    ]  # fmt: skip
    pred = [
        {"key": "Nghị quyết 54", "doc_type": "Quyết định", "issued": "2020-01-01", "issuer": "bộ  Chính trị",
         "term": "XIII"},
        {"key": "18 - NQ/TW", "doc_type": "nghị quyết", "issued": "2017-10-26",
         "issuer": "Ban Chấp hành Trung ương"},
    ]  # fmt: skip
    report = score_one({"documents": gold}, {"documents": pred})
    assert counts(report, "documents.key") == (2, 0, 1)
    assert accuracy_counts(report, "documents.doc_type") == (1, 2)
    assert accuracy_counts(report, "documents.issued") == (0, 1)
    assert accuracy_counts(report, "documents.issuer") == (2, 2)
    assert accuracy_counts(report, "documents.term") == (0, 1)


def test_statistics_approx_absent_in_gold_is_not_counted() -> None:
    gold = [
        {"value": 242, "unit": "đảng viên", "approx": "more_than"},
        {"value": 17, "unit": "chi bộ"},
        {"value": 23, "unit": "hộ", "approx": "about"},
        {"value": 8, "unit": "chi bộ", "approx": "about"},  # unmatched
    ]
    pred = [
        {"value": 242, "unit": "đảng viên", "approx": "more_than"},
        {"value": 17, "unit": "chi bộ", "approx": "about"},
        {"value": 23, "unit": "hộ"},
    ]
    report = score_one({"statistics": gold}, {"statistics": pred})
    assert accuracy_counts(report, "statistics.approx") == (1, 2)


def test_locations_level_pairs_equal_names_in_order() -> None:
    gold = [
        {"name": "Hương Xuân", "level": "phường"},
        {"name": "Hương Trà", "level": "thị xã"},
        {"name": "Huế", "level": None},
        {"name": "Hương Xuân", "level": None},
        {"name": "Hương Xuân", "level": "phường"},
    ]
    pred = [
        {"name": "Hương Xuân", "level": None},
        {"name": "Huế", "level": "thành phố"},
        {"name": "hương trà", "level": "Thị xã"},
        {"name": "Hương Xuân", "level": "phường"},
        {"name": "Xuân", "level": "phường"},
    ]
    report = score_one({"locations": gold}, {"locations": pred})
    # Hương Xuân#1 ↔ pred#1 (null: wrong); Hương Trà ↔ pred#3 (right); Huế, Hương Xuân#2 null: not counted;
    # Hương Xuân#3 has no equal-name prediction left ("Xuân" only contains-matches).
    assert accuracy_counts(report, "locations.level") == (1, 2)


# --- report output --------------------------------------------------------------------------------


def sample_report() -> Report:
    return score_one(
        {"dates": dates(("năm 2022", "2022"), ("năm 2023", "2023")), "authors": ["Anh Phong"]},
        {"dates": [{"text": "năm 2022", "value": "2022", "mod": "END"}], "authors": ["Anh Phong", "X"]},
    )


def test_to_dict_is_json_serialisable_and_complete() -> None:
    data = json.loads(json.dumps(sample_report().to_dict()))
    assert list(data["metrics"]) == list(METRICS)
    assert list(data["attributes"]) == list(ATTRIBUTES)
    assert data["metrics"]["dates.value"] == {
        "tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3)
    }  # fmt: skip
    assert data["attributes"]["dates.mod"] == {"correct": 0, "total": 0, "accuracy": 0.0}
    assert data["articles"] == 1


def test_format_table_has_one_fixed_width_row_per_metric_and_attribute() -> None:
    lines = sample_report().format_table().splitlines()
    rows = {line.split()[0]: line for line in lines if line.split() and line.split()[0] in METRICS + ATTRIBUTES}
    assert set(rows) == set(METRICS) | set(ATTRIBUTES)
    assert rows["dates.value"].split() == ["dates.value", "1.000", "0.500", "0.667", "1", "0", "1"]
    assert rows["authors"].split() == ["authors", "0.500", "1.000", "0.667", "1", "1", "0"]
    assert rows["dates.mod"].split() == ["dates.mod", "0.000", "0", "0"]
    assert len({len(rows[m]) for m in METRICS}) == 1


# --- gold files -----------------------------------------------------------------------------------

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared gold data not found at {SHARED}")


@needs_shared
def test_seed_gold_scored_against_itself_is_perfect() -> None:
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    report = score([seed], [seed])
    with_gold = [name for name, m in report.metrics.items() if m.tp + m.fn > 0]
    assert with_gold, "seed.json has no gold facts"
    assert {name: report.metrics[name].f1 for name in with_gold} == dict.fromkeys(with_gold, 1.0)
    assert all(a.accuracy == 1.0 for a in report.attributes.values() if a.total)


@needs_shared
def test_dev_gold_scored_against_itself_is_perfect_and_dropping_dates_is_seen() -> None:
    gold = load_jsonl(DEV)
    report = score(gold, gold)
    assert all(m.f1 == 1.0 for m in report.metrics.values() if m.tp + m.fn)
    degraded = score(gold, [{**record, "dates": []} for record in gold])
    assert degraded.metrics["dates.value"].recall == 0.0
    assert degraded.metrics["dates.value"].fn == report.metrics["dates.value"].tp
    assert degraded.metrics["statistics"].f1 == 1.0
