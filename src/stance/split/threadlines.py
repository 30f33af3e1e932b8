"""Thread furniture in text dumps: the lines of forum, Reddit-style and mailing-list
threads that carry no comment (a post's number, a badge beside a name, the end of a
quote, an edit date, a date's label, a "Related topics" list that ends the section) and
the rows of links and footer lines between comments.

The text engine asks `line_type` (these first, then `lines.meta_type`); the HTML side
and the boilerplate line model keep asking `lines.meta_type` alone.
"""

from __future__ import annotations

import re

from stance.split.forumwords import alternation
from stance.split.lines import (
    ARCHIVE_MONTH,
    DIGEST_TOPICS,
    EVENT,
    PROFILE,
    STAMP_LABEL,
    full_name,
    headline_like,
    is_short_label,
    is_timestamp,
    meta_type,
    name_label,
    name_time,
    words,
)

# XenForo's end of a quote: the lines before it, back to "Jo said:", are the quote.
QUOTE_END = re.compile(
    r"^(?:click\s+to\s+(?:expand|shrink)|zum\s+vergr\u00f6\u00dfern\s+anklicken"
    # and in XenForo's Vietnamese, Indonesian and Thai packs
    r"|b\u1ea5m\s+\u0111\u1ec3\s+m\u1edf\s+r\u1ed9ng|klik\s+untuk\s+memperluas"
    r"|\u0e04\u0e25\u0e34\u0e01\u0e40\u0e1e\u0e37\u0e48\u0e2d\u0e02\u0e22\u0e32\u0e22)\.{0,4}…?$",
    re.IGNORECASE,
)
# WordPress's note under a comment's head while the comment waits for approval, in
# English, German, French, Spanish and Khmer (its words parted by zero-width spaces): a
# badge of that comment, which goes on under it.
_PENDING = re.compile(
    r"^(?:your\s+comment\s+is\s+awaiting\s+moderation\b|dein\s+kommentar\s+muss\s+noch\s+freigegeben"
    r"|votre\s+commentaire\s+est\s+en\s+attente\s+de\s+mod[ée]ration"
    r"|tu\s+comentario\s+est[áa]\s+pendiente\s+de\s+moderaci[óo]n"
    r"|មតិ\u200b?របស់\u200b?អ្នក\u200b?កំពុង\u200b?រង់ចាំ)",
    re.IGNORECASE,
)
# A badge beside a name: the thread's author, a moderator ("Jo / OP / • / 2y ago").
BADGE = re.compile(
    r"^(?:op|mod|admin|author|staff|verified|submitter|original\s+poster|top\s+commenter|unread,?"
    r"|non\s+lue,?|no\s+le\u00eddo,?|ungelesen,?"  # (Google Groups' "unread," in French, ...)
    r"|(?:member\s+is\s+)?(?:online|offline)|\(topic\s+creator\)"  # a forum poster's status
    # and in Russian (PunBB): active, inactive; the ranks newcomer, (active) member
    r"|(?:не)?активен|новичок|(?:активный\s+)?участник|модератор|администратор"
    # and in Spanish: a user, the moderator, the administrator, a guest (wpDiscuz's
    # "Invitado"; not German's "Gast", over the name on some blogs: a head's first line)
    r"|usuario|moderador|administrador|invitado"
    r"|[\w'\u2019]+\s+pick"  # a comment the site picked: "Guardian Pick", "Editors' Pick"
    r"|stickied\s+comment|popular\s+post|guest|pro|(?:favou?rite|best|top)\s+answer"
    r"|\u30d7\u30ed\u30d4\u30c3\u30ab\u30fc"  # NewsPicks' "pro picker"
    r"|kaskus\s+(?:maniac|addict|holic|geek|newbie|aficionado|freak|plus|donatur)"  # ranks
    # a code forge's project roles beside a name (GitLab, GitHub)
    r"|owner|maintainer|developer|reporter|contributor|collaborator"
    # Discuz!: offline / online now, the thread's poster, member ranks
    r"|当前离线|当前在线|楼主|樓主|原PO|(?:新手上路|注册会员|初级会员|中级会员|高级会员|金牌会员|论坛元老|版主|管理员)"
    # Waline: the poster's place, browser and system run together ("广东Chrome 122.0.0.0Windows 10")
    # (Twikoo: the place, then the system, then the browser: "广东 Windows 10 Chrome 122.0")
    r"|(?:\S{1,12}\s)?(?:Windows|macOS|Mac\s?OS|Android|iOS|Linux|HarmonyOS)(?:\s[\d.]+)?\s"
    r"(?:Chrome(?:\sMobile)?|Firefox|Safari|Edge|Opera|WeChat|Quark|Samsung\sInternet"
    r"|UC\sBrowser|QQBrowser)(?:\s[\d.]+)?"
    r"|(?:\S{1,12}\s?)?(?:Chrome|Firefox|Safari|Edge|Opera)\s[\d.]+\s?(?:Windows|Mac\s?OS|macOS"
    r"|Android|iOS|Linux)\b.{0,20}"
    # the Facebook comments plugin: where the poster works, studied, lives (Khmer)
    r"|(?:\u1792\u17d2\u179c\u17be\u1780\u17b6\u179a\u1793\u17c5|\u1794\u17b6\u1793\u179f\u17b7\u1780\u17d2\u179f\u17b6\u1793\u17c5|\u179a\u179f\u17cb\u1793\u17c5)\s+\S.{0,60}"
    # Naver Cafe: the cafe's manager, staff, the post's writer
    r"|\uce74\ud398\ub9e4\ub2c8\uc800|\uc2a4\ud0ed|\uc791\uc131\uc790"
    # a poster's rank under the name: "NUjij Expert Zuidoost-Azi\u00eb", "Independent Advisor"
    r"|(?:\S+\s+){1,2}(?:expert|advisor|adviser|agent)(?:\s+\S+){0,2}"
    r"|(?:expert|advisor|adviser|agent)(?:\s+\S+){1,2}"
    # a hotel review's traveller type under the name (Agoda, Booking, Tripadvisor)
    r"|couple|solo\s+travell?er|business\s+travell?er|family\s+with\s+(?:young\s+children|teens"
    r"|older\s+children)|group\s+of\s+friends"
    # the reviewer's place and counts: "Graz, Österreich 4 Beiträge", "1 Beitrag"
    r"|(?:[^\d,]{2,30},\s*[^\d,]{2,30}\s+)?\d[\d.,]*\s+(?:beitr(?:ag|äge)|contributions?)"
    r"(?:\s+\d[\d.,]*\s+\S{0,12}(?:wertungen|votes))?"
    # and its stay: "Date of stay: March 2024", "Reiseart: Alleinreisend"
    r"|(?:date\s+of\s+stay|trip\s+type|aufenthaltsdatum|reiseart|date\s+du\s+séjour"
    r"|type\s+de\s+voyage|fecha\s+de\s+la\s+estancia|tipo\s+de\s+viaje)\s*:\s*\S.{0,40}"
    # a shop review's product variant under the name: "Varian: Putih", "Variation: Black"
    r"|(?:varian|variasi|variant|variation|ukuran|size|warna|colou?r|farbe|couleur)\s*:\s*[^\s:][^:]{0,30}"
    # a user's handle under the name (chat apps, social sites): "@sothea.k"; a poster's
    # ID on a 2channel-style board ("ID:Qm3kd9a0")
    r"|@[\w][\w.\-]{0,29}(?:@[\w\-]+(?:\.[\w\-]+)+)?|(?-i:ID):[\w+/.]{4,12}"
    r"|\(@[\w.\-]{1,30}\)|themenstarter"  # wpForo: the poster's slug, the thread starter
    # a label ("【解説】", an explanation) or a poster's affiliation in full-width brackets
    # (the opening bracket may be cut as a bullet)
    r"|\u3010?[^\u3010\u3011]{1,8}\u3011|[\uff08(]?[^\uff08\uff09()]{1,40}\uff09"
    r"|auteure?|autora?|autorin|autore|penulis|yazar|t\u00e1c\s+gi\u1ea3|\u4f5c\u8005|\uc791\uc131\uc790|\u0430\u0432\u0442\u043e\u0440(?:\s+\u043f\u043e\u0441\u0442\u0430)?|ผู้เขียน|\(modifié\)|\(bearbeitet\)|\(editado\)|\(edited\))$",
    re.I,
)
# "Edited 2y ago": when a comment was changed, not when it was written.
_EDITED = re.compile(
    r"^(?:(?:last\s+)?(?:edited|updated|modified)(?:\s+by\s+\S+)?|diubah\s+oleh\s+\S+"
    r"|diedit\s+oleh\s+\S+\s+pada"  # Malay: "Diedit oleh Jo pada DATE"
    r"|(?:zuletzt\s+)?bearbeitet|modifié(?:\s+le)?|editado|editato|bewerkt"  # de, fr, es, it, nl
    r"|última\s+edición(?:\s+el)?|derni\u00e8re\s+(?:\u00e9dition|modification)(?:\s+le)?)"
    r":?\s+(.+)$",
    re.I,
)
# The fold of a long text: "Read more", "Weniger lesen".
_FOLD = re.compile(
    r"^(?:(?:read|show|see)\s+(?:more|less)|(?:mehr|weniger)\s+(?:lesen|anzeigen)"
    r"|lire\s+la\s+suite|(?:leer|ver|mostrar)\s+(?:más|menos)"
    # Wix: hide the replies, show more comments (German)
    r"|antworten\s+ausblenden|weitere\s+kommentare\s+anzeigen"
    # Japanese: "see more of X (136)"
    r"|.{0,12}\u3092\u3082\u3063\u3068\u898b\u308b(?:\s*[(\uff08]\d+\u4ef6[)\uff09])?)$",
    re.I,
)
# A pager: "1 2 3 … 12 Next", "« 1 2 3 »", Niconico Pedia's "1- 31- 61- 91-".
_PAGER = re.compile(
    r"^(?:[«\u2039<]\s*|(?:prev(?:ious)?|zurück|précédent|anterior)\s+)?(?:\d{1,5}-?\s+(?:…\s+)?){2,}"
    r"\d{1,5}-?(?:\s+(?:[»\u203a>]|next|weiter|suivant|siguiente))?$",
    re.I,
)
# "#3" or "3.": a forum post's or a talkback's number, alone on its line; Thai's "comment 3-1".
POSTNUM = re.compile(
    r"^#\d{1,6}$|^\d{1,4}\.$|^ความคิดเห็นที่\s*\d{1,5}(?:-\d{1,4})?$"
    # and the one it answers: "#3 — Antwort auf #2" (Zeit Online)
    r"|^#\d{1,6}\s+(?:[\u2014\u2013-]\s+)?(?i:antwort\s+auf|(?:in\s+)?reply\s+to|réponse\s+à"
    r"|respuesta\s+a)\s+#\d{1,6}$"
)
# A profile box's field name alone on its line, its value on the next (XenForo: "Messages /
# 1,208", "Location / Kep"): both are the box, not text.
FIELD_LABEL = re.compile(
    r"^(?:messages|reaction\s+score|trophy\s+points|solutions|beitr\u00e4ge|registriert|joined"
    r"|join\s+date"  # vBulletin 4's
    r"|likes\s+received"  # XenForo 1's
    # XenForo 2's in Spanish, French, German
    r"|mensajes|puntuaci\u00f3n\s+de\s+reacci\u00f3n|puntos\s+de\s+trofeo|soluciones"
    r"|score\s+de\s+r\u00e9action|points\s+de\s+troph\u00e9e|reaktionspunkte|punkte\s+f\u00fcr\s+erfolge"
    # Discuz!: points, topics, posts, money, prestige
    r"|积分|主题|帖子|金钱|威望|贡献|積分|主題"
    # Rakuten's reviewer fields: what for, for whom, how many times bought
    r"|\u5546\u54c1\u306e\u4f7f\u3044\u307f\u3061|\u5546\u54c1\u3092\u4f7f\u3046\u4eba"
    r"|\u8cfc\u5165\u3057\u305f\u56de\u6570|"
    + alternation("fields")  # the Southeast Asian forum packs' (`forumwords`)
    + r")(?:\s*:)?$",  # (its value on the next line: "Joined: / Mar 4, 2012", XenForo 1's)
    re.I,
)
# Fields a comment form has too ("Location", "Website"): a profile's only after another field.
# (XenForo's in French, Spanish, German: "Réactions", "Localisation", "Ubicación", "Ort")
_FORM_FIELD = re.compile(
    r"^(?:location|website|age|gender|occupation|points|posts|r\u00e9actions|localisation"
    r"|reacciones|ubicaci\u00f3n|puntos|reaktionen|punkte|ort|wohnort)(?:\s*:)?$",
    re.I,
)
# Who reacted to a post ("Reactions: jo, kim and 4 others"), a bookmark button, and
# phpBB's "Last edited by jo on DATE, edited 1 time in total.", WoltLab's in German, SMF's
# "« Last Edit: DATE by jo »".
_REACTIONS = re.compile(
    r"^(?:reactions|likes|reaktionen|r\u00e9actions|reacciones)\s*:.*$|^add\s+bookmark$"
    r"|^last\s+edited\s+by\s.+,\s+edited\s+\d+\s+times?\s+in\s+total\.?$"
    r"|^zuletzt\s+ge\u00e4ndert\s+von\s.+,\s+insgesamt\s+\d+-mal\s+ge\u00e4ndert\.?$"
    r"|^(?:«\s*)?last\s+edit\s*:.{1,60}\sby\s+\S.{0,40}?(?:\s*»)?$"  # SMF's
    r"|^(?:«\s*)?letzte\s+\u00e4nderung\s*:.{1,60}\svon\s+\S.{0,40}?(?:\s*»)?$"  # (in German)
    r"|^dieser\s+beitrag\s+wurde\s+(?:bereits\s+)?\d+\s+mal\s+editiert\b.*$",  # WoltLab
    re.IGNORECASE,
)
# An issue tracker's change to a ticket's fields, listed in a note's head (Redmine, Jira):
# "Status changed from New to In Progress", "Assignee set to Jo", "File x.pdf deleted (y)".
_JOURNAL = re.compile(
    r"^[A-Z][\w' ]{0,30}?\s+(?:changed\s+from\s+\S.{0,60}?\s+to\s+\S.{0,60}"
    r"|set\s+to\s+\S.{0,60}|deleted\s+\(.{1,60}\))(?<![.!?])$"
)
# A list after the comments that ends the section: "Related topics", "Similar threads".
RELATED = re.compile(
    # (MyBB's "Possibly Related Threads…")
    r"^(?:(?:possibly\s+)?(?:related|similar|suggested|recommended)\s+(?:topics|threads|posts|discussions|content"
    # (a bug's change log; a sidebar of users' lists)
    r"|questions|stories|articles|links)|about\s+community|issue\s+history|lists|more\s+from\s+\S.{0,40}"
    r"|more\s+(?:topics|threads)\s+from\s+this\s+(?:board|forum)"
    r"|more\s+(?:topics|threads)\s+in\s+\S.{0,60}"  # (a Usenet archive's: "... in soc.culture.x")
    r"|r\u00e9ponses\s+dans\s+ce\s+fil"  # (narkive's in French, under the last message)
    # (the reply editor's placeholder under the last post and the notice under it:
    # Invision's; FluxBB's line under the posts)
    r"|reply\s+to\s+this\s+topic\s*(?:\.\.\.|\u2026)|create\s+an\s+account\s+or\s+sign\s+in\s+to\s+comment"
    r"|r\u00e9pondre\s+\u00e0\s+ce\s+sujet\s*(?:\.\.\.|\u2026)|aller\s+\u00e0\s+la\s+liste\s+des\s+sujets"
    r"|you\s+are\s+(?:not\s+)?subscribed\s+to\s+this\s+(?:topic|thread)\b.*"
    r"|jump\s+to\s*:(?:\s*\[.*)?"  # (a forum's board menu under the posts: SMF's)
    # (MyBB's links to the threads beside it, under the last post, and its search box)
    r"|\u00ab?\s*next\s+oldest\s*\|\s*next\s+newest\s*\u00bb?"
    r"|enter\s+keywords_*\s+search\s+thread"
    # (who is reading the thread, under its last post: XenForo's "Users Viewing Thread
    # (Users: 2, Guests: 17)")
    r"|users\s+viewing\s+thread\b.*"
    r"|quick\s+(?:reply|post)"  # (the reply form under the last post: SMF's, vBulletin's, FluxBB's)
    r"|top\s*latest\s*discussions|ready\s+for\s+more\?"  # (Substack's archive under them)
    r"|sign\s+up\s+for\s+more\s+like\s+this\.?"  # (Ghost's, over its other posts)
    # (Disqus's other threads of the site: "Also on The Phnom Penh Daily"; not a post's
    # copy elsewhere, "Also on Micro.blog")
    r"|also\s+on\s+(?:the\s+)?\S+(?:\s+\S+){1,6}"
    # (in German, French, Spanish: "Auch auf Oderland Abendpost", its site's name)
    r"|(?:auch\s+auf|aussi\s+sur|tambi\u00e9n\s+en)(?:\s+(?-i:[A-Z0-9][\w'\u2019&-]*)){1,6}"
    r"|this\s+post\s+was\s+submitted\s+on\s+\S.{3,40}"  # (Lemmy's, Reddit's sidebar)
    r"|about\s+community"  # (the new Reddit's sidebar, under the thread)
    # a forum's sidebar of other topics (vBulletin 5's "Latest Topics", Microsoft's
    # "Discussions you might like")
    r"|(?:latest|recent|new|active|hot|trending)\s+(?:topics|threads|discussions)"
    r"|(?:discussions|topics|threads|posts|questions)\s+you\s+(?:might|may)\s+(?:also\s+)?like"
    r"|popular\s+posts\s+from\s+this\s+blog"  # Blogger's list under the comment form
    # new Reddit's link to the whole thread under the comments it shows, the posts after it
    r"|view\s+entire\s+discussion\s+\(\d[\d,.]*\s+comments?\)|more\s+posts\s+from\s+\S.{0,40}"
    r"|(?:more|other|recent)\s+episodes|(?:más|otros)\s+episodios"  # a podcast's episodes
    # a blog's sidebar lists: the latest posts (Chinese; "latest comments" is as often the
    # comments' own sort tab); the site's notice board
    r"|最新文章|公告"
    r"|berita\s+(?:terkini|terpopuler|terbaru)"  # an Indonesian portal's news lists
    r"|文章目录|站点概览"  # (Hexo's NexT theme: the post's contents, the site's overview)
    # a blog's sidebar lists: recent posts, recent comments (English, Spanish)
    r"|recent\s+(?:posts|comments)|(?:entradas|publicaciones|art[íi]culos|comentarios)\s+recientes"
    r"|ostatnie\s+(?:komentarze|wpisy)"  # (in Polish: blox.pl's)
    # HyperKitty's list of a thread's participants beside it: "participants (9)"
    r"|participants\s*\(\d{1,4}\)"
    # and the site's "about us" box
    r"|about\s+us|sobre\s+nosotros|qui[ée]nes\s+somos|über\s+uns|à\s+propos\s+de\s+nous"
    # a blog's sidebar after the comments: Hatena's "profile", Naver's "this blog's posts
    # in the category X", "all posts"
    r"|\u30d7\u30ed\u30d5\u30a3\u30fc\u30eb|\uc774\s*\ube14\ub85c\uadf8\s.{0,40}\uae00|\uc804\uccb4\uae00\s*\ubcf4\uae30"
    # cnblogs' side lists: the editors' picks, the most read, the most commented
    r"|(?:\u7f16\u8f91\u63a8\u8350|\u9605\u8bfb\u6392\u884c|\u8bc4\u8bba\u6392\u884c|\u63a8\u8350\u6392\u884c)[:\uff1a]?"
    # the list is over, the rest hidden: "Some comments may only be visible to logged-in
    # visitors. Sign in to view all comments." (dev.to)
    r"|some\s+comments\s+may\s+only\s+be\s+visible\s+to\s+logged-in\s+visitors\b.*"
    r"|(?:sign|log)\s+in\s+to\s+(?:view|see)\s+all\s+comments\.?"
    r"|\u95a2\u9023\u4f5c\u54c1"  # pixiv: related works
    r"|đọc\s+nhiều|xem\s+nhiều|chủ\s+đề\s+tương\s+tự"  # Vietnamese: most read, similar threads
    r"|more\s+on\s+this\s+story|son\s+dakika|çok\s+okunanlar"  # Turkish: breaking, most read
    r"|select\s+a\s+membership\s+level|choose\s+(?:a|your)\s+(?:tier|membership)"  # Patreon
    # a shop's other products, a product's specifications, a forum's suggested topics (French,
    # German, Spanish)
    r"|vous\s+aimerez\s+(?:peut-être\s+)?aussi|plus\s+de\s+produits\s+de\s+ce\s+\w+"
    r"|(?:items|products)\s+from\s+this\s+(?:shop|store|seller)|caractéristiques|specifications"
    r"|(?:das\s+)?könnte\s+(?:dir|ihnen)\s+auch\s+gefallen|te\s+puede\s+(?:interesar|gustar)"
    r"|(?:sujets|discussions)\s+(?:suggérés|suggérées|similaires)|(?:temas|hilos|discusiones)"
    r"\s+(?:sugeridos|similares)|vorgeschlagene\s+themen|\u00e4hnliche\s+(?:diskussionen|beitr\u00e4ge)"
    r"|legfrissebb|legolvasottabb"  # Hungarian: latest, most read
    r"|relacionad[ao]s"  # Spanish: related
    r"|most\s+(?:read|popular|viewed|commented|shared)|(?:more\s+)?(?:(?:posts|threads|topics"
    r"|stories|articles)\s+)?you\s+(?:might|may)\s+(?:also\s+)?(?:like|enjoy)\b.*"
    # German, French, Spanish, Portuguese, Italian, Dutch, Swedish, Polish, Turkish, Russian
    # Greek: read also, see also, related articles
    r"|\u03b4\u03b9\u03b1\u03b2[\u03b1\u03ac]\u03c3\u03c4\u03b5\s+\u03b5\u03c0[\u03b9\u03af]\u03c3\u03b7\u03c2"
    r"|\u03b4\u03b5[\u03b9\u03af]\u03c4\u03b5\s+\u03b5\u03c0[\u03b9\u03af]\u03c3\u03b7\u03c2"
    r"|\u03c3\u03c7\u03b5\u03c4\u03b9\u03ba[\u03b1\u03ac]\s+[\u03b1\u03ac]\u03c1\u03b8\u03c1\u03b1"
    # Japanese: popular articles, trending words, latest articles, (Chinese) hot picks,
    # archives by category and by month
    r"|\u4eba\u6c17\u8a18\u4e8b|\u6025\u4e0a\u6607\u30ef\u30fc\u30c9|\u6700\u65b0\u306e\u8a18\u4e8b|\u70ed\u95e8\u63a8\u8350|(?:\u30ab\u30c6\u30b4\u30ea\u5225|\u6708\u5225)\u30a2\u30fc\u30ab\u30a4\u30d6"
    # Korean: "(this cafe's) popular posts", the previous and the next post
    r"|(?:\S{1,20}\s){0,2}\uc778\uae30\uae00|\uc774\uc804\uae00|\ub2e4\uc74c\uae00"
    # Thai: "other posts from X"
    r"|\u0e42\u0e1e\u0e2a\u0e15\u0e4c\u0e2d\u0e37\u0e48\u0e19\u0e08\u0e32\u0e01\s.{1,40}"
    r"|mehr\s+zum\s+thema|weitere\s+(?:artikel|beitr\u00e4ge)|\u00e4hnliche\s+themen|sur\s+le\s+m\u00eame\s+sujet"
    r"|\u00e0\s+lire\s+aussi|noticias\s+relacionadas|leia\s+tamb\u00e9m|leggi\s+anche|lees\s+ook|meer\s+over\s+dit\s+onderwerp"
    r"|l\u00e4s\s+ocks\u00e5|powi\u0105zane\s+\w+|ilgili\s+haberler|bu\s+ba\u015fl\u0131kta\s+ilgili"
    r"|\u0447\u0438\u0442\u0430(?:\u0439\u0442\u0435|\u0442\u044c)\s+\u0442\u0430\u043a\u0436\u0435"
    # Russian: popular, similar articles
    r"|\u043f\u043e\u043f\u0443\u043b\u044f\u0440\u043d\u043e\u0435|(?:\u043f\u043e\u043f\u0443\u043b\u044f\u0440\u043d\u044b\u0435|\u043f\u043e\u0445\u043e\u0436\u0438\u0435)\s+(?:\u0441\u0442\u0430\u0442\u044c\u0438|\u0437\u0430\u043f\u0438\u0441\u0438|\u043c\u0430\u0442\u0435\u0440\u0438\u0430\u043b\u044b)"
    # Indonesian, Vietnamese, Khmer, Thai, Arabic
    r"|tulisan\s+lainnya\b.*|(?:artikel|berita|thread)\s+terkait|baca\s+juga"
    r"|tin\s+(?:liên\s+quan|cùng\s+chuyên\s+mục)|xem\s+nhiều|(?:ព័ត៌មាន|អត្ថបទ)ពាក់ព័ន្ធ"
    r"|กระทู้ที่คุณอาจสนใจ|คำถามเกี่ยวกับสินค้านี้.*|\u0627\u0642\u0631\u0623\s+\u0623\u064a\u0636\u0627"
    r"|\u0645\u0642\u0627\u0644\u0627\u062a\s+\u0630\u0627\u062a\s+\u0635\u0644\u0629"
    r"|\u0627\u0644\u0623\u0643\u062b\u0631\s+\u0642\u0631\u0627\u0621\u0629"
    # Nepali and Hindi: latest updates, most read, related news, read this too
    r"|ताजा\s+अपडेट|सर्वाधिक\s+पढिएको|सम्बन्धित\s+(?:समाचार|खबर)|संबंधित\s+(?:खबरें|समाचार)"
    r"|ये\s+भी\s+पढ़ें"
    # Hebrew: more on the subject, more articles
    r"|\u05e2\u05d5\u05d3\s+\u05d1\u05e0\u05d5\u05e9\u05d0|(?:\u05e2\u05d5\u05d3\s+)?\u05db\u05ea\u05d1\u05d5\u05ea\s+\u05e0\u05d5\u05e1\u05e4\u05d5\u05ea"
    # Korean, Japanese, Chinese: "(국제) 많이 본 뉴스", "関連記事", "相关阅读"
    r"|(?:\S+\s)?(?:많이\s?본|인기|관련)\s?(?:뉴스|기사)|関連記事|.{0,20}の人気記事|最近の(?:日記|記事|投稿)|関連ニュース|.{0,10}の?注目ニュース"
    r"|アクセスランキング|你可能(?:感興趣|感兴趣)的(?:文章|內容|内容)|(?:\d+小时|热门|热点)?排行榜?"
    r"|相关(?:文章|阅读|新闻)|相關(?:文章|閱讀|新聞)|热门(?:文章|新闻)|熱門(?:文章|新聞)|"
    + alternation("related")  # similar threads in the Southeast Asian forum packs' words
    + r")(?:\u2026|\.\.\.)?$",
    re.IGNORECASE,
)

