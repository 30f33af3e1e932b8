"""Round 51's shapes: what the rules written for its pages read."""

from __future__ import annotations

import pytest

from stance.split.text import split_text
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
