"""Separator benchmark on trafilatura's comment-evaluation pages (../shared/data).

76 gzipped HTML pages with annotated snippets: `with` (article text), `without`
(boilerplate) and `comments` (reader comments). Three figures, each a share of snippets:

- article:  article snippets found in the editorial text,
- comments: comment snippets found in the comments,
- kept out: boilerplate snippets NOT found in the editorial text.

For `split_html` also: title accuracy (the title equals the page's gold title, ignoring
whitespace), and two counts of comments that should not be there: name-only comments
(one word without a header, or another comment's author name) and exact repeats of a
comment within its page.

Rows: trafilatura's own extraction (text vs comments, include_comments=True) and our
`split_html`, from the same run; then the pages as plain-text dumps (inscriptis, the way
a copy-paste of the page reads) split by our `split_text`, counting only the snippets
the dump contains. Matching ignores whitespace differences.

`--dev-pages`: only our annotated thread pages of tests/pages (comment recall and
precision, author, date, quoted parent, parent, title), per half. Round 1 wrote 10 pages
(5 dev, 5 held out); round 2 wrote 10 new pages, held out then, and the round-1 held-out
pages became dev pages; round 3 made the round-2 pages dev pages (`"held_out_in_round"`
says which round held a page out) and added six dev pages of its own (`f3-*`), while 12
new pages (`r3-*`), written blind by someone who had not read the splitter's rules, were
its held-out half; round 4 made those dev pages too (`"held_out_in_round": 3`; measured
once as held out: text recall 0.700, precision 0.675, HTML 0.824 / 0.718), and its
held-out half is 12 new blind pages (`r4-*`, five also as HTML); round 5 made those dev
pages too (`"held_out_in_round": 4`; measured once as held out: text 0.710 / 0.651, HTML
0.978 / 0.978), trained the line-role model (split/roles.py) on every dev page, and its
held-out half was 12 new blind pages (`r5-*`, five also as HTML); round 6 made those dev
pages too (`"held_out_in_round": 5`; measured once as held out: text 0.619 / 0.591, HTML
0.489 / 0.611), trained the line-role model on them, and its held-out half was 12 new
blind pages (`r6-*`, five also as HTML); round 7 made those dev pages
(`"held_out_in_round": 6`; measured once: text 0.686 / 0.766, HTML 0.682 / 0.667), chose
when to use the role model on out-of-fold readings of rounds 4-6, and held out 12 new
blind pages (`r7-*`); round 8 made those dev pages (`"held_out_in_round": 7`; measured
once: text 0.713 / 0.867, HTML 0.950 / 0.826), retrained the role and title models on
them, and held out 12 new blind pages (`r8-*`); round 9 made those dev pages
(`"held_out_in_round": 8`; measured once: text 0.870 / 0.909, HTML 0.585 / 0.632) and held
out 12 new blind pages (`r9-*`); round 10 made those dev pages (`"held_out_in_round": 9`;
measured once: text 0.694 / 0.951, HTML 0.767 / 0.892) and held out 12 new blind pages
(`r10-*`); round 11 made those dev pages (`"held_out_in_round": 10`; measured once: text
0.817 / 0.817, HTML 0.822 / 0.755) and held out 12 new blind pages (`r11-*`); round 12
made those dev pages (`"held_out_in_round": 11`; measured once: text 0.449 / 0.687, HTML
0.308 / 0.800) and held out 12 new blind pages (`r12-*`); round 13 made those dev pages
(`"held_out_in_round": 12`; measured once: text 0.617 / 0.767, HTML 0.729 / 0.754) and
held out 12 new blind pages (`r13-*`); round 14 made those dev pages
(`"held_out_in_round": 13`; measured once: text 0.646 / 0.702, HTML 0.340 / 0.258) and
held out 12 new blind pages (`r14-*`); round 15 made those dev pages
(`"held_out_in_round": 14`; measured once: text 0.748 / 0.856, HTML 0.922 / 0.887) and
held out 12 new blind pages (`r15-*`); round 16 made those dev pages
(`"held_out_in_round": 15`; measured once: text 0.732 / 0.782, HTML 0.926 / 0.877) and
held out 12 new blind pages (`r16-*`); round 17 made those dev pages
(`"held_out_in_round": 16`; measured once: text 0.724 / 0.840, HTML 0.854 / 0.788) and
held out 12 new blind pages (`r17-*`); round 18 made those dev pages
(`"held_out_in_round": 17`; measured once: text 0.623 / 0.809, HTML 0.863 / 0.830) and
held out 12 new blind pages (`r18-*`); round 19 made those dev pages
(`"held_out_in_round": 18`; measured once: text 0.612 / 0.806, HTML 0.759 / 0.837) and
held out 12 new blind pages (`r19-*`); round 20 made those dev pages
(`"held_out_in_round": 19`; measured once: text 0.811 / 0.805, HTML 0.685 / 0.673) and
held out 12 new blind pages (`r20-*`); round 21 made those dev pages
(`"held_out_in_round": 20`; measured once: text 0.770 / 0.764, HTML 0.412 / 0.600) and
held out 12 new blind pages (`r21-*`); round 22 made those dev pages
(`"held_out_in_round": 21`; measured once: text 0.886 / 0.880, HTML 0.947 / 0.915) and
held out 12 new blind pages (`r22-*`); round 23 made those dev pages
(`"held_out_in_round": 22`; measured once: text 0.750 / 0.802, HTML 0.682 / 0.811) and
held out new blind pages (`r23-*`); round 24 made those dev pages (`"held_out_in_round":
23`; measured once: text 0.778 / 0.662, HTML 0.939 / 0.886) and held out 12 new blind
pages (`r24-*`); round 25 made those dev pages (`"held_out_in_round": 24`; measured once:
text 0.638 / 0.697, HTML 0.750 / 0.750) and measured, once, the nine blind pages written
too late for round 24 (`r25-*`; text 0.918 / 0.957, HTML 0.867 / 0.780), and round 26 made
those dev pages too (`"held_out_in_round": 25`) and held out six blind pages (`r26-*`;
measured once: text 0.734 / 0.746, HTML 0.424 / 0.700) and six more written too late for
it (`r27-*`; measured once: text 0.844 / 0.964, HTML 1.000 / 1.000); round 28 made both
sets dev pages (`"held_out_in_round": 26` and `27`) and held out new blind pages (`r28-*`;
each set of five measured once, then made dev pages, `"held_out_in_round": 28`: text 0.982
/ 1.000, HTML 0.955 / 1.000; text 0.855 / 0.979, HTML 0.522 / 0.600; text 0.862 / 0.833,
HTML 0.864 / 0.792); round 29's blind pages (`r29-*`; two sets of five, each measured
once: text 0.759 / 0.745, HTML 0.522 / 0.632; text 0.882 / 0.882, HTML 1.000 / 0.955)
became dev pages in round 30 (`"held_out_in_round": 29`), which holds out new blind pages
(`r30-*`; sets of five, each measured once, then made dev pages, `"held_out_in_round":
30`: blogs, text 0.614 / 0.897, HTML 0.500 / 0.462; comment widgets, text 0.441 / 0.788,
HTML 0.542 / 0.520). Five more dev pages (`rs-*.html`, `"markup": "repeated-structure"`:
XenForo-, Discourse- and Disqus-like markup, a WordPress theme and a news site with generic class
names) were written to develop the repeated-structure finder (split/repeated.py) against;
`--no-held-out` leaves the held-out pages out of a development run. The titles of the 76
trafilatura pages have no held-out half: every title rule was written looking at them.

Usage: python benchmarks/separator.py [DATA_DIR] [--pages N] [--json] [--dev-pages]
       [--no-held-out]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import platform
import random
import re
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _norm(text: str) -> str:
    return " ".join(text.split())


def site_of(url: str) -> str:
    """A page's site: its host without "www.", or the archived page's for web.archive.org."""
    from urllib.parse import urlparse

    m = re.match(r"https?://web\.archive\.org/web/\d+\w*/(.+)$", url)
    host = urlparse(m.group(1) if m else url).netloc.lower()
    return host.removeprefix("www.")


def half_of(site: str) -> str:
    """ "dev" or "held-out": a fixed split of the sites (sha1 of the site name, even = dev)."""
    return "dev" if hashlib.sha1(site.encode()).digest()[0] % 2 == 0 else "held-out"


def bootstrap(pairs: list[tuple[int, int]], draws: int = 1000, seed: int = 11) -> list[float]:
    """95% interval of a pooled share (sum hit / sum of) over pages drawn with replacement."""
    if not pairs:
        return [math.nan, math.nan]
    rng = random.Random(seed)
    shares = []
    for _ in range(draws):
        sample = rng.choices(pairs, k=len(pairs))
        of = sum(n for _, n in sample)
        shares.append(sum(h for h, _ in sample) / of if of else math.nan)
    shares = sorted(x for x in shares if not math.isnan(x))
    return [
        round(shares[int(0.025 * len(shares))], 3),
        round(shares[int(0.975 * len(shares)) - 1], 3),
    ]


def share(pairs: list[tuple[int, int]], noise: bool = True) -> dict:
    """Pooled share of per-page (hit, of) pairs, with its bootstrap interval over pages."""
    hit, of = sum(h for h, _ in pairs), sum(n for _, n in pairs)
    out = {"share": round(hit / of, 3) if of else None, "hit": hit, "of": of}
    if noise:
        out["ci95"] = bootstrap([p for p in pairs if p[1]])
    return out


def _tally(a: dict, editorial: str, comments: str, universe: str | None = None) -> dict:
    """A page's snippet hits per key; with `universe`, count only snippets it contains."""
    ed, co = _norm(editorial), _norm(comments)
    out = {}
    for key, hay, want in (("with", ed, True), ("comments", co, True), ("without", ed, False)):
        hit = of = 0
        for snip in a.get(key) or []:
            s = _norm(snip)
            if not s or (universe is not None and s not in universe):
                continue
            of += 1
            hit += (s in hay) == want
        out[key] = (hit, of)
    return out