# An advert's label between comments: the lines after it, up to the next comment's head,
# are the advert ("Sponsored", "Anzeige", "Reklama", "Wygrzeb Poleca": the site recommends).
AD = re.compile(
    r"^(?:sponsored(?:\s+(?:links?|content|ads?))?|promoted|advertisements?|ad|anzeige|werbung|reklama|reklam|publicidad|publicidade"
    r"|patrocinado|publicit\u00e9|sponsoris\u00e9|iklan|qu\u1ea3ng\s+c\u00e1o|\u0e42\u0e06\u0e29\u0e13\u0e32"
    r"|\u5e7f\u544a|\u5ee3\u544a|\u5e83\u544a|\uad11\uace0|\u0625\u0639\u0644\u0627\u0646|\S{2,30}\s+poleca"
    r"|\u3010?(?:\u63a8\u8350|\u5e7f\u544a)\u3011.*)$",  # cnblogs: "【推荐】..." (promoted)
    re.IGNORECASE,
)
# A site footer's legal line: boilerplate, but it ends no comment (a footer follows).
FOOTER = re.compile(
    r"\ball\s+rights\s+reserved\b|\bconstitutes\s+(?:your\s+)?acceptance\s+of\b"
    # a forum's footer (SMF, Snitz)
    r"|^(?:this\s+)?page\s+(?:was\s+)?(?:created|generated)\s+in\s+[\d.]+\s+seconds\b"
    r"|^©\s*\S.{0,60}\d{4}$"  # "© ТрекерОк, 2008-2024"
    r"|\bphpbb®?\s+forum\s+software\b"  # phpBB's credit, in every language's pack
    r"|^do\s+not\s+sell\s+(?:or\s+share\s+)?my\s+personal\s+information$",
    re.IGNORECASE,
)
_MENU_SEP = re.compile(r"\s+[|·•\u203a>]\s+|\s+[-\u2013—]\s+|\s*[«»]\s*")


