"""Round 50's shapes, line by line: what the rules written for its pages read."""

from __future__ import annotations

import pytest

from stance.split.heads import avatar_mark
from stance.split.lines import SAID, is_timestamp, mail_intro, thread_head
from stance.split.roles import author_candidates, load_role_model, read_roles
from stance.split.text import _units, split_text
from stance.split.texttitle import named_titles
from stance.split.threadlines import line_type

ZW = "\u200b"  # the zero-width space Khmer writes between words


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # WordPress: the note under the head of a comment waiting for approval (in
        # English and in Khmer), and the Khmer comment form's "Leave a Reply Cancel reply"
        (
            "Your comment is awaiting moderation. This is a preview; your comment will be "
            "visible after it has been approved.",
            "badge",
        ),
        ("Votre commentaire est en attente de modération.", "badge"),
        (f"មតិ{ZW}របស់{ZW}អ្នក{ZW}កំពុង{ZW}រង់ចាំ{ZW}ការ{ZW}ត្រួតពិនិត្យ។", "badge"),
        (f"បញ្ចេញមតិ បោះបង់{ZW}ការ{ZW}ឆ្លើយ{ZW}តប", "header"),
        (f"អាសយដ្ឋាន{ZW}អ៊ីមែល{ZW}របស់{ZW}អ្នក{ZW}នឹង{ZW}មិន{ZW}ត្រូវ{ZW}បាន{ZW}ផ្សព្វផ្សាយ{ZW}ទេ។", "notice"),
        # SMF: a post's edit note
        ("« Last Edit: March 03, 2023, 11:31:50 AM by sokunthea_lb »", "button"),
        # Flarum: who liked a post and who answered it (user names may hold dots), the
        # discussion's events, its scrubber
        ("sovann.k, Pich and 5 others like this.", "button"),
        ("mikaelaj and rasmey_ch like this.", "button"),
        ("devarora likes this.", "button"),
        ("sovann.k replied to this.", "button"),
        ("ellis_t added the Ethics tag.", "button"),
        ("ellis_t changed the title from Old title to New title", "button"),
        ("1 of 15", "button"),
        ("Original Post", "button"),
        ("Many people, including me, would like this.", None),
        # old Reddit: a moderator's pinned comment, the submitter's badge, a fold's count,
        # the box over the comments
        ("[\u2013] AutoModerator [M] 1 point 3 years ago - stickied comment", "thread_head"),
        ("[\u2013] kroma_blue [S] 31 points 3 years ago", "thread_head"),
        ("load more comments (3 replies)", "reply"),
        ("Want to add to the discussion?", "header"),
        ("top-level comments", "header"),
        # Blogger's list of the blog's other posts under the comment form
        ("Popular posts from this blog", "related"),
        # and what stays text
        ("We are still awaiting moderation of the vote count.", None),
        ("បញ្ចេញមតិសេរីគឺជាសិទ្ធិរបស់យើង", None),
    ],
)
def test_line_types(line: str, kind: str | None) -> None:
    assert line_type(line) == kind


def test_a_khmer_date_with_a_zero_width_space_is_a_date() -> None:
    # WordPress in Khmer parts "at" and "hour" with a zero-width space
    assert is_timestamp(f"12 កុម្ភៈ 2024 នៅ{ZW}ម៉ោង 9:14 ល្ងាច")
    assert is_timestamp("13 កុម្ភៈ 2024 នៅម៉ោង 7:35 ព្រឹក")
    assert not is_timestamp("នៅ")


def test_khmer_says_is_a_head_and_wrote_a_quote() -> None:
    m = SAID.match("សុខា ភ្នំពេញ និយាយថា៖")
    assert m is not None and m.group("author") == "សុខា ភ្នំពេញ"
    # "X wrote:" (បានសរសេរ) introduces a quote inside a comment, not a comment's head
    assert SAID.match("ពលរដ្ឋស្មោះត្រង់ បានសរសេរ៖") is None
    # the role model's author candidates leave the verb out
    assert [c for c, _ in author_candidates(["Dara 1988 និយាយថា៖"])] == ["Dara 1988"]


def test_phpbb_3s_post_icon_is_no_part_of_the_name() -> None:
    # prosilver's post icon reads "Post" in a dump: "Post by Jo » DATE"
    line = "Post by KhmerLowellDad » Tue May 16, 2023 9:02 am"
    assert "KhmerLowellDad" in [c for c, _ in author_candidates([line])]
    assert "Post by KhmerLowellDad" not in [c for c, _ in author_candidates([line])]


def test_a_khmer_comment_count_names_the_title() -> None:
    assert named_titles([f"11 គំនិត{ZW}លើ “ហេតុអ្វីយើងខ្លាច?”"]) == {"ហេតុអ្វីយើងខ្លាច?"}


