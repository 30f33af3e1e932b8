"""Forum engines' words in the Southeast Asian languages, as regex alternations.

`lines` and `threadlines` spell a forum post's furniture by hand, in English and the larger
European languages. The same engines (phpBB, vBulletin, MyBB, SMF, XenForo, Invision)
run the Thai, Vietnamese, Khmer, Indonesian, Malay, Lao, Burmese and Tagalog forums a
researcher of Cambodian discourse collects, in their language packs' words: those words
are kept as data (`stance/data/forum_words.json`) and joined into the same patterns here.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

_FILE = "forum_words.json"
#: What a placeholder in the data stands for.
_SLOTS = {
    "{name}": r".{1,40}",
    "{n}": r"\d[\d,.]*",
    "{m}": r"\d[\d,.]*",
    "{forum}": r".{1,60}",
    "{time}": r".{1,30}",
}


@lru_cache(maxsize=1)
def _data() -> dict[str, list[str]]:
    raw = resources.files("stance").joinpath("data", _FILE).read_text("utf-8")
    return {k: v for k, v in json.loads(raw).items() if isinstance(v, list)}


#: Scripts written without spaces between words (Thai, Lao, Burmese, Khmer): a rank there
#: is its word with the grade glued on ("សមាជិក" member, "សមាជិកចាស់" senior member).
_UNSPACED_CHAR = r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
_UNSPACED = re.compile(rf"^{_UNSPACED_CHAR}+$")


def _pattern(phrase: str, colon: bool = False) -> str:
    """A phrase as a regex: its words escaped, any spacing between them, slots filled;
    its trailing colon dropped, or (`colon`) kept where it has one."""
    bare = phrase.strip().rstrip(":").strip()
    tail = r"\s*:" if colon and phrase.strip().endswith(":") else ""
    parts = re.split(r"(\{\w+\})", bare)
    out = []
    for p in parts:
        if p in _SLOTS:
            out.append(_SLOTS[p])
        elif p.strip():
            lead = r"\s*" if p[0].isspace() else ""
            trail = r"\s*" if p[-1].isspace() else ""
            out.append(lead + r"\s+".join(re.escape(w) for w in p.split()) + trail)
    return "".join(out) + tail


def alternation(kind: str, colon: bool = False) -> str:
    """The phrases of one kind ("fields", "ranks", "buttons", "quote_intros",
    "thanks_lines", "thread_furniture", "related") as one alternation, longest first,
    without their trailing colons (the patterns that use them say where one may stand), or
    with them (`colon`: "Quote:" is a quote's head, "Quote" a button)."""
    phrases = {_pattern(p, colon) for p in _data()[kind]}
    if kind == "ranks":  # a grade glued to the rank's word, where words are not spaced
        # (not Pantip's "สมาชิกหมายเลข 3390127", member number N: a name)
        glued = r"(?!หมายเลข)" + _UNSPACED_CHAR + "{0,12}"
        phrases = {p + glued if _UNSPACED.match(p) else p for p in phrases}
    phrases = sorted(phrases, key=len, reverse=True)
    return "|".join(phrases)


def verbs(kind: str) -> str:
    """The words around the name of a "{name} wrote:" or "by {name}" phrase, as an
    alternation: those after the name ("wrote") for "wrote", before it for "by"."""
    out = set()
    for p in _data()[kind]:
        before, _, after = p.rstrip(":").partition("{name}")
        word = after if kind == "wrote" else before
        if word.strip() and (kind != "wrote" or not before.strip()):
            out.add(r"\s+".join(re.escape(w) for w in word.split()))
    return "|".join(sorted(out, key=len, reverse=True))
