"""split: list headings, login prompts, affiliate notes and photo credits in other
languages are boilerplate of a text dump, not article text (issue 11, "kept out")."""

from __future__ import annotations

import pytest

from stance.split.lines import CAPTION, NAV, NOTICE
from stance.split.text import split_text

HEADINGS = [
    "Ähnliche Beiträge",
    "Das könnte Sie auch interessieren!",
    "SEIT 10 TAGEN AM MEISTEN GELESEN",
    "Mehr zum Thema",
    "PC Gamer Newsletter",
    "Zobacz również",
    "À lire aussi",
    "Noticias relacionadas",
    "You may also like",
    "Related posts",
    "Most read",
]


@pytest.mark.parametrize("line", HEADINGS)
def test_list_headings_are_navigation(line: str) -> None:
    assert NAV.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "More than 20 people were arrested",
        "Related posts were hidden by the editor.",
        "Die Newsletter-Affäre geht weiter",
        "Most read the statement as a threat.",
    ],
)
def test_sentences_are_not(line: str) -> None:
    assert not NAV.match(line)


def test_login_prompts_affiliate_notes_and_credits() -> None:
    assert NOTICE.search("Du musst angemeldet sein, um einen Kommentar abzugeben.")
    assert NOTICE.search("Vous devez être connecté pour publier un commentaire.")
    assert NOTICE.search("Debes estar conectado para publicar un comentario.")
    assert NOTICE.search("Bitte registrieren Sie sich, um zu kommentieren.")
    assert NOTICE.search("Für Links auf dieser Seite erhält die Redaktion eine Provision.")
    assert NOTICE.search("We may earn a commission when you buy through links on our site.")
    assert not NOTICE.search("Die Partei muss sich neu registrieren lassen.")
    assert CAPTION.search("TebNad/Shutterstock.com")
    assert CAPTION.search("Foto: Reuters")
    assert CAPTION.search("Quelle: Statistisches Bundesamt")
    assert not CAPTION.search("Die Quelle des Flusses liegt in Tibet.")


def test_a_dump_keeps_them_out_of_the_article() -> None:
    paras = [
        "Der Oberste Gerichtshof in Phnom Penh hat das Urteil gegen den Oppositionsführer "
        "am Montag bestätigt, wie die Anwälte mitteilten.",
        "Die Verteidigung hatte auf Freispruch plädiert und will nun die Vereinten Nationen "
        "um Hilfe bitten, sagte ein Sprecher der Familie.",
        "Beobachter werten das Urteil als Signal vor den Kommunalwahlen im kommenden Jahr, "
        "bei denen die Regierungspartei keinen ernsthaften Gegner mehr hat.",
    ]
    furniture = [
        "Foto: Reuters",
        "Ähnliche Beiträge",
        "Du musst angemeldet sein, um einen Kommentar abzugeben.",
    ]
    text = "\n".join(["Kambodscha: Urteil bestätigt", *paras, *furniture]) + "\n"
    doc = split_text(text)
    assert doc.rebuild() == text
    editorial = "\n".join(doc.editorial)
    assert all(p in editorial for p in paras)
    assert not any(f in editorial for f in furniture)
