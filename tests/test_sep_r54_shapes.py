"""Round 54's shapes (English pages of the issue's engines), as rules read them now."""

from __future__ import annotations

from pathlib import Path

from stance.split.lines import DISCLAIMER, NOTICE, RECORD_ID, display_name, mail_intro, meta_text
from stance.split.roles import author_candidates
from stance.split.text import readings, split_text
from stance.split.threadlines import line_type


def test_a_reddit_name_with_its_flair_is_the_name() -> None:
    assert display_name("u/mekongmoto Phnom Penh") == "mekongmoto"
    assert display_name("u/dara_from_takeo Diaspora \U0001f1fa\U0001f1f8") == "dara_from_takeo"
    assert display_name("u/Psychological-Owl-5521") == "Psychological-Owl-5521"
    assert display_name("Jo Lim") == "Jo Lim"


def test_discourse_closing_notice_is_a_notice() -> None:
    assert NOTICE.search(
        "This topic was automatically closed 30 days after the last reply. "
        "New replies are no longer allowed."
    )
    assert not NOTICE.search("The thread on the other forum was closed by a moderator.")


def test_a_yahoo_mail_intro_keeps_its_zone_in_the_date() -> None:
    intro = (
        "On Saturday, March 13, 2021, 11:37:52 AM GMT+7, Sreymom Keo "
        "<sreymom.keo at wvcambodia.org> wrote:"
    )
    assert mail_intro(intro) == ("Sreymom Keo", "Saturday, March 13, 2021, 11:37:52 AM GMT+7")


def test_disqus_votes_and_edit_mark_are_furniture() -> None:
    assert line_type("5 ^ | v \u2022 Reply \u2022") in ("reply", "button")
    assert meta_text("PaulK \u2022 2 years ago \u2022 edited") == "PaulK \u2022 2 years ago"


DISQUS = """Government revokes the licence

The ministry said the licence was revoked on Monday after the apology was rejected.

3 Comments
Sort by Best

Avatar
Bunthan Mao \u2022 3 years ago
And before that the Cambodia Daily, and the RFA office, all in 2017.
12 ^ | v \u2022 Reply \u2022
Share \u203a

    Avatar
    KhmerKrom_Pride \u2192 Bunthan Mao \u2022 3 years ago
    The Cambodia Daily did not pay its tax bill, every business must pay tax.
    4 ^ | v \u2022 Reply \u2022
    Share \u203a

Avatar
Guest
This comment was deleted.

Avatar
PaulK \u2022 2 years ago \u2022 edited
Coming back to this after the new prime minister took over: nothing changed.
11 ^ | v \u2022 Reply \u2022
Share \u203a
"""


def test_a_disqus_reply_arrow_names_its_author_and_parent() -> None:
    doc = split_text(DISQUS)
    got = [(c.author, c.parent, c.text) for c in doc.comments]
    assert got == [
        (
            "Bunthan Mao",
            None,
            "And before that the Cambodia Daily, and the RFA office, all in 2017.",
        ),
        (
            "KhmerKrom_Pride",
            1,
            "The Cambodia Daily did not pay its tax bill, every business must pay tax.",
        ),
        (
            "PaulK",
            None,
            "Coming back to this after the new prime minister took over: nothing changed.",
        ),
    ]
    assert doc.rebuild() == DISQUS


def test_a_bare_post_number_is_an_export_records_id() -> None:
    assert RECORD_ID.match("post 6131550401")["id"] == "6131550401"
    assert RECORD_ID.match("post id: 61315")["id"] == "61315"
    assert not RECORD_ID.match("post 12")


EXPORT = """THREAD 9541027763
  title:     Kem Sokha sentenced
  link:      https://srokkhmerwire.example/2023/03/kem-sokha/
  createdAt: 2023-03-03T03:58:41Z
  author:    Srok Khmer Wire (srokkhmerwire)
  isClosed:  false

==========================================
post 6131550401
  parent:      -
  createdAt:   2023-03-03T04:51:27Z
  author:      Vuthy Sam (vuthysam)
  isDeleted:   false
  message:
27 years for a speech he gave in Montreal in 2013. That is the whole case.

------------------------------------------
post 6131561187
  parent:      6131550401
  createdAt:   2023-03-03T05:10:02Z
  author:      Sokheng Ouch (sokheng.ouch)
  isDeleted:   false
  message:
He said himself on the video that the Americans helped him build the movement.

==========================================
end of thread 9541027763 (2 posts)
"""


def test_an_export_with_bare_post_numbers_and_dotted_user_names() -> None:
    doc = split_text(EXPORT)
    got = [(c.author, c.posted_at, c.parent) for c in doc.comments]
    assert got == [
        ("Vuthy Sam", "2023-03-03T04:51:27Z", None),
        ("Sokheng Ouch", "2023-03-03T05:10:02Z", 1),
    ]
    assert doc.comments[1].text.endswith("build the movement.")


def test_a_phpbb_style_credit_is_furniture() -> None:
    assert line_type("Style by Arty - phpBB 3.3 by MrGaby") == "button"


def test_an_smf_post_number_is_no_author_candidate() -> None:
    names = [
        c for c, _ in author_candidates(["\u00ab Reply #3 on: July 14, 2023, 03:22:48 PM \u00bb"])
    ]
    assert not any(n.lower().startswith("reply") for n in names)


def test_a_mail_disclaimer_is_furniture_to_the_end_of_its_paragraph() -> None:
    assert DISCLAIMER.match(
        "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential"
    )
    quoted = "\n".join(
        [
            "From: Kimsour Chan <kimsour.chan at gmail.com>",
            "Date: Mon, 15 Mar 2021 09:00:00 +0700",
            "",
            "Agreed, we sign on Friday.",
            "",
            "On Sun, 14 Mar 2021 at 08:05, Lim Bopha <bopha at clac.org> wrote:",
            "> Can everyone confirm by Friday?",
            ">",
            "> CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential",
            "> and may be legally privileged. If you are not the intended recipient,",
            "> please notify the sender immediately.",
            ">",
            "> On Sat, 13 Mar 2021 at 11:37, Sreymom Keo <sreymom at wv.org> wrote:",
            ">> The statement is ready for review.",
            "",
        ]
    )
    texts = [c.text for c in split_text(quoted).comments]
    assert not any("privileged" in t or "notify the sender" in t for t in texts)


def test_the_opening_posters_name_over_a_reply_is_a_name() -> None:
    # vBulletin 5: the name over the opening post's profile box is no title of the thread
    page = Path(__file__).parent / "pages" / "r54-vbulletin5-english-indochinawire.txt"
    rules, _ = readings(page.read_text("utf-8"))
    authors = [c.author for c in rules.comments]
    assert authors.count("sokha_in_lowell") == 3
    assert authors[:2] == ["Phnompenh_Pete", "Vanna_Khmer"]
