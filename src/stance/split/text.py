"""The plain-text engine: split a page dump into title, editorial, boilerplate and comments.

A page is cut into units (non-blank lines, split further at glued "ReplyDelete" buttons),
each unit gets the type its line says (`lines.meta_type`), the comment section's start is
found from the types around headers (or the thread shapes of forums, mailing lists and
Reddit), and `section.py` reads the section line by line into comments. A comment with no
header at all is grown backwards with the paragraph-voice model. Before the section,
rules and the boilerplate line model (`boilerplate.py`) keep page furniture out of the
editorial text, and the title is the headline before the first paragraph.

The split is lossless: the segments of the `Document` tile the input, every character in
exactly one segment, so `Document.rebuild()` returns the text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import Any

from stance.split.boilerplate import load_line_model, running_text
from stance.split.disqusxml import is_disqus_export, split_disqus_export
from stance.split.document import Comment, Document, Segment
from stance.split.lines import (
    BACKLINK,
    BUTTONS,
    CAPTION,
    DISCLAIMER,
    EXPERTISE,
    FOLD_DOTS,
    GLUED_HEAD,
    GLUED_REPLY,
    GLUED_TAIL,
    GLUED_WROTE,
    HEADER,
    LINK_NUMBER,
    LIST_TAG,
    NAME_COLON,
    NAV,
    NOTICE,
    PUSH,
    QUOTE_INTRO,
    REACTION,
    RECIPIENTS,
    SIGNATURE,
    SUBJECT_WORDS,
    bare_date,
    chat_head,
    clean_line,
    date_label,
    dateline,
    display_name,
    is_timestamp,
    mail_author,
    mail_intro,
    meta_type,
    no_letters,
    reply_author,
    signed_tail,
    subject,
    substantial,
    thread_head,
    words,
)
from stance.split.mbox import is_mbox, split_mbox
from stance.split.reading import load_reading_model
from stance.split.replies import (
    latest_by,
    parents_by_arrow,
    parents_by_id,
    parents_from_quotes,
    quoted_first_line,
)
from stance.split.roles import load_role_model, read_roles
from stance.split.section import Draft, Unit, drop_menus, menu_drafts, split_section
from stance.split.shapes import comment_run, prose_line
from stance.split.stacked import find_stack, read_stack
from stance.split.start import head_before, headerless_before, section_start
from stance.split.texttitle import (
    TitleContext,
    headline,
    pick_title,
    title_index,
    title_shaped,
    title_text,
)
from stance.split.threadlines import STATUS, line_type, period_choices, profile_fields

# ---- units: non-blank lines, split further at glued buttons ---------------------------------


# A link aggregator's source after a headline: "Title (example.com)", "(self.Cambodia)",
# in lynx "([11]example.com)". (not an export record's user name: "author: Jo Lim (jo.lim)")
_SOURCE_TAG = re.compile(
    r"[ \t]\((?:\[\d{1,4}\])?(?:self\.\w+|[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,})\)$"
)


def _named_lines(text: str) -> bool:
    """Do three lines or more open with a name and a colon glued to the text, each with
    a date on the line after it ("阿明:唯一有..." over "23-7-24 09:30 来自广东")? Then each
    such name is a comment's head (`_units` cuts it)."""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    return (
        sum(bool(NAME_COLON.match(a)) and is_timestamp(b) for a, b in itertools.pairwise(lines))
        >= 3
    )


#: A comment on one line, its name and numeric date before its text: "jo 2008/03/12 08:15
#: text" (Hatena Diary).
_NAME_DATE_TEXT = re.compile(
    r"^(?P<author>[^\W\d][^\s]{0,30})\s+(?P<when>\d{4}[/.-]\d{1,2}[/.-]\d{1,2}"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s+(?!\d{1,2}:\d{2})(?=\S.{9})"
)


def _dated_head(s: str) -> re.Match[str] | None:
    """`_NAME_DATE_TEXT`'s match where its date is one."""
    m = _NAME_DATE_TEXT.match(s)
    return m if m and is_timestamp(m["when"]) and not is_timestamp(m["author"]) else None


def _push(s: str, at: int = 0) -> tuple[str, str, int, int, int] | None:
    """A PTT push line's author and date, and where its head ends, its text ends and its
    date starts (offsets from `at`, where `s` starts in the text), or None."""
    head = PUSH.match(s)
    if head is None or not head.group("author"):
        return None
    tail = PUSH.search(s, head.end())
    if tail is None or not tail.group("when") or tail.start() <= head.end():
        return None
    when = tail.group("when")
    return head.group("author"), when, at + head.end(), at + tail.start(), at + tail.start("when")


def _units(text: str) -> list[Unit]:
    units: list[Unit] = []
    # a chat log: lines that open with a time and a name ("0:41:07 jo: ..."); three make
    # one, and then each such line's head is a unit of its own
    chat = sum(chat_head(x.strip()) is not None for x in text.split("\n")) >= 3
    named = _named_lines(text)
    pushes = sum(_push(x.strip()) is not None for x in text.split("\n")) >= 3
    dated = sum(_dated_head(x.strip()) is not None for x in text.split("\n")) >= 3
    heads: dict[int, tuple] = {}  # a name cut from its text: the unit's head (its author)
    margin = _margin(text)
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        lo = m.start() + (len(line) - len(line.lstrip()))
        edge = _EDGE_MARK.match(line)  # (a text browser's mark before the words: no words)
        lo = m.start() + edge.end() if edge is not None and "\t" not in line[: edge.end()] else lo
        hi = m.start() + len(line.rstrip())
        if lo >= hi:
            continue
        pieces: list[tuple[int, int]] = []
        body = text[lo:hi]
        head = GLUED_HEAD.match(body) or GLUED_WROTE.match(body)
        said = chat_head(body) if head is None and chat else None
        name = NAME_COLON.match(body) if named and head is None and said is None else None
        # "推 jo: text 03/03 15:22": the head, the text and its date (offsets in the text)
        push = _push(body, lo) if pushes and head is None and said is None else None
        plain = head is None and said is None and name is None and push is None
        lead = _dated_head(body) if dated and plain else None
        end = head.end() if head else said[2] if said else name.end() if name else 0
        end = push[2] - lo if push else lead.end() if lead else end
        if end and len(body) > end:  # a button or a chat line's head glued to the text
            if name:
                heads[lo] = (body[: end - 1].strip(), None, None)
            if lead:
                heads[lo] = (lead["author"], lead["when"], None)
            if push:
                heads[lo] = (push[0], push[1], None)
            pieces.append((lo, lo + end))
            lo += end
            lo += len(text[lo:hi]) - len(text[lo:hi].lstrip())
            reply = GLUED_REPLY.match(text[lo:hi]) if name else None
            if reply and reply.end() < hi - lo:  # "回复@Jo:" before the text: whom it answers
                pieces.append((lo, lo + reply.end()))
                lo += reply.end()
        elif not end and (reply := GLUED_REPLY.match(body)) and reply.end() < len(body):
            # "回复 Jo:" (Xiaohongshu) before a text with no name glued to it
            pieces.append((lo, lo + reply.end()))
            lo += reply.end()
            lo += len(text[lo:hi]) - len(text[lo:hi].lstrip())
        tail = GLUED_TAIL.search(text[lo:hi])
        source = _SOURCE_TAG.search(text[lo:hi])
        signed = signed_tail(text[lo:hi])
        if push is not None:
            pieces.append((lo, push[3]))
            pieces.append((push[4], hi))
        elif signed is not None and text[lo : lo + signed[2]].strip():  # text, then its signature
            cut = lo + len(text[lo : lo + signed[2]].rstrip())
            pieces.append((lo, cut))
            pieces.append((lo + signed[2], hi))
        elif tail and tail.start() > 0:
            pieces.append((lo, lo + tail.start()))
            pieces.append((lo + tail.start(), hi))
        elif source and title_shaped(text[lo : lo + source.start()]) and not mail_author(body):
            pieces.append((lo, lo + source.start()))
            pieces.append((lo + source.start() + 1, hi))
        else:
            pieces.append((lo, hi))
        indent = _indent(line) - margin
        for a, b in pieces:
            units.append(
                Unit(a, b, clean_line(text[a:b]), text[a:b], head=heads.get(a), indent=indent)
            )
    for above, u in itertools.pairwise(units):
        u.follows = re.fullmatch(r"[ \t]*\n?[^\n]*", text[above.end : u.start]) is not None
    return _join_split_dates(text, units)


