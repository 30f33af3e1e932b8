"""Round 69's shapes (and round 68's leftovers): a Usenet archive's thread ("Permalink /
Raw Message" heads, "Post by Jo" over an unmarked quote), Khmer comment counts, Coral's
names in buttons, XenForo 2's profile fields in Spanish, SMF in lynx, new Reddit in
French, placeholders of removed comments in other languages, French guillemets."""

from __future__ import annotations

import pytest

from page_gold import PAGES, gold_of, split_page
from stance.split.lines import NOTICE, display_name, is_timestamp, meta_type
from stance.split.threadlines import RELATED, menu_line


@pytest.mark.parametrize(
    "name",
    [
        # "Jo / DATE UTC / Permalink / Raw Message", "Post by Jo" over Jo's words unmarked
        "r68-usenet-english-groupkeep.txt",
        "r30-narkive-frsocasie.txt",
        # "13 មតិ" over names in Khmer and in Latin letters over one date layout
        "r69-wordpress-khmer-ponleuthmey.txt",
        # "Mensajes / 1.206 / Puntuación de reacción / 648": a profile box's fields
        "r69-xenforo2-spanish-forogeopoliticahispana.txt",
        # a lynx reference whose search link holds spaces
        "r69-hackernews-english-hackerhearth.txt",
        # Coral: the name in a <button>, "Jo 5 hours ago (Edited) Featured"
        "r69-coral-english-harrowregister.html",
        "r69-coral-english-harrowregister.txt",
        # "Commentaire supprimé par l'utilisateur", the sidebar's "r/X / Rejoindre"
        "r69-newreddit-french-cambodgepolitique.txt",
        # Discourse's "(message retiré par l'auteur, ... à / moins qu'il ne soit signalé)"
        "r69-discourse-french-agoramekong.txt",
        # Disqus's "Auch auf Site" list under the comments
        "r65-disqus-german-oderlandabendpost.txt",
    ],
)
def test_round_69_comments_all_read_and_no_other(benchmark, name: str) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    n = got["recall"][1]
    assert got["recall"] == (n, n) and got["precision"] == (n, n)
    assert got["author"] == (n, n) and got["posted_at"] == (n, n)


def test_smf_in_lynx_names_each_poster_after_the_rule() -> None:
    doc = split_page(PAGES / "r69-smf2-english-preyvengroundtable.txt")
    assert len(doc.comments) == 14
    assert [c.author for c in doc.comments[:3]] == ["Sreymom", "Old Mekong Hand", "bkk_bob"]
    assert not any(c.text.startswith('"Rivers do not') for c in doc.comments)  # a signature


def test_a_usenet_archive_quotes_under_post_by() -> None:
    doc = split_page(PAGES / "r68-usenet-english-groupkeep.txt")
    second = doc.comments[1]
    assert (second.author, second.parent) == ("k***@gmail.com", 1)
    assert (
        second.quoted == "Hun Sen has done the maths. China's money doesn't come with conditions."
    )
    assert second.text.startswith("Good. Cambodia is a sovereign country.")
    # the first message, under "Discussion:" and the subject, is the thread's article
    assert doc.comments[0].author == "Bob Whitfield"


def test_a_link_arrow_is_no_name_and_a_sidebar_list_ends_the_comments() -> None:
    doc = split_page(PAGES / "r36-bloxpl-dzialkapodlasem.txt")
    assert [c.author for c in doc.comments[:3]] == [
        "Halina z Ursusa",
        "zielona_konewka",
        "Wojtek_B",
    ]
    assert "Dodaj komentarz »" not in {c.author for c in doc.comments}


@pytest.mark.parametrize(
    ("line", "menu"),
    [
        ("« ici on ne dit rien, on vote comme il faut et on vit tranquille ».", False),
        ("casinos vides et des « compounds » où l'on séquestre des gens pour des", False),
        ("Pari tenu. Je parie sur un problème de « documents d'enregistrement »", False),
        ("« previous next »", True),
        ("« Reply #2 on: May 15, 2023, 08:58:17 PM »", True),
        ("Forum » Politique » Cambodge", True),
    ],
)
def test_french_guillemets_quote_words_not_links(line: str, menu: bool) -> None:
    assert menu_line(line) is menu


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("13 មតិ", "header"),
        ("Raw Message", "button"),
        ("• il y a 23 h • Modifié il y a 22 h", "time"),
        ("Commentaire supprimé par l\u2019utilisateur", "notice"),
        (
            "(message retiré par l\u2019auteur, il sera supprimé automatiquement dans 24 heures à",
            "notice",
        ),
    ],
)
def test_round_69_line_kinds(line: str, kind: str) -> None:
    assert meta_type(line) == kind


def test_round_69_lists_after_the_comments() -> None:
    assert RELATED.match("More threads in soc.culture.cambodia")
    assert RELATED.match("Auch auf Oderland Abendpost")
    assert not RELATED.match("También en Camboya hay elecciones")
    assert NOTICE.search("Este comentario ha sido eliminado por el autor.")


def test_a_handle_before_its_full_name_in_brackets() -> None:
    assert display_name("Sophal_Lyon (Sophal Meas)") == "Sophal_Lyon"
    assert display_name("Chenda (Kampong Cham)") == "Chenda (Kampong Cham)"
    assert is_timestamp("5 hours ago (Edited)")


def test_the_facebook_plugin_in_french() -> None:
    doc = split_page(PAGES / "r70-facebookplugin-french-lerelaisdasie.txt")
    assert len(doc.comments) == 13
    assert [c.posted_at for c in doc.comments[:3]] == ["2 j", "2 j", "1 j"]
    assert display_name("Dara Chhim \u00b7 Travaille chez LICADHO") == "Dara Chhim"
    assert display_name("Ratanak_PP Phnom Penh") == "Ratanak_PP"
    assert display_name("Kroma_Mod MOD") == "Kroma_Mod"
    assert display_name("Sokha_Phnom Penh") == "Sokha_Phnom Penh"  # (one word: no flair)
