"""A learned reading of a comment section: each line of a text dump gets a role.

The text rules know the comment shapes they were written for; on a page of a shape they
were not written for they miss comments or claim furniture. This model reads any shape
the same way: each line (a `section.Unit`) is `head` (the name and date lines that open
a comment), `tail` (name or date lines that close one: "Anonymous said..." after the
text, a guestbook's signature), `text`, `quote` (a quoted parent), `furniture` (buttons,
ranks, vote counts between comments) or `outside` (article, navigation, footer). The
features are the line's layout (length, dates, punctuation, the rules' own line types),
its short words, the same for its neighbours, and how often its shape repeats on the
page (a comment's head line repeats once per comment); a second logistic regression
reads the first one's probabilities of the lines around (`context_features`). Trained
on the annotated development pages in `tests/pages` (written for this project, MIT)
and pages without comments (half the scrapinghub news dumps, MIT);
`benchmarks/build_role_model.py` rebuilds `stance/data/line_roles.json` (plain weights,
no pickle) and `RoleModel` scores with the fitted model's exact arithmetic.

`read_roles` turns the roles into comments: a head opens one, text lines fill it, a tail
or an outside line closes it; a comment needs a date in its head or tail (a paragraph
with no date around it is article or furniture, not a comment), and its author is the
piece of those lines a third small model (`AuthorModel`, trained on the same pages'
gold authors) scores highest. `text.split_text` uses this reading when the rules claim
no comment or claim one without a date, and this reading names enough of its own.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from stance.split.heads import avatar_mark
from stance.split.lines import (
    BUTTONS,
    LINK_NUMBER,
    MARKS,
    NAV,
    POSTER_ROLES,
    date_label,
    is_timestamp,
    meta_text,
    meta_type,
    name_time,
    nav_like,
    reply_author,
    unplaced,
    words,
)
from stance.split.ranker import Ranker
from stance.split.replies import latest_by, nesting_by_indent, parents_by_address
from stance.split.section import Draft, Unit, drop_signatures
from stance.split.threadlines import line_type

#: File name of the shipped weights inside the package's data folder.
MODEL_FILE = "line_roles.json"
#: The roles, in the order of the weights' columns.
ROLES = ("furniture", "head", "outside", "quote", "tail", "text")

_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")
_MONTH = re.compile(
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai"
    r"|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|octubre|noviembre|diciembre",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d{1,2}[:.h]\s?\d{2}")
_DAY = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\b(?:19|20)\d\d\b")
_AGO = re.compile(r"\b(?:ago|vor|il y a|hace|yesterday|gestern|hier|ayer)\b", re.IGNORECASE)
#: Bucket edges of the counted features.
_EDGES = {
    "len": (3, 12, 25, 40, 60, 90, 140, 250),
    "nw": (1, 2, 3, 5, 8, 12, 20, 40),
    "indent": (0, 2, 4, 8),
    "caps": (0.2, 0.5, 0.8),
    "digits": (0, 0.1, 0.3),
    "seps": (0, 1, 2),
    "rep": (1, 2, 3, 5, 9),
    "pos": (0.1, 0.25, 0.5, 0.75, 0.9),
}
#: The own features a line's neighbours contribute.
_CONTEXT = (
    "len", "nw", "ts", "month", "time", "date", "ago", "end_sent", "end_colon", "quote>",
    "nav", "button", "caps", "indent",
)  # fmt: skip


def _bucket(x: float, key: str) -> int:
    return next((i for i, e in enumerate(_EDGES[key]) if x <= e), len(_EDGES[key]))


def signature(s: str) -> str:
    """A line's shape: its first tokens as classes (0 number, M month, A capitalised,
    a lower-case, punctuation as itself), repeats collapsed. Head lines share one."""
    out: list[str] = []
    for t in _TOKEN.findall(s)[:12]:
        if t.isdigit():
            c = "0"
        elif _MONTH.fullmatch(t):
            c = "M"
        elif t[0].isalpha():
            c = "A" if t[0].isupper() else "a"
        else:
            c = t
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _own(u: Unit, kind: str | None) -> dict[str, int]:
    s, raw = u.s, u.raw.strip()
    w = words(s)
    f = {
        "len": _bucket(len(s), "len"),
        "nw": _bucket(len(w), "nw"),
        f"type={kind}": 1,
        f"meta={meta_type(s)}": 1,
        "ts": int(is_timestamp(s)),
        "month": int(bool(_MONTH.search(s))),
        "time": int(bool(_CLOCK.search(s))),
        "date": int(bool(_DAY.search(s))),
        "ago": int(bool(_AGO.search(s))),
        "end_sent": int(bool(re.search(r"[.!?…\"”)]$", s))),
        "end_colon": int(s.endswith(":")),
        "quote>": int(raw.startswith(">")),
        "at_start": int(raw.startswith("@")),
        "indent": _bucket(u.indent, "indent"),
        "nav": int(nav_like(s)),
        "button": int(bool(BUTTONS.match(s))),
        "navre": int(bool(NAV.match(s))),
        "caps": _bucket(sum(1 for x in w if x[:1].isupper()) / len(w), "caps") if w else -1,
        "digits": _bucket(sum(c.isdigit() for c in s) / max(1, len(s)), "digits"),
        "seps": _bucket(len(re.findall(r"[|·•\u2014\u2013]", s)), "seps"),
    }
    tokens = [t.lower() for t in _TOKEN.findall(s)]
    if tokens:
        f[f"first={tokens[0]}"] = 1
        f[f"last={tokens[-1]}"] = 1
    if len(w) <= 8:  # a short line's words: "reply", "said", "points", "beiträge"
        f.update({f"w={t}": 1 for t in tokens if not t.isdigit()})
    f[f"sig={signature(s)}"] = 1
    return f


def line_features(units: list[Unit], text: str) -> list[dict[str, int]]:
    """Each unit's features (name -> value), in page order."""
    kinds = [line_type(u.s) if u.s else "bullet" for u in units]
    base = [_own(u, k) for u, k in zip(units, kinds, strict=True)]
    sigs = [signature(u.s) for u in units]
    sig_count, line_count = Counter(sigs), Counter(u.s for u in units)
    n = len(units)
    out = []
    for i, u in enumerate(units):
        f = dict(base[i])
        f["sigrep"] = _bucket(sig_count[sigs[i]], "rep")
        f["linerep"] = _bucket(line_count[u.s], "rep")
        f["pos"] = _bucket(i / max(1, n), "pos")
        f["blank_before"] = int(i == 0 or text[: u.start].rstrip(" \t").endswith("\n\n"))
        after = text[u.end :]
        f["blank_after"] = int(after.lstrip(" \t").startswith("\n\n") or not after.strip())
        for d in (-2, -1, 1, 2):
            j = i + d
            if not 0 <= j < n:
                f[f"{d}:none"] = 1
                continue
            f.update({f"{d}:{k}={base[j][k]}": 1 for k in _CONTEXT})
            f[f"{d}:type={kinds[j]}"] = 1
            f[f"{d}:sigrep"] = _bucket(sig_count[sigs[j]], "rep")
            f[f"{d}:sig={sigs[j]}"] = int(abs(d) == 1)
        for k in ("len", "nw", "caps", "digits", "seps", "indent", "sigrep", "linerep", "pos"):
            f[f"{k}={f[k]}"] = 1  # each counted feature also as a category
        out.append(f)
    return out


