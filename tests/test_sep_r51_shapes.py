"""Round 51's shapes: what the rules written for its pages read."""

from __future__ import annotations

import pytest

from stance.split.lines import display_name, mail_intro, posted_by, thread_head
from stance.split.roles import _unsplit_paragraphs
from stance.split.text import _units, split_text
from stance.split.threadlines import AD, line_type, profile_fields


def _post(n: int, name: str, rank: str, body: str, fields: str = "") -> str:
    """A vBulletin 4 post as a browser's text copy gives it: indented, the date and the
    post number over the poster's name, status and profile box, the text under a blank."""
    return (
        f"    03-01-2021, 1{n}:05 AM #{n}\n    {name}\n    {name} is offline\n    {rank}\n"
        f"    Join Date\n        Nov 2016\n{fields}    Posts\n        312\n\n{body}"
        "    Reply With Quote\n\n"
    )


VB4 = (
    "Khmer Expat Corner - Powered by vBulletin\n\nThread: Rainsy sentenced\n\n"
    + _post(
        1,
        "BKK1_Dave",
        "Senior Member",
        "    Rainsy sentenced\n\n    Just out on VOD this morning: Sam Rainsy 25 years.\n\n"
        '    __________________\n    "Same same, but different." - every tuk tuk driver\n',
        "    Location\n        BKK1\n",
    )
    + _post(2, "sokun.rith", "Member", "    25 years for buying a plane ticket.\n")
    + "    Sponsored Links\n    VISA EXTENSIONS - 24h service - Street 51\n"
    "    Remove Advertisements\n\n"
    + _post(
        3, "Mekong Mike", "Old Hand", "    Look, I've lived here 14 years and I won't defend it.\n"
    )
    + _post(4, "Bong_Vibol", "Member", "    lol\n")
    + "    All times are GMT +7.\n"
)


def test_a_vbulletin_4_thread_is_read_post_by_post() -> None:
    # the status under the name is no text, the profile box's fields with their values
    # on the next lines are no comment of a stacked head, a one-word post over its Reply
    # button is its text, the advert between posts is no comment, and the opening post's
    # signature is no comment either
    doc = split_text(VB4, "vb4")
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        ("sokun.rith", "03-01-2021, 12:05 AM", "25 years for buying a plane ticket."),
        (
            "Mekong Mike",
            "03-01-2021, 13:05 AM",
            "Look, I've lived here 14 years and I won't defend it.",
        ),
        ("Bong_Vibol", "03-01-2021, 14:05 AM", "lol"),
    ]
    assert doc.rebuild() == VB4


@pytest.mark.parametrize(
    ("above", "line", "kind"),
    [
        ("Mekong Mike", "Mekong Mike is offline", "badge"),
        ("sokun.rith", "sokun.rith is online now", "badge"),
        ("Mekong Mike", "The server is offline", None),  # not the name over it
    ],
)
def test_a_posters_status_under_the_name(above: str, line: str, kind: str | None) -> None:
    lines = [above, line]
    assert profile_fields(lines, [line_type(s) for s in lines])[1] == kind


