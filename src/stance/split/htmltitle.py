"""An HTML page's title: what its headings and its own declarations (`og:title`,
`<title>`) agree on.

A page names its headline several times: in an h1 (the one trafilatura picks), in
`og:title` and in `<title>`, where the site name, a section or a series is often added
after " | ", " - " or " » ", and a kicker ("Corona: ...", "Thread: ...") is sometimes put
before the headline in the h1. The rules, in order:

0. A blog page whose h1s only link to its front page (the blog's name): the first
   heading that links to a post's permalink (`rel="bookmark"`).
1. A heading that is a kicker plus the declared title ("Thread: X" with `<title>` "X",
   also word by word when the punctuation differs): the declared title; an h1 whose
   kicker is an element of its own ("kicker", "overline", "dachzeile" in its class),
   declared with the kicker: the h1 without it.
2. An h1 the page also declares (equal to `og:title`, to `<title>` or to its first
   part, or `og:title`/`<title>` starting with it before a separator), unless it is the
   site name (`og:site_name` or a later part of `<title>`): that h1.
3. The longest heading (h1 to h3) or `og:title` that `<title>` holds as a proper part,
   word for word, not the site's name nor a link home, nor a kicker before another such
   heading: "Blog: Post title", "Post title: a subtitle - Forum", "#1482: Post title".
4. A breadcrumb `<title>` ("Site - Section » Page"): its last part, if a heading says it.
5. Trafilatura's pick, unless it is the site name, a comment-form heading or a label
   ending in ":"; when it is neither an h1 nor declared and `og:title` agrees with
   `<title>`, that agreed title instead.
6. Else an h1 found in the declared title, then `og:title`, then `<title>`'s first part.
"""

from __future__ import annotations

import re
from typing import Any

from stance.split.lines import HEADER, NAV, squash, words

#: The longest kicker (in words) before a headline that is told from it by words alone.
KICKER_WORDS = 4
# Markup that names a heading's kicker, and text only screen readers get.
_KICKER_CLASS = re.compile(r"kicker|overline|dachzeile|topline|roofline|eyebrow|supertitle")
_HIDDEN_CLASS = re.compile(r"\b(?:visually-hidden|sr-only|screen-reader-text)\b")

_TITLE_SEP = re.compile(r"\s+(?:[|\-\u2013\u2014:\u00bb\u00b7]|::)\s+")
# After a kicker: "Thread: X", "Corona-Pandemie : X", "Kicker - X".
_KICKER_SEP = re.compile(r"^(?:.{1,80}?)\s*(?::|\s[-\u2013\u2014|])\s+$")
#: A link post's domain after its title (Reddit, Lemmy, kbin): "Title (site.example)".
_LINK_DOMAIN = re.compile(r"\s+\((?:[\w-]+\.)+[a-z]{2,}\)$")
_BREADCRUMB = re.compile(r"\s(?:\u00bb|\u203a)\s")


def _kicker_then(heading: str, declared: str) -> bool:
    """Is `heading` a kicker followed by `declared` ("Thread: Fuel prices")? Compared
    word by word when the punctuation differs ("Korea: Kim - Back, Trump glad" and "Kim:
    Back - Trump glad"), the kicker then at most `KICKER_WORDS` words before a colon."""
    h, d = heading.casefold(), declared.casefold()
    if len(h) > len(d) and h.endswith(d) and bool(_KICKER_SEP.match(heading[: -len(d)])):
        return True
    hw, dw = words(h), words(d)
    k = len(hw) - len(dw)
    if not dw or not 0 < k <= KICKER_WORDS or hw[k:] != dw:
        return False
    kicker = r"\W+".join(re.escape(w) for w in hw[:k])
    return bool(re.match(rf"^\W*{kicker}\s*:\s", h))


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


def _text_without(el: Any, drop: set) -> str:
    parts = [el.text or "" if isinstance(el.tag, str) else ""]
    for c in el:
        if c not in drop:
            parts.append(_text_without(c, drop))
        parts.append(c.tail or "")
    return "".join(parts)


