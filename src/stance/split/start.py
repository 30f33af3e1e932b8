"""Where a text dump's comment section starts: a header with comment structure after it,
a forum, mailing-list or Reddit-style thread, "X said" lines or a Reply button, a run of
name+date lines, or forum posters over their profile boxes; and how far back a comment's
head reaches above its first line (`head_before`, `headerless_before`).
"""

from __future__ import annotations

import re

from stance.split.heads import (
    RANK_STARS,
    menu_run,
    past_menu,
    placed_over_time,
    profile_under,
)
from stance.split.lines import (
    BYLINE_TYPES,
    MAIL_ADDRESS,
    MASKED_NAME,
    NAV,
    NUMBERED_HEADER,
    PROFILE,
    headline_like,
    is_short_label,
    is_timestamp,
    name_label,
    nav_like,
    no_letters,
    subject,
    substantial,
    words,
)
from stance.split.section import Unit
from stance.split.threadlines import POST_COUNT, profile_field
from stance.split.voice import load_voice_model

#: Probability of a reader's voice above which a paragraph before a headerless comment's
#: "Reply" button is taken into that comment too (the paragraph right before the button
#: always is: the button is the evidence).
READER_VOICE_THRESHOLD = 0.6

# ---- where the comment section starts -----------------------------------------------------

_STRUCTURE = (
    "time",
    "said",
    "reply",
    "from",
    "posted",
    "byline",
    "said_bare",
    "mail",
    "thread_head",
    "level",
    "badge",
)
# Lines that make a thread on their own: two of a kind, or a mail header with its date.
_THREAD = ("mail", "thread_head", "level", "postnum")


def _thread_start(types: list[str | None]) -> int | None:
    """Where a forum, mailing-list or Reddit-style thread starts, or None. (A numbered
    list after "Similar Threads" numbers other threads, not posts.)"""
    related = types.index("related") if "related" in types else len(types)
    for i, t in enumerate(types):
        if t == "postnum" and i > related:
            continue
        if t in _THREAD and (
            # (a mail's date perhaps under its recipients and subject: "De : / À : / Objet :
            # / Date :", Sympa's)
            types.count(t) >= 2 or (t == "mail" and "time" in types[i + 1 : i + 4])
        ):
            return i
    return None


def _profile_start(units: list[Unit], types: list[str | None]) -> int | None:
    """A forum thread by its posters: two or more names over a profile box (a rank,
    "Posts: 12"), the first of them where it starts; or None."""

    def box_under(i: int) -> bool:
        # (past a rank's stars and a badge, SMF's; the name again, as Invision's avatar,
        # link and card print it; a member menu, `past_menu`)
        k = i + 1
        while k < min(i + 4, len(units) - 1) and (
            types[k] in ("bullet", "badge") or units[k].s == units[i].s
        ):
            k += 1
        if PROFILE.match(units[k].s) or PROFILE.match(units[past_menu(units, types, k)].s):
            return True
        # (Invision in a text browser: "jo / jo / Members / 2,104 posts", the group unnamed)
        twice = units[i + 1].s == units[i].s != units[k].s
        return twice and any(POST_COUNT.match(u.s) for u in units[k : k + 3])

    names = [
        i
        for i in range(len(units) - 1)
        if types[i] is None
        and is_short_label(units[i].s, 3)
        and box_under(i)
        and not (i and (PROFILE.match(units[i - 1].s) or units[i - 1].s == units[i].s))
    ]
    return head_before(units, types, names[0], named=True) if len(names) >= 2 else None


def _mostly_headlines(units: list[Unit], types: list[str | None]) -> bool:
    """Is the prose in this window mostly headlines (a list of stories with dates)?"""
    prose = [u.s for u, t in zip(units, types, strict=True) if t is None and len(words(u.s)) >= 3]
    return bool(prose) and 2 * sum(headline_like(p) for p in prose) >= len(prose)


def _sentence(s: str) -> bool:
    """A line of running text: it ends a sentence or holds ten words."""
    return bool(re.search(r"[.!?…]$", s)) or len(words(s)) >= 10


