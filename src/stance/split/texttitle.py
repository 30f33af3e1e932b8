"""A text dump's title: the headline of the article, found by what the page says of it.

A whole-page dump (a copy-paste or a text export of a web page) has no `<title>`: its
headline is one line among menus, teasers and sidebar lists. The page names it more than
once, though, and the rules read those mentions first:

1. Named by the page: a comment-count header that quotes it ("11 responses to “X”",
   "5 Kommentare zu „X“") or a breadcrumb that ends with it ("Home » Recipes » X"). The
   named line of the article part nearest before the article's first paragraph (a
   sidebar's "recent posts" list repeats it too) is the title.
2. Over a byline: the title-shaped line of three words or more nearest before the
   article's first paragraph that a byline or a date line follows within two lines ("By
   Jo Smith", "Posted on 28 July 2019", "Von X - 30. Juli 2023"); a byline itself is none.
3. Else the longest title-shaped line in the few lines before the article's first
   paragraph (a subheading or a kicker is shorter than the headline).

A candidate is a headline-shaped line (`headline`): at most 25 words, not ending like a
sentence or a label, not a list item, a breadcrumb or a byline.

These rules were written for news articles and blogs; on forum, list-archive and
social-media dumps they pick the site's name or a menu line. The title is therefore
chosen by a linear ranking of every line before the comment section (`title_features`:
the rules' pick, the line's shape, its place before the first paragraph, the lines around
it, whether the page repeats it or its words): a logistic regression fitted on pairs of
lines of one page (the title against each other line, "which of the two is the title"),
trained by `benchmarks/build_title_model.py` on the annotated development pages, the
trafilatura evaluation pages and half the scrapinghub news pages (their HTML titles), and
shipped as plain weights (`stance/data/text_title.json`). It picks the line it ranks
highest.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from stance.split.lines import (
    BYLINE_TYPES,
    LINK_NUMBER,
    READ_TIME,
    SUBJECT_WORDS,
    dateline,
    is_timestamp,
    meta_type,
    nav_like,
    squash,
    subject,
    words,
)
from stance.split.ranker import Ranker
from stance.split.shapes import header_shape
from stance.split.threadlines import line_type

#: How many lines before the article's first paragraph its title is looked for.
TITLE_REACH = 15

# A line that ends like a sentence or a label ("Posted in:") is no title.
# (and the full stops of Chinese and Japanese, Khmer and the Indic scripts)
_CLOSED = re.compile(r"[.:;\u3002\u17d4\u0964]$")
_LIST_ITEM = re.compile(r"^\s*(?:[*+\-•·o]\s|\d{1,3}[.)]\s)")
# A form's checkbox or radio button as a text browser draws it: "[ ] limit my search to X".
_FORM_CONTROL = re.compile(r"^\s*(?:\[[ xX*]?\]|\([ *]?\))\s")
# "... its advertiser. All opinions are mine": two sentences are prose, not a headline.
_SENTENCE_INSIDE = re.compile(r"[^\W\d_]{3}[.!?]\s+[^\W\d_a-z]")
_CLOCK_OR_DATE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# "11 responses to “X”", "4 thoughts on “X”", "6 Kommentare zu „X“", "29 Antworten zu X",
# Khmer's "11 គំនិត\u200bលើ “X”" (a zero-width space between its words).
_NAMED_BY_HEADER = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|ein|eine|zwei|drei)\s+"
    r"(?:comments?|responses?|repl(?:y|ies)|thoughts?|reactions?|kommentare?|antworten"
    r"|gedanken(?:\s+zu)?|commentaires?|réactions?|comentarios?|respuestas?|គំនិត|មតិ)[\s\u200b]+"
    r"(?:on|to|for|about|zu|zum|zur|auf|über|für|sur|à|pour|en|a|para|sobre|លើ|ចំពោះ)\s+"
    r"(?P<title>.+)$",
    re.IGNORECASE,
)
_QUOTES = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a \u00a0"
_BREADCRUMB_SEP = re.compile(r"\s(?:»|\u203a|\u2039|>|/|\\|→)\s")
#: A title's label in a mail archive, a bug tracker or a forum's topic row: "Subject: X",
#: "Sujet : X", "Thread: X", "title:   X", "Summary<TAB>X" (then "Re:"s: the thread's), and
#: a comments page's "Comments on: X".
_TITLE_LABEL = re.compile(
    # (SMF's topic row glued to its column's heading: "Author Topic: X", "Autor\tThema: X")
    r"^(?:(?:author|autor|auteur)\s*)?(?:"
    + SUBJECT_WORDS
    + r"|topic|thema|tema|thread|title|titel|titre|t[íi]tulo|titolo|summary|群聊名称"
    r"|comments\s+on|commentaires\s+sur|kommentare\s+zu|comentarios\s+(?:sobre|a)"
    # a comments page's link back: "Réactions à : X", "← Back to the story: X"
    r"|r[ée]actions?\s+(?:à|to)|(?:[\u2190\u2039\u00ab<]\s*)?(?:back\s+to\s+(?:the\s+)?(?:story|article"
    r"|post)|retour\s+à\s+l['\u2019]article|zurück\s+zum\s+artikel|volver\s+al\s+artículo))"
    # (a record's dotted leader: "title ......... X")
    r"(?:\s*[:\uff1a]\s*|\t+|\s+\.{4,}\s+)(?:(?:re|aw|fwd?)\s*:\s*)*(?=\S)",
    re.IGNORECASE,
)
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1780-\u17ff\u3040-\u9fff\uac00-\ud7af]")
_HEADING_MARKS = re.compile(r"^(?:#{1,6}\s+|[*+\u2022\u00b7-]\s+)(?=\S)")
_BYLINE_START = re.compile(
    r"^(?:by|von|vom|par|por|posted|published|written|geschrieben|veröffentlicht|publié"
    r"|publicado|verfasst|autor|author|auteur)\b",
    re.IGNORECASE,
)


def _crumbs(s: str) -> list[str]:
    """The parts of a breadcrumb line ("Forum » Politics » X": three or more), else []."""
    parts = _BREADCRUMB_SEP.split(s)
    return parts if len(parts) >= 3 and len(s) <= 250 else []


def _crumb_title(s: str) -> str | None:
    """A breadcrumb's last part when it reads like a thread's title (four words or more;
    in Thai, Khmer, Chinese, Japanese or Korean, six characters or more), not like a
    section's name ("» Asia » Cambodia")."""
    crumbs = _crumbs(s)
    last = crumbs[-1].strip() if crumbs else ""
    long = len(words(last)) >= 4 or (len(last) >= 6 and _UNSPACED.search(last))
    return last if long else None