#: The neighbours whose first-stage probabilities the second stage reads.
NEAR = 3
#: The half-widths of the windows the second stage averages over.
WINDOWS = (5, 15)


def context_features(p: list[list[float]]) -> list[list[float]]:
    """The second stage's features of each line, from every line's first-stage P(role):
    its own and its `NEAR` neighbours' (0 and a flag past the page's ends), their means
    over `WINDOWS`, the strongest P(head) in the 8 lines before and after, and the mean
    P(head) of all lines before and after it. A line among comments reads as one even
    where its own features say little (a reply's head, the first comment's)."""
    n, k = len(p), len(ROLES)
    head = ROLES.index("head")
    cum = [[0.0] * k]
    for row in p:
        cum.append([a + b for a, b in zip(cum[-1], row, strict=True)])
    out = []
    for i in range(n):
        f: list[float] = []
        for d in range(-NEAR, NEAR + 1):
            j = i + d
            f.extend(p[j] if 0 <= j < n else [0.0] * k)
            f.append(float(not 0 <= j < n))
        for w in WINDOWS:
            lo, hi = max(0, i - w), min(n, i + w + 1)
            f.extend((cum[hi][r] - cum[lo][r]) / (hi - lo) for r in range(k))
        f.append(max((p[j][head] for j in range(max(0, i - 8), i)), default=0.0))
        f.append(max((p[j][head] for j in range(i + 1, min(n, i + 9))), default=0.0))
        f.append(cum[i][head] / i if i else 0.0)
        f.append((cum[n][head] - cum[i + 1][head]) / (n - i - 1) if i < n - 1 else 0.0)
        out.append(f)
    return out


