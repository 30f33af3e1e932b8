"""Build `src/stance/data/text_title.json`: the title model of `stance.split.texttitle`.

Training data, each page a plain-text dump with its title:
- the annotated development pages in `tests/pages` (written for this project, MIT; their
  gold title, or none; pages whose gold says `"half": "held-out"` are never read);
- the 76 trafilatura comment-evaluation pages (Apache-2.0) as inscriptis dumps, with
  their gold titles;
- the even half of the scrapinghub article-extraction pages (MIT) as dumps, titled by
  what `split_html` finds in their HTML (`<title>`, `og:title`, the first heading).

Every line the model reads (`texttitle.title_features`: the first lines of the article
part, as `split_text` finds it) is a title when it equals the page's title (whitespace
and case aside). The model ranks: a logistic regression without intercept, C = 1, on the
differences of the title's features and each other line's of the same page (both ways
round), so that the title outscores every other line of its page.

Usage: python benchmarks/build_title_model.py [DATA_DIR] [--cv] [--out PATH]
(DATA_DIR defaults to ../shared/data beside the repository; --cv: grouped 10-fold
cross-validation, a development page's group its round (pages written together share
their habits), another page's its site; out-of-fold title accuracy beside the rules' own
pick on the same pages, per source.)
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from separator import _same, site_of  # noqa: E402  (the benchmarks are not a package)

PAGES = ROOT / "tests" / "pages"
OUT = ROOT / "src" / "stance" / "data" / "text_title.json"
C = 1.0
SOURCES = ("dev pages", "trafilatura", "scrapinghub")


@contextlib.contextmanager
def recorded() -> Iterator[list]:
    """Inside: every `TitleContext` split_text builds is appended to the list yielded, and
    the title is the rules' pick (the shipped model is not asked; the title changes
    nothing else the splitters read)."""
    import stance.split.text as engine

    seen: list = []
    build, pick = engine._title_context, engine.pick_title

    def record(*args):
        seen.append(build(*args))
        return seen[-1]

    engine._title_context, engine.pick_title = record, lambda c, model=None: c.rule
    try:
        yield seen
    finally:
        engine._title_context, engine.pick_title = build, pick


def page_context(text: str, seen: list):
    """The `TitleContext` split_text builds last for this dump (the one its title comes
    from), or None when it builds none (an empty page); `seen`: `recorded()`'s list."""
    from stance.split.text import split_text

    seen.clear()
    split_text(text)
    return seen[-1] if seen else None


def pages(data_dir: Path) -> list[dict]:
    """Every training page: source, site (the CV group), title and `TitleContext`."""
    out: list[dict] = []
    with recorded() as seen:
        _collect(data_dir, out, seen)
    return [p for p in out if p["ctx"] is not None]


def _collect(data_dir: Path, out: list[dict], seen: list) -> None:
    from inscriptis import get_text  # benchmark-only dependency

    from stance.split.html import split_html

    for path in sorted(PAGES.glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text("utf-8"))
        if gold.get("half") == "dev":
            ctx = page_context(path.read_text("utf-8"), seen)
            site = gold.get("site", path.stem)
            out.append(
                {
                    "source": SOURCES[0],
                    "site": site,
                    "title": gold.get("title"),
                    "ctx": ctx,
                    "round": gold.get("round", 0),
                }
            )
    base = data_dir / "trafilatura-comments-eval"
    for url, a in json.loads((base / "annotations.json").read_text("utf-8")).items():
        html = gzip.decompress((base / a["file"]).read_bytes()).decode("utf-8", "replace")
        ctx = page_context(get_text(html), seen)
        out.append(
            {"source": SOURCES[1], "site": site_of(url), "title": a.get("title"), "ctx": ctx}
        )
    base = data_dir / "scrapinghub-article-extraction"
    truth = json.loads((base / "ground-truth.json").read_text("utf-8"))
    for key in sorted(truth)[::2]:
        raw = gzip.decompress((base / "html" / f"{key}.html.gz").read_bytes())
        html = raw.decode("utf-8", "replace")
        ctx = page_context(get_text(html), seen)
        site = site_of(truth[key]["url"])
        out.append(
            {"source": SOURCES[2], "site": site, "title": split_html(html).title, "ctx": ctx}
        )


def examples(page: dict) -> tuple[list[dict], list[int]]:
    """A page's candidate lines' features and labels (1: the line is its title)."""
    from stance.split.texttitle import title_features, title_text

    feats = title_features(page["ctx"])
    title = page["title"]
    return feats, [
        int(bool(title) and _same(title_text(page["ctx"].raws[i]), title))
        for i in range(len(feats))
    ]


