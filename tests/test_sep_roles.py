"""split: the line-role model (split/roles.py) and where `split_text` uses its reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from page_gold import PAGES, gold_of, split_page
from stance.split.lines import is_timestamp
from stance.split.roles import (
    _STRIP,
    MODEL_FILE,
    ROLES,
    context_features,
    date_in,
    from_blob,
    line_features,
    load_role_model,
    read_roles,
)
from stance.split.text import _units, split_text

ROOT = Path(__file__).resolve().parents[1]

# A comment page of a shape no rule was written for: "date ~ Name" over each comment
# (French date with "à 14 h 05"), buttons under it.
PAGE = """Le Courrier du Mékong
Accueil · Politique · Économie · Société

Les réactions à l'article « Le marché central rénové »

3 mars 2018 à 14 h 05 ~ Sophal K.
Le marché est plus propre, mais les loyers des vendeurs ont doublé depuis la rénovation.
Répondre · Signaler · J'aime (12)

3 mars 2018 à 16 h 22 ~ Jean-Pierre L.
Les touristes viennent plus nombreux, les vendeurs finiront par y gagner, il faut patienter.
Répondre · Signaler · J'aime (4)

4 mars 2018 à 8 h 10 ~ Dara P.
Ma tante vend des fruits là-bas depuis vingt ans et elle pense partir à Orussey.
Répondre · Signaler · J'aime (2)

