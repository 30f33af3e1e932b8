"""Round 67's shapes (and round 66's leftovers): a list message quoting its whole chain in
French, vBulletin 4 and phpBB 3 in lynx, Google Groups' print view, Invision in French,
wpDiscuz in Spanish, XenForo 1's likes and footers, Substack's folds and archive tabs,
titles wrapped in a text browser or told by a forum's view count."""

from __future__ import annotations

import pytest

from page_gold import PAGES, gold_of, split_page
from stance.split.lines import GLUED_WROTE, clean_line, is_timestamp
from stance.split.text import split_text
from stance.split.texttitle import title_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    "name",
    [
        # "Last edited: DATE", a signature, then the post's foot "Jo, DATE #5" (XenForo 1)
        "r66-xenforo1-english-tamarindtreeforums.txt",
        # "[60]jo wrote: [61]↑DATE words": the quote is the paragraph the cite opens (lynx)
        "r66-phpbb3-english-phsarthmeiforums.txt",
        # "4 more comments...", then the archive's "Top / Latest / Discussion"
        "r66-substack-english-trapeangnotes.txt",
        # "Jo hat geschrieben: ↑DATEwords", "[Beitrag durch die Moderation entfernt ...]"
        "r61-phpbb3-german-tonlesaprunde.txt",
        # "Más antiguo" over the first name, "Invitado" under each, "Responder a Jo"
        "r67-wpdiscuz-spanish-miradasalsudesteasiatico.txt",
        "r67-wpdiscuz-spanish-miradasalsudesteasiatico.html",
    ],
)
def test_round_67_comments_all_read_and_no_other(benchmark, name: str) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    n = got["recall"][1]
    assert got["recall"] == (n, n) and got["precision"] == (n, n)
    assert got["author"] == (n, n) and got["posted_at"] == (n, n)


@pytest.mark.parametrize(
    ("name", "at_least"),
    [
        ("r67-pipermail-french-khmerdebat.txt", 8),  # none before
        ("r67-vbulletin4-english-tokaygeckoforums.txt", 14),  # 7 before
        ("r67-invision4-french-rizierespalabres.html", 13),  # 11 before, no author
    ],
)
def test_round_67_shapes_read_most_comments(benchmark, name: str, at_least: int) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    assert got["recall"][0] >= at_least
    assert got["author"][0] == got["recall"][0]


def test_a_quoted_chain_in_french_names_each_sender() -> None:
    doc = split_page(PAGES / "r67-pipermail-french-khmerdebat.txt")
    assert [c.author for c in doc.comments[:4]] == [
        "Bernard Lefèvre",
        "Sothea NHEM",
        "Marc-Antoine Duval",  # ("De : List [mailto:...] De la p" / "art de Marc-Antoine Duval")
        "Vanna Ouk",
    ]
    assert doc.comments[0].posted_at == "Sam 18 Nov 09:12:40 CET 2017"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Thida_Sok, Visal Chea and srey_mom like this.", "button"),
        ("Thida_Sok, Visal Chea, srey_mom and 2 others like this.", "button"),
        ("Many people in Phnom Penh and Siem Reap like this.", None),
        ("4 more comments...", "button"),
        ("2 replies by Sopheak Meas and others", "reply"),
        ("Writes Mekong Notes", "button"),
        ("Liked by Sopheak Meas", "button"),
        ("Comment deleted", "notice"),
        ("Comment deleted by user", "notice"),
        ("Alle Zeiten sind UTC+07:00", "button"),
        ("[Beitrag durch die Moderation entfernt - Beleidigung. /Mod_Sovann]", "notice"),
        ("[7][ date ] Messages triés par: [ date ] [ thread ]", None),
        ("Messages triés par: [ date ] [ thread ] [ objet ] [", "button"),
        ("Previous message (by thread): [5][Khmer-debat] Re: Dissolution du", "button"),
        ("Posted in group: khmer-tomorrow", "button"),
        ("Responder a Javier R.", "reply_to"),
        ("Répondre à ce sujet", None),
        ("Más antiguo", "header"),
        ("Lieu : Kampot", "button"),
        ("Jean-Phi Kep a réagi à ceci  1", "button"),
        ("Modifié 2 novembre 2019 par Jean-Phi Kep", "button"),
        ("Membre confirmé", "button"),
        ("Membres", None),  # (a menu's link, unless over a count: `profile_fields`)
        ("Participer à la conversation", "header"),
        ("About Community", "related"),
        # round 68's, after its blind reading
        ("supprimé par le créateur", "notice"),
        ("This post was flagged by the community and is temporarily hidden.", "notice"),
        ("[51]Writes Notes from the Field", "button"),
        ("[45]khmer_patriot_1979[46]Dec 2", "byline"),  # (lynx: name and date, two links)
        ("Renard_Gris\u202236\u2022il y a 6 mois", "byline"),  # (w3m: Lemmy's dots glued)
    ],
)
def test_round_67_lines(line: str, kind: str | None) -> None:
    assert line_type(clean_line(line)) == kind


@pytest.mark.parametrize(
    ("line", "cite"),
    [
        (
            "[60]mealea_pp wrote: [61]↑Wed Aug 23, 2023 9:02 amDoes anyone know if",
            "[60]mealea_pp wrote: [61]↑Wed Aug 23, 2023 9:02 am",
        ),
        (
            "Kampot_Klaus hat geschrieben: ↑Mo 30. Jul 2018, 09:47Hingegangen heißt aber",
            "Kampot_Klaus hat geschrieben: ↑Mo 30. Jul 2018, 09:47",
        ),
    ],
)
def test_cites_glued_to_their_quote(line: str, cite: str) -> None:
    m = GLUED_WROTE.match(line)
    assert m is not None and m.group() == cite


@pytest.mark.parametrize(
    ("line", "stamp"),
    [("Sam 18 Nov 09:12:40 CET 2017", True), ("Sam 18 says hello", False)],
)
def test_pipermail_dates_in_french(line: str, stamp: bool) -> None:
    assert is_timestamp(line) is stamp


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Topic: Kem Sokha gets 27 years  (Read 1186 times)", "Kem Sokha gets 27 years"),
        ("Author Topic: Fuel prices in Battambang (Read 1,234 times)", "Fuel prices in Battambang"),
        (
            "Autor\tThema: Wahl 2018: Boykott oder nicht?  (Gelesen 1342 mal)",
            "Wahl 2018: Boykott oder nicht?",
        ),
        ("Тема: Гибнут креветки (Прочитано 1 184 раз)", "Гибнут креветки"),
    ],
)
def test_a_topic_title_without_its_view_count(line: str, title: str) -> None:
    assert title_text(line) == title


def test_a_title_wrapped_before_its_source() -> None:
    page = "\n".join(
        [
            "Cyclo News new | past | comments | ask | show | jobs | submit          login",
            "   Oversight Board calls on Meta to suspend Cambodian PM Hun Sen's Facebook",
            "   account (oversightboard.com)",
            "   287 points by sreyneang_dev 7 hours ago | hide | past | favorite | 2 comments",
            "",
            "    mekong_ops 6 hours ago | next [-]",
            "",
            "    Facebook is basically the internet in Cambodia for most people.",
            "",
            "      kh_dev 5 hours ago | parent | next [-]",
            "",
            "      And the Prime Minister's page is the government's channel.",
        ]
    )
    assert split_text(page).title == (
        "Oversight Board calls on Meta to suspend Cambodian PM Hun Sen's Facebook account"
    )
