"""Posts an article embeds from social networks are quotes in the article, not comments."""

from __future__ import annotations

from stance.split.html import split_html

_TWEET = (
    '<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">{text}</p>'
    '&mdash; {name} (@{handle}) <a href="https://twitter.com/{handle}/status/1">November 18, '
    "2019</a></blockquote></div>"
)
_PARAS = [
    "The ministry announced the new road safety campaign on Monday, with billboards in "
    "every province and advertisements on television.",
    "Critics online said the slogan was confusing, and the hashtag trended within hours of "
    "the launch.",
    "The governor answered her critics on Twitter and said the attention was the point of "
    "the campaign.",
    "The agency that wrote the slogan has been paid nearly half a million dollars so far "
    "this year, according to the state's records.",
]


def _page() -> str:
    body = []
    for i, p in enumerate(_PARAS):
        body.append(f"<p>{p}</p>")
        body.append(
            _TWEET.format(
                text=f"This slogan is something else. Day {i} of wondering who approved it.",
                name=f"Reader Number{i}",
                handle=f"reader{i}",
            )
        )
    return (
        "<html><head><title>Slogan doubles down</title></head><body><article>"
        "<h1>Slogan doubles down</h1>" + "".join(body) + "</article></body></html>"
    )


def test_embedded_tweets_are_not_comments() -> None:
    doc = split_html(_page(), "embeds")
    assert doc.comments == []
    editorial = "\n".join(doc.editorial)
    for p in _PARAS:
        assert p in editorial
