"""Separate a news page into title, editorial text, boilerplate and reader comments.

Plain-text page dumps (a reader's copy-paste of a page) are split by rules that know the
common shapes of comment sections ("N comments:", "Comments (N)", "X said...",
"Reply"/"ReplyDelete" buttons, "Posted by", timestamps, "from PLACE" lines), helped by a
small learned paragraph-voice model (`stance.paragraphs`) for comments with no header.
HTML pages go through trafilatura for the article; comments come from the page's comment
markup, trafilatura's comment extraction and the text rules on the rendered page.

The split is lossless: the segments of a `Document` tile its text, every character in
exactly one segment, so `Document.rebuild()` returns the input. For plain text the input
is the file itself. For HTML the "text" is the one we extract (title, article
paragraphs, then the comment section's text): markup, scripts and navigation trafilatura
drops never become text, so losslessness holds for the extracted text, which
`Document.rebuild()` returns and `Document.text` keeps.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from stance.errors import InputError
from stance.io import (
    HEAD_BYTES,
    check_text,
    decode_bytes,
    read_bytes,
    read_head,
    sniff_format,
    table_format,
)

#: The kinds a segment can have.
KINDS = ("title", "editorial", "boilerplate", "comment", "comment_meta")
#: File extensions read as HTML (after stripping `.gz`); everything else is a text dump.
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
#: Extensions a folder walk picks up.
READABLE_SUFFIXES = (".txt", ".text", ".md", *HTML_SUFFIXES)
#: Probability of a reader's voice above which a paragraph before a headerless comment's
#: "Reply" button is taken into that comment too (the paragraph right before the button
#: always is: the button is the evidence).
READER_VOICE_THRESHOLD = 0.6


@dataclass(frozen=True)
class Comment:
    """One reader comment: a stable id (document id + ordinal) and what the page shows."""

    id: str
    ordinal: int
    author: str | None
    posted_at: str | None
    location: str | None
    text: str


@dataclass
class Segment:
    """A span of the document's text: `text == document.text[start:end]`.

    `comment` is the ordinal of the comment a "comment"/"comment_meta" segment (or a
    "boilerplate" button inside a comment) belongs to, else None.
    """

    kind: str
    start: int
    end: int
    text: str
    comment: int | None = None


@dataclass
class Document:
    """A split page. Its segments tile its text, so `rebuild()` gives the input back."""

    id: str
    source: str | None
    title: str | None
    segments: list[Segment]
    comments: list[Comment]
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The whole text the segments cover (the input, or the text extracted from HTML)."""
        return self.rebuild()

    def _parts(self, kind: str) -> list[str]:
        return [s.text.strip() for s in self.segments if s.kind == kind and s.text.strip()]

    @property
    def editorial(self) -> list[str]:
        """Editorial paragraphs, stripped, in page order."""
        return self._parts("editorial")

    @property
    def boilerplate(self) -> list[str]:
        """Boilerplate pieces (navigation, captions, buttons, headers), stripped."""
        return self._parts("boilerplate")

    def rebuild(self) -> str:
        """Concatenate the segments: equals the split text exactly."""
        return "".join(s.text for s in self.segments)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (the `--format jsonl` line)."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "editorial": self.editorial,
            "boilerplate": self.boilerplate,
            "comments": [asdict(c) for c in self.comments],
            "segments": [asdict(s) for s in self.segments],
        }


# ---- line patterns (site-agnostic) --------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril"
    r"|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo"
    r"|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)(?![^\W\d_])\.?"
)
_WEEKDAY = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves"
    r"|viernes|sábado|domingo)(?![^\W\d_])"
)
_TIME = r"\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?!\d)\s*(?:[ap]\.?m\.?)?"
# One token of a date/time line; a timestamp line is nothing but these.
_DATE_TOKEN = re.compile(
    r"(?:\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?"
    r"|yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy)|"
    rf"(?:{_TIME}|{_MONTH}|{_WEEKDAY}|\d{{1,4}}(?:st|nd|rd|th|\.)?|[ap]\.?m\.?|at|on|um|am"
    r"|uhr|utc|gmt|à|le|de|del|a las|el|the|of|[a-z]{1,2}t|edt|est|pdt|pst|cet|cest|ict"
    r"|posted|updated|published"
    r"|[,/|\-\u2013—.:@()\[\]]+)",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"^(?:about\s+|vor\s+)?(?:an?|one|\d+)\s+(?:second|minute|hour|day|week|"
    r"month|year|sekunde|minute|stunde|tag|woche|monat|jahr)[ne]*s?\s*(?:ago|her)?$",
    re.IGNORECASE,
)

