"""The PER/TITLE CRF tagger of issue 12 (resolve/tagger.py): features, offsets, the shipped model,
and its merge with the rule officials. The scores live in models/README.md; these tests check that
the pieces behave, not how well the model does."""

from __future__ import annotations

import importlib.util
import random
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hostile import GENERATORS
from vnnews_extract import Mention, Official
from vnnews_extract.resolve import tagger
from vnnews_extract.text.normalize import normalize

OBVIOUS = "Bộ trưởng Bộ Y tế Nguyễn Thanh Long phát biểu"


@pytest.fixture(scope="module")
def model() -> tagger.PersonTagger:
    return tagger.load()


def _junk(n: int, seed: int = 0) -> str:
    """Syllables, capitals, stray combining marks, invisible characters, brackets and a lone
    surrogate: a text that is neither NFC nor well formed, with enough capitals to be tagged."""
    rng = random.Random(seed)
    pieces = ["Nguyễn", "Văn", "An", "ông", "Bí thư", "Tỉnh ủy", "Chủ tịch", "UBND", "GS.TS", "đ/c",
              "\u0301", "\u0300a", "e\u0302\u0301", "\u200b", "\ufeff", "(", ")", ",", " - ", "–", ".",
              "\n", "\t", "1.999,62", "Đ", "\u00d0", "\ud800", "x" * 30, "HUY", "ÁÀ", " "]
    parts: list[str] = []
    while sum(map(len, parts)) < n:
        parts.append(rng.choice(pieces) + rng.choice(["", " ", "  "]))
    return "".join(parts)[:n]


def _assert_offsets(text: str, tags: list[tagger.Tag]) -> None:
    """Every span lies in ``text``, is not blank at either edge, and holds exactly the normalised
    tokens the tagger read (the map back from the normalised copy lost nothing and added nothing)."""
    doc = tagger.document(text)
    for start, end, label, score in tags:
        assert 0 <= start < end <= len(text), (start, end)
        span = text[start:end]
        assert span == span.strip(), repr(span)
        assert label in ("PER", "TITLE") and 0.0 <= score <= 1.0 + 1e-9
        read = doc.text[doc.normalized.from_source(start) : doc.normalized.from_source(end)]
        assert normalize(span).text == read, (span, read)


# --- features -------------------------------------------------------------------------------------


def test_tagger_features_are_deterministic() -> None:
    tokens = [s.text for s in tagger.syllables("Ông Nguyễn Văn An, Bí thư Tỉnh ủy, GS.TS. Lê B nói.")]
    fresh = tagger.sentence_features(tokens)
    cache: dict[str, tagger._Own] = {}
    tagger.sentence_features(["Nguyễn", "khác", "An"], cache=cache)  # a warm cache changes nothing
    assert tagger.sentence_features(tokens, cache=cache) == fresh == tagger.sentence_features(list(tokens))
    assert len(fresh) == len(tokens)
    at_surname = fresh[tokens.index("Nguyễn")]
    assert "w=nguyễn" in at_surname and "s=Aa" in at_surname and "sur=common" in at_surname
    at_title = fresh[tokens.index("Bí")]
    assert "lex=B-office" in at_title and "w+1=thư" in at_title
    assert "s=Aa." in fresh[tokens.index("GS.TS")] or "s=AA." in fresh[tokens.index("GS.TS")]


def test_tagger_syllables_keep_offsets() -> None:
    text = "GS.TS Nguyễn Văn A (Covid-19), đ/c B."
    found = tagger.syllables(text)
    assert all(text[s.start : s.end] == s.text for s in found)
    assert [s.text for s in found][:4] == ["GS.TS", "Nguyễn", "Văn", "A"]
    assert "Covid-19" in [s.text for s in found] and "đ/c" in [s.text for s in found]


