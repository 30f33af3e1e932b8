"""HTML pages: `split_html` and its helpers (finding comment markup, rendering an element
as lines of text)."""

from __future__ import annotations

import re
from typing import Any

from stance.io import decode_bytes
from stance.split.document import Comment, Document, Segment
from stance.split.htmltitle import html_title
from stance.split.lines import NAV, NOTICE, is_short_label, squash, unspaced, words
from stance.split.listblocks import Block, item_blocks, section_blocks
from stance.split.repeated import Item, comment_lists, name_button, talk_outside_lists
from stance.split.text import split_blocks, split_text

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
    "fieldset",
    "legend",
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
    r"(?:^|[\s_-])(?:comments?|commentlist|comment-?list|comment-?area|kommentare?|"
    r"responses|discussion|disqus_thread|replies)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOT_COMMENTS = re.compile(
    r"respond|comment-?form|reply-?title|commentform|comments?-link|"
    r"comment-?count|comments?-(?:closed|rss|feed|policy)|"
    r"add-?comment|leave|meta|widget|recent|latest|popular|most",
    re.IGNORECASE,
)


# A profile box's label ("Join Date", "Posts") in a <dt>, its value in the next <dd>.
_PROFILE_LABEL = re.compile(
    r"^(?:posts|joined|join\s+date|location|reputation|messages|member\s+since|registered"
    r"|beiträge|mitglied\s+seit|registriert)\s*:?$",
    re.IGNORECASE,
)


def _profile_pair(el: Any) -> Any:
    """The <dd> that holds the value of this <dt> profile label, or None."""
    nxt = el.getnext()
    if (
        el.tag.lower() == "dt"
        and len(el) == 0
        and _PROFILE_LABEL.match((el.text or "").strip())
        and nxt is not None
        and isinstance(nxt.tag, str)
        and nxt.tag.lower() == "dd"
    ):
        return nxt
    return None


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: Coral's label for screen readers over a comment that shows the name and the age again
#: ("Comment from Jo 3 years ago"). (Not Bootstrap's "sr-only": phpBB's post heads need
#: its words.)
_SCREEN_READER = re.compile(r"(?:^|\s)AriaInfo-root(?:$|\s)")


def _node_text(node: Any, exclude: frozenset[Any] = frozenset()) -> str:
    """Block-aware text of an lxml subtree: one line per block element, without the
    subtrees in `exclude`. Iterative, so deeply nested pages cannot exhaust the stack.
    Two inline elements that touch ("<a>jo</a><span>57 points</span>") are read with a
    space between them, and a profile label with its value ("Join Date: Feb 2014")
    makes one line; hidden elements (`hidden`, `display: none`) are not read."""
    out: list[str] = []
    joined: set[Any] = set()  # <dd> values already written after their <dt> label
    after_inline = False  # the last output was the end of an inline element
    pre = 0  # how many <pre> elements the text is in: there, source line breaks are lines

    def add(text: str | None) -> None:
        nonlocal after_inline
        if text:  # source line breaks are spaces in HTML; blocks make the lines
            text = re.sub(r"[^\S\n]+", " ", text).replace("\n", _PRE_BREAK) if pre else text
            out.append(re.sub(r"\s+", " ", text))
            after_inline = False

    stack: list[tuple[str, Any]] = [("enter", node)]
    while stack:
        action, el = stack.pop()
        if action == "tail":
            add(el.tail)
            after_inline = (
                not el.tail and isinstance(el.tag, str) and el.tag.lower() not in _BLOCK_TAGS
            )
            continue
        if action == "close":
            out.append("\n")
            after_inline = False
            pre -= el.tag.lower() == "pre"
            continue
        if el is not node:
            stack.append(("tail", el))  # runs after the element's own subtree
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        skipped = tag in _SKIP_TAGS and not name_button(el)  # (a poster's name as a button)
        if not tag or skipped or (el in exclude and el is not node) or el in joined:
            continue
        if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
            continue  # (never shown: a comment's avatar URL kept for a script)
        if _SCREEN_READER.search(el.get("class") or ""):
            continue
        if tag in _BLOCK_TAGS or (tag == "cite" and _quote_cite(el)):
            out.append("\n")
            stack.append(("close", el))
            after_inline = False
            pre += tag == "pre"
            value = _profile_pair(el)
            if value is not None:
                joined.add(value)
                label = (el.text or "").strip().rstrip(":")
                add(f"{label}: {squash(value.text_content())}")
                continue
        elif after_inline and out and out[-1][-1:].strip() and (el.text or "")[:1].strip():
            out.append(" ")
        add(el.text)
        stack.extend(("enter", child) for child in reversed(el))
    text = "".join(out)
    lines = [_pre_lines(re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln)) for ln in text.split("\n")]
    return "\n\n".join(ln for ln in lines if ln)