_BULLET = re.compile(r"^(?:[^\w\s\"“\u2018'(\[¿¡@#$€£]+\s*|\d{1,4}[.)]\s+)")
_HEADER = re.compile(
    r"^(?:(?:\d[\d,.]*\s+)(?:comments?|responses?|repl(?:y|ies)|reactions?|thoughts?|kommentare?|"
    r"antworten|gedanken?|reader comments?|commentaires?|réactions?|comentarios?|respuestas?)\b.*"
    r"|(?:reader\s+|user\s+|show\s+|view\s+|read\s+|see\s+|all\s+|the\s+)?"
    r"(?:comments?|responses?|discussion|kommentare?|leserkommentare?|commentaires?"
    r"|comentarios?|réactions?)"
    r"\s*(?:\(\s*\d[\d,.]*\s*\)|\[\s*\d+\s*\]|:|\d[\d,.]*)?\s*:?"
    r"|(?:leave|post|add|write|submit|have|share)\s+(?:(?:a|your|an?)\s+)?"
    r"(?:comment|reply|response|thoughts?|opinion)\b.*"
    r"|join\s+the\s+(?:discussion|conversation|debate)\b.*"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|no)\s+(?:comments?|responses?|"
    r"thoughts?)\b.*"
    r"|(?:sort|order)(?:ed)?\s+by\b.*|(?:newest|oldest)(?:\s+first)?|top comments"
    r"|kommentar\s+(?:schreiben|verfassen|hinterlassen)\b.*"
    r"|(?:un|une|uno|ein|einen?)\s+(?:commentaire|comentario|kommentar|gedanke)\b.*"
    r"|(?:dein|deinen|your|ihr|ihren|votre|tu|su)\s+(?:kommentar|comment|commentaire"
    r"|comentario)\b.*"
    r"|(?:laisser|poster|ajouter|écrire|deja|dejar|escribe|publicar)\s+(?:un|tu|votre|su)"
    r"\s+(?:commentaire|comentario|respuesta)\b.*)$",
    re.IGNORECASE,
)
# A numbered header ("Comments (3)", "3 comments:"): strong enough on its own.
_NUMBERED_HEADER = re.compile(
    r"^(?:\d[\d,.]*\s+(?:comments?|responses?|replies|kommentare?)\b.*|(?:reader\s+)?"
    r"(?:comments?|kommentare?)\s*(?:\(\s*[1-9][\d,.]*\s*\)|\[\s*[1-9]\d*\s*\]|[1-9]\d*))$",
    re.IGNORECASE,
)
_BUTTON_WORD = (
    r"(?:reply|replies|delete|report|flag|like|likes|dislike|share|permalink|edit"
    r"|répondre|responder|signaler|zum\s+antworten\s+anmelden|translate"
    r"|quote|antworten|melden|zitieren|upvote|downvote|vote|↓|↑|\d+|"
    r"log\s+in\s+to\s+reply|reply\s+to\s+this(?:\s+comment)?|hide|show\s+replies"
    r"|view\s+replies|load\s+more(?:\s+(?:replies|comments))?|\(\d+\)|[|·•\u203a»])"
)
_BUTTONS = re.compile(rf"^(?:{_BUTTON_WORD}\s*)+(?:\.{{2,3}}|…)?$", re.IGNORECASE)
_REPLY_WORD = re.compile(r"reply|antworten|replies|répondre|responder", re.IGNORECASE)
# "ReplyDeleteUnfortunately, ..." (buttons glued to the next comment) and
# "...jobs.ReplyDelete" (glued to the end of the previous one).
_GLUED_HEAD = re.compile(r"^(?:Reply|Delete|Replies|Report)+(?=[A-Z\"“\u2018'(0-9])")
_GLUED_TAIL = re.compile(r"(?<=[.!?\"”\u2019)])(?:Reply|Delete|Replies)+$")
_SAID = re.compile(
    r"^(?P<author>[^\s.!?:][^.!?:]{0,60}?)\s+(?:said|says|wrote|writes|commented|comments"
    r"|replied|sagt|sagte|schreibt|schrieb|meint|meinte)\s*(?:\.{2,}|…|:)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "says:" alone on its line, the name on the line before (markup put them in two blocks).
_SAID_BARE = re.compile(
    r"^(?:said|says|wrote|writes|sagt|sagte|schreibt|meint|dit|dice)"
    r"\s*(?:\.{2,}|…|:)$",
    re.IGNORECASE,
)
_POSTED_BY = re.compile(
    r"^(?:posted|written|submitted|comment(?:ed)?|reply|answer|kommentar"
    r"|antwort|gepostet|geschrieben|verfasst)"
    r"\s+(?:by|von):?\s+(?P<author>.+?)(?:\s+(?:on|at|am|um|\||-|\u2013)\s+"
    r"(?P<rest>.+))?$",
    re.IGNORECASE,
)
_FROM = re.compile(r"^(?:from|aus)\s+(?P<place>[^\W\d_][^!?;:,]{0,40}?)$", re.IGNORECASE)
_NAME_FROM = re.compile(
    r"^(?P<author>[^\W\d_][\w.'\- ]{0,40}?)\s+(?:from|aus)\s+"
    r"(?P<place>[A-Z][^.!?;]{0,40}?\.?)$"
)
# Navigation, sharing, page furniture: whole-line, case-insensitive.
_NAV = re.compile(
    r"^(?:accessibility links|skip to (?:main )?(?:content|navigation)|breaking news|menu"
    r"|main menu|navigation|search|home|homepage|subscribe|sign in|sign up|log ?in|log out"
    r"|register|(?:e-?mail|print|share|tweet|pin|save|comment on)(?: this)?(?: story| article"
    r"| page| post)?|share (?:on|via) \w+|advertisement|sponsored|related(?: articles| stories)?"
    r"|read more|more|see more|view full site|full site|mobile site|back to top|top"
    r"|previous(?: post| article)?|next(?: post| article)?|newer post|older post"
    r"|newer posts?|older posts?|follow us|contact(?: us)?|about(?: us)?|privacy(?: policy)?"
    r"|terms(?: of (?:use|service))?|cookies?(?: policy)?|listen|watch|more listening options"
    r"|subscribe to:? .*|labels?:.*|tags?:.*|filed under:?.*|categories:?.*|share this:?"
    r"|facebook|twitter|whatsapp|linkedin|reddit|email|print|copy link|loading\.*"
    r"|all rights reserved\.?|.{0,60}(?:©|copyright \d{4}).{0,80}|notify me of .*"
    r"|post comment|submit comment|name\s*\*?|e-?mail\s*\*?|website|cancel reply)$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"^(?:file\s+)?photo\s*[-\u2013—:|]|^(?:photo|picture|image)\s+(?:credit|courtesy)\b"
    r"|\b(?:photo|picture|image)\s*(?:credit)?\s*:\s*\S"
    r"|\b(?:credit|source)\s*:\s*\S[^.]{0,60}$"
    r"|\[[^\]]{0,120}(?:/|getty|afp|reuters|photo|epa|ap\b)[^\]]{0,80}\]\s*\|?\s*$"
    r"|(?:getty images|afp|reuters|ap photo|epa|shutterstock)\W{0,3}\]?\s*\|\s*$"
    r"|\|\s*$",
    re.IGNORECASE,
)
# Comment-form and moderation notices: boilerplate wherever they stand.
_NOTICE = re.compile(
    r"\b(?:must|need to|have to|please)\s+(?:be\s+)?(?:logged\s+in|log\s*in|sign\s+in"
    r"|register)\b|\blog\s*in\s+to\s+(?:post|comment|reply)|\bpowered\s+by\s+disqus"
    r"|\bemail\s+address\s+will\s+not\s+be\s+published|\brequired\s+fields\s+are\s+marked"
    r"|\bcomments?\s+(?:are|is|will\s+be)\s+(?:subject\s+to|moderated|closed|reviewed)"
    r"|\b(?:community|comment(?:ing)?)\s+(?:guidelines|standards|policy)\b"
    r"|\bwant\s+to\s+join\s+the\s+discussion|\bnotify\s+me\s+of\b"
    r"|\bsave\s+my\s+name,?\s+email|\buses\s+akismet\b|\bcomment\s+data\s+is\s+processed"
    r"|\b(?:sign|log)\s*(?:in|up)\b.{0,60}\b(?:comment|discussion|conversation|reply)",
    re.IGNORECASE,
)
_END_PUNCT = re.compile(r"[.!?…:;\"”\u2019)\]]$")


def _clean(line: str) -> str:
    """The line as rules see it: stripped and without list bullets/numbers."""
    s = line.strip()
    return _BULLET.sub("", s).strip()


def is_timestamp(line: str) -> bool:
    """True when a line is nothing but a date and/or time ("Dec 30, 2019 03:19 PM")."""
    s = _clean(line)
    if not s or len(s) > 64 or not re.search(r"\d", s):
        return bool(s) and bool(_AGO.match(s))
    if _AGO.match(s):
        return True
    rest = _DATE_TOKEN.sub(" ", s)
    if rest.strip():
        return False
    # Need a real date or time, not just a number ("2019" alone is a heading or a count).
    return bool(
        re.search(_TIME, s)
        or re.search(_MONTH, s, re.IGNORECASE)
        or re.search(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", s)
    )


def _name_time(s: str) -> tuple[str, str] | None:
    """ "FLOUNDER July 6, 2015 at 6:57 pm" or "12.03.2019 | Jo": (author, time) on one line."""
    m = _BY_NAME_DATE.match(s)
    if m and is_timestamp(m.group("rest")) and _is_short_label(m.group("author"), 5):
        return m.group("author").strip(), m.group("rest").strip()
    for sep in ("|", " / ", " - ", " \u2013 ", " · "):
        if sep in s:
            a, _, b = s.partition(sep)
            a, b = a.strip(), b.strip()
            if is_timestamp(b) and _is_short_label(a, 4) and not is_timestamp(a):
                return a, b
            if is_timestamp(a) and _is_short_label(b, 4) and not is_timestamp(b):
                return b, a
    w = s.split()
    for k in range(1, min(5, len(w))):
        name, when = " ".join(w[:k]).rstrip(",:"), " ".join(w[k:])
        if (
            is_timestamp(when)
            and re.search(r"\d", when)
            and _is_short_label(name, 4)
            and not is_timestamp(name)
            and not re.match(_MONTH + "|" + _WEEKDAY, name, re.IGNORECASE)
        ):
            return name, when
    return None


_BY_NAME_DATE = re.compile(
    r"^(?:by|par|von|por)\s+(?P<author>[^,|]{1,40}?)\s*[,|]\s*(?P<rest>.+)$", re.IGNORECASE
)


def _words(s: str) -> list[str]:
    return re.findall(r"[^\W_][\w'\u2019.\-]*", s)


def _is_short_label(s: str, max_words: int = 6) -> bool:
    """A short line with no sentence ending: a name, a heading or a navigation item."""
    w = _words(s)
    return 0 < len(w) <= max_words and len(s) <= 60 and not re.search(r"[.!?]$", s)


def _nav_like(s: str) -> bool:
    """Short, title-cased, unpunctuated: navigation or furniture rather than prose."""
    if _NAV.match(s) or _BUTTONS.match(s):
        return True
    w = _words(s)
    if not _is_short_label(s, 5):
        return False
    caps = sum(1 for x in w if x[0].isupper() or x[0].isdigit())
    return caps >= max(1, len(w) - 1) and len(w) >= 2


def _headline_like(s: str) -> bool:
    """Title-cased words and no sentence ending: a headline or a link, not a comment."""
    w = _words(s)
    caps = sum(1 for x in w if x[0].isupper() or x[0].isdigit())
    return bool(w) and not re.search(r"[.!?…)\"”]$", s) and caps >= 0.6 * len(w)


def _mostly_headlines(units: list[_Unit], types: list[str | None]) -> bool:
    """Is the prose in this window mostly headlines (a list of stories with dates)?"""
    prose = [u.s for u, t in zip(units, types, strict=True) if t is None and len(_words(u.s)) >= 3]
    return bool(prose) and 2 * sum(_headline_like(p) for p in prose) >= len(prose)


def _substantial(s: str) -> bool:
    """Prose a comment body could be: a sentence or several words."""
    return len(_words(s)) >= 5 or bool(re.search(r"[.!?…]$", s))


# ---- units: non-blank lines, split further at glued buttons ---------------------------------


@dataclass
class _Unit:
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    s: str  # cleaned content
    raw: str = ""  # the unit's text as in the input
    kind: str = "editorial"
    comment: int | None = None
    tag: str = ""  # rule that decided the unit (for debugging and tests)


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        lo = m.start() + (len(line) - len(line.lstrip()))
        hi = m.start() + len(line.rstrip())
        if lo >= hi:
            continue
        pieces: list[tuple[int, int]] = []
        body = text[lo:hi]
        head = _GLUED_HEAD.match(body)
        if head and len(body) > head.end():
            pieces.append((lo, lo + head.end()))
            lo += head.end()
        tail = _GLUED_TAIL.search(text[lo:hi])
        if tail and tail.start() > 0:
            pieces.append((lo, lo + tail.start()))
            pieces.append((lo + tail.start(), hi))
        else:
            pieces.append((lo, hi))
        for a, b in pieces:
            units.append(_Unit(a, b, _clean(text[a:b]), text[a:b]))
    return units


# ---- the comment section -----------------------------------------------------------------

_TRAIL_BUTTONS = re.compile(
    r"(?:\s+(?:reply|antworten|répondre|responder|zitieren|quote|"
    r"permalink|#|zum antworten anmelden|report|melden|link))+\s*$",
    re.IGNORECASE,
)


def _meta_text(s: str) -> str:
    """A meta line without trailing buttons ("Jo, 3 May 2019 at 9:41 Reply")."""
    return _TRAIL_BUTTONS.sub("", s) or s


def _meta_type(s: str) -> str | None:
    """Classify a line that carries comment structure, or None for prose."""
    if _BUTTONS.match(s):
        return "reply" if _REPLY_WORD.search(s) else "button"
    if _HEADER.match(s):
        return "header"
    if _NOTICE.search(s) and len(_words(s)) <= 60:
        return "notice"
    s = _meta_text(s)
    if is_timestamp(s):
        return "time"
    if _SAID_BARE.match(s):
        return "said_bare"
    m = _SAID.match(s)
    if (
        m
        and len(_words(m.group("author"))) <= 6
        and (not m.group("rest") or is_timestamp(m.group("rest")))
    ):
        return "said"
    m = _POSTED_BY.match(s)
    if m and len(_words(s)) <= 14:
        return "posted"
    if _name_time(s):
        return "byline"
    if (_FROM.match(s) or _NAME_FROM.match(s)) and len(_words(s)) <= 6:
        return "from"
    return None


def _stamp(u: _Unit) -> str:
    """A timestamp as the page shows it (list numbers kept only if they are the day)."""
    raw = _meta_text(re.sub(r"^[^\w(]+", "", u.raw.strip()))
    return raw if is_timestamp(raw) else _meta_text(u.s)


_STRUCTURE = ("time", "said", "reply", "from", "posted", "byline", "said_bare")
_OPENERS = ("said", "posted", "byline")


def _section_start(units: list[_Unit], types: list[str | None]) -> tuple[int | None, bool]:
    """Index where the comment section starts, and whether it starts with a header.

    A header counts when comment structure (timestamps, "X said", Reply buttons, "from
    PLACE" lines) follows it twice within a dozen lines (once, if most of the page's prose
    lies before it), or when it is numbered ("Comments (3)") and most prose lies before
    it. Without such a header, a Reply button, an "X said..." line or a run of name+date
    lines starts the section.
    """
    prose = [len(u.s) if len(_words(u.s)) >= 8 else 0 for u in units]
    before = [0]  # prose characters before each unit (prefix sums: pages can be long)
    for p in prose:
        before.append(before[-1] + p)
    total = before[-1] or 1
    for i, t in enumerate(types):
        if t != "header":
            continue
        marks = [k for k, x in enumerate(types[i + 1 : i + 13]) if x in _STRUCTURE]
        if (len(marks) >= 2 and marks[0] < 6) or (
            marks and marks[0] < 4 and before[i] >= total - before[i]
        ):
            return i, True
    for i, t in enumerate(types):
        if t == "header" and _NUMBERED_HEADER.match(units[i].s) and before[i] > total / 2:
            return i, True
    n_said = sum(t == "said" for t in types)
    for i, t in enumerate(types):
        # One 'The minister said:' is an article's quote; "Jo said..." (Blogger's
        # ellipsis), several "X says:" lines, or one with a date or Reply button near
        # it, are a comment section.
        if t == "reply" or (
            t == "said"
            and (
                n_said >= 2
                or re.search(r"(?:\.{2,}|…)\s*(?:\S.*)?$", units[i].s)
                or any(x in ("time", "reply") for x in types[i + 1 : i + 5])
            )
        ):
            return i, False
    # No header and no buttons: a run of name+date lines ("Jo Smith / 22.04.2020") with
    # prose between them, not headlines (a "related stories" list has dates too).
    for i, t in enumerate(types):
        if t in _OPENERS and sum(x in _OPENERS for x in types[i : i + 20]) >= 3:
            between = [
                u
                for u, x in zip(units[i : i + 20], types[i : i + 20], strict=True)
                if x is None and len(_words(u.s)) >= 3
            ]
            if between and not _mostly_headlines(units[i : i + 20], types[i : i + 20]):
                return i, False
    return None, False


@dataclass
class _Draft:
    ordinal: int
    author: str | None = None
    posted_at: str | None = None
    location: str | None = None
    body: list[_Unit] = field(default_factory=list)
    closed: bool = False


def _split_section(
    units: list[_Unit], types: list[str | None], start: int, drafts: list[_Draft]
) -> None:
    """Label units[start:] as comments, their meta lines and boilerplate."""
    sec = list(range(start, len(units)))
    # Authors: a short label line that opens a block and is followed by prose or meta.
    openers = ("said", "author", "posted", "from", "byline", "said_bare")
    for k, i in enumerate(sec):
        u = units[i]
        if (
            types[i] is not None
            or not _is_short_label(u.s, 5)
            or _NAV.match(u.s)
            or u.s.endswith(",")
        ):
            continue
        prev = types[sec[k - 1]] if k else "header"
        j = k - 1  # look past a short button-like word or two ("Reply / Pick / Name")
        while (
            prev is None
            and j > 0
            and k - j <= 2
            and len(_words(units[sec[j]].s)) <= 2
            and not _substantial(units[sec[j]].s)
        ):
            j -= 1
            prev = types[sec[j]]
        if prev == "time" and k >= 2 and types[sec[k - 2]] in openers:
            continue  # "X says:" / date / text: the name is already given
        nxt = sec[k + 1] if k + 1 < len(sec) else None
        if nxt is None:
            continue
        if types[nxt] == "said_bare" or (
            (k == 0 or prev in ("header", "time", "reply", "button", "notice"))
            and (
                types[nxt] in ("time", "from")
                or (
                    types[nxt] is None
                    and _substantial(units[nxt].s)
                    and not _nav_like(units[nxt].s)
                )
            )
        ):
            types[i] = "author"
    n_open = sum(1 for i in sec if types[i] in openers)
    # Do timestamps open a comment (WordPress: name, date, text) or close it (RFA, Blogger)?
    lead = trail = 0
    first_leads: bool | None = None  # a tie goes the way of the first comment
    for k, i in enumerate(sec):
        if types[i] == "time" and k:
            p = types[sec[k - 1]]
            lead += p in openers
            trail += p is None
            if first_leads is None and (p in openers or p is None):
                first_leads = p in openers
    time_leads = lead > trail or (lead == trail and bool(first_leads))
    cur: _Draft | None = drafts[-1] if drafts and not drafts[-1].closed else None

    def new() -> _Draft:
        d = _Draft(len(drafts) + 1)
        drafts.append(d)
        return d

    for i in sec:
        u, t = units[i], types[i]
        if t in openers or (t == "time" and time_leads):
            if cur is None or cur.body or cur.closed:
                cur = new()
            u.kind, u.comment, u.tag = "comment_meta", cur.ordinal, t or ""
            ms = _meta_text(u.s)
            if t == "said":
                m = _SAID.match(ms)
                assert m is not None
                cur.author = cur.author or m.group("author").strip()
                if m.group("rest"):
                    cur.posted_at = m.group("rest").strip()
            elif t == "posted":
                m = _POSTED_BY.match(ms)
                assert m is not None
                cur.author = cur.author or m.group("author").strip()
                if m.group("rest") and is_timestamp(m.group("rest")):
                    cur.posted_at = m.group("rest").strip()
            elif t == "from":
                m = _NAME_FROM.match(ms)
                if m:
                    cur.author = cur.author or m.group("author").strip()
                else:
                    m = _FROM.match(ms)
                    assert m is not None
                cur.location = m.group("place").strip()
            elif t == "said_bare":
                pass  # the name came on the line before
            elif t == "byline":
                nt = _name_time(ms)
                assert nt is not None
                if cur.author is not None:
                    cur = new()
                    u.comment = cur.ordinal
                cur.author, cur.posted_at = nt
            elif t == "author":
                if cur.author is not None:  # a second name line: a new comment
                    cur = new()
                    u.comment = cur.ordinal
                cur.author = u.s
            else:  # a leading timestamp
                if cur.posted_at is not None:
                    cur = new()
                    u.comment = cur.ordinal
                cur.posted_at = _stamp(u)
        elif t == "time":  # trailing timestamp
            if cur is not None and cur.posted_at is None:
                u.kind, u.comment, u.tag = "comment_meta", cur.ordinal, "time"
                cur.posted_at = _stamp(u)
                cur.closed = bool(cur.body)
            else:
                u.kind, u.tag = "boilerplate", "time"
        elif t in ("reply", "button", "header", "notice"):
            u.kind, u.tag = "boilerplate", t
            if cur is not None:
                u.comment = cur.ordinal if t in ("reply", "button") else None
                if cur.body or t != "button":
                    cur.closed = True
        else:  # prose
            if cur is None or cur.closed:
                if (
                    _nav_like(u.s)
                    or _CAPTION.search(u.s)
                    or (n_open and not _substantial(u.s) and cur is not None)
                ):
                    u.kind, u.tag = "boilerplate", "nav"
                    continue
                cur = new()
            u.kind, u.comment = "comment", cur.ordinal
            cur.body.append(u)


# ---- the article part -------------------------------------------------------------------


def _label_article(units: list[_Unit], end: int) -> None:
    """Units before the comment section: boilerplate by rule, then the title, else editorial."""
    seen_title = False
    for i in range(end):
        u = units[i]
        s = u.s
        dup = (i + 1 < end and units[i + 1].s == s) or (i > 0 and units[i - 1].s == s)
        if (
            _NAV.match(s)
            or _BUTTONS.match(s)
            or _CAPTION.search(s)
            or _no_letters(u)
            or (dup and len(s) > 3)
            or is_timestamp(s)
            or _dateline(s)
            or _HEADER.match(s)
            or _NOTICE.search(s)
        ):
            u.kind, u.tag = "boilerplate", "rule"
        elif not seen_title and len(_words(s)) <= 25 and not re.search(r"[.:;]$", s):
            u.kind, u.tag = "title", "title"
            seen_title = True
        else:
            u.kind = "editorial"
            seen_title = True  # a title comes first or not at all


def _no_letters(u: _Unit) -> bool:
    """Lines without a single letter ("*", "+", "| |") are page furniture."""
    return not re.search(r"[^\W\d_]", u.s)


def _dateline(s: str) -> bool:
    """ "Al Jazeera | 30 September 2017", "By Jo Smith | May 2, 2019": source and date."""
    if "|" not in s or len(s) > 100:
        return False
    parts = [p.strip() for p in s.split("|") if p.strip()]
    return any(is_timestamp(p) for p in parts) and all(
        _is_short_label(p, 8) or is_timestamp(p) for p in parts
    )


def _headerless_before(units: list[_Unit], types: list[str | None], first: int) -> int:
    """A section that opens with a Reply button: how far back does the first comment go?

    The paragraph just before the button is the comment (the button proves it); earlier
    paragraphs join it while the voice model hears a reader in them.
    """
    from stance.paragraphs import load_voice_model

    i = first - 1
    if i < 0 or types[i] is not None or _nav_like(units[i].s):
        return first
    start = i
    model = load_voice_model()
    j = i - 1
    while (
        j >= 0
        and types[j] is None
        and not _nav_like(units[j].s)
        and model.proba_reader(units[j].s) >= READER_VOICE_THRESHOLD
    ):
        start = j
        j -= 1
    return start


def split_text(text: str, doc_id: str = "doc", source: str | None = None) -> Document:
    """Split a plain-text page dump. Never raises; `rebuild()` returns `text` exactly."""
    units = _units(text)
    types = [_meta_type(u.s) for u in units]
    start, _ = _section_start(units, types)
    drafts: list[_Draft] = []
    if start is None:
        _label_article(units, len(units))
    else:
        if types[start] == "reply":
            start = _headerless_before(units, types, start)
        _label_article(units, start)
        _split_section(units, types, start, drafts)
    return _assemble(text, units, drafts, doc_id, source)


def _assemble(
    text: str, units: list[_Unit], drafts: list[_Draft], doc_id: str, source: str | None
) -> Document:
    segments: list[Segment] = []
    for k, u in enumerate(units):
        lo = 0 if k == 0 else u.start
        hi = units[k + 1].start if k + 1 < len(units) else len(text)
        segments.append(Segment(u.kind, lo, hi, text[lo:hi], u.comment))
    if not units and text:
        segments.append(Segment("boilerplate", 0, len(text), text))
    comments: list[Comment] = []
    renumber: dict[int, int] = {}
    for d in drafts:
        if not d.body:
            continue
        renumber[d.ordinal] = len(comments) + 1
        body = text[d.body[0].start : d.body[-1].end].strip()
        comments.append(
            Comment(
                f"{doc_id}-{len(comments) + 1}",
                len(comments) + 1,
                d.author,
                d.posted_at,
                d.location,
                body,
            )
        )
    for s in segments:
        if s.comment is not None:
            s.comment = renumber.get(s.comment)
            if s.comment is None and s.kind == "comment_meta":
                s.kind = "boilerplate"  # meta of a comment with no text
    title = next((s.text.strip() for s in segments if s.kind == "title"), None)
    return Document(doc_id, source, title, segments, comments)


# ---- HTML ------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "tr",
    "table",
    "pre",
    "hr",
    "aside",
    "figure",
    "figcaption",
    "nav",
    "address",
    "form",
}
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "textarea",
    "select",
    "option",
    "button",
    "input",
    "svg",
    "iframe",
    "template",
    "head",
}
_COMMENT_ATTR = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|comment-?list|kommentare?|"
    r"responses|discussion|disqus_thread|replies)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOT_COMMENTS = re.compile(
    r"respond|comment-?form|reply-?title|commentform|comments?-link|"
    r"comment-?count|comments?-(?:closed|rss|feed|policy)|"
    r"add-?comment|leave|meta|widget|recent|latest|popular|most",
    re.IGNORECASE,
)