def _talk_start(units: list[Unit], types: list[str | None]) -> int | None:
    """A talk page (two signatures or more, "Jo (talk) 09:12, 24 July 2023 (UTC)"): the
    section starts with the paragraphs of prose over its first signature."""
    signed = [i for i, t in enumerate(types) if t == "signed"]
    if len(signed) < 2:
        return None
    i = signed[0]
    while 0 < i > signed[0] - 12 and types[i - 1] is None and _sentence(units[i - 1].s):
        i -= 1
    return i


def section_start(units: list[Unit], types: list[str | None]) -> int | None:
    """Index where the comment section starts, or None.

    A header counts when comment structure (timestamps, "X said", Reply buttons, "from
    PLACE" lines) follows it twice within a dozen lines (once, if most of the page's prose
    lies before it), or when it is numbered ("Comments (3)") and most prose lies before
    it. Without such a header, a Reply button, an "X said..." line or a run of name+date
    lines starts the section.
    """
    talk = _talk_start(units, types)
    if talk is not None:
        return talk
    prose = [len(u.s) if len(words(u.s)) >= 8 else 0 for u in units]
    before = [0]  # prose characters before each unit (prefix sums: pages can be long)
    for p in prose:
        before.append(before[-1] + p)
    total = before[-1] or 1
    for i, t in enumerate(types):
        if t != "header" or _topic_stats(units, i):
            continue
        marks = [k for k, x in enumerate(types[i + 1 : i + 13]) if x in _STRUCTURE]
        if (len(marks) >= 2 and marks[0] < 6) or (
            marks and marks[0] < 4 and before[i] >= total - before[i]
        ):
            head = (
                _name_over_date(units, types, i + 1) if NUMBERED_HEADER.match(units[i].s) else None
            )
            return i if head is None else head
    counted = _counted_start(units, types, before)
    if counted is not None:
        return counted
    thread = _thread_start(types)
    if thread is not None:
        return thread
    said = _reply_or_said_start(units, types)
    if said is not None:
        return said
    heads = (_cut_names_start(types), _mail_heads_start(units, types), _menu_heads(units, types))
    if any(h is not None for h in heads):
        return next(h for h in heads if h is not None)
    # No header and no buttons: a run of name+date lines ("Jo Smith / 22.04.2020") with
    # prose between them, not headlines (a "related stories" list has dates too).
    for i, t in enumerate(types):
        if (
            t in BYLINE_TYPES
            and sum(x in BYLINE_TYPES for x in types[i : i + 20]) >= 3
            and not (i + 1 < len(units) and _listed_count(units, types, i + 1))
        ):
            between = [
                u
                for u, x in zip(units[i : i + 20], types[i : i + 20], strict=True)
                if x is None and len(words(u.s)) >= 3
            ]
            if between and not _mostly_headlines(units[i : i + 20], types[i : i + 20]):
                # (a forum's posts by their profile boxes before a list of other topics,
                # "Par Jo, 3 septembre 2017": Invision's "Similar content")
                profile = _profile_start(units, types)
                return profile if profile is not None and profile < i else i
    profile = _profile_start(units, types)
    return profile if profile is not None else _dated_runs_start(units, types)


#: A topic list's count of views beside its replies: "61 views", "Views: 1,918" (a post
#: shows its likes, never its views).
_STAT = re.compile(
    r"^\d[\d,.]*\s*[km]?\s+(?:views?|hits)$|^(?:views?|hits)\s*:\s*\d[\d,.]*$", re.IGNORECASE
)


def _in_topic_map(units: list[Unit], types: list[str | None], i: int) -> bool:
    """Is the Reply at `i` the opening post's button over a Discourse topic's map
    ("created / DATE / last reply / DATE / 13 replies"), its count of replies over its
    Reply ("3 Replies / Reply / created"), or the map's "replies"?"""
    return any(
        t == "stamp_label" and units[j].s.casefold() == "created"
        for j, t in enumerate(types[max(0, i - 8) : i + 3], start=max(0, i - 8))
    )


