"""split: forum, mailing-list, blog, Reddit and Disqus threads (issue 11).

The annotated pages of `tests/pages/` (`NAME.txt` with `NAME.json`: title and every
comment's author, date, text, quoted parent and parent) are split in two halves by
site: the rules were written on the "dev" half, which must come out exactly as
annotated; the "held-out" half is only measured (`benchmarks/separator.py --dev-pages`).
Round 1 wrote 10 pages (5 dev, 5 held out); round 2 wrote 10 new pages before looking
at any failure, declared them the held-out half and made the round-1 held-out pages
dev pages (their JSON says `"held_out_in_round": 1`). Round 3 made the round-2 pages dev
pages too (`"held_out_in_round": 2`; checked in `test_sep_f20_round2.py`, where the
titles, which other rules own, and the few known misses are spelled out) and added dev
pages of its own (`f3-*`, `test_sep_f20_shapes.py`); its held-out pages are new. Round 4's
and later rounds' held-out pages (`r4-*`, `r5-*`, `r6-*`) became dev pages in the rounds
after them, which trained the line-role model on them (`test_sep_roles.py`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from page_gold import PAGES, as_gold, gold_of
from stance.split.document import summary_lines
from stance.split.html import split_html
from stance.split.text import split_text

ALL = sorted(PAGES.glob("*.txt"))
DEV = [p for p in ALL if gold_of(p)["round"] == 1]


@pytest.mark.parametrize("path", DEV, ids=lambda p: p.stem)
def test_dev_page_matches_its_annotation(path: Path) -> None:
    gold = gold_of(path)
    doc = split_text(path.read_text("utf-8"), path.stem)
    assert doc.title == gold["title"]
    assert as_gold(doc.comments) == gold["comments"]


HTML_DEV = [p for p in sorted(PAGES.glob("*.html")) if p.with_suffix(".txt") in DEV]


#: Pages whose HTML reading still counts the opening post the text reading (and the gold,
#: since stop 48) takes for the article: "#1" under the thread's title.
OPENING_IN_HTML = {"vbulletin-khmer440"}


@pytest.mark.parametrize("path", HTML_DEV, ids=lambda p: p.stem)
def test_dev_html_page_finds_each_comment_with_its_fields(path: Path) -> None:
    gold = gold_of(path)
    doc = split_html(path.read_text("utf-8"), path.stem)
    assert doc.title == gold["title"]
    got = [(c.author, c.posted_at, " ".join(c.text.split()), c.quoted) for c in doc.comments]
    assert got[int(path.stem in OPENING_IN_HTML) :] == [
        (g["author"], g["posted_at"], " ".join(g["text"].split()), g["quoted"])
        for g in gold["comments"]
    ]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_page_splits_losslessly(path: Path) -> None:
    text = path.read_text("utf-8")
    assert split_text(text).rebuild() == text


def test_halves_hold_every_shape() -> None:
    golds = [gold_of(p) for p in ALL]
    shapes = {g["shape"] for g in golds if g["half"] == "dev"}
    assert shapes == {"forum", "mailing-list", "blogger", "comment-page", "reddit", "disqus"} | {
        "wordpress",
        "facebook",
        "telegram",
    } | {"coral", "discourse", "guestbook", "old-reddit", "smf", "vbulletin"} | {
        "wordpress-threaded",
        "youtube",
    } | {"dreamwidth", "guardian", "heise", "ipb", "khmernews", "lemonde", "mastodon"} | {
        "meneame",
        "slashdot",
        "stackexchange",
        "substack",
        "wikipedia",
    } | {"github-issue", "kaskus", "medium", "mybb", "naver-comments", "nyt-comments"} | {
        "quora",
        "tripadvisor-reviews",
        "vanilla",
        "vk-wall",
        "x-replies",
        "yahoo-comments",
    } | {"2channel-style", "appstore-reviews", "bluesky", "dailymail-style", "discord-export"} | {
        "elpais-style",
        "goodreads",
        "instagram",
        "tiktok",
        "tildes",
        "tumblr",
        "zeit-style",
    } | {"amazon", "douban", "ghost", "giscus", "googlemaps", "imdb", "linkedin", "livejournal"} | {
        "mediapart",
        "misskey",
        "openweb",
        "trustpilot",
    } | {"canvas", "derstandard", "figaro", "hyperkitty", "lobsters", "pantip", "remark42"} | {
        "slack",
        "threads",
        "twitch",
        "usenet",
        "whatsapp",
    } | {"booking", "changeorg", "detik", "flarum", "isso", "kinja", "matrix", "moodle"} | {
        "producthunt",
        "spiegel",
        "vnexpress",
        "yelp",
    } | {"gitlab", "glassdoor", "gmailprint", "hatenabookmark", "hypothesis", "hyvortalk"} | {
        "imageboard",
        "letterboxd",
        "linechat",
        "nabble",
        "weibo",
        "zoomrecording",
    } | {"bilibili", "bugzilla", "commento", "googleplay", "hive", "kompasiana"} | {
        "messenger-export",
        "mumsnet",
        "naverkin",
        "nodebb",
        "outlook-print",
        "pikabu",
    } | {"agoda", "chiebukuro", "dcinside", "genius", "kunena", "odnoklassniki", "redmine"} | {
        "rocketchat",
        "steam",
        "tgdiscussion",
        "thainews",
        "zhihu",
    } | {"confluence", "daum", "discuz", "drupal", "googlegroups", "habr", "hackernews"} | {
        "kumparan",
        "mattermost",
        "ptt",
        "xenforo",
        "yahoojp",
    } | {"ameblo", "dcard", "gutefrage", "jira", "liberation", "lowyat", "phpbb"} | {
        "teamsexport",
        "tieba",
        "tistory",
        "vcru",
        "zulip",
    } | {"archiveorg", "corriere", "dzen", "jcomments", "kakaotalk", "malaysiakini", "netease"} | {
        "notecom",
        "phabricator",
        "tuoitre",
        "typepad",
        "welt",
    } | {"5ch", "eksisozluk", "folha", "hespress", "mediawiki", "playstore", "sabay", "toi"} | {
        "wykop",
    } | {"airbnb", "asahi", "brainly", "gerrit", "idnes", "lazada", "naverband", "plurk"} | {
        "soundcloud",
        "trac",
        "viafoura",
        "wechat",
    } | {"cackle", "chosun", "dawn", "discogs", "mantisbt", "mixi", "mscommunity", "nunl"} | {
        "prothomalo",
        "signal",
        "tokopedia",
        "zalo",
    } | {"allocine", "gitea", "kialo", "lihkg", "nairaland", "onlinekhabar", "otvet", "rfa"} | {
        "skype",
        "taringa",
        "voz",
        "ynet",
    } | {"arabi21", "blockdit", "clien", "flickr", "irrawaddy", "launchpad", "metafilter"} | {
        "newspicks",
        "openpetition",
        "sozcu",
        "woltlab",
        "yahooanswers",
    } | {"diaspora", "fandom", "fluxbb", "gab", "groupsio", "jeuxvideo", "kathimerini"} | {
        "livedoor",
        "nzz",
        "overblog",
        "rumble",
        "yle",
    } | {"fc2blog", "hardwarezone", "kinopoisk", "mobile01", "scmp", "xiaohongshu"} | {
        "ao3",
        "bitcointalk",
        "gamefaqs",
        "gofundme",
        "hupu",
        "khoros",
    } | {"myanimelist", "patreon", "pixiv", "proboards", "rutracker", "tripadvisor"} | {
        "guardian",
        "hurriyet",
        "lemonde",
        "navernews",
        "novinky",
        "sueddeutsche",
        "thanhnien",
    } | {"aliexpress", "etsy", "itchio", "kickstarter", "nexusmods", "nicovideo"} | {
        "bangkokpost",
        "elmundo",
        "haaretz",
        "indexhu",
        "nytimes",
        "sina",
    } | {"bbc", "onet", "phnompenhpost", "repubblica", "thehindu"} | {
        "chesscom",
        "deviantart",
        "fanfictionnet",
        "rakuten",
        "vimeo",
    } | {"computerbase", "meneame", "otzovik", "ppomppu", "togetter"} | {
        "bandcamp",
        "kbin",
        "navercafe",
        "podbean",
        "truthsocial",
    } | {"allrecipes", "anilist", "capterra", "foursquare", "rottentomatoes"} | {
        "cnblogs",
        "devto",
        "hatenablog",
        "naverblog",
        "wixblog",
    } | {"fbcomments", "vuukle", "waline", "webmentions", "wpdiscuz"} | {
        "bbpress",
        "narkive",
        "phorum",
        "wpforo",
        "zendesk",
    } | {"blogspot-mobile", "hashnode", "jianshu", "seesaa", "velog"} | {
        "asgaros",
        "invision4",
        "punbb",
        "ubbthreads",
        "yabb",
    } | {"cusdis", "hashover", "komento", "twikoo", "utterances"} | {
        "anycomment",
        "artalk",
        "graphcomment",
        "recipe",
        "talkyard",
    } | {"ikonboard", "listserv", "minibb", "tapatalk", "vbulletin5"} | {
        "brunch",
        "csdn",
        "dotclear",
        "exblog",
        "s9y",
    } | {"bookreviews", "consulta", "hypercomments", "intensedebate", "radiopodcast"} | {
        "e107",
        "mail-archive.com",
        "phpmyforum",
        "simplepress",
        "sympa",
    } | {"gooblog", "jimdo", "movabletype", "plume", "squarespace"} | {
        "commentbox",
        "courselesson",
        "livefyre",
        "muut",
        "staticman",
    } | {"beehive", "fudforum", "jforum", "wbb2", "xmb"} | {
        "bloghu",
        "canalblog",
        "egloos",
        "liveinternet",
        "pixnet",
    } | {"localnews", "petition", "podcastapp", "replybox", "taptap"} | {
        "ipb1",
        "jive",
        "phpbb2-subsilver",
        "snitz",
        "ubbclassic",
    } | {"blogfa", "blogsme", "hautetfort", "skyrock", "xuite"} | {
        "bloxpl",
        "diaryru",
        "esotalk",
        "forumotion",
        "gmane",
        "hugocactus",
        "liveblog",
        "mhonarc",
        "mihanblog",
        "mooc",
        "municipal",
        "remarkbox",
        "weebly",
        "wineshop",
        "zetaboards",
    } | {
        "aef",
        "bludit",
        "cocolog",
        "commentics",
        "crowdfunding",
        "discus",
        "ezboard",
        "invisionfree",
        "jugem",
        "posthaven",
        "realestate",
        "regulationsgov",
        "textpattern",
        "vbulletin2",
        "webnovel",
    } | {
        "bloggerminima",
        "burningboard3",
        "canny",
        "daumblog",
        "deluxebb",
        "extstore",
        "letters",
        "museum",
        "myupb",
        "productqa",
        "rakutenblog",
        "topicbox",
        "udnblog",
        "vanilla1",
        "wpcomthai",
    } | {
        "forumieren",
        "grav",
        "hatenadiary",
        "headway",
        "jcink",
        "k2",
        "mesdiscussions",
        "microblog",
        "ngoreport",
        "sentencediscussion",
        "sohublog",
        "uservoice",
        "xanga",
        "xooit",
        "yabbse",
    } | {
        "concretecz",
        "courtwatch",
        "drupalnl",
        "joomlait",
        "justcomments",
        "librarycatalogue",
        "opendiary",
        "phpbb14",
        "phpfusion",
        "phpnuke",
        "softdownload",
        "transitalert",
        "webwiz",
        "xoopsnewbb",
        "yaplog",
    } | {
        "bblite",
        "bloggerkhmer",
        "charitycampaign",
        "citizenjournal",
        "councilecomment",
        "fireboard",
        "fleamarket",
        "ghostvi",
        "hotelreviews",
        "ips4-khmer",
        "lectoresblog",
        "myspaceblog",
        "phpbb3-vietnamese",
        "smf-persian",
        "tildablog",
    } | {
        "bloggervi",
        "cookingvideo",
        "joomlapl",
        "khmerradio",
        "lofter",
        "mybb-thai",
        "smf1-khmer",
        "sportsclub",
        "thaigov",
        "univnews",
        "vbulletin4-vietnamese",
        "wpcomid",
        "writeas",
        "xenforo1-indonesian",
        "yahoogroups",
    } | {
        "bloggerth",
        "malaynews",
        "marc",
        "ownersclub",
        "phpbb3-thai",
        "podcastnetwork",
        "smf2-vietnamese",
        "strikingly",
        "tagalognews",
        "tistoryguest",
        "typepadfr",
        "vbulletin3-indonesian",
        "wpkhmer",
        "wwwboard",
        "wxdiscussion",
    } | {
        "bloggerid",
        "dantri",
        "flarum-vietnamese",
        "ghostthai",
        "ifragasatt",
        "ipb3-indonesian",
        "ljrussian",
        "matichon",
        "phpbb2-khmer",
        "rootcz",
        "shopee",
        "typepaden",
        "ubb5",
        "wpvithreaded",
        "xenforo2-thai",
    } | {
        "discourse-khmer",
        "ghostid",
        "lkml",
        "mediumkh",
        "mizzima",
        "mybb-vietnamese",
        "protothema",
        "sinchew",
        "smf2-indonesian",
        "telex",
        "vbulletin4-thai",
        "vietnamnet",
        "wixpt",
        "wpmalay",
        "wpthai",
    } | {
        "dekd",
        "gitalk",
        "insticator",
        "kenh14",
        "lemmy",
        "liputan6",
        "phpwind",
        "postmill",
        "public-inbox",
        "tinhte",
        "valine",
        "vodkhmer",
        "websitetoolbox",
        "webtretho",
        "yafnet-khmer",
    } | {
        "commentluv",
        "flarum-indonesian",
        "friendica",
        "khmertimes",
        "kompas",
        "line-openchat",
        "nodebb-vietnamese",
        "phpbb3-khmer",
        "pipermail",
        "pleroma",
        "smf2-thai",
        "steemit",
        "thestar",
        "viber-export",
        "vov",
    } | {
        "blogger-english",
        "commentpage-english",
        "discourse-english",
        "disqus-english",
        "disqusexport-english",
        "googlegroups-english",
        "hackernews-english",
        "lemmy-english",
        "oldreddit-english",
        "phpbb-english",
        "pipermail-english",
        "smf-english",
        "vbulletin-english",
        "wordpress-english",
        "xenforo-english",
    } | {
        "blogger-classic-english",
        "commentsonly-english",
        "fbplugin-english",
        "hyperkitty-english",
        "ipb-english",
        "mhonarc-english",
        "mybb-english",
        "newreddit-english",
        "phpbb2-english",
        "slashdot-english",
        "substack-english",
        "tildes-english",
        "vanilla-english",
        "vbulletin5-english",
        "wordpresscom-english",
    } | {
        "bloggercontempo-english",
        "flarum-english",
        "newscomments-english",
        "phpbb3-english",
        "smf2-english",
        "wordpress-khmer",
        "xenforo2-english",
    } | {
        "bloggerclassic-english",
        "commentonly-english",
        "facebookplugin-english",
        "hypermail-english",
        "invision4-english",
        "lobsters-english",
        "mailmandigest-english",
        "mhonarc-french",
        "mybb-english",
        "newreddit-english",
        "newscomments-spanish",
        "phpbb3-german",
        "vanilla-english",
        "vbulletin4-english",
        "wordpress-french",
    } | {
        "bloggercontempo-spanish",
        "commentonly-german",
        "discourse-spanish",
        "disqusexport-english",
        "googlegroups-french",
        "groupsio-english",
        "lemmy-english",
        "oldreddit-spanish",
        "phpbb3-spanish",
        "pipermail-german",
        "smf2-german",
        "typepad-english",
        "vbulletin5-french",
        "wordpress-german",
        "xenforo2-french",
    } | {
        "bloggerclassic-german",
        "commentonly-french",
        "disqus-french",
        "hyperkitty-french",
        "invision4-german",
        "lemmy-french",
        "marc-english",
        "mhonarc-spanish",
        "mybb-german",
        "newreddit-spanish",
        "phpbb3-french",
        "vbulletin3-spanish",
        "wordpress-spanish",
        "wpdiscuz-english",
        "xenforo2-spanish",
    } | {
        "blogger-english",
        "commentonly-english",
        "discourse-english",
        "disqus-english",
        "disqusexport-english",
        "googlegroups-english",
        "hackernews-english",
        "lemmy-english",
        "newreddit-english",
        "phpbb3-english",
        "pipermail-english",
        "smf21-english",
        "vbulletin5-english",
        "wordpress-english",
        "xenforo2-english",
    } | {
        "bloggercontempo-english",
        "facebookplugin-english",
        "flarum-english",
        "groupsio-english",
        "hyperkitty-english",
        "invision4-english",
        "jetpack-english",
        "kbin-english",
        "mhonarc-english",
        "mybb-english",
        "newscomments-english",
        "oldreddit-english",
        "phpbb2-english",
        "typepad-english",
        "vbulletin3-english",
    } | {
        "bloggerclassic-english",
        "coral-english",
        "disqusnews-english",
        "hackernews-english",
        "livejournal-english",
        "nodebb-english",
        "openweb-english",
        "phpbb3prosilver-english",
        "pipermail-english",
        "smf20-english",
        "substack-english",
        "vbulletin4-english",
        "vuukle-english",
        "wordpressnews-english",
        "xenforo1-english",
    } | {
        "blogger-english",
        "commentonly-english",
        "discourse-english",
        "disqusexport-english",
        "ghost-english",
        "googlegroups-english",
        "lemmy-english",
        "lobsters-english",
        "mailarchive-english",
        "mybb-english",
        "newreddit-english",
        "phpbb3-english",
        "vanilla-english",
        "vbulletin5-english",
        "wordpress-english",
    } | {
        "blogger-french",
        "commentonly-english",
        "disqusexport-english",
        "foren-german",
        "hackernews-english",
        "hyperkitty-english",
        "invision4-english",
        "mailinglist-spanish",
        "oldreddit-english",
        "phpbb3-english",
        "pipermail-english",
        "smf21-english",
        "typepad-english",
        "vbulletin3-english",
        "wordpresscomments-english",
    } | {
        "bloggercontempo-english",
        "discourse-english",
        "googlegroups-english",
        "lemmy-english",
        "livejournal-english",
        "mhonarc-english",
        "mybb-english",
        "newreddit-english",
        "newscomments-german",
        "phpbb3-french",
        "slashdot-english",
        "substack-english",
        "vbulletin4-english",
        "wordpress-spanish",
        "xenforo1-english",
    } | {
        "blogger-german",
        "discourse-english",
        "disqus-english",
        "googlegroups-english",
        "hackernews-english",
        "hyperkitty-english",
        "mailinglist-french",
        "medium-english",
        "newscomments-english",
        "nodebb-english",
        "oldreddit-english",
        "phpbb3-english",
        "smf2-spanish",
        "vbulletin5-english",
        "wordpress-french",
    } | {
        "blogger-english",
        "commentonly-german",
        "disqusexport-english",
        "invision4-french",
        "lemmy-english",
        "mhonarc-english",
        "mybb-spanish",
        "phpbb3-german",
        "pipermail-english",
        "tildes-english",
        "typepad-english",
        "usenet-english",
        "vanilla-english",
        "wordpress-english",
        "xenforo2-english",
    } | {"pipermail-spanish", "youtube-english"} | {"fluxbb-english"} | {"disqus-german"} | {
        "listserv-english",
        "reddit-english",
        "viafoura-english",
    } | {
        "commentpage-french",
        "disqus-spanish",
        "pipermail-french",
        "smf-german",
        "wpdiscuz-spanish",
    } | {"mybb-french", "oldreddit-german"} | {
        "blogger-spanish",
        "discourse-french",
        "newreddit-french",
    } | {"facebookplugin-french", "lemmy-spanish", "vbulletin4-spanish", "oldreddit-french"} | {
        "commentpage-khmer"
    }
    rounds = {h: {g["round"] for g in golds if g["half"] == h} for h in ("dev", "held-out")}
    assert rounds["dev"] >= set(range(1, 71)) and rounds["held-out"] <= {71}
    former = {g["held_out_in_round"] for g in golds if "held_out_in_round" in g}
    assert former == set(range(1, 71))
    assert all(g["half"] == "dev" for g in golds if g["round"] <= 70)
    sites = [g["site"] for g in golds]
    assert len(sites) == len(set(sites))


def test_a_quoted_mail_line_is_the_quote_not_the_text() -> None:
    text = (
        "From: Ann Lee <ann@example.org>\nDate: Mon, 2 Jul 2018 09:00:00 +0700\n\n"
        "The vote count starts at noon.\n\n"
        "From: Bo Kim <bo@example.org>\nDate: Mon, 2 Jul 2018 10:00:00 +0700\n\n"
        "> The vote count starts at noon.\n\nNot in my district, it started at ten.\n"
    )
    doc = split_text(text)
    assert as_gold(doc.comments) == [
        {
            "author": "Ann Lee",
            "posted_at": "Mon, 2 Jul 2018 09:00:00 +0700",
            "text": "The vote count starts at noon.",
            "quoted": None,
            "parent": None,
        },
        {
            "author": "Bo Kim",
            "posted_at": "Mon, 2 Jul 2018 10:00:00 +0700",
            "text": "Not in my district, it started at ten.",
            "quoted": "The vote count starts at noon.",
            "parent": 1,
        },
    ]
    assert doc.rebuild() == text


def test_the_summary_says_which_comment_a_reply_answers() -> None:
    doc = split_text((PAGES / "mailinglist-khmerl.txt").read_text("utf-8"), "khmerl")
    # (the thread's first message, under the subject the replies answer as "Re:", is the
    # article: its two paragraphs editorial)
    assert summary_lines([doc]) == [
        "khmerl: 2 editorial paragraphs, 11 boilerplate, 2 comments",
        "  title: [khmer-l] Election observers",
        "  [1] Sophea Lim, Tue, 31 Jul 2018 14:40:22 +0700: COMFREL published "
        "one before it withdrew. Most of the new groups sh...",
        "  [2] Tom Nguyen, Wed, 1 Aug 2018 08:03:10 +0700, reply to [1]: Same in 2013. The "
        "numbers are meant for the foreign press, not for ...",
    ]