def _node_text(node: Any, exclude: frozenset[Any] = frozenset()) -> str:
    """Block-aware text of an lxml subtree: one line per block element, without the
    subtrees in `exclude`. Iterative, so deeply nested pages cannot exhaust the stack."""
    out: list[str] = []

    def add(text: str | None) -> None:
        if text:  # source line breaks are spaces in HTML; blocks make the lines
            out.append(re.sub(r"\s+", " ", text))

    stack: list[tuple[str, Any]] = [("enter", node)]
    while stack:
        action, el = stack.pop()
        if action == "tail":
            add(el.tail)
            continue
        if action == "close":
            out.append("\n")
            continue
        if el is not node:
            stack.append(("tail", el))  # runs after the element's own subtree
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP_TAGS or (el in exclude and el is not node):
            continue
        if tag in _BLOCK_TAGS:
            out.append("\n")
            stack.append(("close", el))
        add(el.text)
        stack.extend(("enter", child) for child in reversed(el))
    text = "".join(out)
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n\n".join(ln for ln in lines if ln)


_ONE_COMMENT = re.compile(r"^(?:(?:li|div|article)-)?comment[-_]?\d+$|^c\d+$", re.IGNORECASE)
_ONE_COMMENT_CLASS = re.compile(
    r"^(?:comment|comment-item|commentlist-item|single-comment"
    r"|comment-body|kommentar)$",
    re.IGNORECASE,
)