def _quotation(s: str) -> bool:
    """Does `s` quote words in French guillemets, no link's arrows: inside a sentence
    ("des « compounds » où"), or five words or more ("« ici on ne dit rien, on vote »."),
    no label's colon or menu's bar inside ("« Reply #2 on: DATE »", "« previous next »")?"""
    m = re.search(r"«([^«»:|]+)»", s)
    if m is None:
        return False
    outside = s[: m.start()] + s[m.end() :]
    return bool(re.search(r"[^\W\d_]", outside)) or len(words(m[1])) >= 5


def menu_line(s: str) -> bool:
    """A row of links: "« Previous Thread | Next Thread »", "Contact Us - Archive - Top"
    (three or more short title-cased parts, or two between arrows), or the link to the
    previous or the next post alone ("« Title", "Title »"), or a breadcrumb's part on a
    line of its own ("» Title", a text browser's list of FluxBB's)."""
    quotation = _quotation(s)
    arrow = re.match(r"^[«\u2039»]\s\S", s) or re.search(r"\S\s[»\u203a]$", s)
    if arrow and not quotation:
        return len(s) <= 160
    parts = [p for p in _MENU_SEP.split(s) if p.strip()]
    crumbed = re.search(r"\s[»\u203a>]\s", s) and not quotation
    if len(parts) >= 3 and crumbed and len(s) <= 300:  # a breadcrumb
        # (its last part the page's own title, which may be long; no sentence's steps:
        # "Open Settings > Apps > Repair.")
        crumbs = re.split(r"\s[»\u203a>]\s", s)
        return (
            all(is_short_label(p, 6) and not re.search(r"[.:!?]", p) for p in crumbs[:-1])
            and len(crumbs[-1]) <= 160
            and (is_short_label(crumbs[-1], 6) or not re.search(r"[.:!?]$", s))
        )
    if len(parts) >= 4 and len(s) <= 160 and all(is_short_label(p, 4) for p in parts):
        return all(p[:1].isupper() for p in parts)  # "Правила · Реклама на сайте · ..."
    return (
        (len(parts) >= 3 or (len(parts) == 2 and bool(re.search(r"[«»]", s))))
        and len(s) <= 120
        and all(is_short_label(p, 4) and headline_like(p) for p in parts)
    )


