"""Which lines of a text comment section open a comment: the meta line types that do
(`OPENERS`), and the names among the untyped lines (`is_author`: a short label over
text, a date or a forum post's profile box; not the thread's title repeated, not a post
icon's word under the profile box).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from stance.split.lines import (
    BUTTONS,
    MASKED_NAME,
    NAV,
    PROFILE,
    full_name,
    headline_like,
    is_short_label,
    is_timestamp,
    name_label,
    nav_like,
    no_letters,
    posted_by,
    subject,
    substantial,
    words,
)
from stance.split.threadlines import POSTNUM

if TYPE_CHECKING:  # the section's units; `section` imports this module
    from stance.split.section import Unit

# Lines after which a name opens the next comment.
_OPENS_NEXT = ("header", "time", "reply", "button", "notice", "level", "bullet", "postnum")
# Meta lines that open a comment (or belong to the one just opened).
OPENERS = (
    "said",
    "author",
    "posted",
    "from",
    "byline",
    "said_bare",
    "mail",
    "thread_head",
    "shape",
    "poster",
)


def type_before(units: list[Unit], types: list[str | None], start: int, i: int) -> str | None:
    """The type of the line before `i`, looking past a short button-like word or two
    ("Reply / Pick / Name"); the section's first line comes after its header."""
    if i == start:
        return "header"
    j = i - 1
    prev = types[j]
    while (
        prev is None
        and j > start
        and i - j <= 2
        and len(words(units[j].s)) <= 2
        and not substantial(units[j].s)
    ):
        j -= 1
        prev = types[j]
    return prev


#: A count alone on its line: a poster's posts or reputation in a profile box.
_BARE_COUNT = re.compile(r"^-?\d[\d,.\s]*$")
#: A rank, then the poster's avatar as a text browser names it: "Senior Member Jo's Avatar".
_AVATAR_OF = re.compile(r"^\S.{0,40}\s\S{1,40}(?:'s|\u2019s)\s+avatar$", re.IGNORECASE)


def profile_under(units: list[Unit], types: list[str | None], j: int) -> bool:
    """Does a forum post's profile box start at line `j`, under its poster's name: a rank,
    "Join Date: ...", or a rank over a field's name ("Meister / Beiträge / 4.771": WoltLab)?"""
    if PROFILE.match(units[j].s) or (
        j + 1 < len(types) and types[j] != "field_label" and types[j + 1] == "field_label"
    ):
        return True
    if _AVATAR_OF.search(units[j].s):
        return True  # a rank beside the poster's avatar (vBulletin 4: "Old Hand Jo's Avatar")
    if j and types[j - 1] == "badge" and _BARE_COUNT.match(units[j].s):
        return True  # a group's badge over the poster's count (Invision: "Membres / 312")
    if types[j] not in (None, "badge") or not is_short_label(units[j].s, 2):
        return False
    # a rank no list names, over the box's fields ("Iniciante / [Avatar] / Mensagens: 23";
    # a field, not a rank: a name stands over a rank too)
    k = j + 1
    while k < min(j + 3, len(types)) and types[k] == "button" and not PROFILE.match(units[k].s):
        k += 1
    return k < len(units) and ":" in units[k].s and bool(PROFILE.match(units[k].s))


def _box_dated(units: list[Unit], types: list[str | None], name: str, box: int) -> bool:
    """Does the post's date close the profile box at `box` under `name`: a date, or a
    "Post by NAME on DATE" line by that name (phpBB's "Postby" under the box names the
    next post's poster: the box closed the post above)?"""
    for j in range(box + 1, min(box + 7, len(types))):
        if types[j] == "time":
            return True
        if types[j] == "posted":
            head = posted_by(units[j].s)
            return head is not None and head[0] == name
    return False


def _answering(units: list[Unit], types: list[str | None], start: int, s: str) -> bool:
    """Does `s` stand over prose (no headline) and a date three times or more in the
    section: a poster answering (pixiv's artist), not the page's title repeated?"""
    return (
        sum(
            units[j].s == s
            and types[j + 1] is None
            and not headline_like(units[j + 1].s)  # (a category over a story list's links)
            and "time" in types[j + 2 : j + 4]
            for j in range(start, len(units) - 1)
        )
        >= 3
    )


