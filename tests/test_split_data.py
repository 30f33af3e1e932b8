"""The paragraph-voice model and the separator's accuracy floors on the shared pages."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from stance.split.html import split_html
from stance.split.voice import MODEL_FILE, from_blob, load_voice_model

ROOT = Path(__file__).resolve().parents[1]


ARTICLE = [
    "The ministry said on Tuesday that exports rose by four percent in March.",
    "Officials expect the new port to open next year, according to a statement.",
    "The company reported a net loss for the third quarter, its filing showed.",
    "Police said the suspect was arrested late on Friday near the border.",
    "The central bank kept its main interest rate unchanged on Thursday.",
]
READER = [
    "You people are clueless, read a book before you post this garbage!",
    "I totally agree with you, this government is a joke lol",
    "Why do you even care? Nobody asked you.",
    "Great article, thanks for sharing! I love it.",
    "Are you kidding me?? This is the dumbest thing I have read all week.",
]


def test_json_scorer_reproduces_the_sklearn_pipeline(benchmark) -> None:
    texts = ARTICLE * 2 + READER * 2
    y = [0] * 10 + [1] * 10
    builder = benchmark("build_paragraph_model")
    pipe = builder.make_pipeline(max_features=500, C=2.0).fit(texts, y)
    voice = from_blob(json.loads(json.dumps(builder.to_blob(pipe))))
    probe = [*ARTICLE, *READER, "Unseen words only: zyx qwv", "", "you said the ministry"]
    expected = pipe.predict_proba(probe)[:, 1]
    assert [round(voice.proba_reader(t), 9) for t in probe] == [round(p, 9) for p in expected]


def test_shipped_voice_model_is_small_and_separates_voices() -> None:
    path = ROOT / "src" / "stance" / "data" / MODEL_FILE
    assert path.stat().st_size < 2_000_000
    model = load_voice_model()
    assert model.meta["cv_accuracy"] >= 0.85
    assert model.proba_reader("Losers and cowards, you need to do your jobs!") > 0.6
    assert model.proba_reader("The ministry said on Tuesday exports rose 4 percent.") < 0.4


# Floors measured by benchmarks/separator.py on these exact annotations (sha256 below):
# lowering one is a deliberate, visible change. trafilatura itself scores 0.906 / 0.500 /
# 0.939 on the same pages.
ANNOTATIONS_SHA256 = "5a03dd517aa0a3bc032790bc51935f72b4c152f943b197b67ea31e325539adcb"
FLOORS = {"with": 0.90, "comments": 0.63, "without": 0.94}


def _norm(t: str) -> str:
    return " ".join(t.split())


def test_html_split_floors_on_the_comment_eval_pages(shared_data: Path) -> None:
    base = shared_data / "trafilatura-comments-eval"
    raw = (base / "annotations.json").read_bytes()
    if hashlib.sha256(raw).hexdigest() != ANNOTATIONS_SHA256:
        pytest.fail("annotations.json changed: re-run benchmarks/separator.py, update floors")
    hits = {k: [0, 0] for k in FLOORS}
    for a in json.loads(raw).values():
        html = gzip.decompress((base / a["file"]).read_bytes()).decode("utf-8", "replace")
        doc = split_html(html, a["file"])
        ed = _norm("\n".join(doc.editorial))
        co = _norm("\n".join(c.text for c in doc.comments))
        for key, hay, want in (("with", ed, True), ("comments", co, True), ("without", ed, False)):
            for s in a[key]:
                hits[key][0] += (_norm(s) in hay) == want
                hits[key][1] += 1
    shares = {k: h / n for k, (h, n) in hits.items()}
    assert all(shares[k] >= FLOORS[k] for k in FLOORS), shares