@pytest.mark.parametrize(
    ("line", "ad"),
    [
        ("Sponsored Links", True),
        ("Sponsored content", True),
        ("Advertisements", True),
        ("Sponsored links are a scam", False),
    ],
)
def test_an_adverts_label(line: str, ad: bool) -> None:
    assert bool(AD.match(line)) is ad


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # phpBB 3 in German: a post's head, its buttons, an edit note, the topic's tools
        # and footer, the list of the reader's rights
        ("Beitrag von Rucksack_Rike » Mo 14. Mär 2022, 21:14", "posted"),
        ("Nach oben", "button"),
        (
            "Zuletzt geändert von Rucksack_Rike am Di 15. Mär 2022, 09:12, insgesamt 1-mal "
            "geändert.",
            "button",
        ),
        ("Themen-Optionen", "button"),
        ("Suche in diesem Thema …", "button"),
        ("13 Beiträge • Seite 1 von 1", "button"),
        ("Zurück zu „Kambodscha“", "button"),
        ("Wer ist online?", "button"),
        ("Vous ne pouvez pas poster de nouveaux sujets dans ce forum", "notice"),
        ("Sie dürfen keine neuen Themen in diesem Forum erstellen.", "notice"),
        ("Sélectionner un forum Actualité, politique et société Voyages", "button"),
        ("Send Topic to a Friend", "button"),
        # WordPress in French: the head and its date with "min" after the minutes
        ("Sokha_Paris dit :", "said"),
        ("Pierre-Yves L. dit :", "said"),
        ("3 mars 2021 à 21 h 14 min", "time"),
        ("Il dit : non", None),
        # Vanilla: the poster's name with rank and count, the date with the accepted
        # answer's mark or an edit's date after it, the reactions row
        ("laurent.b Member Posts: 1,102", "posted"),
        ("ed_in_bkk Moderator Posts: 3,560", "posted"),
        ("October 2024 Accepted Answer", "time"),
        ("October 2024 edited October 2024", "time"),
        ("Insightful 7 Awesome LOL", "button"),
        ("like lol", None),
        # hypermail's menus and footer, MHonArc's in French, a French mail's "Objet :"
        ("This message: [ Message body ] [ More options ]", "button"),
        ('Reply: ph.vuthy: "Re: [khrnet] Kem Sokha verdict"', "button"),
        ("Received on Sat Mar 04 2023 - 08:27:51 ICT", "button"),
        ("To: khrnet_at_lists.khrnet.org", "button"),
        ("Préc. par date : [cambodge-fr] Rappel : cotisation 2021", "button"),
        ("Objet : Re: [cambodge-fr] Sam Rainsy condamné", "button"),
        ("mer. 3 mars 2021 à 18:40", "time"),
        ("No comment on his guilt, no comment on the party.", None),
        ("No comments yet", "header"),
        # new Reddit: a head with the poster's badge or an edit's age after it, the
        # buttons with "Follow", a vote count in thousands; Invision's buttons, badge,
        # reactions and edit note
        ("u/sambo_ppn · 3 yr. ago · OP", "byline"),
        ("u/Dara_in_Long_Beach · 3 yr. ago · edited 3 yr. ago", "byline"),
        ("Reply Share Report Save Follow", "reply"),
        ("2.9k", "button"),
        ("Share this post", "button"),
        ("Popular Post", "badge"),
        ("Like 9 Thanks 2", "button"),
        ("Edited February 13, 2023 by hattie_wanders", "button"),
    ],
)
def test_line_types_of_round_51(line: str, kind: str | None) -> None:
    assert line_type(line) == kind


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("laurent.b Member Posts: 1,102", ("laurent.b", None)),
        (
            "Beitrag von Rucksack_Rike » Mo 14. Mär 2022, 21:14",
            ("Rucksack_Rike", "Mo 14. Mär 2022, 21:14"),
        ),
    ],
)
def test_a_posters_head(line: str, head: tuple[str, str | None]) -> None:
    assert posted_by(line) == head


@pytest.mark.parametrize(
    ("author", "name"),
    [
        ("u/sambo_ppn", "sambo_ppn"),
        ("u/Dara_in_Long_Beach", "Dara_in_Long_Beach"),
        ("u/2", "u/2"),
        ("Jo u/jo", "Jo u/jo"),
    ],
)
def test_a_reddit_users_name(author: str, name: str) -> None:
    assert display_name(author) == name


def test_a_lobsters_heads_date_is_the_age_without_its_buttons() -> None:
    assert thread_head("[-] mtb 5 hours ago | link | flag | reply") == ("mtb", "5 hours ago", False)
    assert thread_head("[-] jo 12 points 3 hours ago") == ("jo", "3 hours ago", False)