def _indent(line: str) -> int:
    """A line's indentation; past a text browser's mark at the left edge ("*   text",
    "[s]   text": w3m's for an image among the indented lines of a reply)."""
    line = line.expandtabs(4)
    mark = _EDGE_MARK.match(line)
    if mark is not None:
        return mark.end()
    return len(line) - len(line.lstrip())


#: A text browser's mark at the left edge before an indented line's words.
_EDGE_MARK = re.compile(r"^(?:\*|\[s\])\s{3,}(?=\S)")


def _margin(text: str) -> int:
    """The page's usual left margin: the indentation most of its lines of text share,
    where a masthead sits at the left edge over an indented body (a text browser's
    dump: one line in 20 or more at the edge), else 0. Indentation counts from there
    (`Unit.indent`), so such a page reads like one printed flush left. (A dump that
    indents every line by its depth in the markup, as inscriptis does, keeps its
    indentation: there it tells the blocks apart.)"""
    margins = Counter(_indent(x) for x in text.split("\n") if x.strip())
    if not margins or 20 * margins[0] < margins.total():
        return 0
    return margins.most_common(1)[0][0]


#: A year cut to two digits on a line of its own: HyperKitty's date over three lines
#: ("5 Sep" / "'24" / "9:14 a.m.").
_SHORT_YEAR = re.compile(r"^['\u2019]\d{2}$")


#: A time of day alone on its line ("8:14 a.m.", "17:05"), and one inside a line.
_CLOCK = re.compile(
    r"^\d{1,2}(?::\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?|\s*[ap]\.?\s?m\.?)$", re.IGNORECASE
)
_HAS_CLOCK = re.compile(r"\d:\d{2}")


#: A comment head's fold toggle, old Reddit's: "[-]jo ..." (an en dash), "[+] jo ...".
_TOGGLED = re.compile(r"^\[[\u2013+\-]\]")


#: ... and the end of its line that a text browser wrapped: "ago (1 child)", "(2 children)".
_HEAD_TAIL = re.compile(r"^(?:ago\b.*|\(\d+\s+child(?:ren)?\))$")


#: MyBB's edit note after a post's date, its end wrapped to the next line.
_OPEN_EDIT_NOTE = re.compile(r"\(this\s+post\s+was\s+last\s+modified:[^()]*$", re.IGNORECASE)


def _join_split_dates(text: str, units: list[Unit]) -> list[Unit]:
    """`units` with a date broken over lines around a two-digit year made one unit (its
    text the parts joined by spaces), so that it reads as one date; so is an old-Reddit
    head a text browser wrapped ("[-]jo 86 points 2 years" / "ago (1 child)"), and a
    Slashdot head its comment's id ("(#" / "57001877)")."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        u = units[i]
        nxt = units[i + 1].s if i + 1 < len(units) else ""
        # (or the time on the next line: "Thu, 27 Jul 2023 / 8:14 a.m.", HyperKitty)
        clock = bool(_CLOCK.match(nxt)) and not _HAS_CLOCK.search(u.s)
        # (an old-Reddit head a text browser wrapped: "[-]jo 86 points 2 years" / "ago (1
        # child)")
        wrapped = i + 1 < len(units) and _TOGGLED.match(u.s) and len(words(u.s)) >= 3
        wrapped = wrapped and (not thread_head(u.s) or _HEAD_TAIL.match(nxt))
        if (
            wrapped
            and thread_head(f"{u.s} {nxt}")
            and text.count("\n", u.end, units[i + 1].start) == 1
        ):
            nx = units[i + 1]
            out.append(
                Unit(u.start, nx.end, f"{u.s} {nxt}", text[u.start : nx.end], indent=u.indent)
            )
            i += 2
            continue
        # (Slashdot's comment id a text browser wrapped: "... @11:07PM (#" / "57001877)";
        # MyBB's edit note: "DATE (This post was last modified: DATE" / "by jo.)")
        tail = units[i + 1].raw.strip() if i + 1 < len(units) else ""
        slashdot = re.search(r"\(#\d*$", u.s) and re.fullmatch(r"\d*\)", tail)
        edit = _OPEN_EDIT_NOTE.search(u.s) and re.fullmatch(r"[^()]{1,60}\)", tail)
        if (slashdot or edit) and text.count("\n", u.end, units[i + 1].start) == 1:
            nx = units[i + 1]
            joined = f"{u.s} {clean_line(nx.raw)}" if edit else u.s + tail
            out.append(Unit(u.start, nx.end, joined, text[u.start : nx.end], indent=u.indent))
            i += 2
            continue
        if (_SHORT_YEAR.match(nxt) or clock) and is_timestamp(u.s):
            parts = units[i : i + 3]  # the date, its year and the time under it, if one is
            if clock or not is_timestamp(" ".join(x.s for x in parts)):
                parts = parts[:2]
            if all(text.count("\n", a.end, b.start) == 1 for a, b in itertools.pairwise(parts)):
                s = " ".join(x.s for x in parts)
                raw = text[u.start : parts[-1].end]
                out.append(Unit(u.start, parts[-1].end, s, raw, indent=u.indent))
                i += len(parts)
                continue
        out.append(u)
        i += 1
    return out


def unit_lines(text: str) -> list[str]:
    """The lines the text engine reads, in page order (non-blank lines, split at glued
    buttons), as the input has them: what the boilerplate line model is trained on."""
    return [u.raw for u in _units(text)]


def _unit_type(u: Unit) -> str | None:
    """The unit's line type: `threadlines.line_type`, or "quote" for a "> " line, or "button" for a
    line that is only a bullet ("•", boilerplate that ends nothing)."""
    if u.head is not None:  # a name `_units` cut from its text
        return "shape"
    if BACKLINK.match(u.raw.strip()):
        return "backlink"
    if u.raw.lstrip().startswith(">") and u.raw.strip() != ">>":
        return "quote"
    if u.raw.strip() in ("--", "---"):  # (GameFAQs: "---" over a signature)
        return "signature"
    expert = EXPERTISE.match(u.raw)
    if expert is not None and line_type(u.raw[expert.end() :].strip()) == "time":
        return "time"  # ("·Trade lawyer·2 years ago": the date after the poster's expertise)
    if REACTION.match(u.raw.strip()):  # (a bullet: the date after it still trails the text)
        return "bullet"
    if _LINK_LIST.match(u.raw) or _FORM_FIELD.match(u.raw):
        return "button"
    if _LJ_USER.search(u.s):  # LiveJournal's user head: "jo:  [info]jo", its picture's label
        return "button"
    if _PAREN_ROW.match(u.s):  # LiveJournal: "(Link) (Reply) (Parent) (Thread) (Expand)"
        items = re.findall(r"\(([^()]*)\)", u.s)
        return "reply" if any(line_type(x) == "reply" for x in items) else "button"
    if _POST_SUBJECT.match(u.s):  # (a badge: between a poster's name and the post's date)
        return "badge"
    cells = [c.strip() for c in u.s.split("\t") if c.strip()]
    if len(cells) >= 2 and all(BUTTONS.match(c) or STATUS.match(c) for c in cells):
        return "button"  # a table's row of buttons: "Jo is offline<TAB>Reply With Quote"
    if len(cells) >= 3 and all(_MENU_CELL.match(c) and not is_timestamp(c) for c in cells):
        return "button"  # a table's row of links: "Register<TAB>FAQ<TAB>Members List"
    return line_type(u.s) if u.s else "bullet"


#: LiveJournal's user link as a text dump keeps it: "[info]jo".
_LJ_USER = re.compile(r"\[info\][\w-]+")
#: MHonArc's lists of a message's thread under it, each item indented under the label.
_THREAD_LINKS = re.compile(r"^(?:follow-ups|references|replies)\s*:$", re.IGNORECASE)
#: A user's handle and a colon alone on a line: "sokhom_l:".
_HANDLE_COLON = re.compile(r"^([\w.\-]{2,30}):$")
#: Google Groups' folded quote: "- show quoted text -", "Show quoted text".
_HIDDEN_QUOTE = re.compile(r"^-?\s*show\s+quoted\s+text\s*-?$", re.IGNORECASE)
#: A row of links, each in brackets: two or more.
_PAREN_ROW = re.compile(r"^(?:\([^()\s]{1,20}(?:\s[^()\s]{1,20})?\)\s*){2,}$")
#: A form's field as a text browser prints it: a check box ("[ ] Notify me", "[X]Save my
#: name"), a text box ("Name * [______]", "[        ]").
_FORM_FIELD = re.compile(
    r"^\s*\[[ xX*]?\]\s*\S|.*\[(?: {6,}|_{6,})\]\s*$"
    r"|^\s*\[[^\[\]]{1,120}? {2,}\]\s*$"  # (a text box with its value: "[Re: Title  ]")
)
#: A forum post's subject over its date (phpBB's subSilver: "Post subject: Re: Title").
_POST_SUBJECT = re.compile(r"^post\s+subject\s*:", re.IGNORECASE)
#: A menu's cell: three words at most, no sentence's end.
_MENU_CELL = re.compile(r"^[^\s.!?]+(?:\s[^\s.!?]+){0,2}\??$")
#: A text browser's list of the page's links ("References" in lynx and w3m dumps): "  12.
#: http://example.org/a.html".
_LINK_LIST = re.compile(
    # (a "mailto:" link's subject may hold spaces: "mailto:list@x?Subject=Re: [List] Title";
    # so may a search link's query: "https://x/?query=Title words&type=story")
    r"^\s*\d{1,4}\.\s+(?:(?:https?|ftp|file|javascript):\S+\s*|mailto:\S.*"
    r"|https?://[^\s?]+\?\S*=.*)$",
    re.IGNORECASE,
)


def _dash_rules(units: list[Unit], types: list[str | None]) -> None:
    """A rule of dashes over a post's signature (phpwind) is a signature's mark; one
    between a quote's intro and the quote ("Jo schreef: / ---- / > ...", Phorum) is not."""
    for i, u in enumerate(units):
        # (a rule with no letters reads as a bullet; `lines.SIGNATURE` knows its shapes)
        if types[i] != "bullet" or not SIGNATURE.match(u.raw.strip()):
            continue
        after = types[i + 1] if i + 1 < len(units) else None
        if after != "quote" and (i == 0 or types[i - 1] != "quote_intro"):
            types[i] = "signature"