def _quality(a: dict, doc) -> dict:
    """A page's title hit (where a gold title exists), name-only and repeated comments."""
    out = {"titles": (0, 0), "name_only": 0, "duplicates": 0}
    if a.get("title"):
        out["titles"] = (int(_norm(a["title"]) == _norm(doc.title or "")), 1)
    authors = {_norm(c.author) for c in doc.comments if c.author}
    seen: set[str] = set()
    for c in doc.comments:
        body = _norm(c.text)
        one_word = len(body.split()) == 1 and not c.author and body[-1:] not in ".!?"
        out["name_only"] += one_word or body in authors
        out["duplicates"] += body in seen
        seen.add(body)
    return out


ROWS = ("trafilatura", "stance_html", "stance_text_dump")


def measure_pages(data_dir: Path, pages: int | None = None) -> list[dict]:
    """Split every page three ways; per page its site, half and snippet hits per row."""
    import trafilatura
    from inscriptis import get_text

    from stance.split.html import split_html
    from stance.split.text import split_text

    base = data_dir / "trafilatura-comments-eval"
    ann = json.loads((base / "annotations.json").read_text("utf-8"))
    out = []
    for url, a in list(ann.items())[:pages]:
        html = gzip.decompress((base / a["file"]).read_bytes()).decode("utf-8", "replace")
        ex = trafilatura.bare_extraction(html, include_comments=True)
        doc = split_html(html, a["file"])
        dump = get_text(html)
        tdoc = split_text(dump, a["file"])
        assert tdoc.rebuild() == dump
        site = site_of(url)
        out.append(
            {
                "file": a["file"],
                "site": site,
                "half": half_of(site),
                "trafilatura": _tally(
                    a, (ex.text or "") if ex else "", (ex.comments or "") if ex else ""
                ),
                "stance_html": _tally(
                    a, "\n".join(doc.editorial), "\n".join(c.text for c in doc.comments)
                ),
                "stance_text_dump": _tally(
                    a,
                    "\n".join(tdoc.editorial),
                    "\n".join(c.text for c in tdoc.comments),
                    universe=_norm(dump),
                ),
                "html_quality": _quality(a, doc),
                "dump_quality": _quality(a, tdoc),
                "html_comments": len(doc.comments),
                "dump_comments": len(tdoc.comments),
            }
        )
    return out