def test_tagger_windows_cover_names_and_are_ordered() -> None:
    tokens = ["hôm", "nay", *["việc"] * 30, "Chủ", "nhiệm", "Ủy", "ban", "Tài", "chính", "Ngân", "sách",
              "Phùng", "Quốc", "Hiển", "nói", *["rằng"] * 30, "ông", "Hiển", "đã"]
    found = tagger.windows(tokens)
    assert found == sorted(found) and all(low < high for low, high in found)
    covered = {k for low, high in found for k in range(low, high)}
    assert {tokens.index("Chủ"), tokens.index("Phùng"), len(tokens) - 2} <= covered  # title opener, name, "ông Hiển"
    assert 0 not in covered and 20 not in covered


# --- the shipped model ----------------------------------------------------------------------------


def test_tagger_shipped_model_loads(model: tagger.PersonTagger) -> None:
    assert tagger.load() is model
    assert set(model._labels) == set(tagger.LABELS)


def test_tagger_tags_an_obvious_name(model: tagger.PersonTagger) -> None:
    tags = model.tag(OBVIOUS)
    found = {(OBVIOUS[t.start : t.end], t.label) for t in tags}
    assert ("Nguyễn Thanh Long", "PER") in found
    assert ("Bộ trưởng Bộ Y tế", "TITLE") in found
    assert tagger.tag(OBVIOUS) == tags


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        unicodedata.normalize("NFD", OBVIOUS),
        unicodedata.normalize("NFD", "Phó Bí thư Thường trực Tỉnh ủy Phan Ngọc Thọ. Ông Thọ cho biết."),
        "Thủ tướng Nguyễn Xuân Phúc\u200b phát biểu; ông Phúc nhấn mạnh",
        _junk(10_000),
    ],
    ids=["empty", "blank", "nfd", "nfd-two-sentences", "invisible", "junk-10k"],
)
def test_tagger_offsets_hold_on_odd_input(model: tagger.PersonTagger, text: str) -> None:
    tags = model.tag(text)
    _assert_offsets(text, tags)
    if text.strip().startswith("Bộ"):  # the NFD form of the obvious sentence: still found, NFD offsets
        names = [text[t.start : t.end] for t in tags if t.label == "PER"]
        assert [unicodedata.normalize("NFC", name) for name in names] == ["Nguyễn Thanh Long"]
        assert names[0] != "Nguyễn Thanh Long"  # the caller's NFD characters, not the NFC copy


def test_tagger_accepts_a_document(model: tagger.PersonTagger) -> None:
    assert model.tag(tagger.document(OBVIOUS)) == model.tag(OBVIOUS)


# --- merge with the rules -------------------------------------------------------------------------


def _tag(text: str, piece: str, label: str, score: float = 0.99, after: int = 0) -> tagger.Tag:
    start = text.index(piece, after)
    return tagger.Tag(start, start + len(piece), label, score)


def _official(text: str, name: str, titles: list[str]) -> Official:
    start = text.index(name)
    return Official(name, start, start + len(name), name, titles, [Mention(name, start, start + len(name))])


def test_tagger_merge_adds_a_new_official_with_its_titles() -> None:
    text = "Bộ trưởng Bộ Y tế Nguyễn Thanh Long phát biểu. Ông Long cho biết thêm."
    tags = [_tag(text, "Bộ trưởng Bộ Y tế", "TITLE"), _tag(text, "Nguyễn Thanh Long", "PER"),
            _tag(text, "Long", "PER", after=text.index("Ông"))]
    (official,) = tagger.merge([], tags, text)
    assert (official.name, official.titles) == ("Nguyễn Thanh Long", ["Bộ trưởng Bộ Y tế"])
    assert text[official.start : official.end] == official.text == "Bộ trưởng Bộ Y tế Nguyễn Thanh Long"
    assert [m.text for m in official.mentions] == ["Nguyễn Thanh Long", "Long"]  # "ông Long" linked, not new