def _wrapped_items(units: list[Unit], types: list[str | None]) -> None:
    """A text browser wraps a long list item onto the next line, indented past its bullet
    ("* Next message: [6][List] Re: Supreme Court dissolves the" / "CNRP"): the rest of a
    button's item is the button's too."""
    for i in range(1, len(units)):
        above = units[i - 1]
        if (
            types[i] is None
            and types[i - 1] == "button"
            and _ITEM.match(above.raw)
            and units[i].indent > above.indent
        ):
            types[i] = "button"


#: A list item's bullet, as a text browser prints it.
_ITEM = re.compile(r"^\s*[*+\u2022o-]\s+\S")


def _wrapped_dates(text: str, units: list[Unit], types: list[str | None]) -> None:
    """A "date" that ends a sentence the line right above began ("... have until /
    Monday 26 Oct, 5pm.": a hard-wrapped mail's text) is that sentence's end, no date
    line: it ends with a full stop, and the line above, with no blank line between, is
    running text of six words or more that stops in the middle of a Latin-script sentence
    (not a name over a date, nor a Thai line, whose sentences end with no mark)."""
    for i in range(1, len(units)):
        u, up = units[i], units[i - 1]
        if types[i] != "time" or not u.s.endswith(".") or types[i - 1] is not None:
            continue
        if _mid_sentence(up.s) and text.count("\n", up.end, u.start) <= 1:
            types[i] = None


def _wrapped_notices(text: str, units: list[Unit], types: list[str | None]) -> None:
    """A "notice" whose sentence runs on into the next line, with no blank line between
    ("For now. They need to register with the NEC by May, and the rumour is the /
    Interior Ministry ...": a hard-wrapped post's text), is text."""
    for i in range(len(units) - 1):
        u, nxt = units[i], units[i + 1]
        if types[i] != "notice" or types[i + 1] is not None or not _mid_sentence(u.s):
            continue
        if nxt.follows and nxt.s[:1].islower() and 2 <= len(words(nxt.s)) < 8:
            types[i + 1] = "notice"  # (the notice's own end: "(message retiré ... à / moins
            continue  # qu'il ne soit signalé)", Discourse's placeholder wrapped)
        if len(words(u.s)) < 12 or len(words(nxt.s)) < 8:
            continue  # (a notice's own line, over a heading: "Sign in to comment / Metadata")
        if text.count("\n", u.end, nxt.start) <= 1:
            types[i] = None


def _notice_comments(units: list[Unit], types: list[str | None]) -> None:
    """A "notice" that is a comment's whole text, between its head and its buttons ("Jo
    Mod • 3 years ago / A reminder of our comment policy: ... / 7 Reply"): text."""
    for i in range(1, len(units) - 1):
        head = types[i - 1] in ("byline", "time", "thread_head")
        # (not a removed comment's placeholder: "This comment has been removed by ...",
        # Discourse's "(post withdrawn by author, ...)")
        gone = _GONE.match(units[i].s)
        whole = len(words(units[i].s)) >= 8
        if types[i] == "notice" and head and types[i + 1] == "reply" and not gone and whole:
            types[i] = None
        k = i + 1
        while k < len(units) - 1 and types[k] == "bullet":
            k += 1
        if types[i] == "notice" and gone and k > i + 1 and types[k] == "time":
            types[k] = "button"  # (the removed one's age: "Comment deleted by user / • / 3h")


#: A removed comment's placeholder (its first words).
_GONE = re.compile(
    r"\(?(?:this\s+(?:comment|post|message)|comment|post\s+withdrawn|deleted|removed"
    r"|(?:este|ce|le|dieser)\s+(?:comentario|mensaje|commentaire|message|kommentar|beitrag)"
    r"|message\s+retir\u00e9|commentaire\s+supprim\u00e9|comentario\s+eliminado|kommentar\s+vom)\b",
    re.I,
)


def _mid_sentence(s: str) -> bool:
    """Does a line of running text (six words or more) stop in the middle of a
    Latin-script sentence?"""
    return (
        bool(re.search(r"[^\W_]$", s))
        and len(words(s)) >= 6
        and not re.search(r"[^\x00-\u024f]$", s)
    )


def _wrapped_intros(units: list[Unit], types: list[str | None]) -> None:
    """A mail reply's intro that its client wrapped, the address and "wrote:" on a line of
    their own ("On DATE, Jo Lim" / "<jo at x.org> wrote:"), or "wrote:" alone: both lines
    are the intro."""
    for i in range(1, len(units)):
        joined = f"{units[i - 1].s} {units[i].s}"
        if _WROTE_TAIL.match(units[i].s) and line_type(joined) == "quote_intro":
            types[i - 1], types[i] = "quote_intro", "button"


def _glued_cites(units: list[Unit], types: list[str | None]) -> None:
    """A forum quote's cite that `_units` cut from the quote glued to it ("Jo Lim wrote:
    ↑DATE" / "Every country has..."): a quote's intro; where it stands indented, the lines
    under it as far as the indentation goes are the quote (phpBB in a text dump); so
    where the cite stands alone, indented, perhaps over the quote's date."""
    for i in range(len(units) - 1):
        a, b = units[i], units[i + 1]
        if types[i] == "quote_intro" and a.indent > 0 and b.indent >= a.indent:
            # the cite on a line of its own, indented, its date under it ("jo wrote: ↑ /
            # DATE / the quote"), the reply's words after it less indented
            k = i + 1 + (types[i + 1] == "time")
            j = _indented_end(units, k, a.indent)
            plain = j < len(units) and types[j] is None  # (the reply's words, not a head)
            if plain and _indented_quote(units, types, k, a.indent) and k > i + 1:
                types[i + 1] = "button"
            continue
        if b.start != a.end or not GLUED_WROTE.match(a.raw + b.raw):
            continue
        types[i] = "quote_intro"
        if LINK_NUMBER.match(a.raw) and "\u2191" in a.raw:
            # lynx's phpBB cite ("[60]jo wrote: [61]↑DATE"), its quote and the reply under
            # it indented alike: the quote is the paragraph it opens
            j = i + 1
            while j < len(units) and not types[j] and (j == i + 1 or units[j].follows):
                types[j] = "quote"
                j += 1
        elif a.indent > 0:
            _indented_quote(units, types, i + 1, a.indent)


def _fold_dots(u: Unit) -> bool:
    """Is `u` HyperKitty's "..." for a quote's lines (lynx: "[19]...")?"""
    return LINK_NUMBER.sub("", u.raw.strip()) in FOLD_DOTS


def _folded_quotes(units: list[Unit], types: list[str | None]) -> None:
    """HyperKitty's folded quote in a text dump: "..." over the quoted lines, indented
    deeper than it: the quote (and the dots a bullet, no line of text). Google Groups'
    quoted history, indented under "On DATE, Jo <jo@...> wrote:" (`_quote_indented`):
    the intro no message's head."""
    for i, u in enumerate(units[:-1]):
        dots = _fold_dots(u) and units[i + 1].indent > u.indent
        if dots and _indented_quote(units, types, i + 1, u.indent + 1):
            types[i] = "bullet"
        if mail_intro(u.s) and _quote_indented(units, types, i):
            types[i] = "quote_intro"
            if i and _HIDDEN_QUOTE.match(units[i - 1].s):
                types[i - 1] = "button"


