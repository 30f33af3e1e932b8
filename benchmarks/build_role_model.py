"""Build `src/stance/data/line_roles.json`: the line-role model of `stance.split.roles`.

Training data: the annotated development pages in `tests/pages` (text dumps with gold
comments; written for this project, MIT; pages whose gold says `"half": "held-out"` are
never read), and half of the scrapinghub article-extraction pages (MIT; the even ones in
key order) as plain-text dumps, every line `outside`: news pages whose bylines, dates and
related-story lists are not comments. A scrapinghub page where trafilatura finds a
comment section is left out (its comments have no gold).

Each line of a page gets its role from the gold (`label_page`): the lines of a comment's
text are `text`, of its quoted parent `quote`; before its text, the lines naming its
author or date are `head`; right after it, lines naming its own author or date (and not
the next comment's) are `tail`; other lines between the first and the last comment are
`furniture`, the rest `outside`. Two logistic regressions, classes weighted to their
frequency: over `roles.line_features`, then over `roles.context_features` of the first
one's out-of-fold probabilities.

Usage: python benchmarks/build_role_model.py [DATA_DIR] [--cv] [--out PATH]
(DATA_DIR defaults to ../shared/data beside the repository; --cv: grouped 5-fold
cross-validation by site of the reading alone, comment recall and precision; about two
minutes more.)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "pages"
OUT = ROOT / "src" / "stance" / "data" / "line_roles.json"
#: The regularisation of the fit (C of scikit-learn's LogisticRegression).
C = 1.0
#: On how many pages a line feature must occur to be learnt (`_common`).
MIN_PAGES = 2
#: How many lines before the first comment's text its head may lie.
FIRST_HEAD = 12


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip().casefold()


def dev_pages(folder: Path = PAGES) -> list[tuple[Path, dict]]:
    """The annotated text pages of the development half, with their gold."""
    out = []
    for path in sorted([*folder.glob("*.txt"), *folder.glob("shapes/*.txt")]):
        gold = json.loads(path.with_suffix(".json").read_text("utf-8"))
        if gold.get("half") == "dev":
            out.append((path, gold))
    return out


def news_pages(data_dir: Path) -> list[tuple[str, dict]]:
    """The even half of the scrapinghub pages as (dump, gold without comments)."""
    import gzip

    import trafilatura  # benchmark-only dependencies
    from inscriptis import get_text

    base = data_dir / "scrapinghub-article-extraction"
    keys = sorted(json.loads((base / "ground-truth.json").read_text("utf-8")))[::2]
    out = []
    for key in keys:
        raw = gzip.decompress((base / "html" / f"{key}.html.gz").read_bytes())
        html = raw.decode("utf-8", "replace")
        found = trafilatura.bare_extraction(html, include_comments=True)
        if found is not None and (found.comments or "").strip():
            continue
        out.append((get_text(html), {"comments": []}))
    return out


def _text_lines(raw: list[str], gold_text: str, cur: int) -> list[int]:
    """The units (from `cur` on) that make up a gold comment's text, in order: the
    first unit the text starts with, then units that continue it (a few others may lie
    between: buttons, a quote)."""
    want = _norm(gold_text)
    first = next(
        (
            i
            for i in range(cur, len(raw))
            if raw[i] and want.startswith(raw[i]) and (len(raw[i]) >= 8 or raw[i] == want)
        ),
        None,
    )
    if first is None:
        return []
    found, pos, skipped, j = [first], len(raw[first]), 0, first + 1
    while pos < len(want) and j < len(raw) and skipped <= 3:
        rest = want[pos:].lstrip()
        if raw[j] and rest.startswith(raw[j]):
            found.append(j)
            pos, skipped = len(want) - len(rest) + len(raw[j]), 0
        else:
            skipped += 1
        j += 1
    return found


def label_page(text: str, gold: dict) -> tuple[list, list[str], list[int | None]]:
    """The page's units (`text._units`), each unit's role from the gold, and the gold
    comment (index) each unit belongs to (None: none)."""
    from stance.split.text import _units

    units = _units(text)
    n = len(units)
    raw = [_norm(u.raw) for u in units]
    role = ["outside"] * n
    owner: list[int | None] = [None] * n
    comments = gold.get("comments") or []
    spans: list[tuple[int, int] | None] = []
    cur = 0
    for k, c in enumerate(comments):
        lines = _text_lines(raw, c.get("text") or "", cur)
        for i in lines:
            role[i], owner[i] = "text", k
        spans.append((lines[0], lines[-1]) if lines else None)
        cur = lines[-1] + 1 if lines else cur
    prev_end = -1
    for k, c in enumerate(comments):
        if spans[k] is None:
            continue
        first, last = spans[k]
        quoted = [_norm(x) for x in (c.get("quoted") or "").split("\n") if x.strip()]
        keys = [x for x in (_norm(c.get("author")), _norm(c.get("posted_at"))) if x]
        lo = max(prev_end + 1, first - FIRST_HEAD) if k == 0 else prev_end + 1
        for i in range(lo, last + 1):
            if role[i] != "outside":
                continue
            r = raw[i].lstrip("> ").strip()
            if quoted and any(q == r or q in r or (r in q and len(r) > 10) for q in quoted if q):
                role[i], owner[i] = "quote", k
            elif i < first and any(x in raw[i] for x in keys):
                role[i], owner[i] = "head", k
        nxt = next((s[0] for s in spans[k + 1 :] if s), n)
        after = comments[k + 1] if k + 1 < len(comments) else {}
        next_keys = [x for x in (_norm(after.get("author")), _norm(after.get("posted_at"))) if x]
        for i in range(last + 1, min(nxt, last + 4)):
            mine = any(x in raw[i] for x in keys) and not any(x in raw[i] for x in next_keys)
            if role[i] != "outside" or not mine:
                break
            role[i], owner[i] = "tail", k
        prev_end = max(i for i in range(n) if owner[i] == k)
    mine = [i for i in range(n) if owner[i] is not None]
    if mine:
        for i in range(mine[0], mine[-1] + 1):
            if role[i] == "outside":
                role[i] = "furniture"
    return units, role, owner


def make_model(c: float = C):
    """The unfitted vectorizer and classifier."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    return DictVectorizer(), LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def _first_proba(vec, clf, feats: list[dict]) -> list[list[float]]:
    """The first stage's P(role) per line, in `ROLES` order (0 for a role it never saw)."""
    from stance.split.roles import ROLES

    got = clf.predict_proba(vec.transform(feats))
    cols = [list(clf.classes_).index(r) if r in clf.classes_ else None for r in ROLES]
    return [[float(row[j]) if j is not None else 0.0 for j in cols] for row in got]