def _comment_blocks(container: Any) -> list[tuple[str, bool]]:
    """The container's text cut at single-comment elements (li.comment, #comment-12, ...):
    first what lies outside them (header, form), then each comment without its replies,
    the replies after it. With fewer than two such elements, the whole text as one block.
    Returns (text, furniture) pairs: furniture is the text outside the single comments.
    """
    nodes = []
    for el in container.iter():
        if (
            not isinstance(el.tag, str)
            or el is container
            or el.tag.lower() not in ("li", "div", "article", "section")
        ):
            continue
        classes = (el.get("class") or "").split()
        if _ONE_COMMENT.match(el.get("id") or "") or any(
            _ONE_COMMENT_CLASS.match(c) for c in classes
        ):
            nodes.append(el)
    # Nested matches (li.comment > div.comment-body, replies) each keep only their own
    # text, the nested ones being cut out of them: empty blocks drop out below.
    if len(nodes) < 2:
        return [(_node_text(container), False)]
    skip = frozenset(nodes)
    blocks = [(_node_text(container, skip), True)]
    blocks += [(_node_text(n, skip), False) for n in nodes]
    return [b for b in blocks if b[0].strip()]


def _comment_containers(tree: Any) -> list[Any]:
    """Outermost elements whose id/class says "comments" (not forms, counts or widgets)."""
    found = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag.lower() in (
            "a",
            "span",
            "script",
            "form",
            "body",
            "html",
        ):
            continue
        attrs = f"{el.get('id', '')} {el.get('class', '')}"
        if not _COMMENT_ATTR.search(attrs) or _NOT_COMMENTS.search(attrs):
            continue
        if any(a in found for a in el.iterancestors()):
            continue
        if len(_node_text(el)) >= 40:
            found.append(el)
    return found