def _quote_indented(units: list[Unit], types: list[str | None], i: int) -> bool:
    """Does the mail intro at `i` stand over its quote indented, folded away on the page
    ("- show quoted text -" over the intro) or with the reply's words after it at the
    intro's indentation? Then the indented lines are typed as the quote."""
    k = _indented_end(units, i + 1, units[i].indent + 1)
    if k == i + 1:
        return False
    shown = i > 0 and _HIDDEN_QUOTE.match(units[i - 1].s)
    resumed = k < len(units) and units[k].indent == units[i].indent and types[k] is None
    return bool(shown or resumed) and _indented_quote(units, types, i + 1, units[i].indent + 1)


def _indented_end(units: list[Unit], k: int, indent: int) -> int:
    """Where the lines from `k` on that stand indented `indent` or deeper end."""
    while k < len(units) and units[k].indent >= indent:
        k += 1
    return k


def _indented_quote(units: list[Unit], types: list[str | None], k: int, indent: int) -> bool:
    """Type the lines from `k` on, as far as they stand indented `indent` or deeper, as a
    quote (a blockquote in a text dump); whether there were any."""
    j = k
    while j < len(units) and units[j].indent >= indent and not types[j]:
        types[j] = "quote"
        j += 1
    return j > k


#: The end of a wrapped mail intro: "<jo at x.org> wrote:" (its "<" `clean_line` drops as
#: a bullet).
_WROTE_TAIL = re.compile(r"^(?:<?[^<>]{3,80}>\s+)?wrote\s*:$", re.IGNORECASE)


#: pipermail's menu over and under a message: "Messages sorted by: [ date ] ... [ author ]".
_SORTED_BY = re.compile(
    r"messages\s+(?:sorted\s+by|tri\u00e9s\s+par)|\[\s*(?:author|auteur)\s*\]$|^(?:author|auteur)\s*\]$",
    re.IGNORECASE,
)

#: A Substack post's archive tabs under its comments (a browser's copy, one per line).
_ARCHIVE_TABS = ("top", "latest", "discussion")
#: A printed page's counter: "2/3".
_PAGE_COUNT = re.compile(r"^\d{1,3}/\d{1,3}$")
#: An ordered list's item in a text browser's dump: "    6. 07-26-2023, 09:02 PM #5".
_LIST_NUMBER = re.compile(r"^(\s*)(\d{1,4})\.(\s.*)?$")


def _archive_furniture(units: list[Unit], types: list[str | None]) -> None:
    """A rule under a message's menu ("Messages sorted by: [ date ] ... / ______",
    pipermail in a text browser) marks no signature: the message's text follows. And a
    text browser's "References" over its list of the page's links is furniture (lynx
    dumps of several pages one after the other have one after each), and so is the end
    of a scrubbed attachment's address that it wrapped. A Substack post's archive tabs
    ("Top / Latest / Discussion") under its comments open the list of the site's other
    posts, as "Related posts" would."""
    numbered = {
        (m.group(1), int(m.group(2)))
        for u in units
        if (m := _LIST_NUMBER.match(u.raw)) and (m.group(3) or "").strip()
    }
    printed = units[0].s if units and types[0] == "time" else None
    for i in range(1, len(units)):
        if tuple(u.s.casefold() for u in units[i - 1 : i + 2]) == _ARCHIVE_TABS:
            types[i - 1] = "related"
        # a printed page's header and footer, again at each page break: the print's date
        # (the page's first line), its counter ("2/3") under the page's address
        if types[i] == "time" and units[i].s == printed:
            types[i] = types[0] = "button"
        if _PAGE_COUNT.match(units[i].s) and re.match(r"https?://\S+$", units[i - 1].s):
            types[i - 1] = types[i] = "button"
        bare = _LIST_NUMBER.match(units[i].raw) if types[i] == "postnum" else None
        if bare and not (bare.group(3) or "").strip():
            # a text browser's number of an ordered list's item whose words stand
            # below it (vBulletin 4's thanks box between two posts, "5." between "4.
            # DATE #4" and "6. DATE #5"), not a post's number
            n, pad = int(bare.group(2)), bare.group(1)
            if (pad, n - 1) in numbered and (pad, n + 1) in numbered:
                types[i] = "bullet"
        # (not a rule under an edit note or a post's files: "Last edited by Jo")
        menu = any(_SORTED_BY.search(u.s) for u in units[max(i - 2, 0) : i])
        if types[i] == "signature" and menu and units[i].s.startswith("___"):
            types[i] = "bullet"
        if units[i - 1].s == "References" and _LINK_LIST.match(units[i].raw):
            types[i - 1] = "button"
        if _SUBREDDIT.fullmatch(units[i - 1].s) and _JOIN.fullmatch(units[i].s):
            types[i - 1] = "related"  # (new Reddit's sidebar: "r/X / Join / about X")
        if re.match(r"^URL:\s*<[^>\s]+$", units[i - 1].s) and re.match(r"^\S+>$", units[i].s):
            types[i] = "button"  # (a scrubbed attachment's address, wrapped)


def _mail_intros(units: list[Unit], types: list[str | None]) -> None:
    """A mail reply's "On DATE, Jo <jo@...> wrote:" over lines not marked as quoted (no
    "> "; a top-posted chain, as a list archive keeps it) heads Jo's own message: the
    line is that message's head, with its name and date."""
    for i, u in enumerate(units[:-1]):
        head = mail_intro(u.s) if types[i] == "quote_intro" else None
        k = i + 1  # (past HyperKitty's "..." for the quote's lines it hides)
        while k < len(units) - 1 and _fold_dots(units[k]):
            k += 1
        folded = k > i + 1 and units[k].indent <= u.indent  # (the whole quote folded away)
        if head is not None and types[k] != "quote" and not folded:
            types[i], u.head = "shape", (head[0], head[1], None)


def _dates_over_senders(units: list[Unit], types: list[str | None]) -> None:
    """A list message's headers with its date first ("Date: DATE / Reply-To: List /
    Sender: List / From: Jo / Subject: X", LISTSERV's): the sender's line carries the
    date (its `head`), and the date line is furniture of the head (read alone, the date
    would close the message above)."""
    for i, u in enumerate(units):
        when = date_label(u.s) if types[i] == "time" else None
        k = i + 1
        while when and k < min(i + 4, len(units)) and types[k] == "button":
            k += 1
        name = mail_author(units[k].s) if when and k < len(units) and k > i + 1 else None
        if name and types[k] == "mail":
            types[i], units[k].head = "button", (name, when, None)


def _twice_dated(units: list[Unit], types: list[str | None]) -> None:
    """A post's date printed twice in its head, over and under the poster's box
    (Invision in a text browser: "Posted DATE / jo / Members / 214 posts / Report post /
    #2 / Posted DATE"): the first is furniture, the second dates the post."""
    for i, t in enumerate(types):
        if t != "time":
            continue
        for k in range(i + 1, min(len(units), i + 14)):
            if types[k] is None and len(words(units[k].s)) >= 3:
                break  # words: a post of its own (names and a member group are shorter)
            if types[k] == "time" and units[k].s.startswith(units[i].s):
                if "postnum" in types[i + 1 : k]:
                    types[i] = "button"
                break