def test_a_german_phpbb_topic_is_read_post_by_post() -> None:
    post = (
        "{name}\nBeiträge: 412\nRegistriert: Fr 9. Okt 2015, 18:02\n\n"
        "Re: Ream-Nationalpark: was ist da los?\nZitieren\n"
        "Beitrag von {name} » {when}\n\n{text}\nNach oben\n\n"
    )
    text = (
        "Mekong-Reisende\n\nRe: Ream-Nationalpark: was ist da los?\n\nAntworten\n"
        "Themen-Optionen\nSuche in diesem Thema …\n3 Beiträge • Seite 1 von 1\n\n"
        + post.format(
            name="Kambodscha_Klaus",
            when="Mo 14. Mär 2022, 22:03",
            text="Das läuft leider schon seit Jahren so, Namen nenne ich nicht.",
        )
        + post.format(
            name="bergziege71",
            when="Di 15. Mär 2022, 07:40",
            text="Kambodscha_Klaus hat geschrieben: ↑\nMo 14. Mär 2022, 22:03\n"
            "Namen nenne ich nicht.\nUnd gleich nebenan baut China die Marinebasis aus.",
        )
        + "3 Beiträge • Seite 1 von 1\nZurück zu „Kambodscha“\nGehe zu\nWer ist online?\n"
    )
    doc = split_text(text, "de")
    assert [(c.author, c.posted_at, c.text, c.quoted) for c in doc.comments] == [
        (
            "Kambodscha_Klaus",
            "Mo 14. Mär 2022, 22:03",
            "Das läuft leider schon seit Jahren so, Namen nenne ich nicht.",
            None,
        ),
        (
            "bergziege71",
            "Di 15. Mär 2022, 07:40",
            "Und gleich nebenan baut China die Marinebasis aus.",
            "Namen nenne ich nicht.",
        ),
    ]
    assert doc.rebuild() == text


@pytest.mark.parametrize(
    ("line", "bare", "head"),
    [
        (
            "Le 3 mars 2021 à 21:14, Sokha Nhem <sokha.nhem@example.org> a écrit :",
            False,
            ("Sokha Nhem", "3 mars 2021 à 21:14"),
        ),
        (
            "Le mer. 3 mars 2021 à 18:40, Chantal Ouk <c@example.org> a écrit :",
            False,
            ("Chantal Ouk", "mer. 3 mars 2021 à 18:40"),
        ),
        # no address: a message's head inside a quoted chain, a quote's intro elsewhere
        (
            "On 3/3/2023 5:40 PM, KhmerKrom_Lowell wrote:",
            True,
            ("KhmerKrom_Lowell", "3/3/2023 5:40 PM"),
        ),
        ("On 3/3/2023 5:40 PM, KhmerKrom_Lowell wrote:", False, None),
        ("On Tuesday, the minister wrote:", True, None),
    ],
)
def test_a_mail_intro_in_french_and_without_an_address(
    line: str, bare: bool, head: tuple[str, str] | None
) -> None:
    assert mail_intro(line, bare=bare) == head


def test_a_quoted_chain_is_read_as_its_messages() -> None:
    # a list archive's message that quotes the whole thread, each message inside the one
    # before: each is a comment, an undated "Jo wrote:" stays a quote
    text = (
        "Re: [khrnet] Kem Sokha verdict\n\nFrom: Pisey Lim <pisey_at_example.org>\n"
        "Date: Fri, 3 Mar 2023 21:14:00 +0700\n\n"
        "Bopha, with respect, waiting is how we ended up saying nothing.\n\nPisey\n\n"
        "On Fri, Mar 3, 2023 at 8:02 PM Bopha Yin <bopha_at_example.org> wrote:\n"
        "> I understand the anger but I think we should be careful.\n>\n"
        "> From: khrnet-bounces_at_example.org On Behalf Of ph.vuthy\n"
        "> Sent: Friday, March 3, 2023 7:31 PM\n> To: khrnet_at_example.org\n"
        "> Subject: Re: [khrnet] Kem Sokha verdict\n>\n"
        "> Sothea bro are you serious? Everybody knows who decided this.\n>\n"
        "> On 3/3/2023 5:40 PM, KhmerKrom_Lowell wrote:\n>> Chanthou Ros wrote:\n"
        ">>> Kem Sokha was sentenced this morning.\n>>\n>> 27 years. For a speech.\n"
    )
    doc = split_text(text, "chain")
    assert [
        (c.author, c.posted_at, c.text.replace("> ", "").replace(">", "")) for c in doc.comments
    ] == [
        (
            "Pisey Lim",
            "Fri, 3 Mar 2023 21:14:00 +0700",
            "Bopha, with respect, waiting is how we ended up saying nothing.\n\nPisey",
        ),
        (
            "Bopha Yin",
            "Fri, Mar 3, 2023 at 8:02 PM",
            "I understand the anger but I think we should be careful.",
        ),
        (
            "ph.vuthy",
            "Friday, March 3, 2023 7:31 PM",
            "Sothea bro are you serious? Everybody knows who decided this.",
        ),
        ("KhmerKrom_Lowell", "3/3/2023 5:40 PM", "27 years. For a speech."),
    ]
    assert doc.rebuild() == text