def _buttoned(units: list[Unit], types: list[str | None], k: int) -> bool:
    """Has the date at `k` a post's button under it (a word, not a count: "Permalink")?"""
    return types[k + 1 : k + 2] in (["button"], ["reply"]) and not no_letters(units[k + 1].s)


def is_author(
    units: list[Unit],
    types: list[str | None],
    start: int,
    i: int,
    titles: frozenset[str],
    dated: Counter[str],
) -> bool:
    """Is line `i` (not the last) a name: a short label that opens a block and is followed
    by prose or meta? (`titles`: the thread's title as the page and its "Re:" lines say;
    `dated`: the section's `dated_labels`.)"""
    s = units[i].s
    if types[i] is not None or not name_label(s, 5) or NAV.match(s) or s.endswith(","):
        return False
    if re.search(r"\s[\u00bb\u203a]$", s):
        return False  # a link's arrow: "Dodaj komentarz »" (add a comment)
    if PROFILE.match(s) and ":" in s:
        return False  # a profile box's field ("Merit: 2841")
    if i > 0 and types[i - 1] in ("field_label", "quote_intro"):
        return False  # a profile field's value ("Location / Kep"); "In reply to / Jo"
    above = i - 1
    while above > start and types[above] == "bullet":
        above -= 1
    if above >= start and types[above] is None and s.startswith(f"{units[above].s} "):
        return False  # a mail's signature under its sign-off: "Bopha / Bopha Lim / Title"
    nxt = past_menu(units, types, i + 1)
    if types[nxt] == "postnum" and types[nxt + 1 : nxt + 2] == ["time"]:
        nxt += 1  # GameFAQs: "Jo / #7 / Posted DATE", the post's number between
    profile = profile_under(units, types, nxt)
    # a name may be the poster's (over a date or a profile box: the thread's starter)
    title_like = (types[nxt] != "time" and not profile) or len(words(s)) >= 3
    # the thread's title, repeated as a forum post's subject (a badge: a name; so is a line
    # over three dated messages: the page's author answering)
    titled_again = title_like and subject(s) in titles and types[i + 1] != "badge"
    if titled_again and not _answering(units, types, start, s):
        return False
    if types[i + 1] == "badge" and full_name(units[i + 1].s) and types[nxt] == "time":
        return True  # Discourse: the user name over the full name over the date
    if after_profile(units, start, i) and not _logged_over(units, types, start, i):
        return False  # "Default": a post icon's word under the profile box, not a name
    prev = type_before(units, types, start, i)
    if prev == "time" and i - 2 >= start and types[i - 2] in OPENERS:
        return False  # "X says:" / date / text: the name is already given
    if (
        types[nxt] == "said_bare"
        or avatar_over(units, i)
        or MASKED_NAME.match(s)
        or (types[nxt] == "time" and dated[_role_of(s)] >= 2 and not _under_name(types, i))
        # a feed of four names or more over dates: a name after the last comment's sentence
        or (
            types[nxt] == "time"
            and dated[_NAMES] >= 4
            # (where the date has a post's buttons under it, whatever the line above ends
            # with, and a name's initial may end it: "Jean-Marc L. / DATE / Permalink /
            # Raw Message", a Usenet archive's)
            and not substantial(s.rstrip(".") if (menu := _buttoned(units, types, nxt)) else s)
            and i > start
            and types[i - 1] is None
            # (or after its sign-off or place: "Sothea / R. Heng / DATE", "Lowell, MA")
            and (
                menu
                or re.search(r"[.!?\u2026\u3002\uff01\uff1f\u17d4]$", units[i - 1].s)
                or len(words(units[i - 1].s)) <= 3
            )
        )
    ):
        return True
    # a talkback's number, its title, then the name over the date (ynet: "3. / Title / Jo")
    titled = i - 2 >= start and talkback_title(units, types, i - 1) and types[nxt] == "time"
    if (
        i != start
        and not titled
        and prev not in _OPENS_NEXT
        and not (profile and prev in OPENERS)  # vBulletin: "Old 03-03-2023, 09:47 AM", name
        # a profile box the post's date closes, after the last post's text or signature
        and not (profile and _box_dated(units, types, s, nxt))
    ):
        return False
    after = skip_bullets(types, nxt + 1)
    return (
        profile
        or types[nxt] in ("time", "from")
        # a reply: "Jo / @Sita Sharma / 5 hours ago", "Jo / 回复 Sita: / text / DATE"
        or (types[nxt] == "reply_to" and types[after] == "time")
        or (
            types[nxt] == "reply_to"
            and types[after] is None
            and (substantial(units[after].s) or types[skip_bullets(types, after + 1)] == "time")
        )
        or (types[nxt] is None and substantial(units[nxt].s) and not nav_like(units[nxt].s))
        # a poster seen before, over a short message that a time closes ("Jo / ok / 08:14")
        or (
            types[nxt] is None
            and types[skip_bullets(types, nxt + 1)] == "time"
            and any(u.s == s for u in units[start:i])
        )
        # a name over the poster's place over the date ("Farhan / Toronto / DATE": Dawn)
        or placed_over_time(units, types, i)
        # a reply: "Channa / Vuthy / 5 years ago" (Disqus), "Channa / Vuthy / Vuthy's
        # words…" (a chat's reply preview), the name of one who wrote before
        or (
            types[nxt] is None
            and (types[after] == "time" or substantial(units[after].s))
            and is_short_label(units[nxt].s, 4)
            and any(u.s == units[nxt].s for u in units[start:i])
        )
    )