def _head_furniture(units: list[Unit], types: list[str | None]) -> None:
    """Furniture of a comment's head that reads like text alone: LiveJournal's "jo: Re:
    subject" over its "[info]jo" user link, Google Groups' "to List Name" under the
    message's menu; a mail's "On DATE, Jo wrote:" over "- show quoted text -"; and
    Discourse's "jo:" under a post's date, over the words of Jo's it quotes (a quote's
    intro); the items of a list archive's "Follow-Ups:" and "References:" under a
    message; the last words of a button's line that a text dump wrapped ("... edited 1
    time in / total.")."""
    under: int | None = None  # the indentation of a list archive's "Follow-Ups:" label
    for i in range(1, len(units)):
        if under is not None and units[i].indent > under:
            types[i] = "button"  # its items: "Re: Subject", "From: Jo"
            continue
        under = units[i].indent if _THREAD_LINKS.match(units[i].s) else None
        m = _LJ_USER.search(units[i].s)
        if m and units[i - 1].s.startswith(m.group()[6:] + ":"):
            types[i - 1] = "button"
        if types[i - 1] in ("button", "notice") and RECIPIENTS.match(units[i].s):
            types[i] = "button"
            _menu_in_head(types, i)
        # a button's long line wrapped: "Last edited by Jo on DATE, edited 1 time in /
        # total." (a name under "Reactions: ..." is no such end: no full stop; a sentence
        # starts with a capital: "Agreed.")
        end = len(words(units[i].s)) <= 2 and units[i].s.endswith((".", ")"))
        end = end and units[i].s[:1].islower()
        if types[i - 1] == "button" and types[i] is None and end and len(units[i - 1].s) >= 60:
            wrapped = f"{units[i - 1].s} {units[i].s}"
            # (or a form's check box: "[*] Save my name ... for the next time I / comment.")
            boxed = _FORM_FIELD.match(units[i - 1].raw) is not None
            types[i] = "button" if boxed or line_type(wrapped) == "button" else types[i]
        cite = _HANDLE_COLON.match(units[i].s)
        # Discourse: "jo:" under a post's date, over the words of Jo's quoted
        near = types[i] is None and "time" in types[max(0, i - 2) : i]
        if cite and near and any(v.s == cite[1] for v in units):
            types[i] = "quote_intro"
        intro = types[i - 1] == "quote_intro" or QUOTE_INTRO.match(units[i - 1].s)
        # (HyperKitty's "..." for the whole quote: no line under it indented deeper)
        dots = _fold_dots(units[i])
        dots = dots and (i + 1 == len(units) or units[i + 1].indent <= units[i].indent)
        if intro and (_HIDDEN_QUOTE.match(units[i].s) or dots):
            types[i - 1] = types[i] = "button"  # a quote the page folds away: no words shown


def _menu_in_head(types: list[str | None], i: int) -> None:
    """The message menu between a message's date and its recipients line at `i`
    (Google Groups: "DATE / Reply to author / Sign in to reply to author / Forward / ... /
    to List"): buttons of the head, its Reply no comment's last line and its notices no
    comment's end."""
    k = i - 1
    while k > 0 and types[k] in ("button", "notice", "reply"):
        k -= 1
    if types[k] == "time":
        for j in range(k + 1, i):
            types[j] = "button"


def _depth(u: Unit) -> int:
    """How deep a "> " line is quoted (">> text": 2)."""
    return len(re.match(r"[\s>]*", u.raw).group().replace(" ", "").replace("\t", ""))


def _typed_in_chain(
    units: list[Unit], types: list[str | None], i: int, disclaimer: set[int]
) -> None:
    """Line `i` of a quoted chain's message typed by its words without the chain's marks;
    a mail's disclaimer is furniture, every line of its paragraph (`disclaimer`: those
    lines so far)."""
    u = units[i]
    u.s = _unquoted(u)
    types[i] = line_type(u.s)
    dated = types[i] in ("time", "byline") and u.s.endswith(".")
    if dated and i and types[i - 1] is None and _mid_sentence(units[i - 1].s):
        types[i] = None  # ("... avant les / législatives de juillet 2018.": a sentence's end)
    if DISCLAIMER.match(u.s) or (types[i] is None and i - 1 in disclaimer):
        disclaimer.add(i)
        types[i] = "button"


def _unquoted(u: Unit) -> str:
    """A "> " line's words without its quote marks, spaced ones too (">>>> > text")."""
    return re.sub(r"^[\s>]+", "", u.s)


def _answered_below(units: list[Unit], types: list[str | None], i: int) -> bool:
    """Does a line of text at the depth of intro line `i` (inside the quotes) follow the
    lines it quotes (one level deeper or more): the message answers the quote below it
    ("> Am DATE schrieb Jo:" / ">> Jo's words" / "> the reply")?"""
    depth = _depth(units[i])
    for k in range(i + 1, len(units)):
        d, words_ = _depth(units[k]), _unquoted(units[k])
        if d <= depth and words_:
            plain = types[k] in (None, "quote") and line_type(words_) is None
            return d == depth and plain and mail_intro(words_, bare=True) is None
    return False


def _quoted_chain(units: list[Unit], types: list[str | None]) -> None:
    """A list archive's message that quotes a whole chain, each message inside the one
    before ("> On DATE, Jo <...> wrote:" over ">> " lines, "> From: Jo / > Sent: DATE"):
    where two or more dated heads stand inside the quotes, each is a message of its own,
    its lines (one level deeper than an "On ... wrote:" line, as deep as a "From:" header)
    its text; what an undated "Jo wrote:" quotes stays a quote."""
    heads: dict[int, tuple[tuple[str, str], int]] = {}  # line -> (name, date), its text's depth
    dated: set[int] = set()  # the "Sent: DATE" lines under "From:" heads (in the head now)
    disclaimer: set[int] = set()
    for i, u in enumerate(units):
        _join_wrapped_sender(units, types, i)
        quoted_next = i + 1 < len(units) and types[i + 1] == "quote"
        # (an intro inside the quotes, or the message's own over the chain)
        intro = types[i] == "quote" or (types[i] == "quote_intro" and quoted_next)
        head = mail_intro(_unquoted(u), bare=True) if intro else None
        if head is None and intro and quoted_next and u.s.endswith("<"):
            # (its address folded onto the next line: the two lines are one head)
            folded = units[i + 1]
            head = mail_intro(f"{_unquoted(u)}{_unquoted(folded)}", bare=True)
            if head is not None:
                u.end, u.s, u.raw = (
                    folded.end,
                    f"{u.s}{_unquoted(folded)}",
                    f"{u.raw}\n{folded.raw}",
                )
                del units[i + 1], types[i + 1]
        if head is not None:
            # its text one level deeper, or (iOS Mail: the intro inside the quote) as deep
            below = (k for k in range(i + 1, min(i + 5, len(units))) if types[k] == "quote")
            first = next((k for k in below if _unquoted(units[k])), None)
            deeper = first is None or _depth(units[first]) > _depth(u)
            if deeper and _depth(u) and _answered_below(units, types, i):
                continue  # a quote the message answers below it, no message of the chain
            heads[i] = (head, _depth(u) + deeper)
        elif types[i] == "quote" and quoted_next and line_type(_unquoted(u)) == "mail":
            sent = _unquoted(units[i + 1]).partition(":")
            if sent[1] and is_timestamp(sent[2].strip()) and (who := mail_author(_unquoted(u))):
                heads[i] = ((who, sent[2].strip()), _depth(u))
                dated.add(i + 1)
    if sum(_depth(units[i]) > 0 for i in heads) < 2:
        return
    level = None
    for i, u in enumerate(units):
        if i in heads:
            (name, when), level = heads[i]
            types[i], u.head = "shape", (name, when, None)
        elif level is not None and types[i] == "quote":
            d = _depth(u)
            if not _unquoted(u) or i in dated:
                types[i] = "bullet"  # (">" alone: a blank line inside the quote)
            elif d < level:
                level = None
            elif d == level:  # (its words now, without the chain's marks)
                _typed_in_chain(units, types, i, disclaimer)


#: A mail header's sender label: "From:", "De :", "Von:".
_SENDER_LABELS = ("from", "de ", "de:", "von")


def _join_wrapped_sender(units: list[Unit], types: list[str | None], i: int) -> None:
    """A quoted "From:" header whose end the archive wrapped onto a line of its own,
    without the quote's marks ("> De : List [mailto:...] De la p" / "art de Jo Lim" / ">
    Envoyé : DATE"): the two lines are one header (cut inside a word, or between two)."""
    if i + 2 >= len(units) or types[i] != "quote" or types[i + 1] is not None:
        return
    u, tail = units[i], units[i + 1]
    head = _unquoted(u)
    if types[i + 2] != "quote" or not head.casefold().startswith(_SENDER_LABELS):
        return
    if _depth(units[i + 2]) != _depth(u) or tail.indent or len(words(tail.s)) > 8:
        return
    joined = next((h for h in (head + tail.s, f"{head} {tail.s}") if line_type(h) == "mail"), None)
    if joined is None or mail_author(joined) is None or line_type(head) == "mail":
        return
    u.end, u.s, u.raw = tail.end, f"{u.s}{tail.s}", f"{u.raw}\n{tail.raw}"
    del units[i + 1], types[i + 1]


# ---- the article part -------------------------------------------------------------------


def _ruled_out(units: list[Unit], i: int, end: int) -> bool:
    """Is unit `i` of the article part boilerplate by rule?"""
    s = units[i].s
    dup = (i + 1 < end and units[i + 1].s == s) or (i > 0 and units[i - 1].s == s)
    return bool(
        NAV.match(s)
        or BUTTONS.match(s)
        or CAPTION.search(s)
        or no_letters(s)
        or (dup and len(s) > 3)
        or is_timestamp(s)
        or dateline(s)
        or HEADER.match(s)
        or NOTICE.search(s)
        or _SOURCE_TAG.match(" " + s) is not None
    )