#: A forum topic's view count after its title (SMF, YaBB): "X  (Read 1,186 times)", "(Gelesen
#: 1342 mal)", "(Lu 812 fois)", "(Leído 1843 veces)", "(Прочитано 1 184 раз)".
_VIEW_COUNT = re.compile(
    r"\s+\((?:read|gelesen|lu|le[íi]do|letto|прочитано)\s+\d[\d\s.,]*"
    r"(?:times|mal|fois|veces|volte|раз)\)$",
    re.IGNORECASE,
)


def title_text(line: str) -> str:
    """The title a picked line holds: without a list bullet or a Markdown heading's marks
    ("* X", "# X"), a label ("Subject: Re: X"), a breadcrumb's path ("Forum » Politics
    » X") or a topic's view count ("X (Read 1186 times)")."""
    s = _HEADING_MARKS.sub("", LINK_NUMBER.sub("", line.strip()))  # (lynx: "[10]Title")
    s = _VIEW_COUNT.sub("", _TITLE_LABEL.sub("", s))
    return _crumb_title(s) or s


def title_shaped(s: str) -> bool:
    """Short enough for a title and not ending like a sentence or a label."""
    return len(words(s)) <= 25 and not _CLOSED.search(s)


def headline(s: str, raw: str) -> bool:
    """Could this line (`s` cleaned, `raw` as the page has it) of a whole-page dump be the
    headline? Not a list item (a menu or a "related" link), a breadcrumb or arrow link,
    a byline or a date line."""
    return (
        title_shaped(s)
        and not _LIST_ITEM.match(raw)
        and not re.search(r"[»\u203a\u2039|←→]", s)
        and line_type(s) is None
        and not (_CLOCK_OR_DATE.search(s) and len(words(s)) <= 8)
        and not _CLOCK_OR_DATE.match(s)
        and not _SENTENCE_INSIDE.search(s)
        and not READ_TIME.search(s)
    )


def _in_list(lines: list[str], i: int) -> bool:
    """Is line i one of a list of numbered or dated lines of one layout (a schedule, a
    table of contents): its shape has a number and a neighbour's is the same?"""
    shape = header_shape(lines[i])
    near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines) and lines[j] != lines[i]]
    return "9" in shape.split() and any(header_shape(x) == shape for x in near)


def _key(s: str) -> str:
    return squash(s).strip(_QUOTES).casefold()