def _reply_or_said_start(units: list[Unit], types: list[str | None]) -> int | None:
    """The first Reply button (`_reply_start`) or "X said" line that starts a section, or
    None. One 'The minister said:' is an article's quote; "Jo said..." (Blogger's
    ellipsis), several "X says:" lines, or one with a date or Reply button near it, are
    a comment section."""
    n_said = sum(t == "said" for t in types)
    for i, t in enumerate(types):
        if t == "reply" and not _listed_count(units, types, i):
            at = _reply_start(units, types, i)
            if at is not None:  # (names over their dates and menus came first)
                return min(at, _menu_heads(units, types) or at)
        elif t == "said" and (
            n_said >= 2
            or re.search(r"(?:\.{2,}|…)\s*(?:\S.*)?$", units[i].s)
            or any(x in ("time", "reply") for x in types[i + 1 : i + 5])
        ):
            # phpBB's "Jo wrote:" quotes a post: the posters came first
            return min(i, _profile_start(units, types) or i)
    return None


def _listed_count(units: list[Unit], types: list[str | None], i: int) -> bool:
    """Is reply line `i` a topic list's count under its byline ("By Jo, May 3, 2019 /
    212 replies", Invision's "Similar Content"), not a Reply button?"""
    return i > 0 and types[i - 1] == "byline" and re.match(r"\d[\d,.]*\s", units[i].s) is not None


def _reply_start(units: list[Unit], types: list[str | None], i: int) -> int | None:
    """Where a Reply button at `i` starts the section: there, or, for the opening post's
    button over a Discourse topic's map, at the first post after the map (None: none)."""
    return _first_post_after(units, types, i) if _in_topic_map(units, types, i) else i


def _first_post_after(units: list[Unit], types: list[str | None], i: int) -> int | None:
    """The first name over a date (perhaps a full name between) within 30 lines after
    line `i`, or None."""
    for k in range(i + 1, min(len(units) - 2, i + 30)):
        under = types[k + 1] if types[k + 1] != "badge" else types[k + 2]
        if types[k] is None and under == "time" and name_label(units[k].s, 4):
            return k
    return None


def _topic_stats(units: list[Unit], i: int) -> bool:
    """Is header i a topic list's reply count ("3 responses / 61 views" in a sidebar of
    latest topics), a count beside it, or the date of the topic's last comment after it
    ("38 comments August 15, 2018 4:20PM", Vanilla's; "21 comments / 3 years ago")?"""
    m = _COUNT_DATED.match(units[i].s)
    if m and is_timestamp(m["when"]):
        return True
    # (or on the next line: "21 comments / 3 years ago", Disqus's "Also on" list)
    if i + 1 < len(units) and NUMBERED_HEADER.match(units[i].s) and is_timestamp(units[i + 1].s):
        return True
    return any(_STAT.match(units[j].s) for j in (i - 1, i + 1) if 0 <= j < len(units))


_COUNT_DATED = re.compile(
    r"^\d[\d,.]*[km]?\s+(?:comments?|replies|responses?|posts?)\s+(?P<when>\S.{4,40})$",
    re.IGNORECASE,
)


def _dated_runs_start(units: list[Unit], types: list[str | None]) -> int | None:
    """With nothing else to go by: names over times ("Jo / 08:14 / text"), else entries
    signed under their times ("text / 08:14 / Jo")."""
    for find in (_name_over_time_start, _signed_after_time_start, _timed_under_start):
        found = find(units, types)
        if found is not None:
            return found
    return None


def _name_over_time_start(units: list[Unit], types: list[str | None]) -> int | None:
    """A chat or comment list with nothing else to go by: three or more names, each over
    a time line (`_time_under`) and then prose (past a menu) ("Dara Vong / 6:45 AM /
    text"), the first where the section starts; or None."""
    pairs = _named_times(units, types)
    return pairs[0] if len(pairs) >= 3 else None


def _named_times(units: list[Unit], types: list[str | None]) -> list[int]:
    """The names of `_name_over_time_start`'s heads."""
    return [
        j
        for j in range(len(units) - 2)
        if types[j] is None
        and (t := _time_under(units, types, j)) < len(units) - 1
        and types[t] == "time"
        # (the text, or a quote it opens with: "On DATE, Jo wrote:", "Post by Jo")
        and types[_past_message_menu(types, _past_ids(units, types, t + 1))]
        in (None, "quote_intro", "posted")
        # (a room's name over the day: a name and a time follow it)
        and types[t + 2 : t + 3] != ["time"]
        and name_label(units[j].s, 4)
        and not NAV.match(units[j].s)
    ]