def _title_context(units: list[Unit], ruled: list[bool], boiler: list[bool]) -> TitleContext:
    """What the title model reads of the page (`ruled`, `boiler`: the article part's
    boilerplate by rule and by the line model)."""
    end = len(ruled)
    keep = [not r and not b for r, b in zip(ruled, boiler, strict=True)]
    prose = [keep[i] and running_text(u.s, words(u.s)) for i, u in enumerate(units[:end])]
    # the article's first paragraph: running text with more of it right after (a lone
    # sentence among menus is a notice or a teaser)
    first = next((i for i in range(end) if prose[i] and any(prose[i + 1 : i + 4])), None)
    if first is None:
        first = next((i for i in range(end) if prose[i]), None)
    return TitleContext(
        [u.s for u in units],
        [u.raw for u in units],
        ruled,
        boiler,
        prose,
        first,
        _rule_title(units, ruled, boiler, first),
    )


def _rule_title(
    units: list[Unit], ruled: list[bool], boiler: list[bool], first: int | None
) -> int | None:
    """The rules' title (`texttitle.title_index`: named by the page, over a byline, or
    nearest before the `first` paragraph of running text the line model keeps); for a
    thread, the line its posts repeat as their subject; else, as for a short text, the
    first line no rule calls boilerplate, if title-shaped."""
    end = len(ruled)
    # an adjacent repeat is furniture, but a headline the page prints twice is the title
    again = [i > 0 and units[i - 1].s == units[i].s for i in range(end)]
    allowed = [
        not r or (a and len(words(units[i].s)) >= 3)
        for i, (r, a) in enumerate(zip(ruled, again, strict=True))
    ]
    later = {subject(u.s) for u in units[end:]}
    if first is not None and units[first].s.casefold() in later:
        return first  # no article: its "first paragraph" is the title the posts repeat
    found = title_index(
        [u.s for u in units[:end]],
        [u.raw for u in units[:end]],
        allowed,
        first,
        [u.s for u in units],
    )
    if found is not None:
        return found
    # A thread (no article text): the line its posts repeat as "Re: ..." or "Subject: ..."
    again_ = [i for i in range(end) if not ruled[i] and units[i].s.casefold() in later]
    if again_:
        return again_[0]
    if first is None and end < len(units):  # a thread: the headline right above its posts
        near = [i for i in range(max(0, end - 3), end) if allowed[i] and not boiler[i]]
        heads = [
            i for i in near if headline(units[i].s, units[i].raw) and len(words(units[i].s)) >= 3
        ]
        if heads:
            return heads[-1]
    i = next((i for i, r in enumerate(ruled) if not r), None)
    return i if i is not None and headline(units[i].s, units[i].raw) else None


def _wraps_onto(units: list[Unit], i: int) -> bool:
    """Does line `i` go on, wrapped, on the next: as long as a text browser's lines, as
    indented, no blank line between?"""
    a, b = units[i], units[i + 1]
    return len(a.raw.rstrip()) >= 60 and a.indent == b.indent and b.follows


def _source_tagged(units: list[Unit], i: int) -> bool:
    """Is unit `i` a title cut from the source after it on its line ("(x.com)")?"""
    tag = units[i + 1]
    return tag.start - units[i].end <= 1 and _SOURCE_TAG.fullmatch(" " + tag.raw) is not None


def _label_article(units: list[Unit], end: int, boiler: list[bool]) -> None:
    """Units before the comment section: boilerplate by rule or by the line model
    (`boiler`), then the title, else editorial. Above the title only running text is
    editorial (a teaser or a standfirst); the rest is the page's masthead and menus."""
    ruled = [_ruled_out(units, i, end) for i in range(end)]
    context = _title_context(units, ruled, boiler[:end])
    # a link aggregator's post, "Title (self.cambodia)", else the title model's pick
    # (`texttitle.pick_title`), reading the rules' (`_rule_title`)
    # (its first line over it, where the dump wrapped it: "... Hun Sen's Facebook" /
    # "account (oversightboard.com)", w3m's; a last word alone is no furniture then)
    wraps = [
        i > 0
        and not ruled[i - 1]
        and _wraps_onto(units, i - 1)
        and headline(units[i - 1].s, units[i - 1].raw)
        for i in range(end)
    ]
    title = next(
        (i for i in range(end - 1) if (not ruled[i] or wraps[i]) and _source_tagged(units, i)),
        None,
    )
    wrapped = title is not None and wraps[title]
    title = pick_title(context) if title is None else title
    for i in range(end):
        above = title is not None and i < title and not context.prose[i]
        if i == title or (wrapped and i == title - 1):
            units[i].kind = "title"
        elif ruled[i] or boiler[i] or above:
            units[i].kind = "boilerplate"
        else:
            units[i].kind = "editorial"


#: A thread starter's badge beside the name: "樓主", "楼主" (Chinese forums).
_STARTER = frozenset({"\u6a13\u4e3b", "\u697c\u4e3b"})
#: ... or a first line that names it the thread's first post (Burning Board: "Themenstarter
#: Thema begonnen von Jo")
_STARTER_LINE = re.compile(
    r"^(?:themenstarter|thread\s+starter|topic\s+starter|thema\s+begonnen\s+von)\b", re.I
)
#: ... or the header over a thread's posts names it: "Thread starter Jo Start date DATE"
#: (and in French, Spanish, German: "Auteur de la discussion Jo Date de début DATE").
_STARTER_NAMED = re.compile(
    r"^(?:(?:thread|topic)\s+starter|auteur\s+de\s+la\s+discussion|autor\s+del\s+tema|ersteller)"
    r"\s+(?P<name>\S.{0,40}?)(?:\s+(?:start\s+date|date\s+de\s+d\u00e9but|fecha\s+de\s+inicio"
    r"|erstellt\s+am|startdatum)\b.*)?$"
    # SMF: "Started by jo, May 15, 2023, 07:52:31 PM" (and in German, French, Spanish);
    # XenForo 1: "Discussion in 'Forum' started by jo, Sep 12, 2017."
    r"|^(?:discussion\s+in\s+.{1,60}?\s+)?(?:started\s+by|begonnen\s+von|d\u00e9marr\u00e9\s+par"
    r"|iniciado\s+por)\s+(?P<name2>[^,]{1,40}),\s"
    # Invision: "By jo, March 3, 2018 in Forum" (and "Par jo, 16 novembre 2017 dans Forum")
    r"|^(?:by|par|von|por)\s+(?P<name3>[^,]{1,40}),\s+[^,]{4,40}?\s+(?:in|dans|en)\s+\S",
    re.I,
)


_SKIP_TO_FIRST = re.compile(r"^skip\s+to\s+first\s+unread\s+message$", re.IGNORECASE)
#: A community's join button (English, French, Spanish, German), and a Reddit community.
_JOIN = re.compile(r"join|rejoindre|unirse|beitreten", re.IGNORECASE)
_SUBREDDIT = re.compile(r"r/\w{2,30}")
#: A Usenet archive's label over a thread's subject ("Discussion: / Subject / (too old to
#: reply)", narkive's, in English, French, German, Spanish, Italian).
_DISCUSSION = re.compile(r"^(?:discussion|diskussion|discusi\u00f3n|discussione)\s*:$", re.I)