def _softmax(z: list[float]) -> list[float]:
    top = max(z)
    e = [math.exp(x - top) for x in z]
    total = sum(e)
    return [x / total for x in e]


@dataclass(frozen=True)
class RoleModel:
    """Two multinomial logistic regressions: the first over `line_features` (per feature
    a coefficient per role, `ROLES` order), the second over `context_features` of the
    first's probabilities (per role a coefficient per feature)."""

    coef: dict[str, tuple[float, ...]]
    intercept: tuple[float, ...]
    context_coef: tuple[tuple[float, ...], ...]
    context_intercept: tuple[float, ...]
    authors: AuthorModel
    meta: dict[str, Any]

    def proba(self, features: dict[str, int]) -> list[float]:
        """The first stage's P(role) for one line's features, in `ROLES` order."""
        z = list(self.intercept)
        for name, value in features.items():
            c = self.coef.get(name)
            if c is not None and value:
                z = [a + value * b for a, b in zip(z, c, strict=True)]
        return _softmax(z)

    def page_proba(self, units: list[Unit], text: str) -> list[list[float]]:
        """Each unit's P(role) after the second stage."""
        first = [self.proba(f) for f in line_features(units, text)]
        return [
            _softmax(
                [
                    b + sum(c * x for c, x in zip(row, f, strict=True))
                    for row, b in zip(self.context_coef, self.context_intercept, strict=True)
                ]
            )
            for f in context_features(first)
        ]

    def roles(self, units: list[Unit], text: str) -> list[str]:
        """The most likely role of each unit; then a line of the same shape as two or
        more head lines, with text right after it, is a head too (the first comment's
        head, which has no comment above it to look like, is the one most often missed)."""
        out = [ROLES[p.index(max(p))] for p in self.page_proba(units, text)]
        # names as one class: "Jean-Pierre L." and "Dara P." are the same shape here
        sigs = [re.sub(r"A[A.'\-]*", "A", signature(u.s)) for u in units]
        heads = Counter(sig for sig, r in zip(sigs, out, strict=True) if r == "head")
        for i in range(len(units) - 1):
            if out[i] in ("outside", "furniture") and heads[sigs[i]] >= 2 and out[i + 1] == "text":
                out[i] = "head"
            if (
                out[i] == "head"
                and out[i + 1] != "head"
                and avatar_mark(units[i].s, units[i + 1].s)
            ):
                out[i + 1] = "head"  # "M / mikaelaj": the name under the avatar's letter
        _unsplit_paragraphs(units, text, out)
        return out


_BLANK = re.compile(r"\n[ \t]*\n")  # a blank line