def test_tagger_merge_keeps_rule_officials_and_skips_what_they_cover() -> None:
    text = "Chủ tịch nước Trần Đại Quang tiếp Đại sứ Herminio Lopez Diaz tại đường Nguyễn Trung Trực."
    rule = _official(text, "Trần Đại Quang", ["Chủ tịch nước"])
    tags = [_tag(text, "Đại Quang", "PER"), _tag(text, "Herminio Lopez Diaz", "PER"),
            _tag(text, "Đại sứ", "TITLE"), _tag(text, "Nguyễn Trung Trực", "PER")]
    merged = tagger.merge([rule], tags, text)
    assert [o.name for o in merged] == ["Trần Đại Quang", "Herminio Lopez Diaz"]  # a street is no person
    assert merged[0] is rule and merged[1].titles == ["Đại sứ"]
    assert tagger.merge([rule], tags, text, add_names=False) == [rule]


def test_tagger_merge_titles_between_two_names_are_split() -> None:
    text = "tiếp Thượng tướng Phạm Trường Long, Ủy viên Bộ Chính trị, Chủ tịch nước Trần Đại Quang nói"
    tags = [_tag(text, "Thượng tướng", "TITLE"), _tag(text, "Phạm Trường Long", "PER"),
            _tag(text, "Ủy viên Bộ Chính trị", "TITLE"), _tag(text, "Chủ tịch nước", "TITLE"),
            _tag(text, "Trần Đại Quang", "PER")]
    merged = {o.name: o.titles for o in tagger.merge([], tags, text)}
    assert merged == {"Phạm Trường Long": ["Thượng tướng", "Ủy viên Bộ Chính trị"], "Trần Đại Quang": ["Chủ tịch nước"]}


def test_tagger_merge_title_options() -> None:
    text = "GS Nguyễn Văn An và TS Lê Thị Bình, Giám đốc Sở Y tế, nói."
    rules = [_official(text, "Nguyễn Văn An", ["Giáo sư"]), _official(text, "Lê Thị Bình", [])]
    tags = [_tag(text, "GS", "TITLE"), _tag(text, "TS", "TITLE", 0.6), _tag(text, "Giám đốc Sở Y tế", "TITLE")]
    titles = {o.name: o.titles for o in tagger.merge(rules, tags, text)}
    assert titles == {"Nguyễn Văn An": ["Giáo sư"], "Lê Thị Bình": ["TS", "Giám đốc Sở Y tế"]}  # GS = Giáo sư
    titles = {o.name: o.titles for o in tagger.merge(rules, tags, text, min_score=0.8)}
    assert titles["Lê Thị Bình"] == ["Giám đốc Sở Y tế"]
    rules[0] = _official(text, "Nguyễn Văn An", ["Phó Giáo sư"])
    titles = {o.name: o.titles for o in tagger.merge(rules, tags, text, untitled_only=True)}
    assert titles["Nguyễn Văn An"] == ["Phó Giáo sư"]


# --- time -----------------------------------------------------------------------------------------


def _seconds(model: tagger.PersonTagger, text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        tagger.merge([], model.tag(text), text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("name", ["titles_names", "names_no_punctuation", "short_sentences"])
def test_tagger_linear_time(model: tagger.PersonTagger, name: str) -> None:
    small, large = _seconds(model, GENERATORS[name](2_000)), _seconds(model, GENERATORS[name](20_000))
    assert large <= 30.0 * max(small, 0.01), f"{name}: {small:.3f} s at 2k, {large:.3f} s at 20k"


def test_tagger_training_script_skips_without_shared_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("train_tagger", ROOT / "models" / "train_tagger.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "train_tagger", script)  # its dataclasses look themselves up there
    spec.loader.exec_module(script)
    assert script.main(["--shared", str(tmp_path), "--json", str(tmp_path / "cv.json")]) == 0
    assert "skipping" in capsys.readouterr().out
    assert not (tmp_path / "cv.json").exists()
