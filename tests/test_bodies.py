"""The body grammar (resolve/bodies.py) and the public-body gazetteer as the extractors use them."""

from __future__ import annotations

import pytest

from vnnews_extract import Pipeline


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # lower-case syllables inside the words of a name, and a stop before the verb
        ("Cục Hàng không Việt Nam cho biết sân bay đóng cửa.", ["Cục Hàng không Việt Nam"]),
        ("Tập đoàn Cao su Việt Nam và Công ty Cổ phần Bóng đèn Điện Quang ký kết.",
         ["Tập đoàn Cao su Việt Nam", "Công ty Cổ phần Bóng đèn Điện Quang"]),
        ("Ngân hàng Chính sách xã hội tỉnh Bình Định cho vay 20 hộ.", ["Ngân hàng Chính sách xã hội tỉnh Bình Định"]),
        ("Bộ Văn hóa, Thể thao và Du lịch vừa công bố kế hoạch.", ["Bộ Văn hóa, Thể thao và Du lịch"]),
        ("Bộ Lao động - Thương binh và Xã hội họp báo.", ["Bộ Lao động - Thương binh và Xã hội"]),
        ("Bộ GTVT chủ trì cuộc họp.", ["Bộ GTVT"]),
        ("Quốc hội thông qua Luật Đất đai.", ["Quốc hội"]),
        # two bodies joined by "và", a comma list that names places, a person after a body
        ("Bộ Tài chính và Bộ Công Thương phối hợp.", ["Bộ Tài chính", "Bộ Công Thương"]),
        # a document type word inside a name ("Luật", "Kế hoạch") does not end it
        ("Sinh viên Trường ĐH Luật TPHCM đoạt giải.", ["Trường ĐH Luật TPHCM"]),
        # a generic plural ("hai Chính phủ") is no organisation; named ones after "các" are
        ("Theo Hiệp định giữa hai Chính phủ, điện được nhập khẩu.", []),
        ("Tại các BV Bạch Mai, BV Việt Đức, bệnh nhân được chi trả.", ["BV Bạch Mai", "BV Việt Đức"]),
        # a head that is half of a longer word, a place named like a body
        ("Hội nghị diễn ra tại thôn Hội Phú.", []),
        ("Trường hợp này được xử lý.", []),
        ("Ông là Tỉnh ủy viên.", []),
    ],
)
def test_bodies_read_whole(pipeline: Pipeline, sentence: str, names: list[str]) -> None:
    article = pipeline.extract(sentence, detect_layout=False)
    assert [o.text for o in article.organizations] == names


def test_bodies_known_body_has_canonical_name_and_successor(pipeline: Pipeline) -> None:
    article = pipeline.extract("Bộ Kế hoạch và Đầu tư và NHNN cùng báo cáo.", detect_layout=False)
    by_text = {o.text: o for o in article.organizations}
    assert by_text["Bộ Kế hoạch và Đầu tư"].successor == "Bộ Tài chính"
    assert by_text["NHNN"].canonical == "Ngân hàng Nhà nước Việt Nam"
    assert "canonical" not in article.to_dict()["organizations"][0] or by_text["NHNN"].canonical


@pytest.mark.parametrize(
    "body",
    ["Bộ Thông tin và Truyền thông", "Bộ Lao động - Thương binh và Xã hội", "Bộ Kế hoạch và Đầu tư",
     "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Giao thông vận tải",
     "Ngân hàng Nhà nước Việt Nam", "Cục Hàng không Việt Nam", "Sở Giao thông vận tải tỉnh Bình Định"],
)
def test_bodies_document_issuer_is_read_whole(pipeline: Pipeline, body: str) -> None:
    after = f"Theo Quyết định số 1234/QĐ-XYZ ngày 15/3/2021 của {body} về việc phê duyệt kế hoạch."
    before = f"Ngày 15/3/2021, {body} đã ban hành Quyết định số 1234/QĐ-XYZ về kế hoạch."
    for text in (after, before):
        [document] = pipeline.extract(text, detect_layout=False).documents
        assert (document.issuer, document.issued) == (body, "2021-03-15")


def test_bodies_issuer_name_of_a_symbol_code_comes_from_the_gazetteer(pipeline: Pipeline) -> None:
    [document] = pipeline.extract("Thông tư số 20/2022/TT-NHNN quy định lãi suất.", detect_layout=False).documents
    assert document.issuer_name == "Ngân hàng Nhà nước Việt Nam"


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # a later name inside a body's name (corpus baomoi-21490603)
        ("Ông được UBND thị xã (nay là TP) Rạch Giá ra Văn bản số 346/UB-QĐ ngày 30/12/1982 chấp thuận.",
         "UBND thị xã (nay là TP) Rạch Giá"),
        # a reference that opens the clause; the body its code names is the subject after it
        ("Theo Thông tư số 02/2017/TT-BYT, từ 1-6, Bộ Y tế sẽ áp dụng khung giá mới.", "Bộ Y tế"),
        ("Tại Nghị quyết 46/NQ-CP vừa được ban hành, Chính phủ yêu cầu Bộ Giao thông vận tải chỉ đạo.", "Chính phủ"),
        # but not a body of another code
        ("Theo Thông tư số 02/2017/TT-BYT, Bộ Tài chính sẽ hướng dẫn thu phí.", None),
    ],
)
def test_bodies_issuer_in_asides_and_after_a_fronted_reference(pipeline: Pipeline, text: str, issuer: str) -> None:
    [document] = pipeline.extract(text, detect_layout=False).documents
    assert document.issuer == issuer