def _unsplit_paragraphs(units: list[Unit], text: str, roles: list[str]) -> None:
    """A paragraph that runs from quote lines into text lines, under a quoted paragraph,
    is all text: a quote is a paragraph of its own ("On DATE, Jo said:" over it), and
    the reply's first line is no part of it."""
    i = 0
    while i < len(units):
        j = i + 1  # the paragraph: lines with no blank line between them
        while j < len(units) and not _BLANK.search(text, units[j - 1].end, units[j].start):
            j += 1
        quoted = next((k for k in range(i, j) if roles[k] != "quote"), j)
        if i and roles[i - 1] == "quote" and i < quoted < j and roles[quoted] == "text":
            roles[i:quoted] = ["text"] * (quoted - i)
        i = j


def from_blob(blob: dict[str, Any]) -> RoleModel:
    """A scorer from a weights blob (as the builder writes it)."""
    if tuple(blob["roles"]) != ROLES:
        raise ValueError("line role model roles do not match this version of stance")
    return RoleModel(
        {k: tuple(v) for k, v in blob["coef"].items()},
        tuple(blob["intercept"]),
        tuple(tuple(row) for row in blob["context_coef"]),
        tuple(blob["context_intercept"]),
        AuthorModel(dict(blob["author_coef"]), float(blob["author_intercept"])),
        blob.get("meta", {}),
    )


@lru_cache(maxsize=1)
def load_role_model() -> RoleModel:
    """Load the shipped weights file; cached after the first call."""
    raw = resources.files("stance").joinpath("data", MODEL_FILE).read_text("utf-8")
    return from_blob(json.loads(raw))


# ---- roles to comments ------------------------------------------------------------------

_STRIP = " ,;|·•\u2014\u2013-()[]«»"
#: What ends a name and is no part of it (a Khmer or Thai vowel sign is).
_TAIL = r"[^\w." + MARKS + r"]+$"
_BADGE = re.compile(
    r"\[[A-Z]{1,3}\]|\(?\b\d[\d,.]*\s*(?:points?|votes?|likes?|pts|puntos|votos|punkte)\b\)?"
    rf"|\b(?:guest|author|op|autor|auteur|{POSTER_ROLES})\b",
    re.IGNORECASE,
)
_CHUNKS = re.compile(r"\s*[|·•\u2014\u2013]\s*|\s+-\s+|,\s+|\s{2,}|\t")
_BY = re.compile(r"^(?:posted by|post by|by|von|par|por|from)\s+", re.IGNORECASE)
_SAID = re.compile(
    r"\s+(?:(?:said|says|wrote|a écrit|schrieb|escribió)\b|និយាយថា).*$", re.IGNORECASE
)
_INITIAL = re.compile(r"\s[A-Z]\.$")
_POST_NUMBER = re.compile(r"(?:reply|antwort|r\u00e9ponse|respuesta)\s*#\s*\d", re.IGNORECASE)


def date_in(s: str) -> tuple[int, int] | None:
    """Where the longest run of whole words of `s` that is a date or time lies."""
    # words; a full-width colon ends one too (a Japanese label glued to its date)
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\s\uff1a]+", s)][:30]
    best: tuple[int, int, int] | None = None
    for a in range(len(spans)):
        for b in range(len(spans), a, -1):
            if best is not None and b - a <= best[2]:
                break
            sub = s[spans[a][0] : spans[b - 1][1]].strip(_STRIP)
            if re.search(r"\d|ago|yesterday|today", sub, re.IGNORECASE) and is_timestamp(sub):
                best = (spans[a][0], spans[b - 1][1], b - a)
                break
    if best is None:
        return None
    # (a name's initial is no weekday's: "Kosal V. Jul 31, 2018")
    k = next(i for i, sp in enumerate(spans) if sp[0] == best[0])
    initial = (
        k > 0 and k + 1 < len(spans) and re.fullmatch(r"[A-Z]\.", s[spans[k][0] : spans[k][1]])
    )
    if initial and is_timestamp(s[spans[k + 1][0] : best[1]].strip(_STRIP)):
        return spans[k + 1][0], best[1]
    return best[0], best[1]