def _opening_post(
    units: list[Unit], types: list[str | None], start: int, drafts: list[Draft]
) -> bool:
    """A thread's first post is its opening post, not a comment, where its poster's name
    stands over a date under the thread's title with no text between them and the post
    (WoltLab: "Title / Hangover-Hans / 14. November 2023 / Follow / Hangover-Hans / #1").
    Whether it was."""
    # (a menu read as a "comment" before the posts, no name and no date, is no post)
    posts = [d for d in drafts if d.body and (d.author or d.posted_at)]
    if len(posts) < 3 or not posts[0].author:
        return False
    first = posts[0]
    starter = any(
        units[j].s == first.author
        and types[j + 1] == "time"
        and not any(substantial(units[k].s) for k in range(j + 1, start))
        for j in range(max(start - 8, 0), start)
    )
    top = units.index(first.body[0])
    # or its poster wears the thread starter's badge ("樓主", Mobile01) over its text
    # (phpwind: the badge as the floor of its date line, "楼主 发表于: DATE")
    starter = starter or any(
        units[k].s in _STARTER or (units[k].s[:2] in _STARTER and date_label(units[k].s))
        for k in range(max(top - 7, 0), top)
    )
    # (a line that opens its text: above the posts, XenForo's "Thread starter Jo" is the
    # thread's header)
    starter = starter or bool(_STARTER_LINE.match(units[top].s))
    # or it is "by" the community it was posted to: new Reddit's "r/X / • / DATE / Jo"
    starter = starter or bool(_SUBREDDIT.fullmatch(first.author))
    # or Google Groups' link over the conversation's first message ("Skip to first unread
    # message / Jo's profile photo / Jo / unread, / DATE / to List / text")
    starter = starter or any(
        _SKIP_TO_FIRST.match(u.s) or _DISCUSSION.match(u.s) for u in units[max(top - 8, 0) : top]
    )
    # or the thread's header names its poster ("Thread starter Jo Start date DATE", XenForo)
    starter = starter or any(
        (m := _STARTER_NAMED.match(units[k].s))
        and (m["name"] or m["name2"] or m["name3"]) == first.author
        for k in range(max(start - 40, 0), start)
    )
    # or it stands under the thread's title as its subject, the replies under "Re: title"
    # (phpBB, SMF: "Title / by Jo » DATE / text", then "Re: Title / by Kim » DATE / text")
    title = _titled_first(units, start, posts)
    starter = starter or title is not None
    starter = starter or _numbered_first(units, start, top)
    for d in drafts if title is not None else ():
        # (and a later one, nameless: a list archive's next message's heading, "Re: X")
        late = d.ordinal >= first.ordinal and (d.author is not None or d is first)
        if d.body and not late and all(subject(u.s) == title for u in d.body):
            for u in d.body:  # (the thread's title over the posts, read as a "comment")
                u.kind, u.comment = "boilerplate", None
            d.body = []
    if starter:
        for u in units:
            if u.comment == first.ordinal:
                u.kind, u.comment = ("editorial" if u in first.body else "boilerplate"), None
        first.body = []
    return starter


def _numbered_first(units: list[Unit], start: int, top: int) -> bool:
    """Does the head of the first post (its text at `top`) number it "#1" over the
    thread's title as its subject, a line the page shows above the head too? (vBulletin 5:
    "Jo / Senior Member / Join Date: ... / #1 / Title / DATE / text"; vBulletin 3: "Old
    DATE #1 / Jo / ... / Default Title", after its post icon's word; MyBB in a text dump:
    "Title / jo Offline / Senior Member / ... / #1 / DATE / text", the title right over
    the section's first line)"""
    lo = max(top - 10, start)  # (a profile box of six fields between)
    if not any(re.search(r"(?:^|\s)#1$", u.s) for u in units[lo:top]):
        return False  # (most pages: the lines above need no reading)

    def titled(lo: int) -> bool:
        above = {subject(c) for u in units[:lo] for c in u.s.split("\t") if len(words(c)) >= 3}
        head = units[lo:top]
        return any(subject(u.s) in above or subject(u.s.partition(" ")[2]) in above for u in head)

    return titled(lo) or (lo == start > 0 and titled(start - 1))


#: A reply's subject: "Re: X", "[Khmer-civic] Re: X".
_REPLY_SUBJECT = re.compile(rf"^(?:(?:{SUBJECT_WORDS})\s*:\s*)?{LIST_TAG}?re:\s", re.IGNORECASE)


def _titled_first(units: list[Unit], start: int, posts: list[Draft]) -> str | None:
    """The thread's title (as `subject` keys it) where the first post's subject, a line
    among the few over its text, is the title that two or more later posts answer with
    "Re: title"; else None."""
    top = units.index(posts[0].body[0])
    replies = [subject(u.s) for u in units[top:] if _REPLY_SUBJECT.match(u.s)]
    if len(replies) < 2:
        return None
    title = max(dict.fromkeys(replies), key=replies.count)  # (ties: the first, not set order)
    titled = replies.count(title) >= 2 and any(
        subject(u.s) == title and not _REPLY_SUBJECT.match(u.s)
        for u in units[max(min(top - 8, start - 2), 0) : top]  # (or right over its head)
    )
    return title if titled else None


# ---- entry points -------------------------------------------------------------------------


def split_text(
    text: str, doc_id: str = "doc", source: str | None = None, *, roles: bool = True
) -> Document:
    """Split a plain-text page dump. Never raises; `rebuild()` returns `text` exactly.
    `roles`: where the rules' reading is doubtful, also read the page with the line-role
    model, and take that reading where the reading chooser (`reading.py`) prefers it; the
    HTML engine, which reads the comment markup first, turns it off. A Disqus export
    (XML) is read as one (`disqusxml.py`), an mbox file as mail (`mbox.py`)."""
    if is_disqus_export(text):
        return split_disqus_export(text, doc_id, source)
    if is_mbox(text):
        return split_mbox(text, doc_id, source)
    rules, other = readings(text, doc_id, source, roles=roles)
    if other is not None and load_reading_model().prefers_roles(rules.comments, other.comments):
        return other
    return rules


def readings(
    text: str, doc_id: str = "doc", source: str | None = None, *, roles: bool = True
) -> tuple[Document, Document | None]:
    """A page's readings: (the rules', the line roles'), the second None where the
    rules' reading is not doubtful (`_doubtful`), `roles` is off, the roles find no
    comment, or the page is one of stacked paragraph blocks (`stacked.py`)."""
    units = _units(text)
    lines = [u.s for u in units]
    types = period_choices(lines, profile_fields(lines, [_unit_type(u) for u in units]))
    _dash_rules(units, types)
    _wrapped_items(units, types)
    _wrapped_intros(units, types)
    _glued_cites(units, types)
    _folded_quotes(units, types)
    _wrapped_dates(text, units, types)
    _wrapped_notices(text, units, types)
    _notice_comments(units, types)
    _archive_furniture(units, types)
    _mail_intros(units, types)
    _dates_over_senders(units, types)
    _twice_dated(units, types)
    _head_furniture(units, types)
    _quoted_chain(units, types)
    stack = find_stack(units, types, text)
    if stack is not None:  # paragraph blocks with a stacked head: `stacked.py` reads them
        _label_article(
            units,
            stack.start,
            load_line_model().boilerplate(unit_lines(text), stack.start),
        )
        return _assemble(text, units, read_stack(stack, units, types), doc_id, source), None
    start = section_start(units, types)
    drafts: list[Draft] = []
    if start is not None and types[start] == "reply":
        start = headerless_before(units, types, start)
    elif start is not None and types[start] == "postnum":  # XenForo: name, rank, date, "#1"
        start = head_before(units, types, start)
    elif start and types[start] == "mail" and types[start - 1] == "time":
        start -= 1  # a digest's message: "Date: DATE" over "From: Jo"
    found: dict[int, tuple] = {}
    start, end = comment_run([u.s for u in units], types, start, found)
    boiler = load_line_model().boilerplate([u.raw for u in units], start)
    for i, fields in found.items():
        units[i].head = fields
    if start is None:
        _label_article(units, len(units), boiler)
    else:
        _label_article(units, start, boiler)
        split_section(units[:end], types[:end], start, drafts, signatures=True)
        if _opening_post(units, types, start, drafts):
            _retitle(units, end, boiler)
        for u in units[end:]:
            u.kind = "boilerplate"
    doubtful = _doubtful(drafts)
    drop_menus(drafts)
    rules = _assemble(text, units, drafts, doc_id, source)
    return rules, _role_reading(text, doc_id, source) if roles and doubtful else None


def _retitle(units: list[Unit], end: int, boiler: list[bool]) -> None:
    """The thread's opening post is its article: its title is looked for again as far as
    the first reply, and taken where the replies repeat it as their subject (a list
    message's "Subject: X" under its "From:", the replies' "Subject: Re: X"); the other
    lines keep their kinds."""
    first = next((i for i, u in enumerate(units) if u.comment is not None), end)
    kinds = [u.kind for u in units[:first]]
    _label_article(units, first, boiler)
    title = next((u for u in units[:first] if u.kind == "title"), None)
    for u, kind in zip(units, kinds, strict=False):
        u.kind = kind  # (the rest as labelled: the opening post's paragraphs editorial)
    # (as a reply's subject, not the same line again: a breadcrumb at the page's foot)
    later = {subject(u.s) for u in units[first:] if title is None or u.s != title.s}
    if title is not None and subject(title.s) in later:
        for u in units[:first]:
            u.kind = "boilerplate" if u.kind == "title" else u.kind
        title.kind = "title"


