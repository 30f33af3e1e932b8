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

Usage: python benchmarks/separator.py [DATA_DIR] [--pages N] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _tally(
    counts: dict[str, list[int]],
    a: dict,
    editorial: str,
    comments: str,
    universe: str | None = None,
) -> None:
    """Add a page's snippet hits; with `universe`, count only snippets it contains."""
    ed, co = _norm(editorial), _norm(comments)
    for key, hay, want in (("with", ed, True), ("comments", co, True), ("without", ed, False)):
        for snip in a.get(key) or []:
            s = _norm(snip)
            if not s or (universe is not None and s not in universe):
                continue
            counts[key][1] += 1
            counts[key][0] += (s in hay) == want


def _tally_quality(quality: dict, a: dict, doc) -> None:
    """Add a page's title hit (where a gold title exists), name-only and repeated comments."""
    if a.get("title"):
        quality["titles"][1] += 1
        quality["titles"][0] += _norm(a["title"]) == _norm(doc.title or "")
    authors = {_norm(c.author) for c in doc.comments if c.author}
    seen: set[str] = set()
    for c in doc.comments:
        body = _norm(c.text)
        one_word = len(body.split()) == 1 and not c.author and body[-1:] not in ".!?"
        quality["name_only"] += one_word or body in authors
        quality["duplicates"] += body in seen
        seen.add(body)


def run(data_dir: Path, pages: int | None = None) -> dict:
    """Measure all rows; return a dict of figures (shares and raw counts)."""
    import trafilatura
    from inscriptis import get_text

    from stance.split.html import split_html
    from stance.split.text import split_text

    base = data_dir / "trafilatura-comments-eval"
    ann = json.loads((base / "annotations.json").read_text("utf-8"))
    items = list(ann.values())[:pages]
    rows = {
        name: {"with": [0, 0], "comments": [0, 0], "without": [0, 0]}
        for name in ("trafilatura", "stance_html", "stance_text_dump")
    }
    per_page = []
    quality = {"titles": [0, 0], "name_only": 0, "duplicates": 0}
    t0 = time.perf_counter()
    for a in items:
        html = gzip.decompress((base / a["file"]).read_bytes()).decode("utf-8", "replace")
        ex = trafilatura.bare_extraction(html, include_comments=True)
        _tally(
            rows["trafilatura"], a, (ex.text or "") if ex else "", (ex.comments or "") if ex else ""
        )
        doc = split_html(html, a["file"])
        _tally(
            rows["stance_html"],
            a,
            "\n".join(doc.editorial),
            "\n".join(c.text for c in doc.comments),
        )
        _tally_quality(quality, a, doc)
        dump = get_text(html)
        tdoc = split_text(dump, a["file"])
        assert tdoc.rebuild() == dump
        before = [list(v) for v in rows["stance_text_dump"].values()]
        _tally(
            rows["stance_text_dump"],
            a,
            "\n".join(tdoc.editorial),
            "\n".join(c.text for c in tdoc.comments),
            universe=_norm(dump),
        )
        after = list(rows["stance_text_dump"].values())
        per_page.append(
            {
                "file": a["file"],
                "html_comments": len(doc.comments),
                "dump_comments": len(tdoc.comments),
                "dump_hits": [
                    [x[0] - y[0], x[1] - y[1]] for x, y in zip(after, before, strict=True)
                ],
            }
        )
    seconds = time.perf_counter() - t0
    figures = {
        name: {
            k: {"share": round(v[0] / v[1], 3) if v[1] else None, "hit": v[0], "of": v[1]}
            for k, v in r.items()
        }
        for name, r in rows.items()
    }
    return {
        "pages": len(items),
        "seconds": round(seconds, 1),
        "figures": figures,
        "quality": {
            "title_accuracy": round(quality["titles"][0] / quality["titles"][1], 3)
            if quality["titles"][1]
            else None,
            "titles_right": quality["titles"][0],
            "titles_of": quality["titles"][1],
            "name_only_comments": quality["name_only"],
            "duplicate_comments": quality["duplicates"],
        },
        "per_page": per_page,
        "machine": f"{platform.machine()}, "
        f"{__import__('os').cpu_count()} cores, Python {platform.python_version()}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


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


def format_table(result: dict) -> str:
    """Markdown table of the three shares per row."""
    out = [
        "| split | article in editorial | comments in comments | boilerplate kept out |",
        "|---|---|---|---|",
    ]
    for name, f in result["figures"].items():
        cells = [
            f"{f[k]['share']:.3f} ({f[k]['hit']}/{f[k]['of']})"
            for k in ("with", "comments", "without")
        ]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--pages", type=int, default=None, help="only the first N pages")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    ap.add_argument("--per-page", action="store_true", help="list per-page dump hits")
    args = ap.parse_args()
    result = run(Path(args.data), args.pages)
    result["articles"] = run_articles(Path(args.data), args.pages)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    if args.per_page:
        for p in result["per_page"]:
            print(p)
    print(format_table(result))
    q = result["quality"]
    print(
        f"\nstance_html: titles right {q['title_accuracy']} ({q['titles_right']}/{q['titles_of']}"
        f" pages with a gold title), name-only comments {q['name_only_comments']}, "
        f"duplicate comments {q['duplicate_comments']}"
    )
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


if __name__ == "__main__":
    main()