def _date(meta: list[str]) -> str | None:
    for s in meta:
        at = date_in(s)
        if at:
            when = s[at[0] : at[1]].strip(_STRIP)
            return unplaced(date_label(when) or when)  # (not "Written DATE": DATE)
    return None


def author_candidates(meta: list[str]) -> list[tuple[str, dict[str, int]]]:
    """The pieces of a comment's meta lines that could be its author's name (outside the
    date, split at separators, "by"/"said" and badges dropped), each with its features
    for the author model."""
    out: list[tuple[str, dict[str, int]]] = []
    for li, line in enumerate(meta[:6]):
        if NAV.match(line.strip()):  # a menu item ("Search", "Login") names nobody
            continue
        if li + 1 < len(meta) and avatar_mark(line.strip(), meta[li + 1].strip()):
            continue  # "M / mikaelaj": the avatar's letter over the name
        s = _BADGE.sub(" ", meta_text(line.strip())).strip()  # (not "· edited 3 yr. ago")
        at = date_in(s)
        if at:
            s = f"{s[: at[0]]} | {s[at[1] :]}"
        chunks = [c for c in _CHUNKS.split(s) if c.strip()]
        for ci, chunk in enumerate(chunks):
            c = re.sub(r"^[^\w@]+|" + _TAIL, "", chunk)  # "~ Jo", "(Jo)", "Jo:"
            by, said = bool(_BY.match(c)), bool(_SAID.search(c))
            c = re.sub(_TAIL, "", _SAID.sub("", _BY.sub("", c)))
            c = re.sub(r"(?:'s|\u2019s)?\s+(?:user\s+)?avatar$", "", c, flags=re.IGNORECASE)
            if not _INITIAL.search(c):
                c = c.rstrip(".")
            w = words(c)
            if not c or not re.search(r"[^\W\d_]", c) or len(c) > 40 or not 1 <= len(w) <= 5:
                continue
            if _POST_NUMBER.match(c):  # SMF's "« Reply #3 on: DATE »"
                continue
            f = {f"w={x.lower()}": 1 for x in w}
            f |= {
                f"nw={min(len(w), 4)}": 1,
                f"line={min(li, 3)}": 1,
                f"chunk={min(ci, 3)}": 1,
                f"chunks={min(len(chunks), 4)}": 1,
                f"caps={sum(x[:1].isupper() for x in w) * 2 // len(w)}": 1,
                "digit": int(any(ch.isdigit() for ch in c)),
                "at": int(c.startswith("@")),
                "under": int("_" in c or "." in c.rstrip(".")),
                "initial": int(bool(_INITIAL.search(c))),
                "by": int(by),
                "said": int(said),
                "dated_line": int(at is not None),
                "whole_line": int(len(chunks) == 1 and not at),
                "ts": int(is_timestamp(c)),
                "button": int(bool(BUTTONS.match(c))),
                "hash": int("#" in chunk),
            }
            out.append((c, f))
    return out


class AuthorModel(Ranker):
    """Logistic regression: is a candidate piece (`author_candidates`) the author?"""

    def author(self, meta: list[str]) -> str | None:
        """The most likely author among the candidates (None: no candidate)."""
        cands = author_candidates(meta)
        best = self.best([f for _, f in cands])
        return None if best is None else cands[best][0]


@dataclass
class _Reading:
    draft: Draft
    meta: list[Unit]  # its head and tail lines
    quotes: list[Unit]
    closed: bool = False