© 2018 Le Courrier du Mékong - Mentions légales
"""


def test_json_scorer_reproduces_the_sklearn_model(benchmark) -> None:
    builder = benchmark("build_role_model")
    names = ("blogger-kimediawatch", "mailinglist-khmerl", "phpbb-mekongriders")  # every role
    pages = [(p.read_text("utf-8"), g) for p, g in builder.dev_pages() if p.stem in names]
    vec, clf, second, authors = builder.fit(pages)
    model = from_blob(json.loads(json.dumps(builder.to_blob(vec, clf, second, authors))))
    order = [list(second.classes_).index(r) for r in ROLES]
    for text, _ in pages:
        units = _units(text)
        first = builder._first_proba(vec, clf, line_features(units, text))
        assert [[round(x, 9) for x in row] for row in first] == [
            [round(x, 9) for x in model.proba(f)] for f in line_features(units, text)
        ]
        want = second.predict_proba(context_features(first))[:, order]
        got = model.page_proba(units, text)
        assert [[round(x, 9) for x in row] for row in got] == [
            [round(float(x), 9) for x in row] for row in want
        ]


def test_labels_from_gold_mark_each_comment_text_line(benchmark) -> None:
    builder = benchmark("build_role_model")
    path = PAGES / "r4-commentpage-cambodgehebdo.txt"
    units, roles, _ = builder.label_page(path.read_text("utf-8"), gold_of(path))
    assert roles.count("text") == sum(len(c["text"].split("\n")) for c in gold_of(path)["comments"])
    assert roles[units.index(next(u for u in units if u.raw.startswith("Sophal K.")))] == "head"
    assert roles[-1] == "outside"


def test_shipped_model_is_small_and_trained_on_dev_pages_only() -> None:
    path = ROOT / "src" / "stance" / "data" / MODEL_FILE
    assert path.stat().st_size < 2_000_000
    meta = load_role_model().meta
    # Trained on the dev pages of rounds 1-21 (round 22: a model trained on rounds 1-18
    # read rounds 19-21 better than the one of rounds 1-12, docs/benchmarks.md); words
    # seen on one page only are left out, which keeps it under 2 MB.
    dev = [p for p in sorted(PAGES.glob("*.txt")) if gold_of(p)["half"] == "dev"]
    seen = [p for p in dev if gold_of(p)["round"] <= 21]
    assert meta["pages"] == len(seen) + len(list((PAGES / "shapes").glob("*.txt")))
    assert meta["min_pages"] == 2


def test_a_page_the_rules_cannot_read_is_read_by_roles() -> None:
    doc = split_text(PAGE, "p")
    assert [(c.author, c.posted_at) for c in doc.comments] == [
        ("Sophal K.", "3 mars 2018 à 14 h 05"),
        ("Jean-Pierre L.", "3 mars 2018 à 16 h 22"),
        ("Dara P.", "4 mars 2018 à 8 h 10"),
    ]
    assert doc.comments[2].text.startswith("Ma tante vend des fruits")
    assert doc.rebuild() == PAGE
    kinds = {s.text.strip(): s.kind for s in doc.segments}
    assert kinds["Répondre · Signaler · J'aime (4)"] in ("boilerplate", "comment_meta")
    assert kinds["3 mars 2018 à 14 h 05 ~ Sophal K."] == "comment_meta"


def test_the_role_reading_finds_who_a_reply_answers() -> None:
    by_line = PAGE.replace(
        "3 mars 2018 à 16 h 22 ~ Jean-Pierre L.\n",
        "3 mars 2018 à 16 h 22 ~ Jean-Pierre L.\nEn réponse à Sophal K.\n",
    )
    by_name = PAGE.replace("Les touristes viennent", "Sophal, les touristes viennent")
    for text in (by_line, by_name):
        doc = split_text(text)
        assert [(c.author, c.parent) for c in doc.comments] == [
            ("Sophal K.", None),
            ("Jean-Pierre L.", 1),
            ("Dara P.", None),
        ]
        assert doc.comments[1].text.lower().startswith(("les touristes", "sophal, les"))


def test_the_rules_reading_stands_where_it_names_its_comments() -> None:
    # the role model is not asked when the rules name author and date of every comment
    text = (
        "Comments\n\nJo said...\nThe bridge opened on time, good news for the farmers.\n"
        "March 3, 2019 at 9:14 AM\n\nAnn said...\nThe toll is too high for the moto drivers.\n"
        "March 4, 2019 at 10:02 AM\n"
    )
    units = _units(text)
    doc = split_text(text)
    assert [(c.author, c.posted_at) for c in doc.comments] == [
        ("Jo", "March 3, 2019 at 9:14 AM"),
        ("Ann", "March 4, 2019 at 10:02 AM"),
    ]
    assert read_roles(units, ["outside"] * len(units)) == []


# measured (benchmarks/separator.py --dev-pages) once the pages trained the model:
# (round, gold comments, matched, claimed); floors, so a change that loses them shows.
# Stop 46's reading chooser (`split/reading.py`, fitted on blind readings, where it gains
# 3.5 points of precision) takes the line roles' reading on some doubtful pages the
# rules were written for: the rounds it changed say so.
FLOORS = [
    # (round 4's Discourse topic: its opening post left to the article since round 52)
    # stop 46's reading chooser: matched 92 -> 91, claimed 96 -> 96
    # (stop 48: a pipermail thread's first message, under the subject its replies answer, is
    # the article: its gold edited, tests/pages/README.md)
    (4, 99, 91, 96),
    # stop 46's reading chooser: matched 97 -> 94, claimed 106 -> 97
    # stop 46's opening post of the roles' reading: a Dreamwidth comment under 'Re:' lost
    (5, 105, 92, 96),
    # stop 46's reading chooser: matched 98 -> 94, claimed 103 -> 99
    # stop 48: "More" a button (Ghost's, and X's footer menu): X's replies read, 2 -> 7 of 9
    # stop 52: GitHub's issue body no longer matched by luck ("What I see from Phnom Penh:"
    # is no name over a place): 99 -> 98
    (6, 105, 98, 103),
    # an avatar's alternative text ('jo's profile picture') is furniture: Instagram's
    # comments now named (0 -> 6), its first comment read as the caption's
    (7, 101, 82, 92),
    (8, 92, 91, 92),
    # Slack: two more read, both with their date
    # (stop 48: a Usenet thread's first message is the article: its gold edited)
    (9, 110, 106, 109),
    # stop 46: the roles' reading leaves Moodle's first post to the article, as the rules
    # do (its gold, of round 10, counts it)
    # (stop 49: a petition page's footer after its last comment is claimed once more)
    (10, 104, 100, 103),
    (11, 127, 111, 124),
    # NodeBB's "@Jo a dit dans TITLE :" quote intros read, "Sujets suggérés" ends them
    # (round 69's rules: a Play Store page's reviews 9 -> 12 of 13, 13 claimed)
    (12, 128, 119, 123),
    # DC Inside's "댓글 67" is a count; Telegram's discussion: 3 more read; Odnoklassniki's
    # group post (its Russian date now read) taken for a comment; since round 67, 92: the
    # footer menu that made its misread heads doubtful is dropped as a menu (the line-role
    # reading it then took got 8 of 8; the rules' reading, out of step, 7)
    (13, 113, 92, 110),
    # (its XenForo gold no longer counts the opening post, stop 50: tests/pages/README.md)
    (14, 126, 120, 124),
    # Tieba: a "回复" button under a head no longer ends the comment; one more claimed
    # (its phpBB topic's opening post: the article since round 52, tests/pages/README.md)
    # stop 46's reading chooser: matched 114 -> 114, claimed 121 -> 122; round 67's
    # doubt of a "name" that is a sentence: Tieba's page read by line roles, one more claimed
    (15, 126, 114, 123),
    (16, 123, 123, 123),
    (17, 122, 122, 123),
    (18, 129, 100, 112),
    (19, 122, 121, 122),
    (20, 126, 126, 130),
    (21, 132, 132, 133),
    (22, 124, 124, 126),
    (23, 63, 62, 63),
    (24, 130, 127, 138),
    (25, 97, 97, 97),
    (26, 64, 62, 67),
    (27, 64, 64, 64),
    (28, 168, 168, 175),
    # phpBB 3's 'Contact Jo' menu is furniture: the Bandcamp page's band profile under its
    # 'Contact The Kampot Satellites' link is claimed once more (text and HTML)
    # stop 48: Bandcamp's page (no comment read) claims one more
    (29, 105, 89, 106),
    # a menu no longer makes the rules' reading doubtful: a Webmention page's form claimed
    # (round 69's rules: narkive's thread 5 -> 10 of 10, "Post by Jo" over its quotes)
    (30, 168, 162, 173),
    # stop 46's reading chooser: matched 146 -> 138, claimed 169 -> 154; round 67's rules:
    # matched 138 -> 144, claimed 154 -> 157 (utterances' and velog's heads read)
    (31, 166, 144, 157),
    # Artalk: one head line cut from its text as a one-line comment ('jo 2024-03-12 ...')
    # stop 46's reading chooser: matched 159 -> 157, claimed 178 -> 172
    (32, 170, 157, 172),
    # Movable Type: a head with the date between bars and a badge after the name
    # phpMyForum: 'Erstellt:' as a date label, more of its posts read
    (33, 155, 142, 171),
    # JForum and Burning Board 2: posters' boxes under ranks no list names
    (34, 163, 149, 164),
    # phpBB 2's French post head; Skyrock's names over text
    # (MyBB's 'Threads: N' field read as the profile's: Jive one more comment, one more claim)
    (35, 156, 133, 168),
    # a live blog's entries under 'HH:MM WIB' are dated now (Indonesia's zone), two claimed
    (36, 155, 132, 160),
    # a length of time alone is a date: a crowdfunding page's '12日' (12 days left) claims one
    # stop 46's reading chooser: matched 134 -> 138, claimed 156 -> 159
    (37, 163, 138, 159),
    # stop 46's reading chooser: matched 146 -> 140, claimed 164 -> 152
    # stop 48: Rakuten's blog one more comment read, and one more claimed
    (38, 156, 146, 160),
    # Hatena Diary's one-line comments, Headway's Japanese ones
    (39, 156, 141, 163),
    # a library's reviews, phpBB 1.4's 'From:<TAB>Posted:', Web Wiz's date after its buttons
    # stop 46's reading chooser: matched 136 -> 132, claimed 172 -> 156
    (40, 156, 132, 156),
    # Fireboard's 'Re:Title DATE #N' heads again
    (41, 164, 134, 166),
    (42, 156, 140, 167),
    (43, 150, 134, 154),
    # a date with the buttons after it, no dot between: '58 phút trước Trả lời 11'
    # stop 46's reading chooser: matched 153 -> 150, claimed 165 -> 160
    # stop 46's opening post of the roles' reading: a root.cz comment under 'Re:' lost;
    # round 67's rules: UBB 5 read by its rules (7 -> 10 of 10), matched 149 -> 152
    (44, 161, 152, 160),
    (45, 162, 134, 160),
    (46, 179, 168, 179),
    # stop 46's reading chooser: matched 154 -> 147, claimed 180 -> 162
    (47, 177, 147, 162),
    # (a removed comment's placeholder is no comment: tests/pages/README.md)
    # stop 48: vBulletin 3's "Old DATE #2" a date now: one post under an advert lost
    (48, 176, 166, 176),
    # phpBB 2's 'PostPosted: DATE', Outlook's '-----Original Message-----', HyperKitty's
    # date over three lines, new Reddit's 'View Entire Discussion' ending its comments,
    # MyBB's 'Threads: N' profile field and 'Possibly Related Threads…'
    # (stop 48: new Reddit's "Comment removed by moderator" no comment: its gold edited)
    (49, 175, 168, 176),
    # round 50's blind reading, then WordPress in Khmer: "X និយាយថា៖", dates with a
    # zero-width space, the note of a comment awaiting moderation, the form's heading; a
    # list archive's top-posted chain ("On DATE, Jo <jo@...> wrote:" over Jo's message,
    # 2 -> 10 of 10 and 8 -> 11 claimed), Flarum's likes and events, old Reddit's badges,
    # Blogger's "Popular posts from this blog", XenForo's opening post
    # stop 46's reading chooser: matched 172 -> 165, claimed 188 -> 185
    # (stop 48: Lemmy's "Deleted by creator", "Removed by mod" no comments: gold edited)
    (50, 182, 175, 183),
    # round 51's blind reading (123 of 174, 155 claimed), then vBulletin 4's text copy
    # (its poster's status, its profile box with the values under the field names) and
    # phpBB 3 in German ("Beitrag von Jo » DATE", "Nach oben", the thread's title over
    # its Reply button no comment), WordPress in French ("Jo dit :", "21 h 14 min"),
    # Vanilla ("jo Member Posts: 214", its reactions row), new Reddit's "· OP" and
    # "· edited 3 yr. ago" after a head's age, a list archive's quoted chain read as its
    # messages (hypermail 4 -> 9 of 9, MHonArc in French 0 -> 8 of 9), a Mailman digest's
    # headers, preamble and list of topics
    (51, 173, 168, 177),
    # round 52's blind reading (97 of 177, 143 claimed), then the engines the rules knew in
    # French, German and Spanish: XenForo 2's profile box, WordPress's "H. Winkler sagt:",
    # Discourse's user name over the full name, a German list archive's quoted chain
    # ("Am DATE schrieb Jo:"), old Reddit's "puntos", a Disqus thread report, Google
    # Groups' "non lue,", phpBB's "Mensaje por", SMF's "« Antwort #3 am: DATE »"
    (52, 174, 169, 178),
    # round 53's blind reading (159 of 183, 211 claimed), then MyBB in German (its profile
    # box, "Suchen", the edit note after the date, "X schrieb: (DATE)" quotes), wpDiscuz's
    # "Reply to Jo" in a head, vBulletin 3.8 in Spanish, Blogger's "hat gesagt…",
    # WordPress's "dice:"
    (53, 183, 168, 187),
    # round 54's blind reading: English pages of the issue's shapes, no rule written yet
    (54, 181, 171, 184),
    # round 55's blind reading (more English engines; code of stop 46's round-54 rules)
    (55, 175, 168, 183),
    # round 56's blind reading (148 of 179, 163 claimed: English news comment widgets,
    # forums, threads and blogs), then indentation counted from the page's margin (an
    # indented vBulletin 4 dump: 0 -> 8 of 11) and NodeBB's "wrote on DATE"
    (56, 179, 162, 176),
    # round 57's blind reading (English blogs, comment pages, forums, mail and link
    # threads; code of stop 47's end, ef5cbcb: 164 of 181, 183 claimed), then Ghost's
    # member comments, vBulletin 5's and MyBB's heads, Vanilla's ranks, a record's dotted
    # leaders (the Disqus export: 4 -> 11 of 13, 9 -> 15 claimed)
    (57, 181, 179, 187),
    # round 58's blind reading (148 of 167, 172 claimed: English, French, German and
    # Spanish blogs, comment pages, forums and list archives; code of 45fdd5d), then list
    # archives saved page after page, vBulletin 3's and phpBB subSilver's text copies, SMF
    # 2.1's boxes, HyperKitty's two-line dates
    (58, 167, 166, 171),
    # round 59's blind reading (131 of 179, 155 claimed), then its rules; then round 62's
    # (Discourse in w3m 1 -> 10 of 12, Google Groups 7 -> 11, XenForo 1 9 -> 12)
    # (round 67's rules: matched 173 -> 174, claimed 182 -> 183)
    (59, 179, 174, 183),
    # round 60's blind reading (150 of 167, 179 claimed), then its rules
    (60, 167, 160, 175),
    # round 61's blind reading (133 of 169, 151 claimed), then its rules; stop 52: its
    # Tildes page whole (Tildes' heads and buttons)
    # (round 67's rules: matched 159 -> 160, claimed 167 -> 168; the German phpBB page's
    # quotes read, the French Invision page's opening post its article again)
    # (round 69's rules: matched 160 -> 161, claimed 168 -> 169, pipermail's last message)
    (61, 169, 161, 169),
    # round 62's blind reading (108 of 175, 184 claimed), then its rules
    (62, 175, 162, 179),
    # round 63's blind reading (124 of 177, 187 claimed), then its rules
    (63, 177, 175, 181),
    # round 64's blind reading (156 of 175, 171 claimed), then its rules
    # (round 67's rules: claimed 175 -> 176, an English Invision page's opening post
    # counted by the line roles' reading the page now takes)
    (64, 175, 174, 176),
    # round 65's blind reading (111 of 175, 137 claimed), then its rules
    (65, 175, 168, 176),
    # round 66's blind reading (159 of 174, 178 claimed), then its rules
    (66, 174, 169, 180),
    # round 67's blind reading (166 of 187, 177 claimed), then its rules
    (67, 187, 179, 189),
    # round 68's blind reading (169 of 200, 188 claimed), then its first rules; round
    # 69's: the Usenet archive 5 -> 12 of 12, Lemmy in French 13 -> 14
    (68, 200, 194, 205),
    # round 69's blind reading (170 of 197, 190 claimed), then its rules
    (69, 197, 197, 198),
    # round 70's blind reading (205 of 242, 237 claimed: four helpers' pages, each measured
    # once with 438313e), then the Facebook plugin's French ages ("J'aime · Répondre · 14 ·
    # 2 j")
    (70, 242, 215, 246),
]


def _round_tally(benchmark, held_out_in: int, suffix: str) -> tuple[int, int, int]:
    """A former blind round's pages of one format: gold comments, matched, claimed."""
    score_page = benchmark("separator").score_page
    hit = found = n = 0
    for path in sorted(PAGES.glob(f"r{held_out_in}-*.{suffix}")):
        got = score_page(gold_of(path), split_page(path))
        hit, found, n = hit + got["recall"][0], found + got["precision"][1], n + got["recall"][1]
    return n, hit, found