def test_a_mailman_digest_is_read_message_by_message() -> None:
    # each message's "Date:" comes before its "From:", a header's value may be folded
    # onto the next line, the digest's preamble and its list of topics are no comments
    message = (
        "Message: {n}\nDate: {when}\nFrom: {name} <{addr}@example.org>\n"
        "To: [email\u00a0protected]\nSubject: Re: [KW] Election results\nMessage-ID:\n"
        '\t<CAHk8Lq2t0pZ{n}@mail.gmail.com>\nContent-Type: text/plain; charset="utf-8"\n\n'
        "{text}\n\n------------------------------\n\n"
    )
    text = (
        "kampuchea-watch Digest, Vol 12, Issue 3\n\n"
        "Send kampuchea-watch mailing list submissions to\n\tkw@example.org\n\n"
        "When replying, please edit your Subject line so it is more specific\n"
        'than "Re: Contents of kampuchea-watch digest..."\n\nToday\'s Topics:\n\n'
        "   1. Re: [KW] Election results (Sopheak Nuon)\n"
        "   2. [KW] List reminder: tone (kampuchea-watch moderator)\n\n"
        "----------------------------------------------------------------------\n\n"
        + message.format(
            n=1,
            when="Tue, 25 Jul 2023 20:14:07 +0700",
            name="Sopheak Nuon",
            addr="sopheak",
            text="Only national so far, the provinces come later.",
        )
        + message.format(
            n=2,
            when="Wed, 26 Jul 2023 19:05:33 +0700",
            name="kampuchea-watch moderator",
            addr="kw-owner",
            text="Dear members, a short reminder after last night.",
        )
        + "End of kampuchea-watch Digest, Vol 12, Issue 3\n"
    )
    doc = split_text(text, "digest")
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        (
            "Sopheak Nuon",
            "Tue, 25 Jul 2023 20:14:07 +0700",
            "Only national so far, the provinces come later.",
        ),
        (
            "kampuchea-watch moderator",
            "Wed, 26 Jul 2023 19:05:33 +0700",
            "Dear members, a short reminder after last night.",
        ),
    ]
    assert doc.rebuild() == text


@pytest.mark.parametrize(
    ("given", "want"),
    [
        # the reply's first line, in one paragraph with its second, is no part of the
        # quoted paragraph above it
        (["quote", "quote", "text"], ["quote", "text", "text"]),
        # a quote in the reply's own paragraph, with no quoted paragraph above, stays
        (["text", "quote", "text"], ["text", "quote", "text"]),
        # a quote of two paragraphs over the reply stays a quote
        (["quote", "quote", "furniture"], ["quote", "quote", "furniture"]),
    ],
)
def test_a_quoted_paragraph_ends_at_its_blank_line(given: list[str], want: list[str]) -> None:
    text = "Should I go?\n\nPlease don't. A boycott hurts them.\nGo, spend locally.\n"
    units = _units(text)
    roles = list(given)
    _unsplit_paragraphs(units, text, roles)
    assert roles == want