def _readings(units: list[Unit], roles: list[str]) -> list[_Reading]:
    """The units grouped into would-be comments by their roles."""
    readings: list[_Reading] = []
    last: str | None = None

    def current(new: bool) -> _Reading:
        if new or not readings or readings[-1].closed:
            readings.append(_Reading(Draft(len(readings) + 1), [], []))
        return readings[-1]

    for u, role in zip(units, roles, strict=True):
        cur = readings[-1] if readings else None
        if role == "head":  # a head line after another (or a quote) joins its comment
            joins = cur is not None and not cur.closed and not cur.draft.body
            current(not (joins and last in ("head", "quote"))).meta.append(u)
        elif role == "text":
            d = current(False).draft
            d.gaps = d.gaps or bool(d.body and last != "text")
            d.body.append(u)
        elif role == "quote":
            r = current(False)
            if r.meta and not r.draft.body and _date([_meta_line(v) for v in r.meta]) is None:
                r.closed = True  # under an undated head ("Search"): a title, no quote
                last = "outside"
                continue
            r.draft.quoted.append(u.raw.strip().lstrip(">").strip())
            r.quotes.append(u)
        elif role in ("tail", "outside") and cur is not None:
            if role == "tail":
                cur.meta.append(u)
            cur.closed = True
        if role != "furniture":
            last = role
    return readings


def _meta_line(u: Unit) -> str:
    """A head line as the page has it, without a text browser's link numbers ("[49]Jo")."""
    return LINK_NUMBER.sub("", u.raw.strip())


def read_roles(units: list[Unit], roles: list[str], model: RoleModel | None = None) -> list[Draft]:
    """Comments from the units' roles (see the module docstring), numbered from 1, their
    authors picked by `model` (default: the shipped one); the units of each get their
    kind ("comment" / "comment_meta") and comment ordinal, and furniture between comments
    becomes boilerplate. Units outside every comment keep their kind."""
    authors = (model or load_role_model()).authors
    readings = _readings(units, roles)
    drafts: list[Draft] = []
    for r in readings:
        head = r.meta[0].start if r.meta else None
        if head is not None and r.draft.body and head < r.draft.body[0].start:
            # a "quote" above the head of a comment that opens with its head: a title
            # over the post, no part of it
            above = [q for q in r.quotes if q.start < head]
            r.quotes = r.quotes[len(above) :]
            r.draft.quoted = r.draft.quoted[len(above) :]
        meta = [_meta_line(u) for u in r.meta]
        when = _date(meta) if r.draft.body else None
        if when is None:  # a reader's comment shows its date (615 of 625 annotated do)
            continue
        d = r.draft
        d.ordinal = len(drafts) + 1
        d.author, d.posted_at = authors.author(meta), when
        d.closed = True
        for u in d.body:
            u.kind, u.comment = "comment", d.ordinal
        for u in r.meta + r.quotes:
            u.kind, u.comment = "comment_meta", d.ordinal
        drafts.append(d)
    drop_signatures(drafts)  # (as the rules do on a whole page's section)
    if drafts:  # what lies between the comments is furniture
        mine = [u for u in units if u.comment is not None]
        first, end = mine[0].start, mine[-1].start
        for u in units:
            if first <= u.start <= end and u.comment is None:
                u.kind = "boilerplate"
        _parents(units, drafts)
    return drafts


def _parents(units: list[Unit], drafts: list[Draft]) -> None:
    """Who each comment answers, as the section reader finds it: a "Replying to Jo" line
    among its own lines, an indented dump's nesting, a reply that opens by naming an
    earlier poster (`replies.py`; quotes are matched later, for every reading)."""
    at = 0
    for d in drafts:  # each comment's lines: from after the previous one's to its last
        last = max(i for i, u in enumerate(units) if u.comment == d.ordinal)
        mine = [i for i in range(at, last + 1) if units[i].comment in (None, d.ordinal)]
        d.indent = units[mine[0]].indent if mine else None
        to = next((a for i in mine if (a := reply_author(units[i].s))), None)
        if to is not None:
            d.parent = latest_by(drafts[: d.ordinal - 1], to)
        at = last + 1
    nesting_by_indent(drafts)
    parents_by_address(drafts)
    for d in drafts:  # Skype: "Jo, 7:05 AM" over the lines quoted names the parent
        head = name_time(d.quoted[0]) if d.quoted else None
        up = next((e for e in drafts[: d.ordinal - 1] if (e.author, e.posted_at) == head), None)
        if up is not None:
            d.quoted, d.parent = d.quoted[1:], d.parent or up.ordinal