def split_html(html: str | bytes, doc_id: str = "doc", source: str | None = None) -> Document:
    """Split an HTML page: trafilatura's article text, then the page's comment section.

    Comments come from three sources, merged without duplicates: the page's comment
    markup (elements whose id/class names comments, rendered one line per block),
    trafilatura's own comment extraction, and comments the text rules find in the
    rendered page outside both. The section is split into single comments by the text
    rules; article paragraphs found in it move out of the editorial text.

    Losslessness holds for the extracted text, not the markup: `Document.text` (title,
    editorial paragraphs, comment section, joined by blank lines) is what the segments
    tile and `rebuild()` returns. Markup, scripts and whatever trafilatura drops as
    boilerplate never become text, so they are in no segment.
    """
    import lxml.html
    import trafilatura

    if isinstance(html, bytes):
        html, _ = decode_bytes(html)
    if not html.strip():
        return Document(doc_id, source, None, [], [])
    try:
        # lxml refuses str input that carries an XML encoding declaration
        tree = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except Exception:  # lxml rejects some fragments; trafilatura may still cope
        tree = None
    try:  # no metadata: its date search costs more than the rest of the split
        extracted = trafilatura.bare_extraction(html, include_comments=True)
    except Exception:  # trafilatura raises assorted errors on broken pages
        extracted = None
    title = _html_title(tree) if tree is not None else ""
    article = (getattr(extracted, "text", None) or "") if extracted else ""
    traf_comments = (getattr(extracted, "comments", None) or "") if extracted else ""
    paras = [ln.strip() for ln in article.split("\n") if ln.strip()]
    if paras and title and _squash(paras[0]) == _squash(title):
        paras = paras[1:]  # the headline is the title, not an editorial paragraph
    # The page's comment markup, plus what trafilatura saw as comments, plus comments
    # our text rules find in the rendered page that neither has.
    # Blocks: a comment never spans two; the rules split a block further.
    blocks: list[tuple[list[str], bool]] = []  # (lines, furniture)
    if tree is not None:
        for c in _comment_containers(tree):
            blocks += [(b.split("\n\n"), f) for b, f in _comment_blocks(c)]
    have = _squash(" ".join(x for b, _ in blocks for x in b))
    extra = [
        ln.strip() for ln in traf_comments.split("\n") if ln.strip() and _squash(ln) not in have
    ]
    if extra:
        blocks.append((extra, False))
    if tree is not None:  # comments outside any comment markup, found by the text rules
        have = _squash(" ".join(x for b, _ in blocks for x in b))
        blocks += [
            (block, False) for text, block in _rendered_comments(tree) if _squash(text) not in have
        ]
    blocks = [([x for x in b if x.strip()], f) for b, f in blocks]
    blocks = [(b, f) for b, f in blocks if b]
    lines = [x for b, f in blocks if not f for x in b]
    # Paragraphs trafilatura kept in the article that are really comments move out, unless
    # the "comment" markup evidently wrapped the article itself.
    in_comments = {_squash(x) for x in lines if len(x.strip()) >= 30}
    moved = [p for p in paras if _squash(p) in in_comments]
    if moved and len(moved) <= len(paras) / 2:
        paras = [p for p in paras if _squash(p) not in in_comments]
    return _compose(doc_id, source, title, paras, blocks)