def figures(per_page: list[dict], noise: bool = True) -> dict:
    """Pooled shares per row and key over these pages, with bootstrap intervals."""
    return {
        row: {
            k: share([p[row][k] for p in per_page], noise) for k in ("with", "comments", "without")
        }
        for row in ROWS
    }


def _quality_summary(per_page: list[dict], key: str) -> dict:
    titles = share([p[key]["titles"] for p in per_page])
    return {
        "title_accuracy": titles["share"],
        "title_ci95": titles.get("ci95"),
        "titles_right": titles["hit"],
        "titles_of": titles["of"],
        "name_only_comments": sum(p[key]["name_only"] for p in per_page),
        "duplicate_comments": sum(p[key]["duplicates"] for p in per_page),
    }


def run(data_dir: Path, pages: int | None = None) -> dict:
    """Measure all rows; return a dict of figures (shares, raw counts, 95% intervals)."""
    t0 = time.perf_counter()
    per_page = measure_pages(data_dir, pages)
    seconds = time.perf_counter() - t0
    halves = {h: figures([p for p in per_page if p["half"] == h]) for h in ("dev", "held-out")}
    return {
        "pages": len(per_page),
        "pages_per_half": {h: sum(p["half"] == h for p in per_page) for h in halves},
        "seconds": round(seconds, 1),
        "figures": figures(per_page),
        "halves": halves,
        "quality": _quality_summary(per_page, "html_quality"),
        "dump_quality": _quality_summary(per_page, "dump_quality"),
        "per_page": per_page,
        "machine": f"{platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


PAGES = ROOT / "tests" / "pages"
#: A found comment matches a gold one when their texts are at least this similar.
SIMILAR = 0.85


def _similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, _norm(a), _norm(b), autojunk=False).ratio()


