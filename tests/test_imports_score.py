"""What a warm `stance score MODEL two.csv` imports (issue 12): only what scoring a table
needs. Checked in a fresh process through `sys.modules`, not timed.

Importing is most of a warm start (numpy, pandas with pyarrow, typer: about 0.5 s of
0.65), so a module that creeps into the path shows up here first.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from stance.score.scorer import load_scorer
from test_model import FAST, stance_frame

#: Never imported by a warm score of a small table: the page splitter, training and
#: evaluation, the optional extras, numba (small batches: plain-Python kernels),
#: scikit-learn and joblib (the compiled model comes from the cache), rich (no terminal).
NOT_NEEDED = (
    "stance.split",
    "stance.training",
    "stance.evaluation",
    "stance.convert",
    "stance.labeltools",
    "stance.review",
    "stance.score.dask_engine",
    "numba",
    "sklearn",
    "scipy",
    "joblib",
    "rich",
    "lxml",
    "trafilatura",
    "matplotlib",
    "dask",
    "pyarrow.parquet",
)

#: Run in the subprocess: the CLI with argv, then the NOT_NEEDED modules it imported.
HELPER = """
import sys
from stance.cli import main
sys.argv = ["stance", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print(sorted(m for m in {not_needed!r} if m in sys.modules))
"""


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    from stance.persist import save_model
    from stance.training import train

    return save_model(train(stance_frame(), config=FAST), tmp_path_factory.mktemp("m") / "small")


def imported_by(args: list[str], cache: str) -> str:
    """The NOT_NEEDED modules that `stance ARGS...` imported, in a fresh process."""
    code = HELPER.format(not_needed=NOT_NEEDED)
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        env={**os.environ, "STANCE_CACHE": cache},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


def test_a_warm_score_of_two_rows_imports_only_what_scoring_a_table_needs(
    model_dir, tmp_path, monkeypatch
) -> None:
    src = tmp_path / "two.csv"
    pd.DataFrame({"id": ["1", "2"], "text": ["Hun Sen is a dictator", "thank you"]}).to_csv(
        src, index=False
    )
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "cache"))
    load_scorer(model_dir)  # the first use fills the cache (as `stance train` does)
    out = tmp_path / "out.csv"
    args = ["score", str(model_dir), str(src), "--out", str(out)]
    assert imported_by(args, str(tmp_path / "cache")) == "[]"
    scored = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert scored["stance"].tolist() == ["against", "favor"]


def test_scoring_a_page_still_imports_the_splitter(model_dir, tmp_path) -> None:
    """The splitter is imported where a page is read (not at the top): a page input
    works as before."""
    page = tmp_path / "page.txt"
    page.write_text(
        "Title\n\nSome article text here.\n\nComments\n\nalice\n2 hours ago\n"
        "Hun Sen is a dictator\nReply\n\nbob\n1 hour ago\nthank you\nReply\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    args = ["score", str(model_dir), str(page), "--out", str(out)]
    assert "stance.split" in imported_by(args, str(tmp_path / "cache"))
    assert len(pd.read_csv(out, dtype=str, keep_default_na=False)) >= 1