def fit(data: list[tuple[list[dict], list[int]]]):
    """(vectorizer, classifier) fitted on pages' examples: on the title's features minus
    each other line's (class 1) and the reverse (class 0), pages without a title line left
    out; a linear ranker of one page's lines."""
    import scipy.sparse as sp
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    vec.fit([f for feats, _ in data for f in feats])
    diffs = []
    for feats, labels in data:
        others = [i for i, y in enumerate(labels) if not y]
        if 1 in labels and others:
            x = vec.transform(feats)
            diffs.append(x[[labels.index(1)] * len(others)] - x[others])
    x = sp.vstack(diffs)
    x = sp.vstack([x, -x])
    y = [1] * (x.shape[0] // 2) + [0] * (x.shape[0] // 2)
    clf = LogisticRegression(C=C, max_iter=3000, fit_intercept=False)
    clf.fit(x, y)
    return vec, clf


def to_blob(vec, clf, meta: dict | None = None, digits: int | None = None) -> dict:
    """The fitted model as plain weights (`texttitle.from_blob` reads them), rounded to
    `digits` decimals when given (the shipped file: 5)."""

    def num(x: float) -> float:
        return float(x) if digits is None else round(float(x), digits)

    return {
        "coef": {
            name: num(clf.coef_[0, j])
            for name, j in sorted(vec.vocabulary_.items())
            if clf.coef_[0, j]
        },
        "intercept": num(clf.intercept_[0]),
        "meta": meta or {},
    }


def _right(page: dict, pick: int | None) -> bool:
    from stance.split.texttitle import title_text

    return _same(None if pick is None else title_text(page["ctx"].raws[pick]), page["title"])


def cross_validate(all_pages: list[dict]) -> dict:
    """Grouped 10-fold CV (a development page's group its round, another page's its
    site): per source, the share of pages whose out-of-fold pick is the title, beside the
    rules' pick (`TitleContext.rule`) on the same pages. The trafilatura and scrapinghub
    figures count pages with a title only."""
    from sklearn.model_selection import GroupKFold

    from stance.split.texttitle import from_blob, pick_title

    data = [examples(p) for p in all_pages]
    picks: list[int | None] = [None] * len(all_pages)
    groups = [f"round {p['round']}" if "round" in p else p["site"] for p in all_pages]
    for train, test in GroupKFold(10).split(all_pages, groups=groups):
        model = from_blob(to_blob(*fit([data[i] for i in train])))
        for i in test:
            picks[i] = pick_title(all_pages[i]["ctx"], model)
    out = {}
    for source in SOURCES:
        idx = [
            i
            for i, p in enumerate(all_pages)
            if p["source"] == source and (p["title"] or source == SOURCES[0])
        ]
        model = sum(_right(all_pages[i], picks[i]) for i in idx)
        rules = sum(_right(all_pages[i], all_pages[i]["ctx"].rule) for i in idx)
        out[source] = {
            "pages": len(idx),
            "model": round(model / len(idx), 3),
            "rules": round(rules / len(idx), 3),
        }
    return out


def later_rounds(all_pages: list[dict], first: int) -> dict:
    """Trained on every page but the development pages of rounds `first` and later, the
    share of those pages whose pick is their title (a page without one: no pick), beside
    the shipped model's and the rules' picks on the same pages."""
    from stance.split.texttitle import from_blob, load_title_model, pick_title

    late = [p for p in all_pages if p["source"] == SOURCES[0] and p.get("round", 0) >= first]
    held = {id(p) for p in late}
    train = [examples(p) for p in all_pages if id(p) not in held]
    model = from_blob(to_blob(*fit(train)))
    shipped = load_title_model()
    return {
        "pages": len(late),
        "model": sum(_right(p, pick_title(p["ctx"], model)) for p in late),
        "shipped": sum(_right(p, pick_title(p["ctx"], shipped)) for p in late),
        "rules": sum(_right(p, p["ctx"].rule) for p in late),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cv", action="store_true", help="grouped 10-fold CV by round or site")
    parser.add_argument(
        "--from-round",
        type=int,
        help="also train without the dev pages of this round and later and report on them",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    all_pages = pages(args.data_dir)
    meta: dict = {
        "pages": {s: sum(p["source"] == s for p in all_pages) for s in SOURCES},
        "C": C,
        "source": "tests/pages (dev half), MIT; trafilatura comments-eval, Apache-2.0; "
        "scrapinghub article-extraction (even half), MIT",
    }
    if args.cv:
        meta["cv"] = cross_validate(all_pages)
        print(f"grouped 10-fold CV by round or site: {meta['cv']}")
    if args.from_round is not None:
        late = later_rounds(all_pages, args.from_round)
        print(f"dev pages of round {args.from_round} and later, titles right: {late}")
    blob = to_blob(*fit([examples(p) for p in all_pages]), meta, digits=5)
    args.out.write_text(json.dumps(blob, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(f"wrote {args.out} ({len(blob['coef'])} features, {len(all_pages)} pages)")


if __name__ == "__main__":
    main()