def named_titles(lines: list[str]) -> set[str]:
    """What the page's comment-count headers and breadcrumbs name as its title (keys)."""
    out = set()
    for i, s in enumerate(lines):
        m = _NAMED_BY_HEADER.match(s)
        if m and m.group("title")[:1] in '\u201c\u201e\u00ab"' and i + 1 < len(lines):
            opened = sum(s.count(q) for q in "\u201c\u201e\u00ab")
            if opened > sum(s.count(q) for q in "\u201d\u00bb") or s.count('"') == 1:
                m = _NAMED_BY_HEADER.match(f"{s} {lines[i + 1]}")  # (its title wrapped)
        if m and len(words(m.group("title"))) <= 30:
            out.add(_key(m.group("title")))
        crumbs = _crumbs(s)
        if crumbs:
            out.add(_key(crumbs[-1]))
    out.discard("")
    return out


def byline_like(s: str) -> bool:
    """A byline or a date line: "By Jo Smith", "Posted on May 2, 2019", "12.03.2020"."""
    return bool(
        meta_type(s) in (*BYLINE_TYPES, "time")
        or is_timestamp(s)
        or dateline(s)
        or bool(_CLOCK_OR_DATE.match(s))
        or (_BYLINE_START.match(s) and len(words(s)) <= 30)
    )


def title_index(
    lines: list[str], raws: list[str], allowed: list[bool], first: int | None, page: list[str]
) -> int | None:
    """The title's index among the article part's `lines` (`raws` as the page has them):
    `allowed[i]` when no rule calls line i furniture, `first` the article's first
    paragraph (None: none found), `page` every line of the page. None when no rule of
    the module's docstring finds one."""
    cands = [
        i
        for i in range(len(lines))
        if allowed[i] and headline(lines[i], raws[i]) and not _in_list(lines, i)
    ]
    if not cands:
        return None
    named = named_titles(page)
    hits = [i for i in cands if _key(lines[i]) in named]
    if hits:
        before = [i for i in hits if first is None or i < first]
        return before[-1] if before else hits[0]
    if first is None:
        return None
    near = [i for i in cands if first - TITLE_REACH <= i < first]
    over = [
        i
        for i in near
        if len(words(lines[i])) >= 3
        and not byline_like(lines[i])
        and any(byline_like(s) for s in lines[i + 1 : i + 3])
    ]
    if over:
        return over[-1]
    return max(near, key=lambda i: (len(words(lines[i])), len(lines[i]))) if near else None


# ---- the learned pick ---------------------------------------------------------------------

MODEL_FILE = "text_title.json"
#: Lines of the article part the model looks at (a title is never further down).
MODEL_REACH = 300


@dataclass(frozen=True)
class TitleContext:
    """What the title model reads of a page: every line (`lines` cleaned, `raws` as the
    page has them), the article part's `end` (where the comment section starts), the
    lines the rules (`ruled`) and the boilerplate model (`boiler`) call boilerplate, its
    lines of running text that neither calls boilerplate (`prose`), the article's first
    paragraph and the rules' own pick (None: none)."""

    lines: list[str]
    raws: list[str]
    ruled: list[bool]
    boiler: list[bool]
    prose: list[bool]
    first: int | None
    rule: int | None

    @property
    def end(self) -> int:
        return len(self.ruled)


def _bucket(x: float, edges: tuple[float, ...]) -> str:
    return next((str(e) for e in edges if x <= e), f">{edges[-1]}")