def _common(feats: list[list[dict]]) -> list[list[dict]]:
    """The pages' line features without those seen on fewer than `MIN_PAGES` pages: a
    word only one page has says nothing about the next page (and keeps the file small)."""
    from collections import Counter

    seen = Counter(name for page in feats for name in {n for f in page for n in f})
    return [[{n: v for n, v in f.items() if seen[n] >= MIN_PAGES} for f in page] for page in feats]


def fit(pages: list[tuple[str, dict]], c: float = C):
    """Fit both stages on (text, gold) pages: the first on every line; the second on the
    first's out-of-fold probabilities (5 folds grouped by site), as it will see them on
    a page the first stage was not trained on."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from stance.split.roles import author_candidates, context_features, line_features

    feats, roles = [], []
    cand_feats: list[dict] = []
    is_author: list[int] = []
    for text, gold in pages:
        units, role, owner = label_page(text, gold)
        feats.append(line_features(units, text))
        roles.append(role)
        for k, comment in enumerate(gold.get("comments") or []):
            meta = [
                u.raw.strip()
                for u, r, o in zip(units, role, owner, strict=True)
                if o == k and r in ("head", "tail")
            ]
            for name, f in author_candidates(meta):
                cand_feats.append(f)
                is_author.append(int(_norm(name) == _norm(comment.get("author"))))
    feats = _common(feats)
    vec, clf = make_model(c)
    clf.fit(vec.fit_transform([f for fs in feats for f in fs]), [r for rs in roles for r in rs])
    groups = [gold.get("site") or f"page {i}" for i, (_, gold) in enumerate(pages)]
    first: list[list[list[float]]] = [[] for _ in pages]
    for train, test in GroupKFold(min(5, len(set(groups)))).split(pages, groups=groups):
        v, m = make_model(c)
        m.fit(
            v.fit_transform([f for i in train for f in feats[i]]),
            [r for i in train for r in roles[i]],
        )
        for i in test:
            first[i] = _first_proba(v, m, feats[i])
    second = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
    second.fit([f for p in first for f in context_features(p)], [r for rs in roles for r in rs])
    avec, authors = make_model(c)
    authors.fit(avec.fit_transform(cand_feats), is_author)
    return vec, clf, second, (avec, authors)


def to_blob(
    vec, clf, second, authors: tuple, meta: dict | None = None, digits: int | None = None
) -> dict:
    """The fitted stages as plain weights (`roles.from_blob` reads them), rounded to
    `digits` decimals when given (the shipped file: 5, which moves no role)."""
    from stance.split.roles import ROLES

    order = [list(clf.classes_).index(r) for r in ROLES]
    coef = clf.coef_[order]
    order2 = [list(second.classes_).index(r) for r in ROLES]

    def num(x: float) -> float:
        return float(x) if digits is None else round(float(x), digits)

    return {
        "roles": list(ROLES),
        "coef": {
            name: [num(x) for x in coef[:, j]]
            for name, j in sorted(vec.vocabulary_.items())
            if any(coef[:, j])
        },
        "intercept": [num(x) for x in clf.intercept_[order]],
        "context_coef": [[num(x) for x in second.coef_[j]] for j in order2],
        "context_intercept": [num(x) for x in second.intercept_[order2]],
        "author_coef": {
            name: num(authors[1].coef_[0, j])
            for name, j in sorted(authors[0].vocabulary_.items())
            if authors[1].coef_[0, j]
        },
        "author_intercept": num(authors[1].intercept_[0]),
        "meta": meta or {},
    }


def cross_validate(pages: list[tuple[Path, dict]], news: list[tuple[str, dict]]) -> dict:
    """Grouped 5-fold CV by site: comment recall and precision of `read_roles` alone on
    the annotated pages (each fold's model also trained on all `news` pages)."""
    from sklearn.model_selection import GroupKFold

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from separator import score_page
    from stance.split.roles import from_blob, read_roles
    from stance.split.text import _units

    sites = [g["site"] for _, g in pages]
    hit = claimed = total = named = 0
    for train, test in GroupKFold(5).split(pages, groups=sites):
        train_pages = [(pages[i][0].read_text("utf-8"), pages[i][1]) for i in train]
        model = from_blob(to_blob(*fit([*train_pages, *news])))
        for i in test:
            text = pages[i][0].read_text("utf-8")
            units = _units(text)
            drafts = read_roles(units, model.roles(units, text), model)
            found = [
                SimpleNamespace(
                    text=text[d.body[0].start : d.body[-1].end],
                    author=d.author,
                    posted_at=d.posted_at,
                    quoted=None,
                    parent=None,
                )
                for d in drafts
            ]
            got = score_page(pages[i][1], SimpleNamespace(comments=found, title=None))
            hit, claimed = hit + got["recall"][0], claimed + got["precision"][1]
            total, named = total + got["recall"][1], named + got["author"][0]
    return {
        "recall": round(hit / max(1, total), 3),
        "precision": round(hit / max(1, claimed), 3),
        "author": round(named / max(1, hit), 3),
        "comments": total,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cv", action="store_true", help="grouped 5-fold CV by site first")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    pages = dev_pages()
    news = news_pages(args.data_dir)
    meta: dict = {
        "pages": len(pages),
        "news_pages": len(news),
        "C": C,
        "min_pages": MIN_PAGES,
        "source": "tests/pages (dev half), MIT; scrapinghub article-extraction (even half), MIT",
    }
    if args.cv:
        meta["cv"] = cross_validate(pages, news)
        print(f"grouped 5-fold CV by site: {meta['cv']}")
    blob = to_blob(*fit([*((p.read_text("utf-8"), g) for p, g in pages), *news]), meta, digits=5)
    args.out.write_text(json.dumps(blob, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(f"wrote {args.out} ({len(blob['coef'])} features, {len(pages)} pages)")


if __name__ == "__main__":
    main()