def _quote_cite(el: Any) -> bool:
    """A `<cite>` that names a quote's source at the top of a `<blockquote>` (phpBB's
    "Jo wrote: ↑ DATE"): a line of its own, as its style shows it, not glued to the
    quoted words (a comment's `<cite>` name, WordPress's, stays inline)."""
    up = el.getparent()
    for _ in range(2):
        if up is None or not isinstance(up.tag, str):
            return False
        if up.tag.lower() == "blockquote":
            return True
        up = up.getparent()
    return False


#: Stands for a line break inside `<pre>` while `_node_text` joins the page's lines.
_PRE_BREAK = "\ue000"


def _pre_lines(line: str) -> str:
    """A line with its `<pre>` breaks as line breaks: a blank line in the `<pre>` is a
    paragraph break, as between blocks."""
    parts = [p.strip() for p in line.split(_PRE_BREAK)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(parts)).strip("\n")


_ONE_COMMENT = re.compile(
    r"^(?:(?:li|div|article)-)?(?:comment|komentar|kommentar)[-_]?\d+$|^c\d+$", re.IGNORECASE
)
_ONE_COMMENT_CLASS = re.compile(
    r"^(?:comment|comment-item|commentlist-item|single-comment"
    r"|comment-body|kommentar|comment__item)$",
    re.IGNORECASE,
)


def _body_of_headed(node: Any, nodes: frozenset) -> bool:
    """Is `node` a comment's body (class "comment-body") whose nearest single-comment
    ancestor holds text of its own besides it (the name and date)?"""
    if "comment-body" not in (node.get("class") or "").lower().split():
        return False
    up = next((a for a in node.iterancestors() if a in nodes), None)
    return up is not None and bool(_node_text(up, nodes).strip())