# An issue tracker's timeline event, dated (GitHub, Gitea, GitLab): "@jo jo added the
# needs-review label Jul 1, 2023", "kosal self-assigned this 2024-03-04 10:01:12 +07:00",
# "Jo Lim @jo.lim assigned to @kim 3 weeks ago".
_TIMELINE = re.compile(
    r"^(?:[^\s@]{1,40}\s+){0,2}@?[\w.\-]{1,40}(?:\s+[\w.\-]{1,40})?\s+"
    r"(?:self-assigned\s+this|(?:un)?assigned\s+(?:to\s+)?@?[\w.\-]{1,40}"
    r"|(?:added|removed)\s+(?:the\s+)?.{1,80}?\s+labels?"
    r"|(?:mentioned|referenced|closed|reopened|locked|unlocked|pinned)\s+this(?:\s+issue"
    r"|\s+pull\s+request)?(?:\s+(?:from|in|as)\s+.{1,80}?)?"
    r"|mentioned\s+in\s+.{1,80}?|changed\s+(?:the\s+)?milestone\s+to\s+\S{1,40}"
    r"|changed\s+the\s+title\s+.{1,200}?|pushed\s+\d+\s+commits?|added\s+\d+\s+commits?)"
)


# A bug's change log between its comments (Launchpad): "Changed in news-mirror-kh:" over
# "status:\tNew → Confirmed".
_CHANGE = re.compile(
    r"^(?:Changed\s+in\s+\S.{0,80}:|[a-z][\w ]{0,29}:\s+.{1,120}\s(?:→|->)\s.{1,120})$"
)