def _heading_text(h: Any) -> str:
    """A heading's text without its kicker element ("kicker", "overline", "dachzeile" in
    its class), without text only screen readers get and without a link post's domain."""
    drop = {
        e
        for e in h.iterdescendants()
        if isinstance(e.tag, str)
        and (
            _KICKER_CLASS.search(e.get("class") or "") or _HIDDEN_CLASS.search(e.get("class") or "")
        )
    }
    text = squash(_text_without(h, drop) if drop else h.text_content())
    return _LINK_DOMAIN.sub("", text)


def _home_link(h: Any) -> bool:
    """Is this heading a link to the site's front page (the site's name as its logo)?"""
    from urllib.parse import urlparse

    links = h.xpath(".//a[@href]")
    if len(links) != 1 or squash(links[0].text_content()) != squash(h.text_content()):
        return False
    url = urlparse(links[0].get("href"))
    return url.path in ("", "/") and not url.query and not url.fragment


def _permalink_heading(tree: Any) -> str:
    """On a page whose h1s are all front-page links (a blog's name), the first heading
    that links to a post's permalink (`rel="bookmark"`): the post's title."""
    h1s = list(tree.iter("h1"))
    if not h1s or not all(_home_link(h) for h in h1s):
        return ""
    for h in tree.iter("h2", "h3"):
        if h.xpath('.//a[contains(concat(" ", normalize-space(@rel), " "), " bookmark ")]'):
            return squash(h.text_content())
    return ""


def _words_key(s: str) -> str:
    return " ".join(words(s.casefold()))


def _inside_title(tree: Any, tag: str, og: str, site_names: set[str]) -> str:
    """Rule 3: the longest heading (h1 to h3, not a link home, not the site's name) or
    `og:title` of two words or more that `<title>` holds as a proper part, word for
    word; not a kicker before another such heading."""
    whole = _words_key(tag)
    found = []
    for h in [*(x for x in tree.iter("h1", "h2", "h3") if not _home_link(x)), og]:
        text = h if isinstance(h, str) else _heading_text(h)
        key = _words_key(text)
        if (
            len(key.split()) >= 2
            and key != whole
            and text.casefold() not in site_names
            and f" {key} " in f" {whole} "
        ):
            found.append(text)
    # a kicker and a heading found too ("Siemens: Kaeser verarscht Neubauer"): the heading
    found = [f for f in found if not any(g != f and _kicker_then(f, g) for g in found)]
    return max(found, key=lambda t: len(_words_key(t)), default="")


def _h1s(tree: Any) -> tuple[list[str], set[str]]:
    """The h1s' texts (without kicker elements), and those that had a kicker element."""
    h1s, kicked = [], set()
    for node in tree.iter("h1"):
        h = _heading_text(node)
        if h:
            h1s.append(h)
            if h != squash(node.text_content()):
                kicked.add(h)
    return h1s, kicked


def _kicker_rule(heads: list[str], kicked: set[str], declared: str, site_names: set[str]) -> str:
    """Rule 1: a heading that is a kicker plus the declared title gives the declared
    title; an h1 stripped of its kicker element, declared with the kicker, gives itself."""
    if not declared:
        return ""
    for h in heads:
        if h and _kicker_then(h, declared):
            return declared
    for h in kicked:
        if h.casefold() not in site_names and _kicker_then(declared, h):
            return h
    return ""


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
    permalink = _permalink_heading(tree)  # 0
    if permalink:
        return permalink
    h1s, kicked = _h1s(tree)
    declared = og or (parts[0] if parts else "")
    kicker = _kicker_rule([picked, *h1s], kicked, declared, site_names)  # 1
    if kicker:
        return kicker
    for h in h1s:  # 2
        if h.casefold() not in sites and _declares(h, og, tag, parts):
            return h
    inside = _inside_title(tree, tag, og, site_names)  # 3
    if inside:
        return inside
    if _BREADCRUMB.search(tag):  # 4
        last = squash(_BREADCRUMB.split(tag)[-1])
        heads = {squash(h.text_content()) for h in tree.iter("h1", "h2")}
        if last in heads and last.casefold() not in site_names:
            return last
    if picked and picked.casefold() not in sites:  # 5
        agreed = og and parts and og.casefold() == parts[0].casefold()
        if agreed and picked not in h1s and not _declares(picked, og, tag, parts):
            return og
        return picked
    lowered = declared.casefold()  # 6
    for h in h1s:
        if h.casefold() in lowered and h.casefold() not in sites:
            return h
    return og or (parts[0] if len(parts) >= 2 else picked or tag)
