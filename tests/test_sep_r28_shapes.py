"""split: the shapes read once the first round-28 pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from page_gold import as_gold
from stance.split.lines import NOTICE, meta_type
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    ("line", "notice"),
    [
        ("You must register to comment.", True),
        ("Please log in or register", True),
        ("You have to register for an account to post", True),
        ("Madam, please register a complaint with the water board.", False),
    ],
)
def test_a_notice_asks_to_register_not_to_register_a_complaint(line: str, notice: bool) -> None:
    assert bool(NOTICE.search(line)) is notice


def test_a_sort_label_is_furniture() -> None:
    assert line_type("Sort: Oldest first | Newest first | Most liked") == "header"


@pytest.mark.parametrize(
    "line",
    [
        "Vuthy Chan commented on May 15, 2024 at 7:48 am",
        "Sreyneang Ly replied to Vuthy Chan on May 15, 2024 at 8:15 am",
    ],
)
def test_a_sentence_for_a_head(line: str) -> None:
    assert meta_type(line) == "said"


def test_a_head_sentence_names_the_poster_and_the_one_answered() -> None:
    text = (
        "Otres families refuse to leave as developer fences off beachfront land\n"
        "Families say they have lived on the land since the 1990s.\n"
        "3 Comments\n"
        "Vuthy Chan commented on May 15, 2024 at 7:48 am\n"
        "Same story every time, the company has a hard title and the families have letters.\n"
        "Like (23) | Reply | Flag\n"
        "Sreyneang Ly replied to Vuthy Chan on May 15, 2024 at 8:15 am\n"
        "The letters from the commune chief are not titles, the court will say.\n"
        "Like (4) | Reply | Flag\n"
        "Dara Kim commented on May 15, 2024 at 9:02 am\n"
        "Who signed the title in 2019? That is the question to ask.\n"
        "Like (9) | Reply | Flag\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["posted_at"], c["parent"]) for c in got] == [
        ("Vuthy Chan", "May 15, 2024 at 7:48 am", None),
        ("Sreyneang Ly", "May 15, 2024 at 8:15 am", 1),
        ("Dara Kim", "May 15, 2024 at 9:02 am", None),
    ]


def test_the_place_beside_the_date_under_a_name_is_no_author() -> None:
    text = (
        "Bengaluru water crisis: tanker prices triple\n"
        "Borewells have run dry in the outer wards, residents say.\n"
        "36 Comments\n"
        "V\nVenkatesh Murthy\nBengaluru Mar 14, 2024 at 09:12 IST\n"
        "Every lake in the area was encroached for apartments and tech parks.\n"
        "Reply\nLike (142)\nReport\n"
        "D\nDeepa Nair\nWhitefield Mar 14, 2024 at 09:40 IST\n"
        "Our apartment complex was sold with a promise of piped water.\n"
        "Reply\nLike (88)\nReport\n"
        "A\nArun K\nMysuru Mar 14, 2024 at 10:05 IST\n"
        "The monsoon failed, that is the other part of the story.\n"
        "Reply\nLike (12)\nReport\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["posted_at"]) for c in got] == [
        ("Venkatesh Murthy", "Mar 14, 2024 at 09:12 IST"),
        ("Deepa Nair", "Mar 14, 2024 at 09:40 IST"),
        ("Arun K", "Mar 14, 2024 at 10:05 IST"),
    ]