# A photo's dates in its sidebar (Flickr): "Taken on July 26, 2013", "Uploaded on ...".
_PHOTO_DATE = re.compile(r"^(?:taken|uploaded) on ", re.IGNORECASE)


def _timeline_event(s: str) -> bool:
    """Is `s` a `_TIMELINE` event closed by its date?"""
    w = s.split()
    return any(
        is_timestamp(" ".join(w[-k:])) and _TIMELINE.fullmatch(" ".join(w[:-k]))
        for k in range(min(8, len(w) - 2), 0, -1)
    )


def furniture_type(s: str) -> str | None:
    """ "postnum", "quote_end", "badge", "stamp_label", "field_label", "related",
    "button" (an edit date, reactions), or None."""
    if POSTNUM.match(s):
        return "postnum"
    if QUOTE_END.match(s):
        return "quote_end"
    if BADGE.match(s) or _PENDING.match(s):
        return "badge"
    if _FOLD.match(s) or _PAGER.match(s):
        return "bullet"  # (a long text's fold, inside the text or after it; a pager)
    m = _EDITED.match(s)
    if m and is_timestamp(m.group(1)):
        return "button"
    if STAMP_LABEL.match(s):
        return "stamp_label"
    if FIELD_LABEL.match(s):
        return "field_label"
    if _REACTIONS.match(s) or _JOURNAL.match(s) or ((m := EVENT.match(s)) and not m["when"]):
        return "button"
    if _THANKED.match(s) or _THANKERS.match(s):  # (who thanked: `profile_fields` too)
        return "button"
    if _timeline_event(s) or _CHANGE.match(s) or ARCHIVE_MONTH.match(s):
        return "button"
    if (m := _PHOTO_DATE.match(s)) and is_timestamp(s[m.end() :]):
        return "button"
    if RELATED.match(s):
        return "related"
    if AD.match(s):
        return "ad"
    return None