def _html_title(tree: Any) -> str:
    """The page's headline as trafilatura finds it (h1, title tag), else ""."""
    from trafilatura.metadata import extract_title

    try:
        return (extract_title(tree) or "").strip()
    except Exception:  # a heuristic on odd markup; a missing title is no error
        return ""


def _squash(text: str) -> str:
    return " ".join(text.split())


def _rendered_comments(tree: Any) -> list[tuple[str, list[str]]]:
    """Render the page as text and split it with the text rules: for each comment found,
    its text and its lines (header lines, text, buttons)."""
    body = tree.find(".//body")
    doc = split_text(_node_text(body if body is not None else tree))
    blocks: dict[int, list[str]] = {}
    for seg in doc.segments:
        if seg.comment is not None and seg.text.strip():
            blocks.setdefault(seg.comment, []).append(seg.text.strip())
    return [(c.text, blocks.get(c.ordinal, [c.text])) for c in doc.comments]


def _compose(
    doc_id: str,
    source: str | None,
    title: str,
    paras: list[str],
    blocks: list[tuple[list[str], bool]],
) -> Document:
    """Build the extracted text and its segments: title, editorial paragraphs, then the
    comment section, whose blocks (lists of lines) are split apart by the text rules, a
    comment never running from one block into the next; furniture blocks (the text
    around single-comment elements) are boilerplate."""
    chunks: list[tuple[str, str]] = []
    if title:
        chunks.append(("title", title))
    chunks += [("editorial", p) for p in paras]
    text = "".join(c + "\n\n" for _, c in chunks)
    segments: list[Segment] = []
    pos = 0
    for kind, c in chunks:
        segments.append(Segment(kind, pos, pos + len(c) + 2, c + "\n\n"))
        pos += len(c) + 2
    comments: list[Comment] = []
    comment_text = "\n\n".join("\n\n".join(b) for b, _ in blocks)
    if comment_text:
        sub_units = _units(comment_text)
        types = [_meta_type(u.s) for u in sub_units]
        drafts: list[_Draft] = []
        ends = []  # offset where each block ends in comment_text
        pos_b = 0
        for b, _ in blocks:
            pos_b += len("\n\n".join(b))
            ends.append(pos_b)
            pos_b += 2
        k = 0
        for end, (_, furniture) in zip(ends, blocks, strict=True):
            j = k
            while j < len(sub_units) and sub_units[j].start < end:
                j += 1
            if furniture:
                for u in sub_units[k:j]:
                    u.kind, u.tag = "boilerplate", "furniture"
            elif j > k:
                _split_section(sub_units[k:j], types[k:j], 0, drafts)
                if drafts:
                    drafts[-1].closed = True
            k = j
        sub = _assemble(comment_text, sub_units, drafts, doc_id, source)
        for s in sub.segments:
            segments.append(Segment(s.kind, s.start + pos, s.end + pos, s.text, s.comment))
        comments = sub.comments
        text += comment_text
    return Document(doc_id, source, title or None, segments, comments)


