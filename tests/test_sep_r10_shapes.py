"""split: the shapes read once the round-10 pages were dev pages (issue 11): Indonesian
and Vietnamese comment sections."""

from __future__ import annotations

from stance.split.lines import HEADER, is_timestamp, meta_type
from stance.split.text import split_text
from stance.split.threadlines import line_type


def test_indonesian_and_vietnamese_ages_buttons_and_headers() -> None:
    assert is_timestamp("3 jam yang lalu") and is_timestamp("2 hari lalu")
    assert is_timestamp("6h trước") and is_timestamp("5 phút trước")
    assert not is_timestamp("3 jam")
    assert line_type("Balas") == "reply" and line_type("Trả lời") == "reply"
    assert line_type("Laporkan") == "button" and line_type("Xem thêm 3 trả lời") == "reply"
    assert HEADER.match("Komentar (27)") and HEADER.match("Berikan Komentar")
    assert meta_type("Masuk untuk berkomentar") == "notice"


def test_an_indonesian_comment_section_is_read() -> None:
    article = "Sebanyak 62 warga negara Indonesia tiba di Jakarta pada hari Rabu sore ini. " * 3
    comments = [
        ("Agus Salim", "3 jam yang lalu", "Alhamdulillah sudah pulang, semoga ditangkap."),
        ("dewi_ratna88", "3 jam yang lalu", "Sepupu saya hampir berangkat, untung batal."),
        ("Bambang S", "2 jam yang lalu", "Kalau tawarannya terlalu bagus, hampir pasti penipuan."),
    ]
    text = f"Berita\n\n{article}\n\nKomentar (3)\nMasuk untuk berkomentar\n" + "".join(
        f"{name}\n{when}\n{body}\n12\nBalas\nLaporkan\n" for name, when, body in comments
    )
    doc = split_text(text)
    assert doc.rebuild() == text
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == comments