def line_type(s: str) -> str | None:
    """A line's type for the text engine: thread furniture, else `lines.meta_type`."""
    return furniture_type(s) or meta_type(s)


def profile_field(types: list[str | None], j: int) -> bool:
    """Is line `j` a profile box's field: a field's or a date's label ("Messages",
    "Joined"), or the value under one?"""
    labels = ("field_label", "stamp_label")
    return types[j] in labels or (j > 0 and types[j - 1] in labels)


#: Who thanked for a post, each with the day (vBulletin's list under its thanks line):
#: "Jo (29/05/2022), Kim Lim (30/05/2022)".
_THANKER = r"[^,()]{1,40}\s\(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\)"
_THANKERS = re.compile(rf"^{_THANKER}(?:,\s*{_THANKER})+$")
#: "Reactions:" alone on its line (XenForo): who reacted stands on the next.
_REACTED = re.compile(r"^(?:reactions|likes)\s*:$", re.IGNORECASE)
#: A thread's last activity, its date on the lines under it (HyperKitty: "Last active: /
#: Sat, 7 Sep 2024 / 12:09 a.m."): no comment's date.
_LAST_ACTIVE = re.compile(r"^last\s+(?:active|activity|post)\s*:$", re.IGNORECASE)
#: vBulletin's thanks under a post, who thanked on the next line: "The following 3 users
#: say thank you to Jo for this useful post:", and in Vietnamese.
_THANKED = re.compile(
    r"^(?:the\s+following\s+(?:\d+\s+)?users?\s+says?\s+thank\s+you\s+to\s.{1,40}\s+for\s+this"
    r"\s+useful\s+post|có\s+\d+\s+thành\s+viên\s+đã\s+gửi\s+lời\s+cảm\s+ơn\s+đến\s.{1,60}|"
    + alternation("thanks_lines")
    + ")[:\u17d4]$",  # (or Khmer's full stop)
    re.IGNORECASE,
)
#: A line that ends a sentence (no list of names does).
_ENDS = re.compile(r"[.!?\u3002\uff01\uff1f]$")