@pytest.mark.parametrize(("held_out_in", "total", "matched", "claimed"), FLOORS)
def test_former_blind_pages_read_at_least_as_measured(
    benchmark, held_out_in: int, total: int, matched: int, claimed: int
) -> None:
    n, hit, found = _round_tally(benchmark, held_out_in, "txt")
    assert n == total
    assert hit >= matched and found <= claimed


#: The same for the HTML copies of those pages: (round, comments, matched, claimed).
HTML_FLOORS = [
    (4, 45, 44, 44),
    (5, 45, 34, 42),
    (6, 44, 38, 45),
    (7, 40, 38, 45),
    (8, 41, 39, 41),
    (9, 43, 41, 42),
    (10, 45, 41, 47),
    # (the HTML engine leaves its Nabble thread's first message to the article since round
    # 52, as the convention has it; this gold still counts it: tests/pages/README.md)
    (11, 52, 45, 48),
    (12, 59, 54, 57),
    (13, 47, 36, 50),
    (14, 50, 50, 51),  # (the XenForo gold's opening post, as in the text floors)
    (15, 53, 53, 55),
    (16, 48, 48, 48),
    (17, 51, 51, 52),
    (18, 54, 42, 49),
    (19, 54, 54, 54),
    (20, 51, 51, 56),  # (stop 49: one more claimed)
    (21, 57, 57, 58),
    (22, 44, 42, 44),
    (23, 33, 32, 33),
    (24, 64, 64, 69),
    (25, 45, 45, 45),
    (26, 33, 33, 33),
    (27, 32, 32, 32),
    (28, 67, 67, 68),
    # stop 48: Bandcamp's page claims one more
    (29, 44, 44, 48),
    (30, 69, 63, 74),
    (31, 69, 66, 78),
    (32, 70, 69, 79),
    # a mail archive's <pre> read line by line, its "> " lines as quotes (mail-archive.com)
    # (and a signature's name and place, since a rule over a post's text no longer ends it)
    (33, 60, 49, 60),
    # JForum's HTML read
    (34, 64, 49, 70),
    (35, 62, 53, 63),
    # and MHonArc's
    (36, 62, 56, 69),
    # (its vBulletin 2 page in German: 2 of 10 found, 7 claimed, where none were)
    (37, 63, 49, 58),
    # Blogger Minima's Indonesian heads
    (38, 62, 51, 67),
    (39, 63, 60, 69),
    (40, 61, 54, 66),
    (41, 64, 62, 68),
    (42, 63, 51, 65),
    (43, 61, 40, 58),
    (44, 67, 66, 72),
    (45, 66, 62, 73),
    (46, 69, 66, 73),
    # a quote's <cite> ('Jo wrote: ↑ DATE') on its own line: phpBB 3's quotes read, one more
    # reply found and one more extra each on the Khmer and English phpBB pages
    (47, 70, 61, 74),
    (48, 72, 71, 79),
    # (MHonArc's chain of Outlook replies: its last reply found, and the thread's first mail)
    # and MyBB's
    (49, 68, 66, 70),
    # round 50's blind reading (then old Reddit's box over its comments and badges)
    (50, 75, 72, 80),
    # round 51's blind reading (then WordPress in French, vBulletin 4's status line,
    # hypermail's menus)
    (51, 69, 66, 78),
    # round 52's blind reading (56 of 72, 70 claimed), then a list archive's quoted chain
    # read in each block of the HTML engine too, Blogger's "DATE ResponderEliminar"
    (52, 70, 69, 76),
    # round 53's blind reading (69 of 73, 91 claimed), then Invision in German
    (53, 73, 71, 80),
    # round 54's blind reading (English pages of the issue's shapes)
    (54, 70, 70, 73),
    # round 55's blind reading
    (55, 73, 71, 79),
    # round 56's blind reading
    (56, 71, 69, 75),
    # round 57's blind reading, then vBulletin 5's sidebar of latest topics
    (57, 71, 71, 75),
    # round 58's blind reading (56 of 68, 62 claimed), then several documents in one file
    # (pipermail: 0 -> 10 of 10)
    (58, 68, 66, 68),
    # blind: 37 of 51, 44 claimed; then Google Groups' new view read from its list
    (59, 51, 51, 52),
    (60, 46, 39, 49),  # blind: 39 of 46, 48 claimed
    (61, 68, 67, 72),  # blind: 67 of 68, 72 claimed
    (62, 72, 69, 72),  # blind: 66 of 72, 72 claimed
    (63, 71, 71, 76),  # blind: 70 of 71, 76 claimed
    (64, 73, 73, 78),  # blind: 73 of 73, 78 claimed
    (65, 73, 71, 78),  # blind: 68 of 73, 78 claimed; round 67: NodeBB 10 -> 11 of 11, 15 claimed
    (66, 73, 73, 79),  # blind: 73 of 73, 79 claimed
    (67, 74, 73, 77),  # blind: 69 of 74, 89 claimed
    (68, 57, 56, 57),  # blind: 56 of 57, 57 claimed
    (69, 82, 82, 82),  # blind: 77 of 82, 79 claimed
    (70, 100, 98, 106),  # blind: 87 of 100, 96 claimed
]