#: A sentence's end: a name never ends so ("Jo K." may end with a full stop).
_SENTENCE_END = re.compile(r"[!?\u3002\uff01\uff1f]$")


def _doubtful(drafts: list[Draft]) -> bool:
    """Did the rules read no comment, claim one without a date, or name no author of
    several? (A reader's comment shows its date: 615 of the 625 annotated ones do; some
    have no author, but seldom all. A talk page's unsigned comment has none by nature,
    nor has a shop's answer to a review.) Only then is the line roles' reading tried."""
    menus = {id(d) for d in menu_drafts(drafts)}  # (dropped later, whichever reading wins)
    claimed = [d for d in drafts if d.body and id(d) not in menus]
    nameless = len(claimed) >= 2 and not any(d.author for d in claimed)
    # (a "name" that is a sentence: the heads were read out of step with the texts; a
    # 2channel name, shorter, may end with "。": "名無しさん@お腹いっぱい。")
    worded = any(
        d.author and len(d.author) >= 20 and _SENTENCE_END.search(d.author) for d in claimed
    )
    undated = any(d.posted_at is None and not d.undated for d in claimed)
    return nameless or worded or not claimed or undated


def _role_reading(text: str, doc_id: str, source: str | None) -> Document | None:
    """The page read by the line-role model (`roles.py`), or None where it finds no
    comment or a dated story list (`_story_list`)."""
    units = _units(text)
    found = read_roles(units, load_role_model().roles(units, text))
    at = [i for i, u in enumerate(units) if u.comment is not None]
    if not at or _story_list([d for d in found if d.body]):
        return None
    _opening_post(units, [_unit_type(u) for u in units], at[0], found)  # (as the rules do)
    at = [i for i, u in enumerate(units) if u.comment is not None]
    if not at:
        return None
    _label_article(units, at[0], load_line_model().boilerplate([u.raw for u in units], at[0]))
    for u in units[at[-1] + 1 :]:
        u.kind = "boilerplate"
    drop_menus(found)
    return _assemble(text, units, found, doc_id, source)


def _story_list(drafts: list[Draft]) -> bool:
    """Do at least half of a reading's comments hold no line of prose (a dated list of
    stories: each "comment" a headline)?"""
    bare = sum(1 for d in drafts if not any(prose_line(u.s) for u in d.body))
    return 2 * bare >= len(drafts)


def split_blocks(
    blocks: list[tuple[list[str], bool]],
    doc_id: str = "doc",
    source: str | None = None,
    parents: list[int | None] | None = None,
    readings: list[Any] | None = None,
) -> Document:
    """Split a comment section given as blocks of lines, `(lines, furniture)` pairs.

    The text is the lines joined by blank lines. Each block is read as a comment section
    of its own, so a comment never runs from one block into the next; furniture blocks
    (the text around single-comment elements of a page) are boilerplate. `parents[k]`,
    when given, is the block that block `k` answers (markup nesting): the first comment
    of block `k` answers the first comment of that block, unless its text says otherwise.
    `readings[k]`, when given (a `repeated.Item`: each line's role, the name and date the
    markup gives), makes block `k` one comment read that way instead of by the rules.
    """
    text = "\n\n".join("\n\n".join(lines) for lines, _ in blocks)
    units = _units(text)
    types = [_unit_type(u) for u in units]
    _wrapped_intros(units, types)
    _quoted_chain(units, types)  # (a list archive's message quoting its thread: the page's)
    drafts: list[Draft] = []
    first: dict[int, Draft] = {}  # block -> its first comment with text
    k, end = 0, -2
    for b, (lines, furniture) in enumerate(blocks):
        end += 2 + len("\n\n".join(lines))  # where the block ends in the text
        j = k
        while j < len(units) and units[j].start < end:
            j += 1
        if furniture:
            for u in units[k:j]:
                u.kind = "boilerplate"
        elif j > k and readings and readings[b] is not None:
            _read_item(units[k:j], end - len("\n\n".join(lines)), lines, readings[b], drafts)
            first[b] = drafts[-1]
            up = first.get(parents[b]) if parents and parents[b] is not None else None
            if up is not None:
                drafts[-1].parent = up.ordinal
            quoted_first_line(drafts[-1:], drafts)
        elif j > k:
            n = len(drafts)
            split_section(units[k:j], types[k:j], 0, drafts)
            if drafts:
                drafts[-1].closed = True
            mine = next((d for d in drafts[n:] if d.body), None)
            if mine is not None:
                first[b] = mine
                up = first.get(parents[b]) if parents and parents[b] is not None else None
                if up is not None and mine.parent is None:
                    mine.parent = up.ordinal
        k = j
    _opening_post(units, types, 0, drafts)  # (a forum's first post, as `split_text` finds it)
    drop_menus(drafts)
    return _assemble(text, units, drafts, doc_id, source)


def _read_item(
    units: list[Unit], at: int, lines: list[str], item: Any, drafts: list[Draft]
) -> None:
    """A block that is one comment of a repeated list (`at`: where it starts in the
    text): each unit takes the role of its line."""
    d = Draft(len(drafts) + 1, item.author, item.posted_at, closed=True)
    drafts.append(d)
    starts = []
    for line in lines:
        starts.append(at)
        at += len(line) + 2
    for k, u in enumerate(units):
        role = item.roles[max(n for n, s in enumerate(starts) if s <= u.start)]
        if role == "quote" and meta_type(u.s) in ("said", "quote_intro"):
            role = "meta"  # "jo wrote:" glued to the quote it opens
        if u.head is not None or (role == "text" and (reply_author(u.s) or is_timestamp(u.s))):
            role = "meta"  # a name `_units` cut from its text, "回复@Jo:" after it, a date
        if role == "furniture":
            u.kind = "boilerplate"
            continue
        u.kind, u.comment = ("comment" if role == "text" else "comment_meta"), d.ordinal
        if role == "text":
            d.gaps = d.gaps or bool(d.body and d.body[-1] is not units[k - 1])
            d.body.append(u)
        elif role == "quote":
            d.quoted.append(u.raw.strip())
        elif d.parent is None and (to := reply_author(u.s)):  # "Replying to Jo"
            d.parent = latest_by(drafts, to, skip=d)


def _unbroken(units: list[Unit], body: list[Unit]) -> bool:
    """Is no other line between a comment's first and last line (a quote above it)?"""
    return sum(body[0].start <= u.start <= body[-1].start for u in units) == len(body)


def _assemble(
    text: str, units: list[Unit], drafts: list[Draft], doc_id: str, source: str | None
) -> Document:
    """The segments (each unit with the blank text after it) and the comments with text,
    numbered from 1; meta lines of a comment without text become boilerplate."""
    segments: list[Segment] = []
    for k, u in enumerate(units):
        lo = 0 if k == 0 else u.start
        hi = units[k + 1].start if k + 1 < len(units) else len(text)
        segments.append(Segment(u.kind, lo, hi, text[lo:hi], u.comment))
    if not units and text:
        segments.append(Segment("boilerplate", 0, len(text), text))
    parents_from_quotes(text, drafts)
    parents_by_id(units, drafts)
    parents_by_arrow(drafts)
    comments: list[Comment] = []
    renumber: dict[int, int] = {}
    for d in drafts:
        if not d.body:
            continue
        renumber[d.ordinal] = len(comments) + 1
        body = text[d.body[0].start : d.body[-1].end].strip()
        if d.quoted and not _unbroken(units, d.body):  # quotes between its paragraphs
            body = "\n".join(text[u.start : u.end] for u in d.body)
        elif d.gaps:  # nor are buttons between them
            body = "\n\n".join(text[u.start : u.end] for u in d.body)
        level = min(_depth(u) for u in d.body)
        if level:  # a message of a quoted chain: its text without the chain's "> " marks
            body = re.sub(rf"(?m)^(?:[ \t]*>){{{level}}}[ \t]?", "", body)
        comments.append(
            Comment(
                f"{doc_id}-{len(comments) + 1}",
                len(comments) + 1,
                display_name(d.author) if d.author else d.author,
                bare_date(d.posted_at) if d.posted_at else d.posted_at,
                d.location,
                body,
                "\n".join(d.quoted) or None,
                renumber.get(d.parent) if d.parent is not None else None,
            )
        )
    for s in segments:
        if s.comment is not None:
            s.comment = renumber.get(s.comment)
            if s.comment is None and s.kind == "comment_meta":
                s.kind = "boilerplate"  # meta of a comment with no text
    # (a title the dump wrapped is two lines: `_label_article`)
    title = " ".join(title_text(s.text) for s in segments if s.kind == "title") or None
    return Document(doc_id, source, title, segments, comments)