def _match(gold: list[dict], found: list) -> list[tuple[int, int]]:
    """One-to-one (gold index, found index) pairs, most similar first, at least SIMILAR."""
    pairs = sorted(
        (
            (-_similar(g["text"], f.text), gi, fi)
            for gi, g in enumerate(gold)
            for fi, f in enumerate(found)
        ),
    )
    used_g: set[int] = set()
    used_f: set[int] = set()
    out = []
    for neg, gi, fi in pairs:
        if -neg >= SIMILAR and gi not in used_g and fi not in used_f:
            used_g.add(gi)
            used_f.add(fi)
            out.append((gi, fi))
    return out


def _same(a: str | None, b: str | None) -> bool:
    return _norm(a or "").casefold() == _norm(b or "").casefold()


def score_page(gold: dict, doc) -> dict:
    """One annotated page's counts: comments found, matched, fields right."""
    pairs = _match(gold["comments"], doc.comments)
    out = {
        "recall": (len(pairs), len(gold["comments"])),
        "precision": (len(pairs), len(doc.comments)),
        "title": (int(_same(gold.get("title"), doc.title)), 1),
    }
    # a found comment's parent is its ordinal among the found ones: the gold's ordinal of
    # the comment it was matched to (0 when that one matched none)
    gold_of = {fi: gi + 1 for gi, fi in pairs}
    for key in ("author", "posted_at", "quoted", "parent"):
        right = of = 0
        for gi, fi in pairs:
            want = gold["comments"][gi].get(key)
            got = getattr(doc.comments[fi], key, None)
            if key == "parent" and got is not None:
                got = gold_of.get(got - 1, 0)
            if want is None and got is None:
                continue
            of += 1
            right += (
                want == got
                if key == "parent"
                else want is not None and got is not None and _similar(want, got) >= SIMILAR
            )
        out[key] = (right, of)
    return out


def run_dev_pages(folder: Path = PAGES, held_out: bool = True) -> dict:
    """Comment recall and precision, field accuracy and titles on our annotated pages of
    forum, mailing-list, blog, comment-page, Reddit and Disqus shapes: plain-text dumps
    (`NAME.txt`) and some as HTML (`NAME.html`), both against `NAME.json`; per half."""
    from stance.split.html import split_html
    from stance.split.text import split_text

    per_page = []
    for path in sorted([*folder.glob("*.txt"), *folder.glob("*.html"), *folder.glob("shapes/*")]):
        if path.suffix == ".json":
            continue
        gold = json.loads(path.with_suffix(".json").read_text("utf-8"))
        if gold["half"] == "held-out" and not held_out:
            continue
        text = path.read_text("utf-8")
        if path.suffix == ".html":
            doc, fmt = split_html(text, path.stem), "html"
        else:
            doc, fmt = split_text(text, path.stem), "text"
            assert doc.rebuild() == text
        row = {"page": path.name, "format": fmt, "half": gold["half"]}
        row["former"] = gold.get("held_out_in_round")
        row["repeated"] = gold.get("markup") == "repeated-structure"
        row["shape"] = gold.get("markup") == "repeated-shape"
        per_page.append(row | score_page(gold, doc))
    keys = ("recall", "precision", "author", "posted_at", "quoted", "parent", "title")
    out: dict = {"per_page": per_page}
    groups = {
        "dev": lambda p: p["half"] == "dev",
        # one group per round whose held-out pages became dev pages; rounds 3 on are `rN-*`
        **{
            f"dev, held out in round {r}" + (f" (r{r})" if r >= 3 else ""): (
                lambda p, r=r: p["former"] == r
            )
            for r in sorted({p["former"] for p in per_page if p["former"]})
        },
        "dev, round 3 pages (f3)": lambda p: p["page"].startswith("f3-"),
        "dev, repeated structure": lambda p: p["repeated"],
        "dev, repeated header shape": lambda p: p["shape"],
        "held-out": lambda p: p["half"] == "held-out",
    }
    for fmt in ("text", "html"):
        for name, keep in groups.items():
            pages = [p for p in per_page if keep(p) and p["format"] == fmt]
            if pages or name == "dev":
                out[f"{fmt} {name}"] = {k: share([p[k] for p in pages]) for k in keys} | {
                    "pages": len(pages)
                }
    return out


