"""The title model of text dumps (split/texttitle.py: `title_features`, `pick_title`)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from page_gold import PAGES, gold_of, split_page
from stance.split.ranker import Ranker
from stance.split.text import split_text
from stance.split.texttitle import (
    MODEL_FILE,
    from_blob,
    load_title_model,
    title_features,
    title_text,
)

ROOT = Path(__file__).resolve().parents[1]

# A link-aggregator thread of a site no page in training comes from: the site's name and
# its menu above the thread's title, a "submitted ... by" line under it.
LEMMY = """Lemmy Kampot
Communities
Create
Support Lemmy
Search
Login
Has anyone taken the new bus from Kampot to Siem Reap?
submitted 3 months ago by vanna@lemmy.kampot.example
It leaves at seven in the morning and the company says it takes ten hours with one stop.
Sort: Top
sokun@lemmy.kampot.example 3 months ago
I took it in May. It was closer to eleven hours, but the seats were fine all the way.
reply
dara@lemmy.kampot.example 3 months ago
The night bus is faster if you can sleep on a bus, and it saves you a night in a guesthouse.
reply
"""


def test_a_threads_title_not_the_sites_menu() -> None:
    # the rules alone pick "Support Lemmy" (the longest menu line before the first paragraph)
    assert split_text(LEMMY).title == "Has anyone taken the new bus from Kampot to Siem Reap?"


def test_json_weights_pick_as_the_sklearn_model(benchmark) -> None:
    builder = benchmark("build_title_model")
    names = ("lemmy-asia", "f3-xenforo-tonlesap", "r4-blogger-pproadsdiary", "blogger-kimediawatch")
    pages = []
    with builder.recorded() as seen:
        for name in names:
            path = PAGES / f"{name}.txt"
            ctx = builder.page_context(path.read_text("utf-8"), seen)
            pages.append({"title": gold_of(path)["title"], "ctx": ctx})
    vec, clf = builder.fit([builder.examples(p) for p in pages])
    model = from_blob(json.loads(json.dumps(builder.to_blob(vec, clf))))
    for p in pages:
        feats = title_features(p["ctx"])
        want = clf.decision_function(vec.transform(feats))
        assert [round(model.score(f), 9) for f in feats] == [round(float(z), 9) for z in want]
        assert builder._right(p, model.best(feats))  # trained on it: it knows its title


def test_labels_mark_the_lines_equal_to_the_title(benchmark) -> None:
    builder = benchmark("build_title_model")
    path = PAGES / "lemmy-asia.txt"
    with builder.recorded() as seen:
        ctx = builder.page_context(path.read_text("utf-8"), seen)
    feats, labels = builder.examples({"title": gold_of(path)["title"], "ctx": ctx})
    assert len(feats) == len(labels) and sum(labels) >= 1
    assert {ctx.raws[i].strip() for i, y in enumerate(labels) if y} == {gold_of(path)["title"]}


def test_shipped_model_is_small_and_names_its_sources() -> None:
    assert (ROOT / "src" / "stance" / "data" / MODEL_FILE).stat().st_size < 500_000
    meta = json.loads((ROOT / "src" / "stance" / "data" / MODEL_FILE).read_text("utf-8"))["meta"]
    dev = [p for p in sorted(PAGES.glob("*.txt")) if gold_of(p)["half"] == "dev"]
    assert meta["pages"]["dev pages"] <= len(dev) and "held-out" not in json.dumps(meta)
    assert load_title_model().coef["rule"] > 0  # the rules' pick counts for a line


def test_dev_dump_titles_at_least_as_measured() -> None:
    # 566 of these 720 pages when the ranking model shipped (in-sample: it was trained on
    # them; out of fold, grouped by round, 0.690: docs/benchmarks.md)
    right = of = 0
    for path in sorted(PAGES.glob("*.txt")):
        gold = gold_of(path)
        if gold["half"] != "dev":
            continue
        title = split_page(path).title
        of += 1
        right += (
            " ".join((gold.get("title") or "").split()).casefold()
            == " ".join((title or "").split()).casefold()
        )
    assert right >= 566, f"{right}/{of}"


@given(st.lists(st.dictionaries(st.sampled_from("abcd"), st.integers(0, 2)), max_size=6))
def test_best_is_the_first_highest_score_above_the_floor(cands: list[dict[str, int]]) -> None:
    r = Ranker({"a": 1.5, "b": -2.0, "c": 0.25}, -0.5)
    scores = [r.score(f) for f in cands]
    best = r.best(cands, floor=0.0)
    above = [z for z in scores if z > 0.0]
    if not above:
        assert best is None
    else:
        assert best == scores.index(max(above))


def test_title_text_drops_labels_marks_and_a_breadcrumbs_path() -> None:
    assert title_text("Subject:\tRE: Draft joint statement") == "Draft joint statement"
    assert title_text("Sujet : [ACTU] Le canal Funan Techo") == "[ACTU] Le canal Funan Techo"
    assert title_text("title:      Boeung Kak, ten years on") == "Boeung Kak, ten years on"
    assert title_text("# KH Press Watch") == "KH Press Watch"
    assert title_text("* Transit tax rises") == "Transit tax rises"
    assert title_text("Forum » Politics » Kem Sokha gets 27 years") == "Kem Sokha gets 27 years"
    assert title_text("论坛 \u203a 新闻资讯 \u203a 扶南德佳运河今天开工") == "扶南德佳运河今天开工"
    # a section's name ends a news page's breadcrumb: the line is no title's holder
    assert title_text("Home » News » Asia » Cambodia") == "Home » News » Asia » Cambodia"
    assert title_text("Subjects of the week") == "Subjects of the week"


@given(st.text(max_size=80))
def test_title_text_is_a_nonempty_part_of_the_line(line: str) -> None:
    out = title_text(line)
    assert out in line.strip()
    assert bool(out.strip()) == bool(line.strip())