# ---- files, folders, stdin --------------------------------------------------------------


def document_id(path: str | Path) -> str:
    """The file name without its extension(s): "003_x.txt.gz" -> "003_x"."""
    name = Path(path).name
    while True:
        stem, dot, ext = name.rpartition(".")
        if not dot or not stem or len(ext) > 6 or not ext.isalnum():
            return name
        name = stem
        if ext.lower() not in ("gz", "txt", "text", "md", "html", "htm", "xhtml", "shtml"):
            return name


def _is_html(path: str, text: str) -> bool:
    p = path.lower().removesuffix(".gz")
    if p.endswith(HTML_SUFFIXES):
        return True
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def split_bytes(data: bytes, doc_id: str, source: str | None = None, name: str = "") -> Document:
    """Decode (UTF-8, then cp1252 with a warning) and split as HTML or as a text dump."""
    text, warnings = decode_bytes(data, source or name or doc_id)
    doc = (
        split_html(text, doc_id, source)
        if _is_html(name, text)
        else split_text(text, doc_id, source)
    )
    doc.warnings.extend(warnings)
    return doc


def _expand(paths: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    for p in paths:
        if p == "-":
            yield p, None
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(
                f
                for f in path.rglob("*")
                if f.is_file() and f.name.lower().removesuffix(".gz").endswith(READABLE_SUFFIXES)
            )
            if not files:
                raise InputError(
                    "folder has no readable pages",
                    path=path,
                    fix="add .txt or .html files (optionally .gz)",
                )
            for f in files:
                yield str(f), f
        elif not path.exists():
            raise InputError("no such file or folder", path=path, fix="check the path")
        else:
            yield p, path


def split_paths(paths: list[str], stdin: Any = None) -> tuple[list[Document], list[str]]:
    """Split files, folders (recursively: .txt/.html/.htm, gzipped too) and `-` (stdin).

    Returns the documents in input order and the warnings (decoding fallbacks).
    Raises InputError for a missing path, a folder with nothing readable, a binary file or
    a table (by extension or by content: see `refuse_tables`).
    """
    docs: list[Document] = []
    warnings: list[str] = []
    for _name, path in _expand(paths):
        if path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            if isinstance(data, str):
                data = data.encode("utf-8")
            refuse_tables(data[:HEAD_BYTES], len(data) > HEAD_BYTES, "<stdin>")
            doc = split_bytes(data, "stdin", None, "-")
        else:
            refuse_tables(*read_head(path)[:2], path)
            doc = split_bytes(read_bytes(path), document_id(path), str(path), path.name)
        docs.append(doc)
        warnings.extend(doc.warnings)
    return docs, warnings


_TABLE_NAMES = {"csv": "CSV", "tsv": "TSV", "jsonl": "JSONL", "parquet": "Parquet"}


def refuse_tables(head: bytes, truncated: bool, path: str | Path) -> None:
    """Raise InputError when a file is binary (`check_text`) or a table: by its extension,
    else by its first bytes (`sniff_format`, the sniffer every command shares). A table
    split as a page would be nonsense."""
    kind = table_format(path) if path != "<stdin>" else None
    if kind != "parquet":
        check_text(head, path, truncated)
    kind = kind or sniff_format(head, truncated)
    if kind != "page":
        raise InputError(
            f"looks like a {_TABLE_NAMES[kind]} table, not a page",
            path=path,
            fix="`stance split` reads text dumps and HTML pages; score a table "
            "with `stance score MODEL FILE`, check labels with "
            "`stance labels check FILE`",
        )


#: Columns of the labelling shape (DESIGN.md), in order.
LABEL_COLUMNS = ["id", "article", "author", "posted_at", "text", "target", "stance", "tone"]


def comments_frame(docs: Iterable[Document]) -> Any:
    """One row per comment in the labelling shape: id, article, author, posted_at, text,
    and empty target, stance and tone columns ready to be labelled."""
    import pandas as pd

    rows = [
        {
            "id": c.id,
            "article": d.title or d.id,
            "author": c.author or "",
            "posted_at": c.posted_at or "",
            "text": c.text,
            "target": "",
            "stance": "",
            "tone": "",
        }
        for d in docs
        for c in d.comments
    ]
    return pd.DataFrame(rows, columns=LABEL_COLUMNS)


def summary_lines(docs: Iterable[Document]) -> list[str]:
    """A readable summary: per document its title, part counts and comments."""
    lines: list[str] = []
    for d in docs:
        lines.append(
            f"{d.id}: {len(d.editorial)} editorial paragraphs, "
            f"{len(d.boilerplate)} boilerplate, {len(d.comments)} comments"
        )
        if d.title:
            lines.append(f"  title: {d.title}")
        for c in d.comments:
            place = f"from {c.location}" if c.location else None
            who = ", ".join(x for x in (c.author, place, c.posted_at) if x) or "no header"
            snippet = " ".join(c.text.split())
            snippet = snippet if len(snippet) <= 70 else snippet[:67] + "..."
            lines.append(f"  [{c.ordinal}] {who}: {snippet}")
    return lines


#: Output formats of `stance split`.
FORMATS = ("summary", "jsonl", "csv")


def render(docs: list[Document], fmt: str) -> str:
    """Render split documents as `summary` text, `jsonl` (one record per document) or
    `csv` (one row per comment in the labelling shape)."""
    import json

    if fmt == "summary":
        return "".join(line + "\n" for line in summary_lines(docs))
    if fmt == "jsonl":
        return "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in docs)
    if fmt == "csv":
        return comments_frame(docs).to_csv(index=False, lineterminator="\n")
    raise InputError(f"unknown format {fmt!r}", fix="use " + ", ".join(FORMATS))


def format_for(out: str | None, fmt: str | None) -> str:
    """The output format: as given, else from `out`'s extension, else the summary."""
    if fmt:
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}", fix="use " + ", ".join(FORMATS))
        return fmt
    suffix = Path(out).suffix.lower() if out else ""
    return {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(suffix, "summary")