def profile_fields(lines: list[str], types: list[str | None]) -> list[str | None]:
    """`types` with a comment form's field names that follow a profile box's field and its
    value ("Reaction score / 642 / Location / Kep") typed as the box's fields too, and
    what an issue's timeline event names under it (the issue or commit that mentioned
    this one: "Telegram bot: send article text #39", "rotate mirror domain a3f9c2e") as
    the event's furniture, who reacted to a post under its "Reactions:" as a button, and
    the head's name again over the poster's profile as a badge (PunBB: "3 Ответ от Jo
    DATE / Jo / Участник"), and so a review's stars between its name and date, and a
    thread's "Last active:" date as a button; the poster's status under the name ("Jo /
    Jo is offline", past a menu) as a badge, and the lines under a Mailman digest's
    "Today's Topics:" as buttons; a poster's personal text at the foot of the box (SMF)
    and a full name under the user name (Discourse) as badges."""
    topics = False  # in a Mailman digest's list of topics ("Today's Topics:" / "1. Re: X (Jo)")
    for i in range(1, len(lines)):
        topics = bool(DIGEST_TOPICS.fullmatch(lines[i - 1])) or (
            topics and types[i] in (None, "button")
        )
        if topics and types[i] is None:
            types[i] = "button"
        elif (types[i] is None and types[i - 1] == "byline" and _named_above(lines, i)) or (
            types[i] in (None, "button") and _stars_under_name(lines, types, i)
        ):
            types[i] = "badge"  # (and a review's stars between the name and the date)
        elif _personal_text(lines, types, i):
            types[i] = "badge"
        elif _full_name_under_handle(lines, types, i):
            types[i] = "badge"
            if types[i + 1] is None:  # (the poster's title under it: "Projects lead")
                types[i + 1] = "badge"
        elif types[i] == "mail" and PROFILE.match(lines[i - 1]):
            types[i] = "button"  # a profile box's "From: Phnom Penh" (Ikonboard), no sender
        elif (
            types[i] in (None, "byline")  # (with the dates they thanked on: YAF's)
            and (_REACTED.match(lines[i - 1]) or _THANKED.match(lines[i - 1]))
            and not _ENDS.search(lines[i])
        ):
            types[i] = "button"  # "Reactions: / Jo, Sita": who reacted or thanked, next line
        elif types[i] == "time" and (
            _LAST_ACTIVE.match(lines[i - 1])
            or (i >= 2 and types[i - 1] == "button" and _LAST_ACTIVE.match(lines[i - 2]))
        ):
            types[i] = "button"  # (types[i - 1]: the date's first line, typed so just now)
        elif (
            types[i] is None
            and STATUS.match(lines[i])
            # (past the member menu under the name: "View Profile / Private Message")
            and any(lines[i].startswith(f"{lines[j]} ") for j in range(max(i - 6, 0), i))
        ):
            types[i] = "badge"  # vBulletin: "Jo / Jo is offline", the poster's status
        elif i >= 2 and types[i] in (None, "header", "button") and types[i - 2] == "field_label":
            types[i] = "field_label" if _FORM_FIELD.match(lines[i]) else types[i]
        elif types[i] is None and _EVENT_OBJECT.search(lines[i]) and _timeline_event(lines[i - 1]):
            types[i] = "button"
        elif _GROUP.match(lines[i]) and any(_COUNTED.match(x) for x in lines[i + 1 : i + 4]):
            types[i] = "badge"  # (or the reputation's count: "Members / 41 / 187 posts")
    return types