def _comment_blocks(container: Any) -> list[tuple[str, bool, int | None]]:
    """The container's text cut at single-comment elements (li.comment, #comment-12, ...):
    first what lies outside them (header, form), then each comment without its replies,
    the replies after it. With fewer than two such elements, the whole text as one block.
    Returns (text, furniture, parent) triples: furniture is the text outside the single
    comments; parent, the index in this list of the comment element a reply is nested in
    (old Reddit's `div.child`, WordPress' `ul.children`), else None.
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
    # A comment's body inside a comment that shows its own head around it (li.comment >
    # div.comment-info, div.comment-body) is that comment's text, not one of its own.
    found = frozenset(nodes)
    nodes = [n for n in nodes if not _body_of_headed(n, found)]
    # Nested matches (li.comment > div.comment-body, replies) keep only their own text.
    if len(nodes) < 2:
        return [(_node_text(container), False, None)]
    skip = frozenset(nodes)
    texts = [_node_text(n, skip) for n in nodes]
    kept = [k for k, t in enumerate(texts) if t.strip()]
    outside = _node_text(container, skip)
    first = 1 if outside.strip() else 0
    index = {nodes[k]: first + n for n, k in enumerate(kept)}  # node -> its block
    blocks: list[tuple[str, bool, int | None]] = [(outside, True, None)] if first else []
    # a wrapper with no text of its own (WordPress' li.comment) stands for its first comment
    head: dict[Any, int] = {}
    for k in kept:
        wrap = next((a for a in nodes[k].iterancestors() if a in skip), None)
        head.setdefault(wrap, index[nodes[k]])
    for k in kept:
        me = index[nodes[k]]
        ups = (index.get(a, head.get(a)) for a in nodes[k].iterancestors() if a in skip)
        blocks.append((texts[k], False, next((u for u in ups if u != me), None)))
    return blocks


#: Tags never taken for a comment section's container.
_NOT_CONTAINER = frozenset({"a", "span", "script", "form", "body", "html"})


def _comment_containers(tree: Any) -> list[Any]:
    """Outermost elements whose id/class says "comments" (not forms, counts or widgets)."""
    found = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag.lower() in _NOT_CONTAINER:
            continue
        attrs = f"{el.get('id', '')} {el.get('class', '')}"
        if not _COMMENT_ATTR.search(attrs) or _NOT_COMMENTS.search(attrs):
            continue
        if any(a in found for a in el.iterancestors()):
            continue
        if len(_node_text(el)) >= 40:
            found.append(el)
    return found


#: Where one saved document ends and the next begins ("</body></html>" before a later
#: "<html>"), and a later document's doctype and head (its <title> would read as text).
_DOCUMENT_END = re.compile(r"</body\s*>\s*</html\s*>\s*(?=.*?<html[\s>])", re.I | re.DOTALL)
_HTML_START = re.compile(r"<html[\s>]", re.IGNORECASE)
_LATER_HEAD = re.compile(r"<!DOCTYPE[^>]*>|<head[\s>].*?</head\s*>", re.IGNORECASE | re.DOTALL)


def _one_document(html: str) -> str:
    """Several documents saved into one file (a list archive saved message after message)
    as one: the parser stops at the first "</html>", and would lose the rest."""
    # (a later document opens after the first one closes: the "<html>"s of an old IE's
    # conditional comments, before it, are one document's)
    end = re.search(r"</html\s*>", html, re.IGNORECASE)
    later = _HTML_START.search(html, end.end()) if end else None
    if later is None:
        return html
    first, rest = html[: later.start()], html[later.start() :]
    return _DOCUMENT_END.sub("", first + _LATER_HEAD.sub("", rest))


def split_html(html: str | bytes, doc_id: str = "doc", source: str | None = None) -> Document:
    """Split an HTML page: trafilatura's article text, then the page's comment section.

    Comments come from three sources, merged without duplicates: the page's comment
    markup (elements whose id/class names comments, rendered one line per block),
    trafilatura's own comment extraction, and comments the text rules find in the
    rendered page outside both. The section is split into single comments by the text
    rules; article paragraphs found in it move out of the editorial text. Name-only,
    notice and menu "comments" and exact repeats of a comment become boilerplate.

    Losslessness holds for the extracted text, not the markup: `Document.text` (title,
    editorial paragraphs, comment section, joined by blank lines) is what the segments
    tile and `rebuild()` returns. Markup, scripts and whatever trafilatura drops as
    boilerplate never become text, so they are in no segment.
    """
    import lxml.html  # lazy: heavy, and only HTML pages need them
    import trafilatura

    if isinstance(html, bytes):
        html, _ = decode_bytes(html)
    if not html.strip():
        return Document(doc_id, source, None, [], [])
    html = _one_document(html)
    try:
        # lxml refuses str input that carries an XML encoding declaration
        tree = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except Exception:  # lxml rejects some fragments; trafilatura may still cope
        tree = None
    try:  # no metadata: its date search costs more than the rest of the split
        extracted = trafilatura.bare_extraction(html, include_comments=True)
    except Exception:  # trafilatura raises assorted errors on broken pages
        extracted = None
    title = html_title(tree) if tree is not None else ""
    article = (getattr(extracted, "text", None) or "") if extracted else ""
    traf_comments = (getattr(extracted, "comments", None) or "") if extracted else ""
    paras = [ln.strip() for ln in article.split("\n") if ln.strip()]
    if paras and title and squash(paras[0]) == squash(title):
        paras = paras[1:]  # the headline is the title, not an editorial paragraph
    # The page's comment markup, plus what trafilatura saw as comments, plus comments
    # our text rules find in the rendered page that neither has.
    # Blocks: a comment never spans two; the rules split a block further.
    blocks: list[tuple[list[str], bool]] = []  # (lines, furniture)
    nested: dict[int, int] = {}  # block index -> the index of the block it answers
    reads: list[Item | None] = []  # a repeated list's item, read from its markup
    area: list[str] = []  # every line of the comment lists' containers
    repeated = False
    if tree is not None:
        groups, repeated = _markup_blocks(tree, title)
        for c in groups:
            opening = _opening_item(c, paras)
            if opening:  # (its words stay the article's)
                c = [(c[0][0], True, None, None), *((b, f, up or None, r) for b, f, up, r in c[1:])]
            blocks, reads = _add_group(c, blocks, reads, nested)
            if any(r is not None for *_, r in c):
                area += [x for b, *_ in c[opening:] for x in b.split("\n\n")]
    have = squash(" ".join(x for b, _ in blocks for x in b))
    extra = [
        ln.strip()
        for ln in traf_comments.split("\n")
        if ln.strip() and squash(ln) not in have and not _glued_again(ln, have)
    ]
    if extra:
        blocks.append((extra, False))
    if tree is not None:  # comments outside any comment markup, found by the text rules
        have = squash(" ".join(x for b, _ in blocks for x in b))
        said = squash(" ".join(x for b, f in blocks if not f for x in b))  # comments' blocks
        known = {squash(p) for p in paras}
        blocks += [
            (block, False)
            for text, block, modelled in _rendered_comments(tree, not groups)
            if squash(text) not in have
            # (a modelled "comment" holding an article paragraph: the article's tail)
            and not (modelled and any(squash(x) in known for x in text.split("\n")))
            # (a comment read already, the page's tail glued on: "text / Related / footer")
            and squash(text.split("\n", 1)[0]) not in said
            and (not repeated or talk_outside_lists(text, [*paras, title]))
        ]
    reads += [None] * (len(blocks) - len(reads))
    blocks = [([x for x in b if x.strip()], f) for b, f in blocks]
    kept = [k for k, (b, _) in enumerate(blocks) if b]
    renumber = {k: n for n, k in enumerate(kept)}
    parents = [renumber.get(nested[k]) if k in nested else None for k in kept]
    blocks = [blocks[k] for k in kept]
    reads = [reads[k] for k in kept]
    lines = [x for b, f in blocks if not f for x in b] + area
    section = _prune(split_blocks(blocks, doc_id, source, parents, reads), doc_id)
    return _compose(doc_id, source, title, _not_moved(paras, lines, section), section)


def _opening_item(group: list[Block], paras: list[str]) -> bool:
    """Is the first item of a repeated list the thread's opening post (a list or forum
    thread's first message: the article)? The list is all the page says: three or more
    items, read from markup, no comment heading over them ("3 Comments": a comment page's
    list), and every paragraph of the article the extractor found is in them, some in
    the first."""
    if group[0][3] is None or sum(r is not None and not f for _, f, _, r in group) < 3:
        return False  # (a heading's block first: the text around the list; events no posts)
    # (whitespace apart: the extractor glues inline elements, "messageEither")
    items = [{unspaced(x) for x in b.split("\n\n")} for b, *_ in group]
    long = [unspaced(p) for p in paras if len(p) >= 80]
    return (
        bool(long)
        and any(p in items[0] for p in long)
        and all(any(p in i for i in items) for p in long)
    )


def _glued_again(line: str, have: str) -> bool:
    """Is trafilatura's line a short rendering of markup we already have, its inline
    elements glued together ("[-]jo57 points58 points")? No word of it is new."""
    new = re.findall(r"[^\W\d_]+", line)
    return 0 < len(new) <= 20 and set(new) <= set(re.findall(r"[^\W\d_]+", have))


def _add_group(
    group: list[Block],
    blocks: list[tuple[list[str], bool]],
    reads: list[Item | None],
    nested: dict[int, int],
) -> tuple[list[tuple[list[str], bool]], list[Item | None]]:
    """Blocks and readings with one container's (or list's) blocks added; `nested` gets
    their nesting, in indices of `blocks`."""
    base = len(blocks)
    for b, f, up, r in group:
        if up is not None:
            nested[len(blocks)] = base + up
        blocks.append((b.split("\n\n"), f))
        reads.append(r)
    return blocks, reads


def _is_thread(section: Document) -> bool:
    """A forum, list or Reddit thread: two or more comments, nearly all with an author
    and a date (comment markup around an article's paragraphs has neither)."""
    n = len(section.comments)
    signed = sum(bool(c.author and c.posted_at) for c in section.comments)
    return n >= 2 and signed >= 0.8 * n


def _not_moved(paras: list[str], lines: list[str], section: Document) -> list[str]:
    """The article paragraphs left once those that are really comments move out.

    A paragraph that is a line of the comment section moves, unless that would take
    more than half of the article (the "comment" markup evidently wrapped the article
    itself) or it stands in a "comment" with neither name nor date (the article read as
    one). On a thread page (`_is_thread`) every such paragraph moves, and so do one that
    holds a comment's text (an extractor gluing a post's subject, quote and text into one
    paragraph) and one that repeats a comment's header line.
    """
    in_comments = {squash(x) for x in lines if len(x.strip()) >= 30}
    thread = _is_thread(section)
    unsigned = (
        ""
        if thread
        else squash(" ".join(c.text for c in section.comments if not (c.author or c.posted_at)))
    )
    inside = [p for p in paras if squash(p) in in_comments]
    moved = [p for p in inside if squash(p) not in unsigned]
    if moved and (thread or len(inside) <= len(paras) / 2):
        paras = [p for p in paras if p not in moved]
    if not thread:
        return paras
    texts = [squash(x) for c in section.comments for x in (c.text, c.quoted or "")]
    texts = [t for t in texts if len(t) >= 30]
    heads = {unspaced(s.text) for s in section.segments if s.kind == "comment_meta"}
    return [p for p in paras if unspaced(p) not in heads and not any(t in squash(p) for t in texts)]


def _markup_blocks(tree: Any, title: str) -> tuple[list[list[Block]], bool]:
    """The blocks of each comment container of the page (`_comment_blocks`) and of each
    comment list found by repeated structure (`repeated.comment_lists`), and whether any
    such list was used. A container cut at its single-comment elements wins over a list
    in or around it; a container that is not cut gives way to the lists inside it (the
    text around them is furniture) or around it."""
    lists = comment_lists(tree, title, _node_text)
    out: list[list[Block]] = []
    used: list[list[Item]] = []
    for c in _comment_containers(tree):
        cut = _comment_blocks(c)
        inside = [x for x in lists if c in x[0].element.iterancestors()]
        around = [
            x for x in lists if any(i.element is c or i.element in c.iterancestors() for i in x)
        ]
        if len(cut) > 1 and not inside:
            lists = [x for x in lists if x not in around]
            out.append([(b, f, up, None) for b, f, up in cut])
        elif around:
            continue
        elif inside:
            skip = frozenset(i.element for x in inside for i in x)
            group: list[Block] = [(_node_text(c, skip), True, None, None)]
            for x in inside:
                group += item_blocks(x, len(group))
                used.append(x)
            out.append(group)
        else:
            out.append([(b, f, up, None) for b, f, up in cut])
    for x in lists:
        if not any(x is u for u in used):
            out.append(section_blocks(x, _node_text))
            used.append(x)
    return out, bool(used)


#: The markup of posts a page embeds from social networks (Twitter/X, Instagram, TikTok,
#: Facebook, Threads), as their embed codes write it.
_EMBEDDED_POSTS = (
    ".//blockquote[contains(concat(' ', normalize-space(@class), ' '), ' twitter-tweet ')"
    " or contains(@class, 'instagram-media') or contains(@class, 'tiktok-embed')"
    " or contains(@class, 'fb-xfbml-parse-ignore') or contains(@class, 'text-post-media')]"
)
_SIDEBARS = ".//aside[not(contains(concat(@id, ' ', @class), 'omment'))]"


def _rendered_comments(tree: Any, bare: bool = False) -> list[tuple[str, list[str], bool]]:
    """Render the page as text and split it with the text rules: for each comment found,
    its text, its lines (header lines, text, buttons) and whether the line-role model
    read it: on a `bare` page (no comment markup) where the rules sign no comment, the
    model's reading is taken if it signs three or more."""
    # The text rules run here over the whole page, then again (`split_blocks`) over the
    # comment section. The second pass cannot reuse this one: it reads each block (from
    # markup, trafilatura or this pass) as a section of its own, so comment bounds, names
    # and dates can differ from the whole-page reading, and its result is the output. It
    # costs under a tenth of `split_html`; caching the line types it repeats saved nothing.
    body = tree.find(".//body")
    root = body if body is not None else tree
    # An embedded social post ("— Name (@handle) date" under its text) is the article
    # quoting it, never a reader's comment.
    embeds = frozenset(root.xpath(_EMBEDDED_POSTS))
    text = _node_text(root, embeds)
    doc = split_text(text, roles=False)
    modelled = False
    if bare and not any(c.author and c.posted_at for c in doc.comments):
        read = split_text(text)
        if sum(bool(c.author and c.posted_at) for c in read.comments) >= 3:
            doc, modelled = read, True
    blocks: dict[int, list[str]] = {}
    for seg in doc.segments:
        if seg.comment is not None and seg.text.strip():
            blocks.setdefault(seg.comment, []).append(seg.text.strip())
    # a "comment" all in a sidebar (an <aside> not named for comments): a magazine's
    # blurb, related places; never a reader's comment
    aside = {
        squash(x) for el in root.xpath(_SIDEBARS) for x in _node_text(el).split("\n") if x.strip()
    }
    return [
        (c.text, blocks.get(c.ordinal, [c.text]), modelled)
        for c in doc.comments
        if not (aside and all(squash(x) in aside for x in c.text.split("\n") if x.strip()))
    ]


def _compose(
    doc_id: str,
    source: str | None,
    title: str,
    paras: list[str],
    section: Document,
) -> Document:
    """Build the extracted text's segments: title, editorial paragraphs, each followed by
    a blank line, then the comment section (split block by block by `split_blocks`)."""
    chunks: list[tuple[str, str]] = []
    if title:
        chunks.append(("title", title))
    chunks += [("editorial", p) for p in paras]
    segments: list[Segment] = []
    pos = 0
    for kind, c in chunks:
        segments.append(Segment(kind, pos, pos + len(c) + 2, c + "\n\n"))
        pos += len(c) + 2
    segments += [
        Segment(s.kind, s.start + pos, s.end + pos, s.text, s.comment) for s in section.segments
    ]
    return Document(doc_id, source, title or None, segments, section.comments)


def _not_a_comment(c: Comment, authors: set[str]) -> bool:
    """A "comment" that is only a name (a single word with no header, or another
    comment's author), a label ending in ":", or a menu or footer (lines of links and
    notices, no header)."""
    lines = [x.strip() for x in c.text.split("\n") if x.strip()]
    body = squash(c.text)
    if body in authors or (NOTICE.search(body) and len(words(body)) <= 12):
        return True
    if c.author or c.posted_at:
        return False
    if len(lines) == 1 and (
        (len(body.split()) == 1 and not re.search(r"[.!?…]$", body))
        or (body.endswith(":") and len(words(body)) <= 3)
    ):
        return True
    return len(lines) >= 2 and all(NAV.match(x) or is_short_label(x, 6) for x in lines)


def _prune(section: Document, doc_id: str) -> Document:
    """Drop what the text rules took for comments but is not: name-only, notice and
    menu "comments", and exact repeats of a comment earlier on the page. Their lines
    become boilerplate (nothing is lost); the rest are numbered again from 1."""
    authors = {squash(c.author) for c in section.comments if c.author}
    seen: set[str] = set()
    keep: dict[int, int] = {}
    comments: list[Comment] = []
    for c in section.comments:
        body = squash(c.text)
        if body in seen or _not_a_comment(c, authors):
            continue
        seen.add(body)
        keep[c.ordinal] = n = len(comments) + 1
        parent = keep.get(c.parent) if c.parent is not None else None
        comments.append(
            Comment(f"{doc_id}-{n}", n, c.author, c.posted_at, c.location, c.text, c.quoted, parent)
        )
    if len(comments) == len(section.comments):
        return section
    segments = []
    for s in section.segments:
        n = keep.get(s.comment) if s.comment is not None else None
        dropped = n is None and s.kind in ("comment", "comment_meta")
        kind = "boilerplate" if dropped else s.kind
        segments.append(Segment(kind, s.start, s.end, s.text, n))
    return Document(section.id, section.source, section.title, segments, comments)
