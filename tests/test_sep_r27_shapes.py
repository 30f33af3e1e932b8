"""split: the shapes read once the round-26 and round-27 pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from page_gold import as_gold
from stance.split.lines import QUOTE_INTRO, is_timestamp, reply_author
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Utile (14)", "button"),  # a French shop review's "helpful"
        ("1- 31- 61- 91- 121-", "bullet"),  # a pager
        ("\u00ab 1 2 3 \u00bb", "bullet"),
        ("1 2 3 \u2026 12 Next", "bullet"),
        ("Vous aimerez peut-\u00eatre aussi", "related"),
        ("Plus de produits de ce magasin", "related"),
        ("Sujets sugg\u00e9r\u00e9s", "related"),
        ("Legolvasottabb", "related"),  # Hungarian: most read
        ("\u70ed\u95e8\u63a8\u8350", "related"),  # Chinese: hot picks
        ("\u6700\u70ed\u8bc4\u8bba", "header"),  # Chinese: hottest comments
        ("\u6211\u6709\u8bdd\u8bf4\uff08\u5df2\u67091,286\u4eba\u53c2\u4e0e\uff09", "header"),
        ("\u67e5\u770b\u66f4\u591a\u8bc4\u8bba>>", "button"),  # more comments
        ("V\u00e1lasz | Link | Jelent\u00e9s", "button"),  # Hungarian: reply, link, report
    ],
)
def test_round_27_furniture(line: str, kind: str) -> None:
    assert line_type(line) == kind


@pytest.mark.parametrize(
    "line",
    ["2 avr. 2024", "12 janv. 2024", "3 d\u00e9c. 2023", "3\u670818\u65e5 09:12 \u56de\u590d"],
)
def test_french_month_abbreviations_and_a_chinese_date_before_its_buttons(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize(
    "line",
    [
        "@vannak.p a dit dans Hun Manet Premier ministre : vraie rel\u00e8ve ? :",
        "@Marie-Claire D. said in Hun Manet becomes prime minister:",
        "f\u00e9herv\u00e1ri_j\u00f3zsi \u00edrta:",
    ],
)
def test_nodebb_and_hungarian_quote_intros(line: str) -> None:
    assert QUOTE_INTRO.match(line)


def test_a_hungarian_forum_names_the_answered_post() -> None:
    assert reply_author("El\u0151zm\u00e9ny: Balatoni Kacsa (2)") == "Balatoni Kacsa"


def test_a_pedia_board_head_without_colons_opens_each_post() -> None:
    text = (
        "\u30d5\u30f3\u30fb\u30de\u30cd\u30c3\u30c8\n"
        "\u30ab\u30f3\u30dc\u30b8\u30a2\u306e\u653f\u6cbb\u5bb6\u3067\u3042\u308b\u3002\n"
        "\u63b2\u793a\u677f\n"
        "125 \u306a\u306a\u3057 2023/08/22(\u706b) 19:03:41 ID: pQ7rXv2aNc\n"
        "\u9996\u76f8\u306b\u306a\u3063\u305f\u3051\u3069\u7d50\u5c40\u89aa\u7236\u304c\u4e0a\n"
        "126 \u306a\u306a\u3057 2023/08/22(\u706b) 19:27:08 ID: Zk3mW8dLhe\n"
        "\u3069\u3046\u898b\u3066\u3082\u89aa\u7236\u3060\u3068\u601d\u3046\n"
        "127 \u540d\u7121\u3057 2023/08/23(\u6c34) 02:11:55 ID: 0bTfq1YsUu\n"
        "\u7d4c\u6b74\u3060\u3051\u898b\u308b\u3068\u512a\u79c0\u3060\u306a\n"
        "1- 31- 61- 91- 121-\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["posted_at"]) for c in got] == [
        ("\u306a\u306a\u3057", "2023/08/22(\u706b) 19:03:41"),
        ("\u306a\u306a\u3057", "2023/08/22(\u706b) 19:27:08"),
        ("\u540d\u7121\u3057", "2023/08/23(\u6c34) 02:11:55"),
    ]
    assert got[-1]["text"] == "\u7d4c\u6b74\u3060\u3051\u898b\u308b\u3068\u512a\u79c0\u3060\u306a"