def talkback_title(units: list[Unit], types: list[str | None], i: int) -> bool:
    """Is line `i` a talkback's title: untyped, under its number ("3.", not a forum's
    "#87" over a name and a place) or under the "in reply to: Jo" of a reply?"""
    up = types[i - 1] if i > 0 else None
    return types[i] is None and (
        up == "reply_to" or (up == "postnum" and units[i - 1].s.endswith("."))
    )


def placed_over_time(units: list[Unit], types: list[str | None], i: int) -> bool:
    """Is line `i` a name over a one-word place ("Toronto", "Phnom-Penh") over a
    date line, or over a place or flair of up to three words and a bullet over it (new
    Reddit's "Jo / Phnom Penh / • / DATE")? (Not over the name of one who wrote before:
    whom a Disqus reply answers.)"""
    nxt = i + 1
    if nxt + 1 >= len(types) or types[nxt] is not None:
        return False
    bulleted = types[nxt + 1] == "bullet" and types[skip_bullets(types, nxt + 1)] == "time"
    word = r"[^\W\d_]+(?:-[^\W\d_]+)?"
    place = rf"{word}(?:\s{word}){{0,2}}" if bulleted else word
    # (a place seen before is a name answered, unless under the same name each time)
    seen = [k for k in range(i) if units[k].s == units[nxt].s]
    return (
        all(k > 0 and units[k - 1].s == units[i].s for k in seen)
        and (types[nxt + 1] == "time" or bulleted)
        and name_label(units[i].s, 4)
        and bool(re.fullmatch(place, units[nxt].s))
        and units[nxt].s[:1].isupper()
        and bool(re.search(r"[^\W\d_]", units[i].s))
    )


def avatar_over(units: list[Unit], i: int) -> bool:
    """Does an avatar's letters stand over line `i`, the initials of its words ("DR /
    Daniel Reyes") or its first letter ("V / Venkatesh Murthy")? Then the line is the
    poster's name, whatever the line under it."""
    return i > 0 and avatar_mark(units[i - 1].s, units[i].s)


def avatar_mark(mark: str, name: str) -> bool:
    """Is `mark` an avatar's letters for `name`: its words' initials or its first letter?"""
    initials = "".join(w[0] for w in name.split()).upper()
    ok = initials == mark or (len(mark) == 1 and initials[:1] == mark)
    return 1 <= len(mark) <= 3 and mark.isalpha() and mark.isupper() and ok