def _time_under(units: list[Unit], types: list[str | None], j: int) -> int:
    """The line under a name at `j` where its date would stand: past a badge where a
    message's menu follows the date or the poster's photo stands over the name (Google
    Groups: "Jo / unread, / DATE / Reply to author / ...", "Jo's profile photo / Jo /
    unread, / DATE"; a feed's "Jo / @jo / DATE" is no thread)."""
    badge = types[j + 1] == "badge" and (menu_run(types, j + 3) >= 3 or _photo_over(units, j))
    return j + 1 + badge


def _photo_over(units: list[Unit], j: int) -> bool:
    """Does the poster's photo, by its alt text, stand over the name at `j` ("Jo's
    profile photo / Jo", Google Groups)?"""
    return j > 0 and units[j - 1].s.casefold() == f"{units[j].s}'s profile photo".casefold()


def _past_message_menu(types: list[str | None], k: int) -> int:
    """Line `k`, or the line after a message's menu there: three or more buttons and
    notices (`menu_run`), or a button or two ("Jo / Oct 14th 2009 / cita permalink /
    text", Vanilla 1)."""
    n = menu_run(types, k)
    few = 0 < n < 3 and all(t == "button" for t in types[k : k + n])
    return k + n if n >= 3 or few else k


def _menu_heads(units: list[Unit], types: list[str | None]) -> int | None:
    """Two or more names over dates over a message's menu (three or more buttons and
    notices: Google Groups') or under their photos, the first where they start; or
    None."""
    runs = {
        j: menu_run(types, _time_under(units, types, j) + 1) for j in _named_times(units, types)
    }
    heads = [j for j, n in runs.items() if n >= 3 or _photo_over(units, j)]
    # (or three or more over a button or two: "Permalink / Raw Message", a Usenet
    # archive's)
    pairs = [j for j, n in runs.items() if n in (1, 2)]
    heads = heads if len(heads) >= 2 or len(pairs) < 3 else sorted({*heads, *pairs})
    return heads[0] if len(heads) >= 2 else None


def _past_ids(units: list[Unit], types: list[str | None], k: int) -> int:
    """Line `k`, or the line after a note's number there ("~0001187": MantisBT), which
    comes between its date and its text."""
    if k < len(types) - 1 and types[k] in ("button", "postnum") and no_letters(units[k].s):
        return k + 1
    return k


def _signed_after_time_start(units: list[Unit], types: list[str | None]) -> int | None:
    """Entries signed under their date ("text / 34 / 23.08.2023 10:41 / name": Ekşi
    Sözlük), with nothing else to go by: three or more times with a name under them and
    prose over them (past a count); the section starts at the first entry's text."""
    firsts = []
    for j in range(1, len(units) - 1):
        if types[j] != "time" or types[j + 1] is not None or not name_label(units[j + 1].s, 4):
            continue
        k = j - 1
        while k > 0 and types[k] in ("button", "bullet"):
            k -= 1
        if types[k] is None and substantial(units[k].s) and not NAV.match(units[j + 1].s):
            firsts.append(k)
    if len(firsts) < 3:
        return None
    k = firsts[0]
    while k > 0 and types[k - 1] is None and substantial(units[k - 1].s):
        k -= 1
    return k


def _timed_under_start(units: list[Unit], types: list[str | None]) -> int | None:
    """A chat app's messages, timed under their text ("Jo / text / 08:14": Zalo,
    Messenger), with nothing else to go by: three or more names over prose, each closed
    by a time line of its own within four lines; the section starts at the first name."""
    heads: dict[int, int] = {}  # the time line -> the name over its message
    for j in range(len(units) - 2):
        if types[j] is not None or not name_label(units[j].s, 4) or NAV.match(units[j].s):
            continue
        k = j + 1
        while k < min(j + 6, len(units)) and types[k] is None:
            k += 1
        if k < len(units) and types[k] == "time" and substantial(units[k - 1].s) and k > j + 1:
            heads.setdefault(k, j)
    return min(heads.values()) if len(heads) >= 3 else None