#: A poster's count of posts in a profile box, without a label's colon (Invision: "2,104
#: posts").
POST_COUNT = re.compile(r"^\d[\d,.]*\s+posts?$", re.IGNORECASE)
#: A member group's name over that count or the poster's reputation (Invision: "Jo /
#: Veteran Wanderer / Members / 312 posts"); elsewhere, "Members" is a menu's link.
_GROUP = re.compile(
    r"^(?:mitglieder|membres|miembros|membri|leden)(?:\s+[^\W\d_]+)?$", re.IGNORECASE
)
_COUNTED = re.compile(r"^\d[\d,.\s]*(?:\s+posts?)?$", re.IGNORECASE)

#: A poster's status after the name: "Jo is offline", "Jo is online now".
STATUS = re.compile(
    r"^\S.{0,40}\s(?:is|ist|est)\s+(?:offline|online(?:\s+now)?|hors\s+ligne|en\s+ligne)$", re.I
)


#: A length of time alone, no "ago": "1 Day", "2 Weeks", "1 ថ្ងៃ".
_PERIOD = re.compile(r"^\d{1,3}\s*[^\s\d]+$")


def period_choices(lines: list[str], types: list[str | None]) -> list[str | None]:
    """`types` with a run of three or more lengths of time typed as dates ("All Posts /
    1 Day / 7 Days / 2 Weeks", phpBB's "display posts from previous" choices) typed as
    buttons: no comment is dated so."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and types[j] == "time" and _PERIOD.match(lines[j]):
            j += 1
        if j - i >= 3:
            types[i:j] = ["button"] * (j - i)
        i = max(j, i + 1)
    return types


#: A review's stars in words: "5 von 5 Sternen", "4 out of 5 stars".
_STARS = re.compile(
    r"^\d(?:[.,]\d)?\s+(?:von|out\s+of|of|sur|de|su)\s+5\s+(?:sternen|stars|étoiles|estrellas"
    r"|stelle)$",
    re.IGNORECASE,
)


def _stars_under_name(lines: list[str], types: list[str | None], i: int) -> bool:
    """Is line i a review's stars between its writer's name and its date ("Jo / 5 von 5
    Sternen / 14.09.2023, 18:44")? (Over the text, the stars open a review: Etsy.)"""
    return (
        bool(_STARS.match(lines[i]))
        and types[i - 1] is None
        and name_label(lines[i - 1], 3)
        and i + 1 < len(lines)
        and is_timestamp(lines[i + 1])
    )


#: A user name as Discourse shows it over the poster's full name: lower case, no space.
_HANDLE = re.compile(r"^[a-z0-9][a-z0-9._\-]{1,30}$")


def _full_name_under_handle(lines: list[str], types: list[str | None], i: int) -> bool:
    """Is line i a poster's full name under the user name, over the date, perhaps with a
    title between ("jo_lim / Jo Lim / Moderator / Feb '23", Discourse)? The user name is
    the author."""
    return (
        types[i] is None
        and types[i - 1] is None
        and bool(_HANDLE.match(lines[i - 1]))
        and full_name(lines[i])
        and "time" in types[i + 1 : i + 3]
    )


def _personal_text(lines: list[str], types: list[str | None], i: int) -> bool:
    """Is line i a poster's personal text or custom title at the foot of the profile box,
    over the post's subject or date ("Beiträge: 74 / Hamburg / Takeo / Re: Title / « Antwort
    #3 am: DATE »", SMF)? No sentence, and no comment's text."""
    nxt = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].strip()), None)
    if types[i] is None and _boxed(lines, types, i):
        return True  # in the box: "Posts: 312 / Sangke river rat / Location: Kep"
    return (
        types[i] is None
        and bool(PROFILE.match(lines[i - 1]))
        and nxt is not None
        and (
            types[nxt] == "time"
            or (types[nxt] == "button" and lines[nxt].startswith("Re:"))
            # (the opening post's subject, a title of a few words, over its date)
            or (nxt + 1 < len(lines) and types[nxt + 1] == "time" and len(words(lines[nxt])) >= 4)
        )
        and not _ENDS.search(lines[i])
    )


def _boxed(lines: list[str], types: list[str | None], i: int) -> bool:
    """Does line i stand between two parts of a profile box, a few words and no sentence:
    a field above it ("Posts: 312") or the poster's presence ("Offline"), a field, "Logged"
    or the avatar below ("Location: Kep", "User avatar")? (A rank printed twice, as its
    title and its image's text, is one.)"""

    def near(step: int) -> int | None:
        k = i + step
        while (
            0 <= k < len(lines)
            and abs(k - i) <= 3
            and (types[k] == "bullet" or lines[k] == lines[i])
        ):
            k += step
        return k if 0 <= k < len(lines) and abs(k - i) <= 3 else None

    above, below = near(-1), near(1)
    if above is None or below is None or len(words(lines[i])) > 8 or _ENDS.search(lines[i]):
        return False
    if ":" in lines[i]:
        return False  # a field of its own ("Ort: Bielefeld": the poster's place)
    field_above = types[above] == "button" and ":" in lines[above] and PROFILE.match(lines[above])
    presence = lines[above].casefold() in ("offline", "online")
    box_below = types[below] == "button" and (
        bool(PROFILE.match(lines[below])) or lines[below].casefold() in ("logged", "user avatar")
    )
    return bool(field_above or presence) and box_below


def _named_above(lines: list[str], i: int) -> bool:
    """Is line i the name the head line above it gives?"""
    head = name_time(lines[i - 1])
    return head is not None and head[0] == lines[i].strip()


#: An issue's or a commit's reference closing a line: "#39", "a3f9c2e".
_EVENT_OBJECT = re.compile(r"\s(?:#\d{1,6}|[0-9a-f]{7,40})$")