@pytest.mark.parametrize(("held_out_in", "total", "matched", "claimed"), HTML_FLOORS)
def test_former_blind_html_pages_read_at_least_as_now(
    benchmark, held_out_in: int, total: int, matched: int, claimed: int
) -> None:
    n, hit, found = _round_tally(benchmark, held_out_in, "html")
    assert n == total
    assert hit >= matched and found <= claimed


@settings(deadline=None)  # (its first case loads the date words: slow on a busy machine)
@given(st.text(alphabet=st.sampled_from(list("ab 12:,.-|MarchJunatV")), max_size=40))
def test_a_found_date_is_whole_words_and_a_timestamp(s: str) -> None:
    at = date_in(s)
    if at is not None:
        a, b = at
        assert 0 <= a < b <= len(s)
        assert (a == 0 or s[a - 1].isspace()) and (b == len(s) or s[b].isspace())
        assert is_timestamp(s[a:b].strip(_STRIP))


def test_date_in_finds_the_longest_date() -> None:
    s = "3 mars 2018 à 14 h 05 ~ Sophal K."
    a, b = date_in(s) or (0, 0)
    assert s[a:b] == "3 mars 2018 à 14 h 05"
    assert date_in("no date here") is None


def test_date_in_reads_a_labelled_japanese_date() -> None:
    # a 2channel head: number, name and date after their labels (full-width colons), ID
    s = "2 名前\uff1a名無しさん 投稿日\uff1a2017/09/04(月) 09:15:02.11 ID:Zp8LmQ2c0"
    a, b = date_in(s) or (0, 0)
    assert s[a:b] == "2017/09/04(月) 09:15:02.11"
    assert is_timestamp("2017/09/04(月) 09:12") and not is_timestamp("月")