def _cut_names_start(types: list[str | None]) -> int | None:
    """The first of three names or more that `text._units` cut from the text they head
    ("阿明:" glued to a comment over its dated line), or None."""
    for i, t in enumerate(types):
        if t == "shape" and sum(x == "shape" for x in types[i : i + 20]) >= 3:
            return i
    return None


def _mail_heads_start(units: list[Unit], types: list[str | None]) -> int | None:
    """The first of two or more sender-and-date lines that give the sender's address
    ("Jo Lim <jo@x.example><TAB>Mon, Feb 13, 2023 at 8:41 AM": a mail client's printed
    thread, whose messages are too long for a run of name+date lines), or None."""
    mails = [i for i, t in enumerate(types) if t == "byline" and MAIL_ADDRESS.search(units[i].s)]
    return mails[0] if len(mails) >= 2 else None


def head_before(units: list[Unit], types: list[str | None], first: int, named: bool = False) -> int:
    """The head of the comment whose text starts at `first`: its date, its author's name
    and a forum profile box ("Senior Member", "Join Date: ...") right above the text, and
    a repeat of the thread's title; `first` when no date or profile line is there.
    `named`: the line at `first` is the poster's name (no other above it)."""
    seen: set[str] = {"name"} if named else set()
    top = first
    for j in range(first - 1, -1, -1):
        s, t = units[j].s, types[j]
        if profile_under(units, types, j):
            kind = "profile"  # (a rank typed a button: "Senior Member / Join Date: ...")
        elif (
            (t in ("button", "bullet") and (j > first - 4 or "profile" in seen))
            or t == "badge"
            or profile_field(types, j)
            or ("profile" in seen and RANK_STARS.fullmatch(s))
        ):
            continue  # "to khmer-studies", "unread,": a message head's furniture; "Messages /
            # 9"; a poster's badge ("Offline") anywhere in the head; a box's rank and stars
        elif t == "time" and "time" not in seen:
            kind = "time"
        elif t == "byline" and not seen & {"time", "name"}:  # "Jo • 3 years ago"
            kind = "time"
            seen.add("name")
        elif t is None and not seen and any(subject(u.s) == subject(s) for u in units[:j]):
            kind = "title"
        elif (
            t is None
            and is_short_label(s, 5)
            # "Jo Smith"; "R***a" (a shop's masked reviewer)
            and (
                not nav_like(s)
                or (seen & {"time", "profile"} and not NAV.match(s))
                or MASKED_NAME.match(s)
            )
            and "name" not in seen
        ):
            kind = "name"
        else:
            break
        seen.add(kind)
        top = j
    return top if seen & {"time", "profile"} else first


def answered(units: list[Unit], k: int) -> bool:
    """Do later lines answer line `k` as their subject ("Re: " and its words: a forum's
    thread title, perhaps a table's first cell: "Title<TAB>Password")?"""
    title = units[k].s.split("\t")[0].strip()
    want = f"re: {title}".casefold()
    return len(title) >= 12 and any(u.s.casefold() == want for u in units[k + 1 :])


