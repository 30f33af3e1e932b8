"""Round 52's shapes: the engines the rules knew, in French, German and Spanish."""

from __future__ import annotations

import pytest

from stance.split.lines import (
    FORUM,
    NOTICE,
    full_name,
    is_timestamp,
    mail_author,
    mail_intro,
    meta_type,
    name_label,
    thread_head,
)
from stance.split.text import split_text
from stance.split.threadlines import RELATED, line_type, profile_fields


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Membre très actif", "button"),  # XenForo's rank in French
        ("Nouveau membre", "button"),
        ("Inscrit", "stamp_label"),  # its join date's label
        ("Discussions similaires", "related"),
        ("Réactions: Jean-Marc 33, PhnomPenhMaud et 6 autres personnes", "button"),
        ("Dernière édition: Mercredi à 18:52", "button"),
        ("non lue,", "badge"),  # Google Groups' "unread,"
        ("Photo de profil de Sokha Meas", "button"),
        ("- Afficher le texte des messages précédents -", "button"),
        ("enlace permanente embed guardar padre informar responder", "reply"),
        ("Vorherige Nachricht: [Angkor-Verein] AW: Re: Stellungnahme", "button"),
        ("Nachrichten sortiert nach: [ Datum ] [ Thread ] [ Betreff ] [ Autor ]", "button"),
        ("Post ID: 4032258871   Likes: 14   Dislikes: 2", "button"),
        ("Flagged: 3 flags (inappropriate) - reviewed, kept", "button"),
    ],
)
def test_the_furniture_of_round_52s_engines(line: str, kind: str) -> None:
    assert line_type(line) == kind


def test_xenforos_profile_fields_in_french_are_the_boxs_fields() -> None:
    lines = ["Sokha_PP", "Membre", "Inscrit", "3 févr. 2020", "Messages", "412"]
    lines += ["Réactions", "618", "Localisation", "Phnom Penh", "15 mai 2023", "#1"]
    types = profile_fields(lines, [line_type(s) for s in lines])
    assert types[6] == "field_label" and types[8] == "field_label"


@pytest.mark.parametrize(
    "line",
    [
        "Vous devez vous connecter ou vous inscrire pour répondre ici.",
        "Pingback: Phnom Penh säuft ab \u2013 und schüttet seine Seen zu | Stadtwandel",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind markiert",
        "Le message a été supprimé",
        "creado por mapamundi_rojo una comunidad para hace 6 años",
    ],
)
def test_notices_in_more_languages(line: str) -> None:
    assert NOTICE.search(line)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("H. Winkler sagt:", "H. Winkler"),  # an initial opens the name
        ("Dieter Sch. sagt:", "Dieter Sch."),  # a short name's dot
        ("lena.s sagt:", "lena.s"),  # a user name's dot inside it
    ],
)
def test_a_wordpress_head_with_a_dotted_name(line: str, author: str) -> None:
    assert meta_type(line) == "said"
    doc = split_text(f"3 Gedanken zu „Titel“\n\n{line}\n14. März 2021 um 21:14 Uhr\n\nDanke.\n")
    assert [(c.author, c.text) for c in doc.comments] == [(author, "Danke.")]


@pytest.mark.parametrize("line", ["Viele Grüße", "Gruß", "Best regards,", "Cordialement"])
def test_a_letters_closing_words_are_no_name(line: str) -> None:
    assert not name_label(line)


def test_a_full_name_is_capitalised_words_without_a_trailing_comma() -> None:
    assert full_name("Lucía Rodríguez Bermejo") and full_name("Jean-Marc Dufour")
    assert not full_name("Developer Response ,") and not full_name("RIP democracy")


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("Am 14.03.2021 um 09:30 schrieb Heike Brandt <heike at verein.de>:", "Heike Brandt"),
        (
            "Am Sa., 13. März 2021 um 22:10 Uhr schrieb Dr. Klaus-Peter Jansen <kp at web.de>:",
            "Dr. Klaus-Peter Jansen",
        ),
        ("El dom, 14 mar 2021 a las 21:14, Ana Ruiz (<ana@x.es>) escribió:", "Ana Ruiz"),
    ],
)
def test_a_mail_replys_intro_in_german_and_spanish(line: str, head: str) -> None:
    found = mail_intro(line)
    assert found is not None and found[0] == head