def title_features(c: TitleContext) -> list[dict[str, int]]:
    """One feature dict per candidate line: the first `MODEL_REACH` lines of the article
    part."""
    s, raw, end = c.lines, c.raws, c.end
    wl = [words(x) for x in s]
    named = named_titles(s)
    later = {subject(x) for x in s[end:]}
    keys = [x.casefold() for x in s]
    seen = Counter(keys)
    # the words of the article and its comments: a headline's words recur below it
    body = {x.casefold() for w in wl[c.first if c.first is not None else end :] for x in w}
    page = "\n".join(keys)
    reach = min(end, MODEL_REACH)
    # the lines around a candidate: furniture (by rule or by the line model), running
    # text, another headline-shaped line (a site's name sits over menus, a title over
    # its standfirst)
    furniture = [i < end and (c.ruled[i] or c.boiler[i]) for i in range(min(len(s), reach + 1))]
    heads = [headline(s[i], raw[i]) for i in range(len(furniture))]
    out = []
    for i in range(reach):
        w = wl[i]
        f = {
            "bias": 1,
            "rule": int(i == c.rule),
            "ruled": int(c.ruled[i]),
            "boiler": int(c.boiler[i]),
            "headline": int(heads[i]),
            "shaped": int(title_shaped(s[i])),
            "named": int(_key(s[i]) in named),
            "in_list": int(_in_list(s, i)),
            "prose": int(c.prose[i]),
            f"words={_bucket(len(w), (0, 1, 2, 3, 5, 8, 12, 18, 25))}": 1,
            f"pos={_bucket(i, (0, 1, 2, 4, 8, 16, 32, 64, 128))}": 1,
            "next_byline": int(any(byline_like(x) for x in s[i + 1 : i + 3])),
            "over_byline": int(i + 1 < len(s) and byline_like(s[i + 1])),
            "prev_byline": int(i > 0 and byline_like(s[i - 1])),
            "byline": int(byline_like(s[i])),
            "nav": int(nav_like(s[i])),
            f"meta={meta_type(s[i])}": 1,
            "repeated": int(seen[keys[i]] > 1),
            "later_subject": int(subject(s[i]) in later),
            f"end={s[i][-1:] if s[i][-1:] in '?!:.|' else 'w'}": 1,
            "digits": int(bool(re.search(r"\d", s[i]))),
            "sep": int(bool(re.search(r"\s[|\-\u2013\u2014:]\s", s[i]))),
            "crumbs": int(_crumb_title(s[i]) is not None),
            "label": int(bool(_TITLE_LABEL.match(raw[i].strip()))),
            "list_item": int(bool(_LIST_ITEM.match(raw[i]))),
        }
        for j, side in ((i - 1, "prev"), (i + 1, "next")):
            if 0 <= j < len(furniture):
                f[f"{side}_out"] = int(furniture[j])
                f[f"{side}_prose"] = int(j < end and c.prose[j])
                f[f"{side}_headline"] = int(heads[j])
            else:
                f[f"{side}_none"] = 1
        last_out = next((j for j in range(i - 1, -1, -1) if furniture[j]), -1)
        f[f"after_out={_bucket(i - last_out - 1, (0, 1, 2, 4, 8))}"] = 1
        before = sum(heads[j] and not furniture[j] for j in range(max(0, i - TITLE_REACH), i))
        f[f"heads_before={_bucket(before, (0, 1, 2, 4))}"] = 1
        if len(keys[i]) >= 8:  # quoted inside another line: "© 2024 X", "Comments on X"
            f["inside_other"] = int(page.count(keys[i]) > seen[keys[i]])
        if c.first is None:
            f["no_first"] = 1
        else:
            f[f"to_first={_bucket(c.first - i, (-50, -10, -1, 0, 1, 2, 3, 5, 10, 20, 50))}"] = 1
        long_words = [x.casefold() for x in w if len(x) > 3]
        if long_words:
            share = sum(x in body for x in long_words) / len(long_words)
            f[f"body_share={_bucket(share, (0, 0.25, 0.5, 0.75, 0.99))}"] = 1
        cased = [x for x in w if x[:1].isalpha()]
        if cased:
            upper = sum(x[0].isupper() for x in cased) / len(cased)
            f[f"caps={_bucket(upper, (0.2, 0.5, 0.8, 1))}"] = 1
        if len(w) <= 4:  # a menu's or a site's words ("Log in", "Forums")
            for x in w:
                f["w=" + x.casefold()] = 1
        out.append(f)
    return out


def pick_title(c: TitleContext, model: Ranker | None = None) -> int | None:
    """The title's index: of the lines that do not end like a sentence or a label (a
    quoted one included), the one the model ranks highest (a list item only when no other
    line is left); the rules' pick when no line is left."""
    feats = title_features(c)
    open_ = [
        i
        for i in range(len(feats))
        if not _CLOSED.search(c.lines[i].rstrip(_QUOTES)) and not _FORM_CONTROL.match(c.raws[i])
    ]
    model = model or load_title_model()
    # a list item is a related link or a menu entry far more often than the headline
    for cands in ([i for i in open_ if not _LIST_ITEM.match(c.raws[i])], open_):
        best = model.best([feats[i] for i in cands])
        if best is not None:
            return _under_its_path(c.lines, cands[best])
    return c.rule


def _under_its_path(lines: list[str], i: int) -> int:
    """Line `i`, or the line under it where `i` is a breadcrumb that ends with it, its
    separators lost in the copy ("Accueil Cambodge Politique X" over "X")."""
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    ends = len(words(nxt)) >= 3 and lines[i].endswith(f" {nxt}")
    return i + 1 if ends else i


def from_blob(blob: dict) -> Ranker:
    """The title model from a weights blob (as the builder writes it)."""
    return Ranker(dict(blob["coef"]), float(blob["intercept"]))


@lru_cache(maxsize=1)
def load_title_model() -> Ranker:
    """Load the shipped weights file; cached after the first call."""
    raw = resources.files("stance").joinpath("data", MODEL_FILE).read_text("utf-8")
    return from_blob(json.loads(raw))