def format_dev_pages(result: dict) -> str:
    """Markdown table of the annotated pages' figures, one row per format and half."""
    keys = ("recall", "precision", "author", "posted_at", "quoted", "parent", "title")
    out = [
        "\nAnnotated pages of comment shapes (tests/pages), comments matched at text "
        f"similarity >= {SIMILAR}; fields on matched comments. Held-out: pages written blind "
        "before the rules of their round (none when every round's pages are dev pages); dev: "
        "the pages of rounds 1 to 3, including those held out in round 1, 2 or 3 (also shown "
        "alone; round 3's are the r3-* pages), round 3's own dev pages (f3-*), and the "
        "HTML pages written for the repeated-structure finder ('dev, repeated structure') and the "
        "text pages written for the repeated header shapes (tests/pages/shapes: 'dev, repeated "
        "header shape')\n",
        "| pages | n | comment recall | comment precision | author | date | quoted parent "
        "| parent | title |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in result.items():
        if name != "per_page":
            out.append(f"| {name} | {r['pages']} | " + " | ".join(_cell(r[k]) for k in keys) + " |")
    return "\n".join(out)


def run_articles(data_dir: Path, pages: int | None = None) -> dict:
    """News pages without comment annotations (scrapinghub, 181 sites): how much of the
    gold article body lands in editorial, and how many comments we claim to find.

    A check against false comment sections on sites no rule was written for. (The
    paragraph-voice model was trained on these article bodies, so for the headerless
    rule this is not an unseen set; the other rules never looked at these pages.)
    """
    import trafilatura
    from inscriptis import get_text

    from stance.split.html import split_html
    from stance.split.text import split_text

    base = data_dir / "scrapinghub-article-extraction"
    gt = json.loads((base / "ground-truth.json").read_text("utf-8"))
    keys = sorted(gt)[:pages]
    out = {
        "trafilatura": [0, 0, 0],
        "stance_html": [0, 0, 0],
        "stance_text_dump": [0, 0, 0],
    }  # hit, of, comments
    for key in keys:
        html = gzip.decompress((base / "html" / f"{key}.html.gz").read_bytes()).decode(
            "utf-8", "replace"
        )
        paras = [
            _norm(p) for p in (gt[key].get("articleBody") or "").split("\n") if len(p.strip()) >= 40
        ]
        dump = get_text(html)
        ex = trafilatura.bare_extraction(html, include_comments=True)
        traf = ((ex.text or "") if ex else "", (ex.comments or "") if ex else "")
        for name, doc, universe in (
            ("trafilatura", traf, None),
            ("stance_html", split_html(html, key), None),
            ("stance_text_dump", split_text(dump, key), _norm(dump)),
        ):
            if isinstance(doc, tuple):
                ed = _norm(doc[0])
                out[name][2] += bool(doc[1].strip())
            else:
                ed = _norm("\n".join(doc.editorial))
                out[name][2] += len(doc.comments)
            for p in paras:
                if universe is not None and p not in universe:
                    continue
                out[name][1] += 1
                out[name][0] += p in ed
    return {
        "pages": len(keys),
        "figures": {
            k: {
                "article_paragraphs_in_editorial": round(h / n, 3) if n else None,
                "hit": h,
                "of": n,
                "comments_claimed": c,
            }
            for k, (h, n, c) in out.items()
        },
    }


def _cell(f: dict) -> str:
    ci = f.get("ci95")
    noise = f" [{ci[0]:.3f}-{ci[1]:.3f}]" if ci and not math.isnan(ci[0]) else ""
    return f"{f['share']:.3f} ({f['hit']}/{f['of']}){noise}" if f["of"] else "-"


def format_table(figs: dict) -> str:
    """Markdown table of the three shares per row, each with its 95% bootstrap interval."""
    out = [
        "| split | article in editorial | comments in comments | boilerplate kept out |",
        "|---|---|---|---|",
    ]
    for name, f in figs.items():
        cells = [_cell(f[k]) for k in ("with", "comments", "without")]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def tune(data_dir: Path, thresholds: list[tuple[float, float, float]]) -> list[dict]:
    """The text-dump figures of the development half at each line-model setting
    (threshold, threshold for running text, threshold outside the article's block)."""
    from dataclasses import replace

    from inscriptis import get_text

    import stance.split.text as text_engine
    from stance.split.boilerplate import load_line_model

    base = data_dir / "trafilatura-comments-eval"
    ann = json.loads((base / "annotations.json").read_text("utf-8"))
    dev = []
    for url, a in ann.items():
        if half_of(site_of(url)) == "dev":
            html = gzip.decompress((base / a["file"]).read_bytes()).decode("utf-8", "replace")
            dev.append((a, get_text(html)))
    model = load_line_model()
    out = []
    try:
        for t in thresholds:
            text_engine.load_line_model = lambda t=t: replace(
                model, threshold=t[0], prose_threshold=t[1], outside_threshold=t[2]
            )
            rows = []
            for a, dump in dev:
                d = text_engine.split_text(dump)
                rows.append(
                    _tally(
                        a,
                        "\n".join(d.editorial),
                        "\n".join(c.text for c in d.comments),
                        universe=_norm(dump),
                    )
                )
            out.append(
                {"threshold": t} | {k: share([r[k] for r in rows], False)["share"] for k in rows[0]}
            )
    finally:
        text_engine.load_line_model = load_line_model
    return out


def _print_quality(name: str, q: dict) -> None:
    ci = q["title_ci95"]
    print(
        f"{name}: titles right {q['title_accuracy']} ({q['titles_right']}/{q['titles_of']}"
        f" pages with a gold title) [{ci[0]:.3f}-{ci[1]:.3f}], name-only comments "
        f"{q['name_only_comments']}, duplicate comments {q['duplicate_comments']}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--pages", type=int, default=None, help="only the first N pages")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    ap.add_argument("--per-page", action="store_true", help="list per-page hits")
    ap.add_argument(
        "--dev-pages", action="store_true", help="only the annotated pages of tests/pages"
    )
    ap.add_argument(
        "--no-held-out",
        action="store_true",
        help="leave the held-out annotated pages out (development runs)",
    )
    ap.add_argument(
        "--tune",
        action="store_true",
        help="only the text dumps of the development half, at line-model thresholds 0.85-0.95 "
        "(0.9 for running text) and 0.3-0.9 outside the article's block",
    )
    args = ap.parse_args()
    if args.tune:
        grid = [(t, 0.9, round(0.3 + 0.1 * k, 1)) for t in (0.85, 0.9, 0.95) for k in range(7)]
        for r in tune(Path(args.data), grid):
            print(r)
        return
    if args.dev_pages:
        result = run_dev_pages(held_out=not args.no_held_out)
        for p in result["per_page"]:
            print(p)
        print(format_dev_pages(result))
        return
    result = run(Path(args.data), args.pages)
    result["articles"] = run_articles(Path(args.data), args.pages)
    result["dev_pages"] = run_dev_pages(held_out=not args.no_held_out)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    if args.per_page:
        for p in result["per_page"]:
            print(p)
    print("All pages; [95% bootstrap interval over pages]\n")
    print(format_table(result["figures"]))
    for half, figs in result["halves"].items():
        n = result["pages_per_half"][half]
        print(f"\n{half} half ({n} pages, split by site)\n")
        print(format_table(figs))
    print()
    _print_quality("stance_html", result["quality"])
    _print_quality("stance_text_dump", result["dump_quality"])
    print(
        f"\n{result['pages']} pages, {result['seconds']} s, {result['machine']}, {result['date']}"
    )
    art = result["articles"]
    print(f"\nscrapinghub news pages ({art['pages']}, no comment annotations):")
    for name, f in art["figures"].items():
        print(
            f"  {name}: article paragraphs in editorial {f['article_paragraphs_in_editorial']}"
            f" ({f['hit']}/{f['of']}), comments claimed {f['comments_claimed']}"
            + (" (pages with any)" if name == "trafilatura" else "")
        )
    print(format_dev_pages(result["dev_pages"]))


if __name__ == "__main__":
    main()
