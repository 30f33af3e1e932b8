"""An HTML page's title: what its headings and its own declarations (`og:title`,
`<title>`) agree on.

A page names its headline several times: in an h1 (the one trafilatura picks), in
`og:title` and in `<title>`, where the site name, a section or a series is often added
after " | ", " - " or " » ", and a kicker ("Corona: ...", "Thread: ...") is sometimes put
before the headline in the h1. The rules, in order:

1. A heading that is a kicker plus the declared title ("Thread: X" with `<title>` "X"):
   the declared title.
2. An h1 the page also declares (equal to `og:title`, to `<title>` or to its first
   part, or `og:title`/`<title>` starting with it before a separator), unless it is the
   site name (`og:site_name` or a later part of `<title>`): that h1.
3. A breadcrumb `<title>` ("Site - Section » Page"): its last part, if a heading says it.
4. Trafilatura's pick, unless it is the site name, a comment-form heading or a label
   ending in ":"; when it is neither an h1 nor declared and `og:title` agrees with
   `<title>`, that agreed title instead.
5. Else an h1 found in the declared title, then `og:title`, then `<title>`'s first part.
"""

from __future__ import annotations

import re
from typing import Any

from stance.split.lines import HEADER, NAV, squash

_TITLE_SEP = re.compile(r"\s+(?:[|\-\u2013\u2014:\u00bb\u00b7]|::)\s+")
# After a kicker: "Thread: X", "Corona-Pandemie : X", "Kicker - X".
_KICKER_SEP = re.compile(r"^(?:.{1,80}?)\s*(?::|\s[-\u2013\u2014|])\s+$")
_BREADCRUMB = re.compile(r"\s(?:\u00bb|\u203a)\s")


def _kicker_then(heading: str, declared: str) -> bool:
    """Is `heading` a kicker followed by `declared` ("Thread: Fuel prices")?"""
    h, d = heading.casefold(), declared.casefold()
    return len(h) > len(d) and h.endswith(d) and bool(_KICKER_SEP.match(heading[: -len(d)]))


def _declares(h: str, og: str, tag: str, parts: list[str]) -> bool:
    """Does `og:title` or `<title>` name heading `h` (whole, as a part, or as its
    beginning before a separator)?"""
    key = h.casefold()
    for d in (og, tag):
        low = d.casefold()
        if low == key or (low.startswith(key) and _TITLE_SEP.match(d[len(h) :] + " ")):
            return True
    return any(p.casefold() == key for p in parts)


def _trafilatura_pick(tree: Any) -> str:
    from trafilatura.metadata import extract_title  # lazy: heavy

    try:
        picked = squash(extract_title(tree) or "")
    except Exception:  # a heuristic on odd markup; a missing title is no error
        return ""
    if HEADER.match(picked) or NAV.match(picked) or picked.endswith(":"):
        return ""
    return picked


def html_title(tree: Any) -> str:
    """The page's headline by the rules of this module's docstring ("" if none)."""
    picked = _trafilatura_pick(tree)
    og = next((squash(x) for x in tree.xpath('//meta[@property="og:title"]/@content')), "")
    tag = next((squash(t.text_content()) for t in tree.iter("title")), "")
    parts = [p for p in _TITLE_SEP.split(tag) if p.strip()]
    site_names = {
        squash(x).casefold() for x in tree.xpath('//meta[@property="og:site_name"]/@content')
    }
    sites = site_names | {p.casefold() for p in parts[1:]}
    h1s = [h for h in (squash(h.text_content()) for h in tree.iter("h1")) if h]
    declared = og or (parts[0] if parts else "")
    for h in [picked, *h1s]:  # 1
        if h and declared and _kicker_then(h, declared):
            return declared
    for h in h1s:  # 2
        if h.casefold() not in sites and _declares(h, og, tag, parts):
            return h
    if _BREADCRUMB.search(tag):  # 3
        last = squash(_BREADCRUMB.split(tag)[-1])
        heads = {squash(h.text_content()) for h in tree.iter("h1", "h2")}
        if last in heads and last.casefold() not in site_names:
            return last
    if picked and picked.casefold() not in sites:  # 4
        agreed = og and parts and og.casefold() == parts[0].casefold()
        if agreed and picked not in h1s and not _declares(picked, og, tag, parts):
            return og
        return picked
    lowered = declared.casefold()  # 5
    for h in h1s:
        if h.casefold() in lowered and h.casefold() not in sites:
            return h
    return og or (parts[0] if len(parts) >= 2 else picked or tag)