def dated_labels(units: list[Unit], types: list[str | None]) -> Counter[str]:
    """How often each line stands over a date line (past badges): a chat's "Jo / 08:14"
    heads, where a poster's name over a date twice or more is a name whatever the line
    before it (the previous message)."""
    over = [
        units[j].s for j in range(len(units) - 1) if types[skip_bullets(types, j + 1)] == "time"
    ]
    names = len({s for s in over if name_label(s, 4) and not is_timestamp(s)})
    return (
        Counter(over)
        + Counter(k for k in map(_role_of, over) if k == _ROLE)
        + Counter({_NAMES: names})
    )


_ROLE = "(role)"
#: How many different names stand over a date: a feed of "Jo / 10y / text" comments.
_NAMES = "(names)"


def _role_of(s: str) -> str:
    """One key for every name with a role in brackets ("jo (reporter)", "kim (developer)":
    a bug tracker's heads count together); else the line itself."""
    return _ROLE if re.search(r"\S\s\([^()]{2,20}\)$", s) else s


def _under_name(types: list[str | None], i: int) -> bool:
    """Is line `i` right under a name (past badges): the second name of a Disqus reply
    ("Jo / Mod / Kim / 6 years ago"), the one answered?"""
    j = i - 1
    while j > 0 and types[j] in ("badge", "bullet"):
        j -= 1
    return j >= 0 and types[j] == "author"


#: A rank's stars in a profile box, as a text browser shows the images: "* * * *".
RANK_STARS = re.compile(r"(?:\*\s?){1,6}")

#: SMF's post foot: "Logged" (its signature under it), after "Report to moderator" or an
#: image's alt text in a text browser ("[ip] Logged").
LOGGED = re.compile(r"^(?:report\s+to\s+moderator\s+|\[\w{1,12}\]\s+)?logged$", re.IGNORECASE)


def _logged_over(units: list[Unit], types: list[str | None], start: int, i: int) -> bool:
    """Does SMF's "Logged" stand over line `i`, past the signature (bullets) between?"""
    j = i - 1
    while j > start and types[j] == "bullet":
        j -= 1
    return j < i - 1 and LOGGED.match(units[j].s) is not None


def after_profile(units: list[Unit], start: int, i: int) -> bool:
    """Does line `i` come right after a forum post's profile box (a name, then rank and
    "Join Date:" lines)?"""
    j = i - 1
    if is_timestamp(units[i - 1].s) or POSTNUM.match(units[i - 1].s):
        return False  # a name right under a time or a post's number: a new message
    if re.fullmatch(r"_{10,}", units[i - 1].s):
        return False  # (or under the rule between two posts, a text browser's)
    while j > start and (PROFILE.match(units[j].s) or no_letters(units[j].s)):
        j -= 1
    # (a count after a post's buttons, "Report / 22", is its likes: no profile box; nor is
    # a rule after phpBB's "Top")
    return (
        j < i - 1
        and is_short_label(units[j].s, 5)
        and not BUTTONS.match(units[j].s)
        and not NAV.match(units[j].s)
    )


def menu_run(types: list[str | None], k: int) -> int:
    """How many buttons and notices run from line `k` (a message's menu under its date,
    Google Groups': "Reply to author / Sign in to reply to author / Forward / ...")."""
    j = k
    while j < len(types) - 1 and types[j] in ("button", "notice"):
        j += 1
    return j - k


def past_menu(units: list[Unit], types: list[str | None], i: int) -> int:
    """Where a profile box under a name would start, from line `i` under it: past bullets
    and badges, and past a member menu's buttons over a profile line (vBulletin 4: "View
    Profile / Private Message / Jo is offline / Senior Member"), five lines at most."""
    k = skip_bullets(types, i)
    j = k
    while j < min(i + 5, len(types) - 1) and types[j] in ("button", "bullet", "badge"):
        if PROFILE.match(units[j].s) or _AVATAR_OF.search(units[j].s):
            return j
        j += 1
    return j if j > k and PROFILE.match(units[j].s) else k


def skip_bullets(types: list[str | None], i: int) -> int:
    """The first index from `i` that is no bullet-only line (at most the last index)."""
    while i < len(types) - 1 and types[i] in ("bullet", "badge"):
        i += 1
    return min(i, len(types) - 1)
