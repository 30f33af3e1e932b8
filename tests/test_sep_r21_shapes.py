"""split: the shapes read once the round-21 pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from stance.split.lines import is_timestamp, meta_text, posted_by, words
from stance.split.text import split_text
from stance.split.threadlines import line_type


def _fields(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(c.author, c.posted_at, c.text) for c in split_text(text).comments]


_BUG = """Log in / Register
Overview
Bugs
Mirror blocked from Cambodian ISPs
Bug #2007318 reported by Vuthy Sam on 2023-02-14
Bug Description
The mirror has been unreachable for readers in Cambodia since the evening of the 13th.
Chanthou Ros (chanthou-r) wrote on 2023-02-14:\t#1
Confirmed from Phnom Penh, the connection is reset right after the handshake.
Changed in news-mirror:
status:\tNew → Confirmed
importance:\tUndecided → High
Jonas Berg (jberg) wrote on 2023-02-14:\t#2
Can someone run a connectivity test from each ISP? It would give us something solid.
Dara Kong (darakong) wrote on 2023-02-15:\t#3
Alternate domains are live now, and the onion address is in the README.
Changed in news-mirror:
assignee:\tnobody → Dara Kong (darakong)
To post a comment you must log in.
Report a bug
This report contains Public information
Everyone can see this information.
Duplicates of this bug
"""


def test_a_bugs_change_log_and_the_sidebar_after_the_login_notice_are_no_comments() -> None:
    assert _fields(_BUG) == [
        (
            "Chanthou Ros",
            "2023-02-14",
            "Confirmed from Phnom Penh, the connection is reset right after the handshake.",
        ),
        (
            "Jonas Berg",
            "2023-02-14",
            "Can someone run a connectivity test from each ISP? It would give us something solid.",
        ),
        (
            "Dara Kong",
            "2023-02-15",
            "Alternate domains are live now, and the onion address is in the README.",
        ),
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Changed in news-mirror-kh:", "button"),
        ("status:\tNew → Confirmed", "button"),
        ("milestone: none → 0.9.2", "button"),
        ("Report a bug", "button"),
        ("Subscribe someone else", "button"),
        ("Taken on July 26, 2013", "button"),
        ("Uploaded on July 27, 2013", "button"),
        ("Inhalt melden", "button"),
        (
            "Dieser Beitrag wurde bereits 1 Mal editiert, zuletzt von „Jo“ (14. November 2023)",
            "button",
        ),
        ("Beiträge", "field_label"),
        ("Jetzt mitmachen!", "notice"),
        ("Du hast noch kein Benutzerkonto auf unserer Seite?", "notice"),
        (
            "\ub313\uae00\uc740 \ub85c\uadf8\uc778 \ud6c4 "
            "\uc791\uc131\ud560 \uc218 \uc788\uc2b5\ub2c8\ub2e4.",
            "notice",
        ),
        ("Ähnliche Themen", "related"),
        ("More from Lukas Weber", "related"),
        ("\ubaa8\ub450\uc758\uacf5\uc6d0 \uc778\uae30\uae00", "related"),  # a board's popular posts
        (
            "\u0e42\u0e1e\u0e2a\u0e15\u0e4c\u0e2d\u0e37\u0e48\u0e19\u0e08\u0e32\u0e01 Blocklog",
            "related",
        ),
        ("PRO", "badge"),
        ("Favorite Answer", "badge"),
        ("\u30d7\u30ed\u30d4\u30c3\u30ab\u30fc", "badge"),  # NewsPicks' "pro picker"
        ("\u0e1c\u0e39\u0e49\u0e40\u0e02\u0e35\u0e22\u0e19", "badge"),  # Thai: the author
        ("\u6ce8\u76ee\u9806", "header"),  # sorted by attention
        ("Les réactions à l'article « Le marché central rénové »", "header"),
        ("Vos commentaires", "header"),
        ("\u0e04\u0e27\u0e32\u0e21\u0e04\u0e34\u0e14\u0e40\u0e2b\u0e47\u0e19 128", "header"),
        (
            "\u0e0b\u0e48\u0e2d\u0e19\u0e01\u0e32\u0e23\u0e15\u0e2d\u0e1a\u0e01\u0e25\u0e31\u0e1a",
            "reply",
        ),
        ("\u8fd4\u4fe1\u3092\u9589\u3058\u308b", "reply"),  # close the replies
        ("posted by jo (12 comments total) 14 users marked this as a favorite", "header"),
    ],
)
def test_round_21_furniture(line: str, kind: str) -> None:
    assert line_type(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Changed my mind about this after reading the report.",
        "status: the mirror works again",
        "Taken on faith, this is nonsense.",
        "Professional work",
    ],
)
def test_round_21_furniture_spares_text(line: str) -> None:
    assert line_type(line) is None


def test_a_byline_with_favorites_and_a_staff_role() -> None:
    assert posted_by("posted by jo_k at 9:21 PM on July 23, 2023 [38 favorites]") == (
        "jo_k",
        "9:21 PM on July 23, 2023",
    )
    assert posted_by("posted by loup (staff) at 10:15 PM on July 23, 2023") == (
        "loup",
        "10:15 PM on July 23, 2023",
    )


_TRAILS = """MonoFilter
Same as it ever was
July 23, 2023 9:04 PM   Subscribe
Cambodians voted today in an election from which the main opposition party was excluded.
posted by ndlovu_k (3 comments total) 14 users marked this as a favorite
The ballot-spoiling threat is the tell, for me: a confident party would not need it.
posted by thelonious at 9:21 PM on July 23, 2023 [38 favorites]
Some context: in 2013 the opposition came within a few seats of winning the election.
posted by airmail at 9:30 PM on July 23, 2023 [61 favorites]
Thanks, airmail, that is a better summary than I managed in the post itself.
posted by ndlovu_k at 9:44 PM on July 23, 2023 [4 favorites]
« Older The marginalia of medieval books   |   Ask not what your transit agency Newer »
This thread has been archived and is closed to new comments
"""


def test_comments_closed_by_their_bylines_and_the_post_byline_counting_them() -> None:
    assert [(a, d) for a, d, _ in _fields(_TRAILS)] == [
        ("thelonious", "9:21 PM on July 23, 2023"),
        ("airmail", "9:30 PM on July 23, 2023"),
        ("ndlovu_k", "9:44 PM on July 23, 2023"),
    ]


_EXPERTS = """NewsPickup
カンボジア、運河着工　メコン下流域への影響懸念
日本経済新聞
2024年8月5日
カンボジアのフン・マネット首相は5日、首都近郊とタイランド湾を結ぶ運河の起工式に出席した。
記事を読む
コメント
注目順
新着順
プロピッカーのみ
石井 真理子
プロピッカー
アジア経済研究所 研究員
運河そのものの経済合理性よりも、政治的な意味合いが大きい事業だと見ています。
5時間前
いいね 214
返信する
高橋 健
総合商社 勤務
ベトナム側では、安全保障上の懸念もよく聞きます。
4時間前
いいね 38
返信する
森 あゆみ
当初は中国側が全額出資すると言われていたのに、最近は国内の資金も使うという報道もありました。
1時間前
いいね 12
返信する
岡田 翔
物流コンサルタント
物流の観点では、水深と通年での航行可能性がポイントです。
48分前
いいね 18
返信する
"""


def test_a_badge_and_an_affiliation_under_most_names_are_no_text() -> None:
    assert [(a, t) for a, _, t in _fields(_EXPERTS)] == [
        (
            "石井 真理子",
            "運河そのものの経済合理性よりも、政治的な意味合いが大きい事業だと見ています。",
        ),
        ("高橋 健", "ベトナム側では、安全保障上の懸念もよく聞きます。"),
        (
            "森 あゆみ",
            "当初は中国側が全額出資すると言われていたのに、最近は国内の資金も使うという報道もありました。",
        ),
        ("岡田 翔", "物流の観点では、水深と通年での航行可能性がポイントです。"),
    ]


_WOLTLAB = """Kambodscha-Forum.de
Forum
Umsiedlungen in Angkor
Hangover-Hans
14. November 2023
Thema folgen
Hangover-Hans
Profi
Beiträge
2.318
14. November 2023
#1
Hallo zusammen, hat jemand mitbekommen, was gerade in Angkor passiert?
Zitieren
Inhalt melden
Siem-Reap-Sabine
Fortgeschrittener
Beiträge
1.204
14. November 2023
#2
Ich lebe seit 2016 in Siem Reap. Ganz so schwarz-weiß ist es nicht.
Dieser Beitrag wurde bereits 1 Mal editiert, zuletzt von „Siem-Reap-Sabine“ (14. November 2023)
Zitieren
Inhalt melden
Kampot-Klaus
Meister
Beiträge
4.771
Gestern, 13:22
#3
Das ist ja nichts Neues in Kambodscha, denkt an Boeung Kak in Phnom Penh.
Zitieren
Inhalt melden
Tuktuk-Tom
Anfänger
Beiträge
689
Heute, 08:12
#4
Wobei man sagen muss, dass die Vergabe von Landtiteln besser geworden ist.
Zitieren
Inhalt melden
Jetzt mitmachen!
Du hast noch kein Benutzerkonto auf unserer Seite? Registriere dich kostenlos!
Ähnliche Themen
Wahl 2023: Hun Manet wird Premier
"""


def test_forum_posts_with_rank_and_post_count_and_the_opening_post_is_none() -> None:
    assert [(a, d) for a, d, _ in _fields(_WOLTLAB)] == [
        ("Siem-Reap-Sabine", "14. November 2023"),
        ("Kampot-Klaus", "Gestern, 13:22"),
        ("Tuktuk-Tom", "Heute, 08:12"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "20 \u0e0a\u0e21.",
        "3 \u0e19\u0e32\u0e17\u0e35",
        "3 \u0e0a\u0e31\u0e48\u0e27\u0e42\u0e21\u0e07\u0e17\u0e35\u0e48\u0e41\u0e25\u0e49\u0e27",
    ],
)
def test_thai_ages_without_ago(line: str) -> None:
    assert is_timestamp(line)


def test_a_thai_word_runs_on_through_its_vowel_signs_and_tone_marks() -> None:
    assert words("\u0e2a\u0e21\u0e0a\u0e32\u0e22 \u0e43\u0e08\u0e14\u0e35") == [
        "\u0e2a\u0e21\u0e0a\u0e32\u0e22",
        "\u0e43\u0e08\u0e14\u0e35",
    ]


def test_a_date_line_with_the_posters_masked_address() -> None:
    assert meta_text("2025-10-14 09:35:10 / IP 211.\u2661.45.102") == "2025-10-14 09:35:10"


_PHOTO = """Shutterstream
Lukas Weber
CNRP final rally, Freedom Park, 26 July 2013
Tens of thousands of supporters at the party's last rally before the general election.
Uploaded on July 27, 2013
Taken on July 26, 2013
This photo is in 1 album
Cambodia Election 2013
Sambath Khmer
10y
I was there! Somewhere at the back near the stage.
Claire Dubois
PRO
10y
Superbe lumière. On sent l'espoir de ces jours-là.
Hector Ramos
10y
We would love to have this photo added to our group of protest photography.
Ratana Phoung
9y
Look at this crowd. Nobody expected the opposition to get 55 seats.
Sign up or Log in to comment
More from Lukas Weber
Election day queue, Kandal, 28 July 2013
"""


def test_a_feed_of_names_over_ages_and_a_pro_badge() -> None:
    assert [(a, d) for a, d, _ in _fields(_PHOTO)] == [
        ("Sambath Khmer", "10y"),
        ("Claire Dubois", "10y"),
        ("Hector Ramos", "10y"),
        ("Ratana Phoung", "9y"),
    ]


_UNKNOWN_BUTTON = """Forum
A thread about the election
Sokha Lim said on 12 March 2023:
The count was over in an hour and nobody was allowed to watch it happen.
Nach oben springen
Dara Kim said on 12 March 2023:
In my village the observers were sent home before the boxes were opened.
Nach oben springen
Vanna Chea said on 13 March 2023:
We heard the same from Kampot, the observers left at noon.
Nach oben springen
"""


def test_a_short_line_under_three_comments_word_for_word_is_furniture() -> None:
    assert [t for _, _, t in _fields(_UNKNOWN_BUTTON)] == [
        "The count was over in an hour and nobody was allowed to watch it happen.",
        "In my village the observers were sent home before the boxes were opened.",
        "We heard the same from Kampot, the observers left at noon.",
    ]


def test_a_chat_whose_messages_are_the_same_short_line_keeps_them() -> None:
    said = [("Sokha", "Will you all come to the rally tomorrow morning?")]
    said += [(name, "ok") for name in ("Dara", "Vanna", "Chea")]
    chat = "".join(f"{name}\n09:1{i}\n{words}\n" for i, (name, words) in enumerate(said))
    assert [(a, t) for a, _, t in _fields("Chat export\n" + chat)] == said


@pytest.mark.parametrize(
    "line",
    [
        "3 tundi tagasi",
        "prieš 3 valandas",
        "pirms 3 stundām",
        "saa 3 zilizopita",
        "just now",
        "à l'instant",
        "gerade eben",
        "\u0442\u043e\u043b\u044c\u043a\u043e \u0447\u0442\u043e",
        "3. marts 2024",
        "3 Marso 2024",
    ],
)
def test_more_relative_dates_just_now_and_months(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize("line", ["just", "now", "Marso", "tagasi"])
def test_their_words_alone_are_no_dates(line: str) -> None:
    assert not is_timestamp(line)
