"""A Disqus export: the XML a site owner downloads from Disqus (`<disqus>`: its threads,
then every post with its author, date, thread and parent post).

The export is read as what it is, not as a page: the thread with the most posts is the
page (its `<title>` the title), each of its posts that is neither deleted nor spam a
comment, in the export's order, its parent the post it answers, a `<blockquote>` in its
message the words it quotes. The split stays lossless: each kept post's element is that
comment's segment, the thread's title its title segment, the rest boilerplate.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from stance.split.document import Comment, Document, Segment, Span, tile

_NS = {"d": "http://disqus.com", "dsq": "http://disqus.com/disqus-internals"}
_DSQ_ID = "{http://disqus.com/disqus-internals}id"
#: The root element of a Disqus export, near the top of the text.
_ROOT = re.compile(r"<disqus\b[^>]*\bxmlns=[\"']http://disqus\.com[\"']")


def is_disqus_export(text: str) -> bool:
    """Is this text a Disqus XML export (its `<disqus xmlns="http://disqus.com">` root
    within the first lines)?"""
    head = text.lstrip()[:2000]
    return head.startswith("<") and bool(_ROOT.search(head))


def _message(html: str) -> tuple[str, str | None]:
    """A post's message (HTML) as its text and the words it quotes (`<blockquote>`)."""
    import lxml.html  # lazy: only exports and HTML pages need it

    if not html.strip():
        return "", None
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    quotes = root.xpath(".//blockquote")
    quoted = "\n".join(" ".join(q.text_content().split()) for q in quotes) or None
    for q in quotes:
        q.drop_tree()
    blocks = root.xpath(".//p|.//li") or [root]
    lines = [" ".join(b.text_content().split()) for b in blocks]
    return "\n".join(x for x in lines if x), quoted


def _thread_of(post: Any) -> str | None:
    """The id of the thread a post belongs to."""
    t = post.find("d:thread", _NS)
    return t.get(_DSQ_ID) if t is not None else None


def _field(el: Any, path: str) -> str | None:
    found = el.find(path, _NS)
    return found.text.strip() if found is not None and found.text else None


def split_disqus_export(text: str, doc_id: str = "doc", source: str | None = None) -> Document:
    """Split a Disqus export (`is_disqus_export`): its largest thread's posts as
    comments. Never raises on a damaged export: what cannot be read stays boilerplate."""
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(text.lstrip().encode("utf-8"), parser)
    if root is None:
        return Document(doc_id, source, None, [Segment("boilerplate", 0, len(text), text)], [])
    posts = [
        p
        for p in root.findall("d:post", _NS)
        if _field(p, "d:isDeleted") != "true" and _field(p, "d:isSpam") != "true"
    ]
    threads = Counter(_thread_of(p) for p in posts)
    main = threads.most_common(1)[0][0] if threads else None
    thread = next((t for t in root.findall("d:thread", _NS) if t.get(_DSQ_ID) == main), None)
    title = _field(thread, "d:title") if thread is not None else None
    # (a post without words, an export cut short, is none)
    read = [(p, _message(_field(p, "d:message") or "")) for p in posts if _thread_of(p) == main]
    kept = [(p, words) for p, words in read if words[0]]
    ordinal = {p.get(_DSQ_ID): n for n, (p, _) in enumerate(kept, start=1)}
    comments = []
    spans: list[Span] = []
    for n, (p, (body, quoted)) in enumerate(kept, start=1):
        up = p.find("d:parent", _NS)
        parent = ordinal.get(up.get(_DSQ_ID)) if up is not None else None
        name = _field(p, "d:author/d:name") or _field(p, "d:author/d:username")
        when = _field(p, "d:createdAt")
        comments.append(Comment(f"{doc_id}-{n}", n, name, when, None, body, quoted, parent))
        at = text.find(f'<post dsq:id="{p.get(_DSQ_ID)}"')
        end = text.find("</post>", at)
        if at >= 0 and end >= 0:
            spans.append((at, end + len("</post>"), "comment", n))
    if thread is not None and title:
        at = text.find(f'<thread dsq:id="{main}"')
        t_at = text.find(f"<title>{title}</title>", at) if at >= 0 else -1
        if t_at >= 0:
            start = t_at + len("<title>")
            spans.append((start, start + len(title), "title", None))
    return Document(doc_id, source, title, tile(text, spans), comments)
