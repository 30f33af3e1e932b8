"""split: whole-page plain-text dumps (issue 11): the boilerplate line model, the title of
a dump, and the separator benchmark's helpers."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from stance.split.boilerplate import MIN_LINES, from_blob, load_line_model
from stance.split.text import split_text, unit_lines

ROOT = Path(__file__).resolve().parents[1]

MENU = ["Home", "News", "World", "Politics", "Business", "Sport", "Opinion", "Video"]
ARTICLE = [
    "Flood waters along the Mekong rose again on Tuesday, forcing thousands of families in "
    "three provinces to leave their homes for higher ground.",
    "The national disaster committee said it had opened 120 shelters and sent boats, rice "
    "and drinking water to the worst-hit districts.",
    "Farmers said the water arrived weeks earlier than usual and destroyed rice fields that "
    "were only days away from the harvest.",
    "Officials expect the river to peak at the end of the week, when the rains in the "
    "upper basin are forecast to ease.",
]
RELATED = [
    "Related stories",
    "* Drought hits rice farmers in the north",
    "* Dam operators warned over water releases",
    "* New bridge opens across the Tonle Sap",
    "* Fishing catch falls for third year",
]
FOOTER = ["About us", "Contact", "Advertise with us", "Privacy policy", "© 2024 Daily Post"]
TITLE = "Mekong floods force thousands from their homes"


def _dump() -> str:
    lines = [
        "Daily Post",
        *MENU,
        TITLE,
        "By Sok Chea",
        *ARTICLE,
        *RELATED,
        *FOOTER,
    ]
    return "\n\n".join(lines) + "\n"


def test_a_whole_page_dump_keeps_menus_and_footers_out_of_editorial() -> None:
    text = _dump()
    doc = split_text(text, "flood")
    assert doc.rebuild() == text
    assert doc.title == TITLE  # not the site name or the first menu item
    assert doc.comments == []
    assert set(ARTICLE) <= set(doc.editorial)
    out = [x for x in ["Daily Post", *MENU, *RELATED, *FOOTER] if x in doc.boilerplate]
    # every line above the title that is not running text is the masthead or a menu, and
    # below the article's last paragraph a line the model leans towards boilerplate is
    assert out == ["Daily Post", *MENU, *RELATED, *FOOTER]


def test_below_the_article_the_lower_threshold_applies_only_with_one() -> None:
    text = _dump()
    model = load_line_model()
    lines = unit_lines(text)
    off = replace(model, below_threshold=None).boilerplate(lines)
    on = model.boilerplate(lines)
    fishing = lines.index("* Fishing catch falls for third year")
    assert on[fishing] and not off[fishing]
    assert on[: lines.index(ARTICLE[-1]) + 1] == off[: lines.index(ARTICLE[-1]) + 1]


def test_a_short_text_is_no_page_dump() -> None:
    text = "Headline\n\nBody text here.\n"
    assert len(unit_lines(text)) < MIN_LINES
    doc = split_text(text)
    assert (doc.title, doc.editorial, doc.boilerplate) == ("Headline", ["Body text here."], [])


def test_json_scorer_reproduces_the_sklearn_model(benchmark) -> None:
    builder = benchmark("build_boilerplate_model")
    pages = [unit_lines(_dump()), [*MENU, TITLE, *ARTICLE[:2], *FOOTER, *ARTICLE[2:]]]
    labels = [[int(x not in ARTICLE) for x in p] for p in pages]
    clf, vocab, mean, scale = builder.fit_model(pages, labels, C=1.0, min_df=1)
    blob = builder.to_blob(clf, vocab, mean, scale)
    model = from_blob(json.loads(json.dumps({**blob, "threshold": 0.5, "prose_threshold": 0.9})))
    probe = [*RELATED, *ARTICLE, "Unseen words only zyx", *MENU]
    dense, words = builder.matrix([probe], vocab, mean, scale)
    expected = clf.predict_proba(builder.stack(dense, words))[:, 1]
    assert [round(p, 4) for p in model.proba(probe)] == [round(p, 4) for p in expected]


def test_shipped_line_model_is_small_and_says_where_its_threshold_comes_from() -> None:
    path = ROOT / "src" / "stance" / "data" / "line_boilerplate.json"
    assert path.stat().st_size < 500_000
    model = load_line_model()
    assert (model.threshold, model.prose_threshold, model.outside) == (0.9, 0.9, 0.4)
    assert model.meta["pages"] == 181
    assert "development half" in model.meta["threshold"]


def test_benchmark_sites_halves_and_bootstrap(benchmark) -> None:
    sep = benchmark("separator")
    assert sep.site_of("https://www.example.org/a/b") == "example.org"
    assert (
        sep.site_of("https://web.archive.org/web/2019id_/http://dzs-clan.de/news.html")
        == "dzs-clan.de"
    )
    assert {sep.half_of(s) for s in ("a.org", "b.org", "c.org", "d.org", "e.org")} == {
        "dev",
        "held-out",
    }
    assert sep.bootstrap([(3, 3), (2, 2)]) == [1.0, 1.0]
    lo, hi = sep.bootstrap([(0, 4), (4, 4), (2, 4)])
    assert 0 <= lo < 0.5 < hi <= 1
    assert sep.share([(1, 2), (3, 4)], noise=False) == {"share": 0.667, "hit": 4, "of": 6}


def test_a_dumps_title_is_no_breadcrumb_list_item_or_byline() -> None:
    text = "\n\n".join(
        [
            *[f"* {m}" for m in MENU],
            "Home » News » World » Asia » Cambodia",
            "* Mekong floods: what we know so far",
            "Floods close schools",
            "Sok Chea, 12.03.2019 10:15",
            *ARTICLE,
            *FOOTER,
        ]
    )
    assert split_text(text).title == "Floods close schools"