def headerless_before(units: list[Unit], types: list[str | None], first: int) -> int:
    """A section that opens with a Reply button: how far back does the first comment go?

    The paragraph just before the button is the comment (the button proves it); earlier
    paragraphs join it while the voice model hears a reader in them, and the comment's
    head (`_head_before`) above them.
    """
    k = first + 1
    while k < min(first + 4, len(types) - 1) and types[k] in ("button", "bullet"):
        k += 1
    if k < len(types) and types[k] == "byline" and re.search(r"(?:^|\s)#1$", units[k].s):
        return first  # the thread's Reply over its first post's head, "Old DATE #1" (vBulletin 3)
    i = first - 1
    # "text / Helpful (24) / Report / Reply" (not a post's counts: "text / 2 / 39"), and
    # a comment's votes over its Reply under a name and a date ("jo / a day ago / text /
    # 52 / 2 / reply", Lemmy)
    while i > first - 4 and types[i] == "button" and not re.fullmatch(r"[\d\s.,]+", units[i].s):
        i -= 1  # (past buttons and their dots, "14 / • / Reply", not a post's counts)
    k = i
    while k > first - 4 and types[k] == "button" and re.fullmatch(r"-?\d{1,6}", units[k].s):
        k -= 1
    lemmy = k >= 2 and types[k - 1] == "time" and types[k - 2] is None
    # (or a comment's votes with a dot before its Reply: "text / 14 / • / Reply", Disqus)
    dotted = any(units[j].s in ("\u2022", "\u00b7") for j in range(i + 1, first))
    if k < i and types[k] is None and (lemmy or dotted):
        i = k
    if i < 0 or types[i] is not None or nav_like(units[i].s):
        return first
    signed = i > 0 and types[i - 1] == "signature"
    if signed or answered(units, i) or _signed_off(units, types, i):
        # "text / ____ / Same same. / Reply": the opening post's signature; "Title /
        # Reply": the thread's title over its buttons; "text / Dara / Reply all": the
        # opening post's sign-off
        return first
    start = i
    model = load_voice_model()
    j = i - 1
    while (
        j >= 0
        and types[j] is None
        and not nav_like(units[j].s)
        and model.proba_reader(units[j].s) >= READER_VOICE_THRESHOLD
    ):
        start = j
        j -= 1
    head = head_before(units, types, start)
    # no head over the paragraphs the voice heard, but Disqus's over them all, prose all
    # the way ("Jo • vor 4 Jahren / text / 18 / Antworten": words the voice hears less)
    j = start - 1
    while head == start and j > max(i - 30, 0) and types[j] is None and not nav_like(units[j].s):
        j -= 1
    dotted = types[j] == "byline" and "\u2022" in units[j].s  # (Disqus's head)
    return head_before(units, types, j + 1) if head == start and dotted else head


def _signed_off(units: list[Unit], types: list[str | None], i: int) -> bool:
    """Is line `i` a message's sign-off by its poster's first name, the poster named in
    full in a head above it, over its date ("Dara Sok / unread, / DATE / ... / Dara")?"""
    first = units[i].s
    if not re.fullmatch(r"[^\W\d_][\w.'-]{1,20}", first):
        return False
    k = i - 1
    while k > max(i - 80, 0) and types[k] != "time":
        k -= 1
    head = units[max(k - 2, 0) : k] if types[k] == "time" else []
    return any(u.s.startswith(f"{first} ") and len(words(u.s)) <= 4 for u in head)


def _counted_start(units: list[Unit], types: list[str | None], before: list[int]) -> int | None:
    """A count of comments ("Comments (3)") with most of the page's prose before it, or a
    name over a date line under it (`_name_over_date`); None if neither."""
    total = before[-1] or 1
    for i, t in enumerate(types):
        if t == "header" and NUMBERED_HEADER.match(units[i].s) and not _topic_stats(units, i):
            # (not a thread's count in a sidebar after its messages: no comment under it)
            if before[i] > total / 2 and any(x in _STRUCTURE for x in types[i + 1 : i + 25]):
                return i
            head = _name_over_date(units, types, i + 1)
            if head is not None:
                return head
    return None


def _name_over_date(units: list[Unit], types: list[str | None], lo: int) -> int | None:
    """Under a count of comments ("5 comments"), within three lines or past furniture: a
    name over a date line (a list archive's "Sreyleak Chum / 13 Feb 2023 9:05 a.m."), when
    two more come after it; its index, or None."""
    pairs = [
        j
        for j in range(lo, len(units) - 1)
        if types[j + 1] == "time" and types[j] is None and is_short_label(units[j].s, 4)
    ]
    if len(pairs) < 3 or pairs[0] >= lo + 15:
        return None
    # (further down only past furniture: a sign-in notice, a sort menu, an avatar's
    # initials, Ghost's "Join the discussion / ... / Sort by: / Oldest / DV / Avatar")
    furniture = ("header", "notice", "button", "bullet", "badge")
    if pairs[0] >= lo + 3 and not all(
        t in furniture or re.fullmatch(r"[A-Z]{1,3}", u.s)
        for u, t in zip(units[lo : pairs[0]], types[lo : pairs[0]], strict=True)
    ):
        return None
    first = pairs[0]  # (or the name over the poster's place: "Farhan / Toronto / DATE")
    return first - 1 if first > lo and placed_over_time(units, types, first - 1) else first
