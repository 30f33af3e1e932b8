"""Rebuild src/stance/data/paragraph_voice.json, the separator's paragraph-voice model.

Usage: python benchmarks/build_paragraph_model.py [DATA_DIR]
(DATA_DIR defaults to ../shared/data beside the repository). Prints the grouped
cross-validated accuracy that goes into docs/benchmarks.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from stance.paragraphs import MODEL_FILE, build_model

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    out = ROOT / "src" / "stance" / "data" / MODEL_FILE
    blob = build_model(data, out)
    print(json.dumps(blob["meta"], indent=2))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(blob['weights'])} n-grams)")


if __name__ == "__main__":
    main()