def test_khmer_wordpress_comments_are_read_with_their_names_and_dates() -> None:
    date = f"12 កុម្ភៈ 2024 នៅ{ZW}ម៉ោង 9:14 ល្ងាច"
    text = (
        "ហេតុអ្វីយើងខ្លាចសរសេរ?\n\nអត្ថបទនេះនិយាយអំពីសេរីភាព។ យើងខ្លាចសរសេរនៅលើហ្វេសប៊ុក។\n\n"
        f"2 គំនិត{ZW}លើ “ហេតុអ្វីយើងខ្លាចសរសេរ?”\n\n"
        f"សុខា ភ្នំពេញ និយាយថា៖\n{date}\n\nខ្ញុំធ្លាប់លុបអត្ថបទរបស់ខ្ញុំ។\n\nឆ្លើយតប\n\n"
        f"មិនបញ្ចេញឈ្មោះ និយាយថា៖\n{date.replace('12', '13')}\n"
        f"មតិ{ZW}របស់{ZW}អ្នក{ZW}កំពុង{ZW}រង់ចាំ{ZW}ការ{ZW}ត្រួតពិនិត្យ។\n\n"
        "ខ្ញុំជាគ្រូបង្រៀន។ នាយកសាលាបានប្រាប់យើង។\n\n"
        f"បញ្ចេញមតិ បោះបង់{ZW}ការ{ZW}ឆ្លើយ{ZW}តប\n\nឈ្មោះ *\n"
    )
    doc = split_text(text, "km")
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        ("សុខា ភ្នំពេញ", date, "ខ្ញុំធ្លាប់លុបអត្ថបទរបស់ខ្ញុំ។"),
        ("មិនបញ្ចេញឈ្មោះ", date.replace("12", "13"), "ខ្ញុំជាគ្រូបង្រៀន។ នាយកសាលាបានប្រាប់យើង។"),
    ]
    assert doc.rebuild() == text


@pytest.mark.parametrize(
    ("line", "head"),
    [
        (
            "On Thu, Oct 22, 2020 at 4:05 PM Vichea Lim <vichea.lim at gmail.com> wrote:",
            ("Vichea Lim", "Thu, Oct 22, 2020 at 4:05 PM"),
        ),
        (
            "On 22 Oct 2020, at 15:40, Mony Hang <mony@example.org> wrote:",
            ("Mony Hang", "22 Oct 2020, at 15:40"),
        ),
        ("On Tue, Jul 31, 2018 Jo wrote:", None),  # no address: where the name starts is unsure
        ("On the other hand <b> wrote:", None),  # no date
    ],
)
def test_a_mail_replys_intro_gives_the_quoted_messages_name_and_date(
    line: str, head: tuple[str, str] | None
) -> None:
    assert mail_intro(line) == head


def test_a_top_posted_chain_is_read_as_its_messages() -> None:
    # a list archive keeps a reply's quoted messages whole, without "> " marks, and a
    # hard-wrapped sentence may end in what reads as a date
    text = (
        "[List] Re: meeting\n\nSophal Ouk sophal at example.org\nFri Oct 23 09:14:52 ICT 2020\n\n"
        "We will attend. Organisations that want to sign have until\nMonday 26 Oct, 5pm.\n\n"
        "On Thu, Oct 22, 2020 at 4:05 PM Vichea Lim <vichea at example.org> wrote:\n\n"
        "Mony you have to unsubscribe yourself, the link is at the bottom of\n"
        "every email. Reply all does not work :)\n"
    )
    doc = split_text(text, "mail")
    assert [(c.author, c.posted_at) for c in doc.comments] == [
        ("Sophal Ouk", "Fri Oct 23 09:14:52 ICT 2020"),
        ("Vichea Lim", "Thu, Oct 22, 2020 at 4:05 PM"),
    ]
    assert doc.comments[0].text.endswith("have until\nMonday 26 Oct, 5pm.")
    assert doc.rebuild() == text


def test_a_hacker_news_head_with_only_its_fold_mark() -> None:
    # a top-level comment with no sibling after it shows no "| next" link
    assert thread_head("oreganoz 2 hours ago [\u2013]") == ("oreganoz", "2 hours ago", False)
    assert thread_head("jo 4 hours ago | parent | next [\u2013]") == ("jo", "4 hours ago", True)
    assert thread_head("Hello world [\u2013]") is None


@pytest.mark.parametrize(
    ("mark", "name", "avatar"),
    [
        ("M", "mikaelaj", True),
        ("DR", "Daniel Reyes", True),
        ("D", "Daniel Reyes", True),
        ("P", "Pich", True),
        ("M", "sovann.k", False),
        ("OK", "Daniel Reyes", False),
        ("m", "mikaelaj", False),
        ("Reply", "Rasmey", False),
    ],
)
def test_an_avatars_letters_over_a_name(mark: str, name: str, avatar: bool) -> None:
    assert avatar_mark(mark, name) is avatar


def test_the_role_reading_takes_the_name_under_an_avatars_letter() -> None:
    # Flarum: the avatar's letter over the name; the role model types the name as
    # furniture, and the letter itself is no author
    assert [c for c, _ in author_candidates(["M", "mikaelaj", "4 Mar"])] == ["mikaelaj"]
    post = "{0}\n{1}\n{2}\nThe {3} post, with a sentence or two of text in it.\nReply\nLike\n"
    text = "Deadline Room\n\nWould you take the job?\n\n" + "\n".join(
        post.format(n[0].upper(), n, f"{k + 4} Mar", w)
        for k, (n, w) in enumerate(
            [
                ("rasmey_ch", "first"),
                ("mikaelaj", "second"),
                ("sovann.k", "third"),
                ("pich", "fourth"),
            ]
        )
    )
    units = _units(text)
    roles = load_role_model().roles(units, text)
    got = [(d.author, d.posted_at) for d in read_roles(units, roles)]
    assert got[-3:] == [("mikaelaj", "5 Mar"), ("sovann.k", "6 Mar"), ("pich", "7 Mar")]