@pytest.mark.parametrize(
    "line",
    [
        "So Mär 14 21:14:05 CET 2021",
        "Sa., 13. März 2021 um 22:10 Uhr",
        "dom, 14 mar 2021 a las 21:14",
    ],
)
def test_weekdays_abbreviated_in_german_and_spanish(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize("line", ["So what", "Do it", "Mi 14"])
def test_short_words_are_no_weekday(line: str) -> None:
    assert not is_timestamp(line)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("#3  Jo Lim  (@jolim)  [Moderator]", "Jo Lim"),  # a Disqus thread report's head
        ("#10  Dara P.  (guest)", "Dara P."),
        ("Von: Verein <verein-bounces at x.de> Im Auftrag von Thomas Wirth", "Thomas Wirth"),
    ],
)
def test_a_records_head_names_its_poster(line: str, author: str) -> None:
    assert mail_author(line) == author


def test_an_old_reddit_head_in_spanish() -> None:
    head = thread_head("[\u2013]cafeconarroz 187 puntos hace 3 años")
    assert head is not None and head[:2] == ("cafeconarroz", "hace 3 años")


def test_a_forums_similar_threads_in_more_languages() -> None:
    assert all(RELATED.match(s) for s in ("Discussions similaires", "Temas similares"))
    assert FORUM.match("214 puntos (91% votos positivos)")


CHAIN = (
    "Jo Lim jo at verein.de\nSo Mär 14 21:14:05 CET 2021\n\n"
    "Hallo Kim,\n\ndanke, so machen wir es.\n\nJo\n\n"
    "Am 14.03.2021 um 20:01 schrieb Kim Ou:\n"
    "> Einverstanden.\n>\n> Kim\n>\n"
    ">> Am 14.03.2021 um 12:44 schrieb Sita Pen <sita at verein.de>:\n"
    ">>\n>> Bitte bis Montag antworten.\n>>\n"
    ">> Am 13.03.2021 um 10:12 schrieb Bo Nhem:\n"
    ">>> Am 13.03.2021 um 09:00 schrieb Ana Lee:\n"
    ">>>> Sollen wir unterschreiben?\n>>>\n"
    ">>> Liebe alle, bitte nicht.\n"
)


def test_a_quoted_chain_in_german_is_read_message_by_message() -> None:
    # "Am DATE schrieb Jo:" heads each quoted message, its text without the chain's "> "
    # marks; an intro inside the quote as deep as its text (iOS Mail) heads a message
    # too; a quote that the message answers below it stays that message's quote
    doc = split_text(CHAIN, "chain")
    got = [(c.author, c.posted_at, c.text, c.quoted) for c in doc.comments]
    assert got == [
        (
            "Jo Lim",
            "So Mär 14 21:14:05 CET 2021",
            "Hallo Kim,\n\ndanke, so machen wir es.\n\nJo",
            None,
        ),
        ("Kim Ou", "14.03.2021 um 20:01", "Einverstanden.\n\nKim", None),
        ("Sita Pen", "14.03.2021 um 12:44", "Bitte bis Montag antworten.", None),
        (
            "Bo Nhem",
            "13.03.2021 um 10:12",
            "Liebe alle, bitte nicht.",
            "Sollen wir unterschreiben?",
        ),
    ]
    assert doc.rebuild() == CHAIN


DISCOURSE = (
    "Archiving VOD\n\nlrodriguezb\nLucía Rodríguez\nFeb '23\n"
    "Who can crawl the English site this week?\n9\nReply\n\n"
    "jtan\nJonathan Tan\nFeb '23\n"
    "Happy to help. I still have a crawler set up from last year.\n6\nReply\n\n"
    "sreymom.codes\nSreymom Ouk\nProjects lead\nFeb '23\n"
    "jtan:\nDoes anyone know if the site is still up?\n"
    "Still up as of 20 minutes ago, but the English site returns 503 now and then.\n2\nReply\n\n"
    "mk\nMartin Koller\nFeb '23\nPlease do not post staff names here.\n5\nReply\n"
)


def test_a_discourse_thread_names_the_user_not_the_full_name() -> None:
    # the full name (and the title) under the user name are badges; "jtan:" over a line
    # of an earlier post by jtan is a quote of it
    doc = split_text(DISCOURSE, "dsc")
    got = [(c.author, c.text, c.quoted) for c in doc.comments]
    assert got == [
        ("jtan", "Happy to help. I still have a crawler set up from last year.", None),
        (
            "sreymom.codes",
            "Still up as of 20 minutes ago, but the English site returns 503 now and then.",
            "Does anyone know if the site is still up?",
        ),
        ("mk", "Please do not post staff names here.", None),
    ]
    assert doc.rebuild() == DISCOURSE
