"""The line patterns of the text rules, and the small classifiers built on them.

Site-agnostic: each pattern knows a common shape of comment sections ("N comments:",
"Comments (N)", "X said...", "Reply"/"ReplyDelete" buttons, "Posted by", timestamps,
"from PLACE" lines) or of page furniture (navigation, captions, form notices), in the
languages the pages come in. Every function here looks at one line, never at its
neighbours; `text.py` puts the lines in context.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from stance.split.datewords import (
    ABOUT_ZH,
    POSTED_ZH,
    cldr_ago,
    cldr_span,
    names_month,
    only_date_words,
    opens_date,
)
from stance.split.forumwords import alternation, verbs

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril"
    r"|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo"
    r"|janv|févr|avr|juil|déc"  # French abbreviations: "2 avr. 2024"
    r"|m\u00e4r|okt|dez"  # German ones English lacks: "So Mär 14 21:14:05 CET 2021"
    r"|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    # Portuguese, Italian, Dutch, Polish (genitive and nominative), Turkish, Swedish and
    # Indonesian ones the lines above do not already spell
    r"|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|januari|februari|maart|mei|augustus|maret|agustus|desember|augusti|maj"
    r"|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października"
    r"|listopada|grudnia|styczeń|luty|marzec|kwiecień|czerwiec|lipiec|sierpień|wrzesień"
    r"|październik|listopad|grudzień|ocak|şubat|mart|nisan|may\u0131s|haziran|temmuz|ağustos"
    r"|eylül|ekim|kas\u0131m|aral\u0131k"
    # Russian and Ukrainian (genitive, nominative, short)
    r"|\u043b\u0438\u0441\u0442\u043e\u043f\u0430\u0434\u0430"
    r"|\u0441\u0435\u043d\u0442\u044f\u0431\u0440\u044c"
    r"|\u0441\u0435\u043d\u0442\u044f\u0431\u0440\u044f"
    r"|\u043e\u043a\u0442\u044f\u0431\u0440\u044f|\u043e\u043a\u0442\u044f\u0431\u0440\u044c"
    r"|\u0430\u0432\u0433\u0443\u0441\u0442\u0430|\u0434\u0435\u043a\u0430\u0431\u0440\u044c"
    r"|\u0432\u0435\u0440\u0435\u0441\u043d\u044f|\u0444\u0435\u0432\u0440\u0430\u043b\u044f"
    r"|\u0434\u0435\u043a\u0430\u0431\u0440\u044f|\u0444\u0435\u0432\u0440\u0430\u043b\u044c"
    r"|\u0431\u0435\u0440\u0435\u0437\u043d\u044f|\u044f\u043d\u0432\u0430\u0440\u044f"
    r"|\u043d\u043e\u044f\u0431\u0440\u044f|\u0430\u043f\u0440\u0435\u043b\u044f"
    r"|\u0430\u043f\u0440\u0435\u043b\u044c|\u043a\u0432\u0456\u0442\u043d\u044f"
    r"|\u043b\u044e\u0442\u043e\u0433\u043e|\u044f\u043d\u0432\u0430\u0440\u044c"
    r"|\u0436\u043e\u0432\u0442\u043d\u044f|\u043d\u043e\u044f\u0431\u0440\u044c"
    r"|\u0433\u0440\u0443\u0434\u043d\u044f|\u0441\u0435\u0440\u043f\u043d\u044f"
    r"|\u0430\u0432\u0433\u0443\u0441\u0442|\u0442\u0440\u0430\u0432\u043d\u044f"
    r"|\u0447\u0435\u0440\u0432\u043d\u044f|\u043c\u0430\u0440\u0442\u0430"
    r"|\u043b\u0438\u043f\u043d\u044f|\u0441\u0456\u0447\u043d\u044f|\u0438\u044e\u043d\u044f"
    r"|\u0441\u0435\u043d\u0442|\u0438\u044e\u043d\u044c|\u0438\u044e\u043b\u044f"
    r"|\u0438\u044e\u043b\u044c|\u043c\u0430\u0440\u0442|\u0434\u0435\u043a|\u0430\u043f\u0440"
    r"|\u0444\u0435\u0432|\u0430\u0432\u0433|\u043c\u0430\u0440|\u043c\u0430\u044f"
    r"|\u043d\u043e\u044f|\u0441\u0435\u043d|\u044f\u043d\u0432|\u043e\u043a\u0442"
    r"|\u043c\u0430\u0439"
    # Arabic (the Egyptian and Maghrebi names)
    r"|\u064a\u0646\u0627\u064a\u0631|\u0641\u0628\u0631\u0627\u064a\u0631|\u0645\u0627\u0631\u0633|\u0623\u0628\u0631\u064a\u0644|\u0625\u0628\u0631\u064a\u0644|\u0645\u0627\u064a\u0648|\u064a\u0648\u0646\u064a\u0648|\u064a\u0648\u0644\u064a\u0648|\u0623\u063a\u0633\u0637\u0633|\u0633\u0628\u062a\u0645\u0628\u0631|\u0623\u0643\u062a\u0648\u0628\u0631|\u0646\u0648\u0641\u0645\u0628\u0631|\u062f\u064a\u0633\u0645\u0628\u0631"
    r"|มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม"
    r"|พฤศจิกายน|ธันวาคม"
    # Thai, abbreviated: "22 ส.ค. 66"
    r"|ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\."
    r"|មករា|កុម្ភៈ|មីនា|មេសា|ឧសភា|មិថុនា|កក្កដា|សីហា|កញ្ញា|តុលា|វិច្ឆិកា|ធ្នូ"
    # Czech (genitive), Hungarian, Romanian, Finnish (partitive and nominative)
    r"|ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince"
    r"|január|február|március|április|május|június|július|augusztus|szeptember|október"
    r"|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie"
    r"|(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuu(?:ta)?"
    # Danish (the rest are German's), Tagalog (those Spanish has not)
    r"|marts|pebrero|marso|hunyo|hulyo|setyembre|oktubre|nobyembre|disyembre"
    # Greek (genitive), Hebrew (with "in"), Hindi, Nepali (Bikram Sambat), Bengali, Urdu
    r"|\u03b9\u03b1\u03bd\u03bf\u03c5\u03b1\u03c1\u03af\u03bf\u03c5|\u03c6\u03b5\u03b2\u03c1\u03bf\u03c5\u03b1\u03c1\u03af\u03bf\u03c5|\u03bc\u03b1\u03c1\u03c4\u03af\u03bf\u03c5|\u03b1\u03c0\u03c1\u03b9\u03bb\u03af\u03bf\u03c5|\u03bc\u03b1\u0390\u03bf\u03c5|\u03b9\u03bf\u03c5\u03bd\u03af\u03bf\u03c5|\u03b9\u03bf\u03c5\u03bb\u03af\u03bf\u03c5|\u03b1\u03c5\u03b3\u03bf\u03cd\u03c3\u03c4\u03bf\u03c5|\u03c3\u03b5\u03c0\u03c4\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5|\u03bf\u03ba\u03c4\u03c9\u03b2\u03c1\u03af\u03bf\u03c5|\u03bd\u03bf\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5|\u03b4\u03b5\u03ba\u03b5\u03bc\u03b2\u03c1\u03af\u03bf\u03c5"
    r"|ב?(?:ינואר|פברואר|מרץ|מרס|אפריל|מאי|יוני|יולי|אוגוסט|ספטמבר|אוקטובר|נובמבר|דצמבר)"
    r"|जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|नवंबर|नवम्बर"
    r"|दिसंबर|दिसम्बर|वैशाख|जेठ|असार|साउन|श्रावण|भदौ|असोज|कात्तिक|मंसिर|पुस|माघ|फागुन|चैत"
    r"|জানুয়ারি|ফেব্রুয়ারি|মার্চ|এপ্রিল|মে|জুন|জুলাই|আগস্ট|সেপ্টেম্বর|অক্টোবর|নভেম্বর|ডিসেম্বর"
    r"|جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر)(?![^\W\d_])\.?"
)
_WEEKDAY = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves"
    r"|(?:lun|mar|mer|jeu|ven|sam|dim)\."  # French, abbreviated: "mer. 3 mars 2021"
    # (and without its dot before a day, a month and a time: pipermail's "Sam 18 Nov
    # 09:12:40 CET 2017")
    r"|(?:lun|mar|mer|jeu|ven|sam|dim)(?=\s+\d{1,2}\s+[^\W\d_]{3,5}\.?\s+\d{1,2}:\d{2})"
    # German and Spanish, abbreviated: "Sa., 13. März 2021", "dom, 14 mar 2021"; German
    # without its dot before a month (pipermail: "So Mär 14 21:14:05 CET 2021")
    r"|(?:mo|di|mi|do|fr|sa|so)(?:\.|(?=\s+[^\W\d_]{3,4}\.?\s+\d))"
    r"|(?:lun|mi\u00e9|jue|vie|s\u00e1b|dom)\.?"
    r"|\u0627\u0644\u0623\u062d\u062f|\u0627\u0644\u0625\u062b\u0646\u064a\u0646|\u0627\u0644\u0627\u062b\u0646\u064a\u0646|\u0627\u0644\u062b\u0644\u0627\u062b\u0627\u0621|\u0627\u0644\u0623\u0631\u0628\u0639\u0627\u0621|\u0627\u0644\u062e\u0645\u064a\u0633|\u0627\u0644\u062c\u0645\u0639\u0629|\u0627\u0644\u0633\u0628\u062a"
    r"|viernes|sábado|domingo"
    # Turkish, Indonesian, Vietnamese
    r"|pazartesi|sal\u0131|çarşamba|perşembe|cuma|cumartesi|pazar|senin|selasa|rabu|kamis"
    r"|jum['\u2019]?at|sabtu|minggu|thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)(?![^\W\d_])"
    r"|[月火水木金土日]"  # Japanese, in brackets after the date: "2017/09/04(月)"
    # Thai, abbreviated before a date: "อา. 23/07/2023"
    r"|(?:\u0e2d\u0e32|\u0e08|\u0e2d|\u0e1e|\u0e1e\u0e24|\u0e28|\u0e2a)\."
)
# (French WordPress: "21 h 14 min")
_TIME = (
    r"\d{1,2}(?:[:.h]\d{2}(?:[:.]\d{2})?|\s?h\s\d{2}(?:[:.]\d{2}|\smin\b)?)(?!\d)"
    r"\s*(?:[ap]\.?m\.?)?"
)
# One token of a date/time line; a timestamp line is nothing but these.
_DATE_TOKEN = re.compile(
    r"(?:\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?"
    # Portuguese and Spanish short months between day and year: "10.abr.2024", "3 dic 2023"
    r"|\d{1,2}[.\s/-]?(?:fev|abr|mai|ago|set|out|dez|ene|dic)[.\s/-]?\d{2,4}"
    r"|['\u2019]\d{2}(?!\d)"  # a two-digit year: "17 Mar '25 4:12 a.m."
    r"|yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy"
    # yesterday and today in Chinese, Japanese, Korean, Russian, Indonesian, Vietnamese,
    # Turkish, Polish, Italian, Dutch, Portuguese, Swedish, Thai, Khmer, Arabic, Hindi
    r"|\u6628\u5929|\u4eca\u5929|\u524d\u5929|\u6628\u65e5|\u4eca\u65e5|\uc5b4\uc81c|\uc624\ub298"
    r"|\u0432\u0447\u0435\u0440\u0430|\u0441\u0435\u0433\u043e\u0434\u043d\u044f|\u0432\u0447\u043e\u0440\u0430|\u0441\u044c\u043e\u0433\u043e\u0434\u043d\u0456|kemarin|hari\s+ini|hôm\s+qua|hôm\s+nay|dün|bugün"
    r"|wczoraj|dzisiaj|dziś|ieri|oggi|gisteren|vandaag|ontem|hoje|igår|idag|i\s+går|i\s+dag"
    r"|včera|dnes"  # Czech
    r"|เมื่อวาน(?:นี้)?|วันนี้|ម្សិលមិញ|ថ្ងៃនេះ|أمس|اليوم|कल|आज)|"
    rf"(?:{_TIME}|{_MONTH}|{_WEEKDAY}|\d{{1,4}}(?:st|nd|rd|th|\.)?|[ap]\.?m\.?|at|on|um|am"
    r"|uhr|utc|gmt|às|à|le|de|del|a las|el|the|of|[a-z]{1,2}t|edt|est|pdt|pst|cet|cest|ict"
    r"|wib|wita|myt|sgt|pht|hkt|jst|kst"  # Southeast and East Asia's zones ("14:41 WIB")
    r"|alle|om|lúc|klo|kl\.?|o\s+godz\.?|\u0432|pukul"
    r"|posted|updated|published|reviewed|replied|publiée?|postée?|publicad[oa]|veröffentlicht"
    # Hebrew: published (first), updated
    r"|\u05e4\u05d5\u05e8\u05e1\u05dd(?:\s+\u05dc\u05e8\u05d0\u05e9\u05d5\u05e0\u05d4)?|\u05e2\u05d5\u05d3\u05db\u05df"
    rf"|เวลา|น\.|{POSTED_ZH}|गते|tháng(?=\s+\d)"
    # Khmer: "at (the hour)", "the day", "month", "year" ("ថ្ងៃទី១៤ ខែមីនា ឆ្នាំ២០២៤ ម៉ោង ០៩:៤២")
    r"|ម៉ោង|ថ្ងៃទី|ខែ(?=\s*\S)|ឆ្នាំ(?=\s*\d)"
    # CJK: "2017年9月4日", "10월 14일 화요일", "오후 7:02", "下午", "午後", "星期二"
    r"|(?<=\d)\s?[\u5e74\u6708\u65e5\ub144\uc6d4\uc77c\u6642\u65f6\u5206\uc2dc\ubd84]|\u6295\u7a3f|[\uc6d4\ud654\uc218\ubaa9\uae08\ud1a0\uc77c]\uc694\uc77c"
    r"|[\u6708\u706b\u6c34\u6728\u91d1\u571f\u65e5]\u66dc\u65e5|(?:\u661f\u671f|\u5468|\u9031)[\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u65e5\u5929]"
    r"|\uc624\uc804|\uc624\ud6c4|\u4e0a\u5348|\u4e0b\u5348|\u5348\u524d|\u5348\u5f8c"
    r"|b\d{1,4}(?:-\d{1,4})?(?=\s*\u30fb)|\u30fb"  # Dcard's floor: "B2-1・2022年8月18日 22:31"
    r"|\+\d{2}:?\d{2}(?!\d)"  # a zone's offset: "+07:00"
    # ("Mar 03, 2023; 10:12am": Nabble; "13:37 ~ 13:52")
    r"|[,;/|\-\u2013—.:@()\[\]]+|~(?=\s*\d))",
    re.IGNORECASE,
)
#: A blog archive's month with its count of posts: "Novembre 2023 (3)", "July 2023 (6)".
ARCHIVE_MONTH = re.compile(rf"^(?:{_MONTH})\s+\d{{4}}\s*\(\d+\)$", re.IGNORECASE)
_AGO = re.compile(
    r"^(?:(?:about|over|almost|nearly)\s+)?(?:an?|one|\d+)\s*(?:second|minute|hour|day|week|month|year|yr|mo|hr"
    r"|min|wk)s?\.?\s*(?:ago)?$"
    # German only with "vor" or "her": "zu 27 Jahren Haft" is no date
    r"|^(?:vor\s+(?:(?:etwa|ungefähr|circa|ca\.|rund|knapp|über|fast)\s+)?(?:eine[mr]?|\d+)\s*(?:(?:sekunde|minute|stunde|tag|woche|monat|jahr)[ne]*n?"
    r"|sek|min|std|tg|wo|mon|j)\.?"  # "vor 6 Std."
    r"|(?:eine[mr]?|\d+)\s*(?:sekunde|minute|stunde|tag|woche|monat|jahr)[ne]*n?\s+her)$"
    r"|^\d+\s?[ydhmw]\.?\s+ago$"  # "2y ago", "5d ago"
    r"|^\d{1,2}\s[dhw]$"  # a donation page's age: "3 d", "21 h"
    r"|^\d{1,2}\s?(?:j|sem)$"  # (the Facebook plugin's in French: "2 j", "3 sem")
    # Indonesian and Malay ("3 jam yang lalu"), Vietnamese ("6h trước", "5 phút trước")
    r"|^\d+\s+(?:detik|menit|minit|jam|hari|minggu|bulan|tahun)\s+(?:(?:yang\s+)?lalu|lepas)$"
    # Russian: "5 hours ago", "a minute ago"
    r"|^(?:\d+\s+)?(?:\u0441\u0435\u043a\u0443\u043d\u0434[\u0443\u044b]?|\u043c\u0438\u043d\u0443\u0442[\u0443\u044b]?|\u0447\u0430\u0441(?:\u0430|\u043e\u0432)?|\u0434\u043d(?:\u044f|\u0435\u0439)|\u0434\u0435\u043d\u044c|\u043d\u0435\u0434\u0435\u043b[\u044e\u044c\u0438]"
    r"|\u043c\u0435\u0441\u044f\u0446(?:\u0430|\u0435\u0432)?|\u0433\u043e\u0434(?:\u0430)?|\u043b\u0435\u0442)\s+\u043d\u0430\u0437\u0430\u0434$"
    # French and Spanish: "il y a 11 mois", "hace 3 días"
    r"|^il\s+y\s+a\s+(?:(?:environ|presque|plus\s+d['\u2019]|près\s+d['\u2019])\s*)?(?:une?|\d+)\s*(?:seconde|minute|heure|jour|semaine|mois|an|année)s?$"
    r"|^hace\s+(?:(?:unos|unas|cerca\s+de|casi|más\s+de|alrededor\s+de)\s+)?(?:una?|\d+)\s*(?:(?:segundo|minuto|hora|día|dia|semana|mes|año)(?:e?s)?|s|min|h|d)$"
    r"|^\d+\s?(?:h|giờ|phút|ngày|tuần|tháng|năm)\s+trước$"
    # Portuguese, Italian, Dutch, Polish, Turkish, Swedish, Danish and Norwegian, Czech,
    # Tagalog: "há 3 horas", "3 ore fa", "3 uur geleden", "3 godziny temu", "3 saat önce"
    r"|^há\s+(?:um|uma|\d+)\s*(?:segundo|minuto|hora|dia|semana|mês|meses|ano)s?$"
    r"|^(?:un|una|\d+)\s+(?:second[oi]|minut[oi]|or[ae]|giorn[oi]|settiman[ae]|mes[ei]|ann[oi])\s+fa$"
    r"|^(?:een|\d+)\s+(?:seconden?|minuut|minuten|min\.?|sec\.?|uur|dagen|dag|weken|week|maanden|maand"
    r"|jaar)"
    r"\s+geleden$"
    r"|^(?:\d+\s+)?(?:sekund[ey]?|minut[ey]?|minutę|godzin[ey]?|godzinę|dni|dzień|tygodni[ea]?"
    r"|godz\.|min\.|sek\.|tyg\.|mies\."
    r"|tydzień|miesiące|miesięcy|miesiąc|lat[a]?|rok)\s+temu$"
    r"|^\d+\s+(?:saniye|dakika|saat|gün|hafta|ay|y\u0131l)\s+önce$"
    r"|^(?:för\s+|for\s+)?(?:en|ett|et|\d+)\s+(?:sekund(?:er)?|minut(?:er|ter)?|timm(?:e|ar)"
    r"|time(?:r)?|dag(?:ar|e|er)?|veck(?:a|or)|uge(?:r)?|uke(?:r)?|månad(?:er)?|måned(?:er)?|år)"
    r"\s+(?:sedan|siden)$"
    r"|^před\s+(?:\d+\s+)?(?:sekund(?:ou|ami)|minut(?:ou|ami)|hodin(?:ou|ami)|dn(?:em|y)"
    r"|týdn(?:em|y)|měsíc(?:em|i)|rok(?:em|y)|lety)$"
    r"|^(?:\d+|isang)\s+(?:segundo|minuto|oras|araw|linggo|buwan|taon)\s+(?:na\s+)?(?:ang\s+)?"
    r"nakalipas$"
    # Arabic ("منذ 3 ساعات"), Hindi ("3 घंटे पहले"), Nepali, Ukrainian ("3 години тому")
    r"|^\u0645\u0646\u0630\s+(?:\d+\s+)?(?:\u062b\u0627\u0646\u064a\u0629|\u062b\u0648\u0627\u0646|\u062f\u0642\u064a\u0642\u0629|\u062f\u0642\u0627\u0626\u0642|\u062f\u0642\u064a\u0642\u062a\u064a\u0646|\u0633\u0627\u0639\u0629|\u0633\u0627\u0639\u0627\u062a|\u0633\u0627\u0639\u062a\u064a\u0646|\u064a\u0648\u0645|\u0623\u064a\u0627\u0645|\u064a\u0648\u0645\u064a\u0646|\u0623\u0633\u0628\u0648\u0639|\u0623\u0633\u0627\u0628\u064a\u0639|\u0634\u0647\u0631|\u0623\u0634\u0647\u0631|\u0633\u0646\u0629|\u0633\u0646\u0648\u0627\u062a)$"
    r"|^\d+\s+(?:सेकंड|मिनट|घंटे|घंटा|दिन|हफ़्ते|सप्ताह|महीने|महीना|साल)\s+पहले$"
    r"|^\d+\s+(?:सेकेन्ड|मिनेट|घण्टा|दिन|हप्ता|महिना|वर्ष)\s+(?:अगाडि|अघि)$"  # Nepali
    r"|^\d+\s+(?:\u0445\u0432\u0438\u043b\u0438\u043d[\u0438\u0443]?|\u0433\u043e\u0434\u0438\u043d[\u0438\u0443]?|\u0434\u043d\u0456|\u0434\u043d\u0456\u0432|\u0434\u0435\u043d\u044c|\u0442\u0438\u0436\u043d\u0456|\u0442\u0438\u0436\u043d\u0456\u0432|\u043c\u0456\u0441\u044f\u0446\u0456|\u043c\u0456\u0441\u044f\u0446\u0456\u0432|\u0440\u043e\u043a\u0438|\u0440\u043e\u043a\u0456\u0432|\u0440\u0456\u043a)\s+\u0442\u043e\u043c\u0443$"
    # Chinese and Japanese ("5 小時前", "3分钟前", "2ヶ月前"), Korean ("5시간 전"), "just now"
    r"|^\d+\s*(?:\u79d2|\u5206\u9418|\u5206\u949f|\u5206|\u5c0f\u6642|\u5c0f\u65f6|\u6642\u9593|\u5929|\u65e5|\u9031|\u5468"
    r"|\u500b\u6708|\u4e2a\u6708|[\u30f6\u30b1\u304b\u30ab]\u6708|\u5e74)\s*\u524d$"
    r"|^\d+\s*(?:\ucd08|\ubd84|\uc2dc\uac04|\uc77c|\uc8fc|\uac1c\uc6d4|\ub2ec|\ub144)\s*\uc804$"
    r"|^(?:\u525b\u525b|\u521a\u521a|\u305f\u3063\u305f\u4eca|\ubc29\uae08)$"
    # Thai ("3 ชั่วโมงที่แล้ว"), Khmer ("៣ ម៉ោងមុន"), Bengali, Persian, Finnish, Hungarian,
    # Romanian, Greek, Croatian and Serbian, Slovak
    r"|^\d+\s*(?:วินาที|นาที|ชั่วโมง|ชม\.|วัน|สัปดาห์|อาทิตย์|เดือน|ปี)\s*(?:ที่แล้ว|ที่ผ่านมา|ก่อน)?$"
    r"|^\d+\s*(?:វិនាទី|នាទី|ម៉ោង|ថ្ងៃ|សប្តាហ៍|សប្ដាហ៍|ខែ|ឆ្នាំ)\s*(?:មុន|កន្លងទៅ)?$"
    r"|^\d+\s+(?:সেকেন্ড|মিনিট|ঘণ্টা|দিন|সপ্তাহ|মাস|বছর)\s+আগে$"
    r"|^\d+\s+(?:ثانیه|دقیقه|ساعت|روز|هفته|ماه|سال)\s+پیش$"
    r"|^\d+\s+(?:sekuntia|minuuttia|tuntia|päivää|viikkoa|kuukautta|vuotta)\s+sitten$"
    # Estonian, Lithuanian, Latvian, Swahili
    r"|^\d+\s+(?:sekundit|minutit|tundi|päeva|nädalat|kuud|aastat)\s+tagasi$"
    r"|^prieš\s+\d+\s+(?:sekund(?:ę|es|žių)|minut(?:ę|es|čių)|valand(?:ą|as|ų)|dien(?:ą|as|ų)"
    r"|savait(?:ę|es|čių)|mėnes(?:į|ius|ių)|met(?:us|ų))$"
    r"|^pirms\s+\d+\s+(?:sekund(?:ēm|es)|minūt(?:ēm|es)|stund(?:ām|as)|dien(?:ām|as)"
    r"|nedēļ(?:ām|as)|mēneš(?:iem|a)|gad(?:iem|a))$"
    r"|^(?:saa|dakika|siku|wiki|mwezi|miezi|mwaka|miaka)\s+\d+\s+(?:iliyopita|zilizopita)$"
    # "just now", in 20 languages
    r"|^(?:just\s+now|à\s+l['\u2019]instant|gerade\s+eben|ahora\s+mismo|agora\s+mesmo"
    r"|zojuist|przed\s+chwilą|az\s+imént|právě\s+teď|juuri\s+nyt|nyss|nettopp|lige\s+nu"
    r"|vừa\s+xong|baru\s+saja|ngayon\s+lang|az\s+önce|tocmai\s+acum|hace\s+un\s+momento"
    r"|\u0442\u043e\u043b\u044c\u043a\u043e\s+\u0447\u0442\u043e)$"
    r"|^\d+\s+(?:másodperce|perce|órája|napja|hete|hónapja|éve)$"
    r"|^acum\s+(?:o|un|\d+)\s+(?:secund[eă]|minut[e]?|or[eă]|zi|zile|săptăm[âa]n[ia]|lun[ia]|an[i]?)$"
    r"|^(?:\u03c0\u03c1\u03b9\u03bd\s+(?:\u03b1\u03c0\u03cc\s+)?)?\d+\s+(?:\u03b4\u03b5\u03c5\u03c4\u03b5\u03c1\u03cc\u03bb\u03b5\u03c0\u03c4\u03b1|\u03bb\u03b5\u03c0\u03c4\u03ac|\u03bb\u03b5\u03c0\u03c4\u03cc|\u03ce\u03c1\u03b5\u03c2|\u03ce\u03c1\u03b1|\u03bc\u03ad\u03c1\u03b5\u03c2|\u03b7\u03bc\u03ad\u03c1\u03b5\u03c2|\u03bc\u03ad\u03c1\u03b1|\u03b5\u03b2\u03b4\u03bf\u03bc\u03ac\u03b4\u03b5\u03c2|\u03bc\u03ae\u03bd\u03b5\u03c2|\u03bc\u03ae\u03bd\u03b1|\u03c7\u03c1\u03cc\u03bd\u03b9\u03b1|\u03c7\u03c1\u03cc\u03bd\u03bf)(?:\s+\u03c0\u03c1\u03b9\u03bd)?$"
    r"|^(?:prije|pre)\s+\d+\s+(?:sekund[ie]?|minut[ae]?|sat[ai]?|dan[ai]?|tjedn[ae]|nedelj[ae]|mjesec[ai]?|mesec[ai]?|godin[ae]?)$"
    r"|^pred\s+(?:\d+\s+)?(?:sekund(?:ou|ami)|minút(?:ou|ami)|hodin(?:ou|ami)|dň(?:om|ami)|týždň(?:om|ami)|mesiac(?:om|mi)|rok(?:om|mi))$"
    r"|^\d{1,2}[ydhmw]$",  # a feed's compact age on its own: "2y", "5d", "3h"
    re.IGNORECASE,
)

_BULLET = re.compile(r"^(?:[^\w\s\"“\u2018'(\[¿¡@#$€£]+\s*|\d{1,4}[.)]\s+)")
HEADER = re.compile(
    r"^(?:(?:\d[\d,.]*\s+)(?:comments?|responses?|repl(?:y|ies)|reactions?|thoughts?|kommentare?|"
    r"antworten|gedanken?|reader comments?|commentaires?|réactions?|comentarios?|respuestas?)\b.*"
    r"|all\s+\d[\d,.]*\s+comments?|show\s+all\s+\d[\d,.]*\s+(?:reviews?|comments?)\b.*"
    r"|[\d\u17e0-\u17e9][\d\u17e0-\u17e9,.]*\s*មតិ(?:យោបល់)?"  # Khmer: "13 មតិ" (N comments)
    r"|showing\s+\d+\s+of\s+\d[\d,.]*\s+comments?(?:\s+view\s+more\s+comments)?"
    # a forum's list of other threads under the last post (vBulletin, XenForo)
    r"|(?:similar|related)\s+(?:threads|topics|discussions)"
    # Disqus's discussions elsewhere on the site, after the comments: "ALSO ON SITE NAME"
    r"|also\s+on\s+(?-i:[A-Z0-9][A-Z0-9 .&'\-]{1,60})"
    # Korean: "1,024개의 댓글" (N comments), sort by likes, newest, oldest; the clean bot
    r"|[\d,]+\s*\uac1c\uc758\s*\ub313\uae00.*|\uacf5\uac10\ube44\uc728\uc21c|\ucd5c\uc2e0\uc21c"
    r"|\uc21c\uacf5\uac10\uc21c|\uacfc\uac70\uc21c|\ud074\ub9b0\ubd07"
    r"|(?:top|customer|user|guest|member|recent|latest|all|most\s+(?:helpful|recent|relevant))"
    r"\s+reviews?(?:\s+(?:from|in|for|with)\s.*)?"  # "Top reviews from the United States"
    r"|\d[\d,.]*\s+(?:global\s+)?(?:reviews?|ratings?|avis|bewertungen|rezensionen|reseñas)"
    r"|(?:reviews?|ratings?|avis|bewertungen|rezensionen|reseñas)\s*\(\s*\d[\d,.]*\s*\)"
    r"|(?:top\s+)?comments?\s*\(\s*\d[\d,.]*\s*\)"  # dev.to: "Top comments (12)"
    # Japanese and Chinese counts: "10コメント", "25件のコメント", "38条评论", "12 回应"
    r"|(?:\u5171\s*)?\d[\d,]*\s*(?:\u4ef6\u306e)?(?:\u30b3\u30e1\u30f3\u30c8|\u30ec\u30b9|\u6761\u8bc4\u8bba|\u6761\u56de\u5e94|\u56de\u5e94)"
    r"|(?:\u5171\s*)?\d[\d,]*\s*(?:\u5247\u7559\u8a00|\u6761\u7559\u8a00)"  # "共 11 則留言"
    # "共 12 条回复, 1 页" (12 replies, 1 page)
    r"|\u5171\s*\d[\d,]*\s*\u6761\u56de\u590d(?:[\uff0c,]\s*\d+\s*\u9875)?"
    r"|\u8ddf\u8d34\s*\d[\d,]*.*|(?:\u70ed\u95e8|\u6700\u65b0)\u8ddf\u8d34"  # NetEase: "跟贴 1286"
    r"|\u8bc4\u8bba\u5217\u8868|\u8a55\u8ad6\u5217\u8868"  # cnblogs: "评论列表" (the comment list)
    r"|\d[\d,]*\s+(?:प्रतिक्रिया(?:हरू|एं|एँ)?|टिप्पणियाँ|टिप्पणियां)"  # Nepali, Hindi: "10 comments"
    # Hebrew: "10 comments", add a comment, show or open all the comments, load more
    r"|\d[\d,]*\s+\u05ea\u05d2\u05d5\u05d1\u05d5\u05ea|\u05d4\u05d5\u05e1\u05e4\u05ea\s+\u05ea\u05d2\u05d5\u05d1\u05d4"
    r"|(?:\u05d4\u05e6\u05d2\u05ea|\u05e4\u05ea\u05d9\u05d7\u05ea|\u05dc\u05db\u05dc)\s+(?:\u05db\u05dc\s+)?\u05d4\u05ea\u05d2\u05d5\u05d1\u05d5\u05ea"
    r"|\u05d8\u05e2\u05d9\u05e0\u05ea\s+\u05ea\u05d2\u05d5\u05d1\u05d5\u05ea\s+\u05e0\u05d5\u05e1\u05e4\u05d5\u05ea"
    # "記事へのコメント38件" (38 comments on the article), "注目コメント" (featured ones)
    r"|(?:\u8a18\u4e8b\u3078\u306e)?\u30b3\u30e1\u30f3\u30c8\s*\d[\d,]*\s*\u4ef6"
    r"|(?:\u6ce8\u76ee|\u65b0\u7740|\u4eba\u6c17)\u30b3\u30e1\u30f3\u30c8"
    r"|\u30b3\u30e1\u30f3\u30c8(?:\u4e00\u89a7|\u3059\u308b)"  # the list of comments; "comment"
    r"|(?:reader\s+|user\s+|show\s+|view\s+|read\s+|see\s+|all\s+|the\s+)?"
    r"(?:comments?|responses?|discussion|words\s+of\s+support|kommentare?|leserkommentare?"
    r"|commentaires?"
    # and in Khmer, Indonesian and Vietnamese
    r"|comentarios?|réactions?|មតិយោបល់|komentar|bình\s+luận|ý\s+kiến|\u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0438"
    r"|\u30b3\u30e1\u30f3\u30c8|\u7559\u8a00|\u8bc4\u8bba|\u8a55\u8ad6|\ub313\uae00"  # and CJK
    # Portuguese, Italian, Dutch, Polish, Turkish, Nordic, Czech, Tagalog, Arabic, Hindi,
    # Ukrainian
    r"|comentários?|commenti|commento|reacties|reactie|komentarze|komentarzy|yorumlar"
    r"|kommentarer|komentáře|mga\s+komento|(?:\u0627\u0644\u062a\u0639\u0644\u064a\u0642\u0627\u062a|\u062a\u0639\u0644\u064a\u0642\u0627\u062a)(?:\s+(?:\u0627\u0644\u0632\u0648\u0627\u0631|\u0627\u0644\u0642\u0631\u0627\u0621))?|टिप्पणियाँ|टिप्पणियां"
    r"|प्रतिक्रिया(?:हरू|एं|एँ)?|\u043a\u043e\u043c\u0435\u043d\u0442\u0430\u0440\u0456"
    r"|\u05ea\u05d2\u05d5\u05d1\u05d5\u05ea|kommentit"  # Hebrew, Finnish
    r"|\u03c3\u03c7[\u03bf\u03cc]\u03bb\u03b9\u03b1)"  # Greek
    r"(?:\s+(?:section|area))?\s*(?:[(\uff08]\s*\d[\d,.]*\s*[)\uff09]|\[\s*\d+\s*\]|:|\d[\d,.]*)?\s*:?"
    r"|(?:leave|post|add|write|submit|have|share)\s+(?:(?:a|your|an?)\s+)?"
    r"(?:comment|reply|response|thoughts?|opinion)\b.*"
    r"|(?:les|vos|des)\s+(?:réactions|commentaires)(?:\s+(?:à|sur)\s+.{1,120})?"  # French
    # Greek: sort by, oldest, newest, most liked, "write your comment…"
    r"|\u03c4\u03b1\u03be\u03b9\u03bd[\u03bf\u03cc]\u03bc\u03b7\u03c3\u03b7:?"
    r"|\u03c0\u03b1\u03bb\u03b1\u03b9[\u03bf\u03cc]\u03c4\u03b5\u03c1\u03b1|\u03bd\u03b5[\u03bf\u03cc]\u03c4\u03b5\u03c1\u03b1"
    r"|\u03b4\u03b7\u03bc\u03bf\u03c6\u03b9\u03bb[\u03b5\u03ad]\u03c3\u03c4\u03b5\u03c1\u03b1"
    r"|\u03b3\u03c1[\u03b1\u03ac]\u03c8\u03c4\u03b5\s+\u03c4\u03bf\s+\u03c3\u03c7[\u03bf\u03cc]\u03bb\u03b9[\u03bf\u03cc]\s+\u03c3\u03b1\u03c2.*"
    # Finnish: comment, sort, oldest or newest first, most liked
    r"|kommentoi|järjestä:?|(?:vanhimmat|uusimmat)\s+ensin|suosituimmat"
    # German: a comment list's sort ("Älteste zuerst Neueste zuerst Meiste Empfehlungen")
    r"|hilfreichste|(?:(?:(?:älteste|neueste|beliebteste)\s+zuerst|meiste\s+empfehlungen"
    r"|redaktionsempfehlungen)\s*)+"
    # Czech: newest, oldest, best rated, most discussed; "write your opinion…"
    r"|nejnovější|nejstarší|nejlépe\s+hodnocené|nejdiskutovanější|napište\s+svůj\s+názor\W*"
    # Turkish: most liked, newest, oldest; "write your comment..."
    r"|en\s+(?:beğenilen|yeni|eski)|yorumunuzu\s+yaz\u0131n\W*"
    r"|join\s+the\s+(?:discussion|conversation|debate)\b.*|(?:berikan|tulis)\s+komentar\b.*"
    r"|participer\s+\u00e0\s+la\s+(?:conversation|discussion)\b.*"  # (Invision's in French)
    # old Reddit's box over the comments: "top-level comments", "Want to add to the
    # discussion?", "Create an account"
    r"|top-level\s+comments|want\s+to\s+add\s+to\s+the\s+discussion\?|create\s+an\s+account"
    r"|để\s+lại\s+(?:một\s+)?(?:bình\s+luận|phản\s+hồi|trả\s+lời)\b.*"  # Vietnamese WordPress
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|no)\s+(?:comments?|responses?|"
    r"thoughts?)\b(?<!no\scomment)(?!\s+on\s).*"  # (not "No comment on his guilt, ...")
    r"|event\s+timeline|(?:sort|order)(?:ed)?\s+by\b.*|sort\s*:.*"
    r"|(?:newest|oldest)(?:\s+first)?|top comments"
    # (wpDiscuz's sort in Spanish and French: "Más antiguo", "Más nuevo", "Más votado",
    # "Plus ancien", "Plus récent", "Les plus votés")
    r"|m\u00e1s\s+(?:antiguos?|nuevos?|recientes?|votados?)|(?:les\s+)?plus\s+(?:anciens?|r\u00e9cents?|vot\u00e9s?)"
    # Russian: "сначала популярные" (a sort tab), "написать комментарий" (the box)
    r"|\u0441\u043d\u0430\u0447\u0430\u043b\u0430\s+\w+|(?:\u043d\u0430\u043f\u0438\u0441\u0430\u0442\u044c"
    r"|\u043e\u0441\u0442\u0430\u0432\u0438\u0442\u044c|\u0434\u043e\u0431\u0430\u0432\u0438\u0442\u044c)"
    r"\s+\u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0439\b.*"
    r"|(?:(?:neueste|\u00e4lteste|beliebteste)\s*){1,3}"  # sort tabs, glued
    r"|(?:(?:tiêu\s+điểm|mới\s+nhất|cũ\s+nhất|quan\s+tâm\s+nhất)\s*){1,3}"  # in Vietnamese
    r"|(?:(?:najlepsze|najnowsze|najstarsze|najpopularniejsze|wszystkie)\s*){1,3}"  # in Polish
    r"|urutkan\s*:.*"  # Indonesian: "sort: oldest"
    # Spanish, Portuguese, French, German, Italian: "sort by", and Spanish sort tabs
    r"|(?:ordenar|trier|sortieren|ordina)\s+(?:por|par|nach|per)\b.*|ordenar\s*:.*"
    r"|(?:(?:mejores|más\s+recientes|más\s+antiguos|más\s+votados|destacados)\s*){1,3}"
    r"|सबैभन्दा\s+(?:पुरानो|नयाँ|लोकप्रिय)|सबसे\s+(?:पुराने|नए|लोकप्रिय)"  # Nepali, Hindi sort tabs
    # Khmer: "write your comment...", the sort tabs (oldest, newest, popular), WordPress's
    # "Leave a Reply" (and its "Cancel reply")
    r"|សរសេរមតិយោបល់.*|(?:(?:ចាស់ជាងគេ|ថ្មីបំផុត|ពេញនិយម)\s*){1,3}|បញ្ចេញមតិ(?:\s+បោះបង់.*)?"
    # Thai: comments, all comments (N), sort by, filter
    r"|แสดงความคิดเห็น(?:\s*\(?\d+\)?)?|ความคิดเห็นทั้งหมด\s*\(?\d+\)?|เรียงตาม.*|ฟิลเตอร์\s*:?.*"
    r"|ความคิดเห็น\s*\d[\d,.]*|ความคิดเห็นยอดนิยม|เขียนความคิดเห็น.*"  # comments N, top, write
    r"|\u71b1\u9580|\u70ed\u95e8|\u6700\u65b0|\u6700\u71b1|\u6700\u70ed"  # hot, newest (Chinese)
    # Japanese: "reviews 1 to 8 of 86"
    r"|\d[\d,]*\u4ef6\u4e2d\s*\d+\s*[\uff5e~\u301c-]\s*\d+\u4ef6\u76ee"
    # Chinese: hottest, all, newest comments; "I have something to say (1,286 took part)";
    # sort by time | by heat;
    r"|(?:\u6700\u70ed|\u5168\u90e8|\u6700\u65b0|\u70ed\u95e8)\u8bc4\u8bba"
    r"|\u6211\u6709\u8bdd\u8bf4(?:\s*[(\uff08][^()\uff08\uff09]{1,30}[)\uff09])?"
    r"|\u6309\u65f6\u95f4\s*\|\s*\u6309\u70ed\u5ea6"
    # the box's "enter a comment", "sync to Weibo", "log in | sign up"; an app's
    # "scan to download", "X news client"
    r"|\u8bf7\u8f93\u5165\u8bc4\u8bba\u5185\u5bb9|\u540c\u6b65\u5230\u5fae\u535a"
    r"|\u767b\u5f55\s*\|\s*\u6ce8\u518c|\u626b\u7801\u4e0b\u8f7d.{0,30}|\S{1,12}\u5ba2\u6237\u7aef"
    # Japanese: "comment plus" (experts' comments), sort, newest first, most liked first
    r"|\u30b3\u30e1\u30f3\u30c8\u30d7\u30e9\u30b9|\u4e26\u3073\u66ff\u3048|\u65b0\u7740\u9806|\u3044\u3044\u306d\uff01?\u9806"
    # NewsPicks: "by attention", "pro pickers only"
    r"|\u6ce8\u76ee\u9806|\u30d7\u30ed\u30d4\u30c3\u30ab\u30fc\u306e\u307f"
    r"|(?:\u7559\u8a00|\u8bc4\u8bba|\u8a55\u8ad6)(?:\u2026|\.{3})"  # the box: "留言…"
    # Korean sort tabs, glued: "추천순최신순과거순" (most liked, newest, oldest)
    r"|(?:(?:\ucd94\ucc9c|\ucd5c\uc2e0|\uacfc\uac70|\ub4f1\ub85d|\ub2f5\uae00|\uc778\uae30|\uacf5\uac10|\uc624\ub798\ub41c)\uc21c\s*){1,4}"
    r"|kommentar\s+(?:schreiben|verfassen|hinterlassen)\b.*"
    r"|schreibe\s+einen\s+kommentar\b.*"
    r"|(?:un|une|uno|ein|einen?)\s+(?:commentaire|comentario|kommentar|gedanke)\b.*"
    r"|(?:dein|deinen|your|ihr|ihren|votre|tu|su)\s+(?:kommentar|comment|commentaire"
    r"|comentario)\b.*"
    r"|(?:laisser|poster|publier|ajouter|écrire|deja|dejar|escribe|publicar)\s+(?:un|una|une|tu|votre|su)"
    r"\s+(?:commentaire|comentario|respuesta)\b.*)$",
    re.IGNORECASE,
)
# A numbered header ("Comments (3)", "3 comments:"): strong enough on its own.
NUMBERED_HEADER = re.compile(
    # (WordPress: "12 thoughts on “Title”"; French, Spanish: "12 commentaires", "12 comentarios")
    r"^(?:\d[\d,.]*\s+(?:comments?|responses?|replies|kommentare?|thoughts?|commentaires?"
    r"|comentarios?)\b.*"
    # (Khmer: "13 មតិ", "១៣ មតិយោបល់", N comments, its digits or ours)
    r"|[\d\u17e0-\u17e9][\d\u17e0-\u17e9,.]*\s*មតិ(?:យោបល់)?"
    r"|(?:reader\s+)?(?:comments?|kommentare?|មតិយោបល់)\s*(?:\(\s*[1-9\u17e1-\u17e9][\d,.]*\s*\)|\[\s*[1-9]\d*\s*\]"
    r"|[1-9]\d*))$",
    re.IGNORECASE,
)
_BUTTON_WORD = (
    r"(?:reply|replies|delete|report(?:\s+abuse)?|flag|like|likes|dislike|share|permalink|edit|review"
    r"|more"  # (Ghost's "Like 4   Reply   More": the menu of a comment's other actions)
    r"|vote(?:\s+\(\d+\))?|label|bookmark"  # (Tildes': "Vote (31) Label Bookmark Reply")
    r"|copy\s+link|report\s+message|show\s+original(?:\s+message)?"  # (Google Groups)
    r"|raw\s+message"  # (a Usenet archive's under a post's date: "Permalink / Raw Message")
    r"|publier|publicar"  # (a comment form's "Post", in French and Spanish)
    r"|follow"  # (new Reddit's under a comment's head)
    r"|enlace\s+permanente|lien\s+permanent|permalien"  # (permalink, in Spanish and French)
    r"|print|go\s+(?:up|down)|pages\s?\d{1,4}"  # SMF's bar over and under a topic's posts
    r"|report\s+to\s+moderator"  # (its post's foot, "Report to moderator   Logged")
    r"|report\s+post"  # (Invision's)
    # WordPress's badge on the post's author's comments: "Post author", "Vom Beitragsautor"
    r"|post\s+author|(?:vo[nm]\s+)?beitragsautor"
    r"|fedilink|source|(?:hide|show)\s+child\s+comments"  # (Lemmy's under a comment)
    # a German news site's count of readers' recommendations: "17 Leserempfehlungen"
    r"|\d[\d.]*\s+leserempfehlung(?:en)?"
    # Vanilla's reactions under a post: "Insightful 5 · Awesome · LOL"
    # (in a text dump without the dots: "Quote Reply 2 Insightful Awesome LOL"), its flag
    # menu ("Flag / Spam / Abuse") and its post menu ("Options / Message")
    r"|insightful(?:\s+\d+)?\s*\u00b7?\s*(?:\d+\s+)?awesome(?:\s+\d+)?\s*\u00b7?\s*(?:\d+\s+)?lol(?:\s+\d+)?"
    r"|spam|abuse|options|message"
    r"|répondre|responder|signaler|zum\s+antworten\s+anmelden|translate|recommend|award|link|context|embed"
    r"|reply\s+all|reply\s+to\s+(?:author|sender|all)|forward"
    r"|reply\s+with\s+quote(?:\s+thanks)?"  # vBulletin's (with its "Thanks" button)
    # phpBB's under a post: "Report this post", "Profile  Send private message"
    r"|report\s+this\s+(?:post|comment|message)|send\s+private\s+message|profile"
    r"|(?:edit|delete|quote)\s+post"
    # (Blogger's "Delete", "Replies", "Load more..." in Spanish, French, German)
    r"|eliminar|respuestas|cargar\s+m\u00e1s|supprimer|r\u00e9ponses|charger\s+plus|l\u00f6schen"
    r"|mehr\s+laden"
    r"|\+\s?quote|quote|#\d{1,6}|antworten|melden|zitieren|danke|empfehlen|\(\d{1,6}\)|citar|cita|citer|\u178a\u1780\u179f\u17d2\u179a\u1784\u17cb|gef\u00e4llt\s+mir|upvote|downvote|vote|↓|↑|\d+(?:[.,]\d)?k|\d+"
    r"|ซ่อนการตอบกลับ|ดูความคิดเห็นเพิ่มเติม|\d[\d,]*\s*ความคิดเห็นก่อนหน้า"  # Thai: replies
    r"|ถูกใจ|ตอบกลับ|แชร์|ดูเพิ่มเติม|ยืนยันการซื้อแล้ว|แจ้งลบ|ผู้ขายตอบกลับ|มีประโยชน์(?:\s*\(?\d+\)?)?"  # Thai
    r"|ចូលចិត្ត|ឆ្លើយតប|រាយការណ៍(?:ទៅអ្នកសម្របសម្រួល)?|ចែករំលែក|ធ្វើបច្ចុប្បន្នភាពបញ្ជីមតិ"  # Khmer
    r"|(?:ដក)?សម្រង់"  # Khmer: quote
    r"|(?:លាក់|មើល)ការឆ្លើយតប|មើលមតិយោបល់បន្ថែម"  # hide, show the replies; more comments
    r"|refresh\s+comments?\s+list|comment\s+actions"  # JComments, Phabricator
    r"|favou?rite|add\s+a\s+tag|tags"  # HyperKitty
    r"|re(?:tweet|post|truth|blog|note)s?|boosts?"  # a social post's sharing: "ReTruth"
    # dev.to: "Collapse Expand" over a comment; "Like comment: 5 likes Comment button Reply"
    r"|collapse\s+expand|like\s+comment:|comment\s+button|code\s+of\s+conduct"
    # "edited" alone under a date (Wix: "Bearbeitet"; Khmer)
    r"|bearbeitet|edited|modifié|editado|\u1794\u17b6\u1793\u1780\u17c2\u179f\u1798\u17d2\u179a\u17bd\u179b"
    r"|\u5f15\u7528|\u56de\u590d|\u56de\u8986"  # Chinese: quote, reply
    # Rakuten: "helpful (21 people)", "this review's URL", "report an improper review"
    r"|\u53c2\u8003\u306b\u306a\u3063\u305f(?:[(\uff08]\d+\u4eba[)\uff09])?"
    r"|\u3053\u306e\u30ec\u30d3\u30e5\u30fc\u306eURL|\u4e0d\u9069\u5207\u306a\u30ec\u30d3\u30e5\u30fc\u3092\u5831\u544a\u3059\u308b"
    # Hungarian: reply, report, more comments
    r"|v\u00e1lasz|jelent\u00e9s|tov\u00e1bbi\s+hozz\u00e1sz\u00f3l\u00e1sok"
    r"|report\s+a\s+bug|subscribe(?:\s+someone\s+else)?"  # Launchpad
    r"|inhalt\s+melden|thema\s+folgen|erster\s+ungelesener\s+beitrag"  # WoltLab
    r"|profil|mp|haut"  # a French forum's post buttons: "Profil MP Citer Haut"
    # Burning Board 2: under the poster's box, and beside the date after the post
    r"|antwort\s+mit\s+zitat|beitrag\s+(?:editieren(?:/l\u00f6schen)?|melden|#\d{1,6})"
    r"|e-mail\s+an\s+\S{1,40}\s+senden|beitr\u00e4ge\s+von\s+\S{1,40}\s+suchen"
    r"|nehmen\s+sie\s+\S{1,40}\s+in\s+ihre\s+freundesliste\s+auf"
    # Greek: reply, report, like, share
    r"|\u03b1\u03c0[\u03b1\u03ac]\u03bd\u03c4\u03b7\u03c3\u03b7|\u03b1\u03bd\u03b1\u03c6\u03bf\u03c1[\u03b1\u03ac]"
    r"|\u03bc\u03bf\u03c5\s+\u03b1\u03c1[\u03b5\u03ad]\u03c3\u03b5\u03b9"
    # Greek: load more comments; hide or show the replies
    r"|\u03c6[\u03bf\u03cc]\u03c1\u03c4\u03c9\u03c3\u03b7\s+\u03c0\u03b5\u03c1\u03b9\u03c3\u03c3[\u03bf\u03cc]\u03c4\u03b5\u03c1\u03c9\u03bd\s+\u03c3\u03c7\u03bf\u03bb[\u03b9\u03af]\u03c9\u03bd"
    r"|(?:\u03b1\u03c0[\u03bf\u03cc]\u03ba\u03c1\u03c5\u03c8\u03b7|\u03b5\u03bc\u03c6[\u03b1\u03ac]\u03bd\u03b9\u03c3\u03b7)"
    r"\s+\u03b1\u03c0\u03b1\u03bd\u03c4\u03ae\u03c3\u03b5\u03c9\u03bd"
    r"|\u03ba\u03bf\u03b9\u03bd\u03bf\u03c0\u03bf[\u03b9\u03af]\u03b7\u03c3\u03b7"
    # Finnish: like, reply, report, hide or show the replies
    r"|tykkää|vastaa|ilmoita\s+asiaton\s+viesti|(?:piilota|näytä)\s+vastaukset"
    r"|balas|laporkan|suka|bagikan|lihat\s+semua\s+balasan|kirim|tanggapi|kutip"  # Indonesian
    r"|(?:paling\s+)?membantu|(?:sembunyikan|lihat)\s+balasan"  # helpful, hide the replies
    # a comment form's "send" (Spanish, Portuguese, French, Italian, Dutch, Polish, Swedish)
    r"|enviar|envoyer|invia|verzenden|wy\u015blij|skicka|odeslat|\u0625\u0631\u0633\u0627\u0644"
    r"|trả\s+lời|thích|chia\s+sẻ|báo\s+cáo|đã\s+(?:xem|nhận|gửi)"  # Vietnamese (and seen)
    # a chat's composer: send, send a sticker or a picture, attach a file (Vietnamese, English)
    r"|gửi(?:\s+(?:nhanh|sticker|hình\s+ảnh|file))?|đính\s+kèm(?:\s+file)?"
    r"|send(?:\s+(?:a\s+)?(?:sticker|gif|photo|picture|file))?|attach(?:\s+(?:a\s+)?file)?"
    r"|xem\s+thêm(?:\s+\d+)?\s+(?:trả\s+lời|bình\s+luận|ý\s+kiến)"
    # Chinese forums (Discuz!): reply, support, oppose, use an item, report, message the
    # poster, "sofa" and "bench" (the 2nd and 3rd post), "7#"
    r"|支持|反对|顶|踩|分享|收藏|使用道具|举报|發消息|发消息|只看该作者|沙发|板凳|地板|\d{1,5}#|电梯直达"
    # phpwind: read in reverse order, (back to the) top, quick reply, previous and next
    # topic, post a new topic
    r"|倒序阅读|顶端|(?:返回|回到)?顶部|快速回复|[上下]一主[题題]|(?:发表|發表)?新帖"
    # Mobile01: like, quote, report, "I want to reply", previous and next page or post, views
    r"|讚|引言|檢舉|我要回覆|[上下]一[頁页篇]|瀏覽|浏览"
    # Xiaohongshu: like, follow, "展开 2 条回复" (show 2 replies), "说点什么..." (the
    # comment box's "say something")
    r"|\u8d5e|\u5173\u6ce8|\u5c55\u5f00\s*\d*\s*\u6761\u56de\u590d|\u8bf4\u70b9\u4ec0\u4e48"
    # Japanese: reply, report, reactions ("共感した", "なるほど", "うーん")
    r"|返信(?:\s*\d+件?)?|返信する|▼?このコメントに返信|よくない|\u3044\u3044\u306d\uff01|.{0,20}をもっと見る|\S{2,20}とは|\d+件の返信(?:を(?:非)?表示|を隠す|を見る)?|返信を(?:閉じる|表示)|スタンプ|送信|続きを見る|報告|違反報告|共感した|なるほど|うーん|いいね"
    # delete, report, edit; mixi's share, like (with its count), previous and next entry
    r"|削除|通報|編集|つぶやく|シェア|イイネ\uff01?(?:\s*[\uff08(]\d+[\uff09)])?|前の日記|次の日記"
    # Korean: replies (N), fold replies, report, up and down votes ("추천155비추천4")
    r"|답글(?:\s*[\d,]+|\s*접기|\s*쓰기)?|댓글\s*(?:닫기|열기|작성)|신고|(?:비?추천|공감|비공감|찬성|반대)\s*[\d,]*"
    r"|log\s+in\s+to\s+reply|reply\s+to\s+this(?:\s+comment)?|hide|edited|1st|2nd|3rd\+?"
    r"|share\s+on\s+other\s+sites|link\s+to\s+(?:comment|post)"  # Invision
    r"|(?:i\s+)?accept(?:\s+all)?|(?:i\s+)?agree|einverstanden|(?:alle\s+)?akzeptieren|ablehnen"
    r"|(?:tout\s+)?accepter|aceptar|reject\s+all|manage\s+(?:options|preferences)|show\s+purposes"
    r"|threaded|open\s+this\s+post\s+in\s+threaded\s+view"  # Nabble
    # Russian: reply, more, report, share, save, like
    r"|\u043e\u0442\u0432\u0435\u0442\u0438\u0442\u044c|\u0435\u0449\u0451"
    r"|\u0435\u0449\u0435"
    r"|\u043f\u043e\u0436\u0430\u043b\u043e\u0432\u0430\u0442\u044c\u0441\u044f"
    r"|\u043f\u043e\u0434\u0435\u043b\u0438\u0442\u044c\u0441\u044f"
    r"|\u0441\u043e\u0445\u0440\u0430\u043d\u0438\u0442\u044c"
    r"|\u043d\u0440\u0430\u0432\u0438\u0442\u0441\u044f"
    # Russian: load more comments, show N more replies
    r"|\u0437\u0430\u0433\u0440\u0443\u0437\u0438\u0442\u044c\s+(?:\u0435\u0449\u0451|\u0435\u0449\u0435)\s+\u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0438|\u043f\u043e\u043a\u0430\u0437\u0430\u0442\u044c\s+(?:\u0435\u0449\u0451|\u0435\u0449\u0435)\s+\d+\s+\u043e\u0442\u0432\u0435\u0442\w*"
    # Russian: hide replies, show more comments or replies
    r"|\u0441\u043a\u0440\u044b\u0442\u044c\s+\u043e\u0442\u0432\u0435\u0442\u044b|\u043f\u043e\u043a\u0430\u0437\u0430\u0442\u044c(?:\s+(?:\u0435\u0449\u0451|\u0435\u0449\u0435))?\s+(?:\u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0438|\u043e\u0442\u0432\u0435\u0442\u044b)"
    # Portuguese, Spanish, French, Italian, Dutch, Polish, Turkish, Nordic, Czech, Tagalog,
    # Arabic, Hindi, Ukrainian: reply, like, report, share, show the replies
    r"|curtir|denunciar|compartilhar|me\s+gusta|compartir|j['\u2019]aime|partager|rispondi"
    r"|mi\s+piace|segnala|condividi|reageer|reageren|beantwoorden|vind\s+ik\s+leuk|delen"
    r"|meld|respect(?:\s+\d+)?|(?:verberg|toon)\s+(?:\d+\s+)?reacties?"  # Dutch: report, hide
    r"|odpowiedz|zgłoś|lubię\s+to|udostępnij|obserwuj|(?:zwi\u0144|rozwi\u0144)\s+odpowiedzi|yan\u0131tla|cevapla|beğen|şikayet\s+et|paylaş"
    r"|svara|svar|gilla|rapportera|rapporter|synes\s+godt\s+om|dela|odpovědět|nahlásit"
    r"|líbí\s+se\s+mi|sdílet|sumagot|tumugon|ibahagi"
    r"|(?:ver|voir|mostra|vedi|toon|pokaż|göster|ocultar|esconder|masquer|nascondi)\s+"
    r"(?:(?:mais|más|plus\s+de|altre|meer|więcej)\s+)?(?:\d+\s+)?(?:respostas?|respuestas?"
    r"|réponses?|risposte|risposta|reacties|odpowiedzi"
    r"|yan\u0131tlar\u0131|yan\u0131tlar)"
    r"|\u0631\u062f|\u0627\u0644\u0631\u062f|\u0625\u0639\u062c\u0627\u0628|\u0623\u0639\u062c\u0628\u0646\u064a|\u0625\u0628\u0644\u0627\u063a|\u0645\u0634\u0627\u0631\u0643\u0629|\u0645\u0642\u0628\u0648\u0644|\u0645\u0631\u0641\u0648\u0636|जवाब\s+दें|उत्तर\s+दें|पसंद|रिपोर्ट|शेयर"
    r"|जवाफ\s+दिनुहोस्|मन\s+पर्यो|थप\s+प्रतिक्रिया\s+हेर्नुहोस्"  # Nepali: reply, like, more
    r"|উত্তর\s+দিন|পছন্দ|রিপোর্ট|শেয়ার"  # Bengali: reply, like, report, share
    # Hebrew: reply, report, share
    r"|\u05d4\u05d2\u05d1|\u05d3\u05d5\u05d5\u05d7|\u05e9\u05ea\u05e3"
    r"|\u0432\u0456\u0434\u043f\u043e\u0432\u0456\u0441\u0442\u0438|\u043f\u043e\u0441\u043a\u0430\u0440\u0436\u0438\u0442\u0438\u0441\u044f|\u043f\u043e\u0434\u0456\u043b\u0438\u0442\u0438\u0441\u044f"
    r"|[+\u2212-]\d{1,6}|[\u25b2\u25bc\u25b3\u25bd]"  # a score: "+84", "-14", "▲ +15 ▼"
    r"|\d[\d,]*\s*\^\s*\|\s*v"  # Disqus's votes as a copy shows its arrows: "5 ^ | v"
    r"|helpful|verified\s+purchase|notify\s+me|add\s+(?:a\s+)?review|write\s+a\s+review"
    r"|hilfreich|teilen|(?:antwort|bewertung)\s+melden"  # German: helpful, share, report
    r"|utile|útil"  # French, Italian, Spanish, Portuguese: helpful ("Utile (14)")
    r"|hữu\s+ích"  # Vietnamese: helpful ("Hữu ích (12)", Shopee)
    r"|votes|impact\s*:\s*\d(?:[.,]\d)?"  # Kialo: "Impact: 3.4 · 29 votes"
    r"|(?:votos|karma)\s*:\s*-?\d+"  # Menéame: "votos: 38 karma: 291 responder"
    r"|(?:one|\d[\d,]*)\s+(?:people|persons?)\s+found\s+this\s+(?:review\s+|comment\s+|reply\s+)?helpful"
    r"|was\s+this\s+(?:review|comment|answer|post|reply)\s+helpful\??|yes|no"
    # German: "5 von 6 Lesern fanden diese Rezension hilfreich.", "War diese Rezension
    # hilfreich? Ja | Nein" (its buttons on the line), "Unangemessen melden"
    r"|\d+\s+von\s+\d+\s+\S+\s+fanden\s+diese\s+\S+\s+hilfreich\.?"
    r"|war\s+diese\s+rezension\s+hilfreich\?\s*ja\s*\|\s*nein|unangemessen\s+melden"
    r"|(?:accepted\s+|best\s+)?answer"
    r"|(?:like\s*)?(?:one|\d[\d,]*)\s+(?:person|people)\s+likes?\s+this"  # Confluence
    # the owner's answer under a review ends the review: "Response from property"
    r"|(?:response|reply)\s+from\s+(?:the\s+)?(?:property|owner|hotel|host|management"
    r"|business|seller|developer)|(?:owner|developer)(?:'s)?\s+response"
    r"|phản\s+hồi\s+của\s+người\s+bán"  # Vietnamese: the seller's answer (Shopee)
    # a hotel review's stay: "Stayed 2 nights in March 2023"
    r"|stayed\s+(?:one|\d{1,3})\s+nights?\s+in\s+\w+(?:\s+\d{4})?"
    r"|(?:show|view)\s+(?:\d+\s+)?(?:more\s+)?(?:repl(?:y|ies)|comments)"
    r"|load\s+more(?:\s+(?:replies|comments))?|\(\d+\)|[|·•\u203a»]"
    r"|\(\d[\d,]*\s+repl(?:y|ies)\)"  # old Reddit: "load more comments (3 replies)"
    r"|weitere\s+kommentare\s+laden(?:\s*\d+\s+von\s+\d+\s+kommentaren)?"
    # French, Turkish and Vietnamese: hide or show the replies, load more, send
    r"|masquer\s+les\s+réponses(?:\s*\(\d+\))?|\d+\s+yan\u0131t\u0131\s+(?:gizle|gör)"
    r"|daha\s+fazla\s+yorum\s+yükle|gửi\s+bình\s+luận|gönder"
    # Vietnamese forum buttons: top, reply with quote, quote, report this post
    r"|đầu\s+trang|trả\s+lời\s+(?:kèm|với)\s+trích\s+dẫn(?:\s+cám\s+ơn)?(?:\s+báo\s+cáo)?"
    r"|báo\s+cáo\s+bài\s+viết\s+này"
    # Chinese: "共5条回复" (5 replies), "查看全部1204条评论" (all 1204 comments), "查看更多评论>>"
    # (more comments), "回复" (reply), "发布" (post)
    r"|\u5171\d+\u6761\u56de\u590d|\u67e5\u770b(?:\u5168\u90e8|\u66f4\u591a)?\d*\u6761?(?:\u8bc4\u8bba|\u8ddf\u8d34)(?:\s*>>)?|\u56de\u590d|\u56de\u8986|\u53d1\u5e03"
    r"|赞同|反对|举报"  # (agree, disagree, report: Artalk's "赞同 (12)反对回复")
    r"|наверх|цитировать|ответить|пожаловаться|"  # Russian: top, quote, reply, report
    + alternation("buttons")  # the Southeast Asian forum packs' (`forumwords`)
    + ")"
)
# (SMF's post foot ends with "Logged", its words glued: "Report to moderator   Logged")
BUTTONS = re.compile(rf"^(?:{_BUTTON_WORD}\s*)+(?:\.{{2,3}}|…|logged)?$", re.IGNORECASE)
_REPLY_WORD = re.compile(
    r"reply|antworten|replies|répondre|responder|rispondi|reageer|beantwoorden|odpowiedz"
    r"|yan\u0131tla|cevapla|svara|svar|odpovědět|sumagot|\u0631\u062f|\u0627\u0644\u0631\u062f|जवाब|जवाफ|উত্তর|\u05d4\u05d2\u05d1|\u0432\u0456\u0434\u043f\u043e\u0432\u0456\u0441\u0442\u0438|balas|trả\s+lời|ឆ្លើយតប|ตอบกลับ|\u56de\u590d|\u56de\u8986|\u8fd4\u4fe1|\u043e\u0442\u0432\u0435\u0442\u0438\u0442\u044c",
    re.IGNORECASE,
)
# "ReplyDeleteUnfortunately, ..." (buttons glued to the next comment) and
# "...jobs.ReplyDelete" (glued to the end of the previous one).
GLUED_HEAD = re.compile(r"^(?:Reply|Delete|Replies|Report)+(?=[A-Z\"“\u2018'(0-9])")
# "jo wrote:Has anyone..." (a forum quote's <cite> glued to the quote), and phpBB's cite
# with its date: "Jo Lim wrote: ↑Sun Jul 29, 2018 10:35 pmUntil the NEC ...", and
# MyBB's in a text dump: "(07-30-2018, 08:01 PM)jo Wrote:  Until the NEC ...", "jo Wrote:
# Until ..." (its capital W) or "Quote:Until the NEC ..." (the quote's first line glued
# to its cite).
GLUED_WROTE = re.compile(
    r"^(?:\([^()\n]{6,40}\)[^\s:()]{1,40}\s+wrote:\s*(?=\S)|quote:(?=\S)"
    r"|(?-i:[^\s:()]{1,40}\s+Wrote:\s+(?=\S)))"
    r"|^[^\s:]{1,40}(?:\s[^\s:]{1,20}){0,2}\s+(?:wrote|escreveu|a\s+\u00e9crit|schrieb|hat\s+geschrieben|escribi\u00f3|ha\s+scritto"
    r"|napisa\u0142a?|\u043f\u0438\u0448\u0435\u0442|"
    + verbs("wrote")  # the Southeast Asian language packs' (`forumwords`)
    # (after "am"/"pm" any letter starts the quote: "6:48 amdoes anyone know")
    # (lynx numbers the arrow's link: "[60]jo wrote: [61]↑DATE")
    + r"):(?:\s*(?:\[\d{1,4}\])?\u2191\s*[^\u2191]{6,40}?\d{1,2}:\d{2}"
    r"(?:\s*[ap]m(?=\S)|(?=(?-i:[A-Z\"\u201c\u2018'(])))|(?=\S))",
    re.IGNORECASE,
)
GLUED_TAIL = re.compile(
    r"(?<=[.!?\"”\u2019)])(?:Reply|Delete|Replies)+$"
    # (after a date, two or more glued with a space before them: "DATE ResponderEliminar")
    r"|(?<=\S)\s+(?:Reply|Delete|Responder|Eliminar|R\u00e9pondre|Supprimer|Antworten|L\u00f6schen){2,}$"
)
# "Jo said...", "Jo says: May 3, 2019", and "Jo wrote on 12/01/2020 18:22:" (the date
# before the colon); an initial's dot may end a name ("Daniel R. said...") or open it
# ("H. Winkler sagt:"), and a short name's ("Dieter Sch. sagt:"); a user name's dot
# inside it ("lena.s sagt:").
SAID = re.compile(
    r"^(?P<author>[^\s.!?:](?:[^.!?:]|(?:(?<=\s[A-Z])|(?<=^[A-Z])|(?<=\s[A-Z][a-z])"
    r"|(?<=\s[A-Z][a-z]{2}))\.|(?<=\w)\.(?=\w)){0,60}?)\s+(?:said|says|wrote|writes"
    r"|commented|comments|replied\s+to\s+(?P<to>\S.{0,40}?)(?=\s+on\s)|replied"
    r"|sagt|sagte|hat\s+gesagt|schreibt|schrieb|meint|meinte|dice"
    # Blogger's "Jo said..." in more languages: Indonesian, Spanish, Portuguese, French,
    # Italian, Dutch, Turkish, Vietnamese
    r"|mengatakan|berkata|dijo|disse|a\s+dit|dit|ha\s+detto|zei|dedi(?:\s+ki)?|(?:\u0111\u00e3\s+)?n\u00f3i|พูดว่า"
    r"|និយាយថា"  # Khmer, WordPress's "says", glued to the Khmer colon ("៖"; "wrote" and
    # its colon are a quote's intro)
    r"|"
    + verbs("wrote")  # wrote, in the Southeast Asian language packs (`forumwords`)
    # a review site's head: "Jo wrote a review (Mar 2024)" (the month of the visit)
    + r"|wrote\s+a\s+review|hat\s+eine\s+bewertung\s+geschrieben|a\s+écrit\s+un\s+avis"
    r"|escribió\s+una\s+opinión|ha\s+scritto\s+una\s+recensione)"
    r"(?:\s*(?:\.{2,}|…|:|(?<=និយាយថា)\u17d6)\s*(?P<rest>.*)|\s+(?:on|at|am|um)\s+(?P<when>[^:]*\d.*?)\s*:"
    # a sentence for a head: "Jo commented on May 15, 2024 at 7:48 am", "Jo replied to Kim
    # on DATE" (no colon)
    r"|\s+on\s+(?P<when2>\S.{0,40}\d.{0,20}?)"
    r"|(?:(?<=review)|(?<=geschrieben)|(?<=avis)|(?<=opinión)|(?<=recensione))"
    r"(?:\s+\(?[^()\d]{0,15}\d[^()]{0,8}\)?)?)$",
    re.IGNORECASE,
)


def said_when(m: re.Match[str]) -> str | None:
    """The date a `SAID` head gives after "on"/"at" ("Jo wrote on DATE:", "Jo commented
    on DATE"), or None."""
    return m.group("when") or m.group("when2")


# "says:" alone on its line, the name on the line before (markup put them in two blocks).
_SAID_BARE = re.compile(
    r"^(?:said|says|wrote|writes|sagt|sagte|schreibt|meint|dit|dice)"
    r"\s*(?:\.{2,}|…|:)$",
    re.IGNORECASE,
)
# A forum post's subject, name (and sex) and date: "Re: Title by Jo(m): 11:09am On Mar 14".
_SUBJECT_BY = r"\S.{0,200}?\s+by\s+(?P<author3>[^\s:()]{1,40})(?:\([mf]\))?:\s+(?P<when3>\S.{0,40})"
POSTED_BY = re.compile(
    r"^(?:(?:post\s*by|beitrag\s+von|message\s+par|mensaje\s+por|mensagem\s+por|(?:posted|written|submitted|comment(?:ed)?|reply|answer|review(?:ed)?"
    r"|kommentar|antwort|gepostet|geschrieben|verfasst|geplaatst)"
    r"\s+(?:by|von|door):?)\s+(?P<author>.+?)(?:\s+\(\s*\))?"  # Phorum: "( )", a hidden IP
    # a review's stars after the name, a heart, its count of comments: "Jo ★★★½ ♥ 2"
    r"(?:(?:\s+[\u2605\u2606\u00bd\u2665\u2764]+)+(?:\s+\d{1,6})?)?"
    r"(?:\s+(?:on|at|am|um|\||-|\u2013|\u2014|»)\s+(?P<rest>.+))?"
    # a link aggregator's post: "submitted 3 months ago by jo@lemmy.example (to c/x)"
    # (its edit after the age: "submitted 3 years ago* (last edited 3 years ago) by jo")
    r"|submitted\s+(?P<when>.{1,40}?)\*?(?:\s+\(last\s+edited\s+[^()]{1,40}\))?"
    r"\s+by\s+(?P<author2>\S{1,60})(?:\s+to\s+\S{1,60})?"
    rf"|{_SUBJECT_BY})$",
    re.IGNORECASE,
)


#: A poster's name with the rank and the count of posts after it (Vanilla): "jo Member
#: Posts: 214", "ed_in_bkk Moderator Posts: 3,560".
_RANKED = re.compile(
    r"^(?P<author>\S.{0,40}?)\s+(?:(?:new\s+)?member|moderator|administrator|admin|guest|staff"
    r"|veteran|(?:senior|junior|full)\s+member)\s+posts:\s*\d[\d,.]*[km]?$",
    re.IGNORECASE,
)


def posted_by(s: str) -> tuple[str, str | None] | None:
    """The name and the date (or None) of a "Posted by Jo on DATE" line (`POSTED_BY`);
    a subject's "by Jo: DATE" only with a date."""
    owner = _OWNER.match(s)
    if owner and (owner["lead"] or _OWNER_ROLE.search(owner["role"])):
        return owner["author"], None
    naver = _MASKED_ID_HEAD.match(s)
    if naver:
        return re.sub(r"\s+\(", "(", naver["author"]), None
    buyer = _BUYER.match(s)
    if buyer:
        return buyer["author"] or buyer["anon"], None
    if SHOP_ANSWER.match(s):
        return "", None  # the shop's answer under a review: a comment, its name not shown
    ranked = _RANKED.match(s)
    if ranked:
        return ranked["author"], None
    fc2 = _FC2_FOOT.match(s) or _S9Y_FOOT.match(s)
    if fc2 and is_timestamp(fc2["when"]):
        return fc2["author"], fc2["when"]
    m = POSTED_BY.match(s)
    if m is None or (m.group("author3") and not is_timestamp(m.group("when3"))):
        return None
    author = next(g for g in m.group("author", "author2", "author3") if g)
    when = m.group("rest") or m.group("when") or m.group("when3")
    when = when and _FAVORITES.sub("", when).strip()
    when = when and re.sub(r"\s+[x\u00d7]$", "", when)  # Exblog's delete mark: "DATE x"
    author = _ROLE.sub("", author).strip()  # "loup (staff)": the name is loup
    return author, when if when and is_timestamp(when) else None


#: The commenter's browser and system after a comment's head (Artalk, Waline).
_CLIENT = re.compile(
    r"\s+(?:Chrome(?:\sMobile)?|Firefox|Safari|Edge|Opera|WeChat|Quark|Samsung\sInternet)"
    r"\s[\d.]+\s?(?:Windows(?:\s\d+)?|macOS|Mac\s?OS(?:\sX)?|Android(?:\s[\d.]+)?"
    r"|iOS(?:\s[\d.]+)?|Linux|HarmonyOS)$"
)
#: A post's number and its buttons after its date (Ikonboard): "#2 Quote".
_POST_TAIL = re.compile(r"(?:^|\s+)#\d{1,6}(?:\s+(?:quote|zitat|citer|citar))*$", re.IGNORECASE)
#: A comment's number, its date and "by" its author: "3. Le vendredi 31 mai 2024, 09:15 par
#: Jo" (Dotclear), "#2 on 12 March 2024 by Jo".
_DATE_BY = re.compile(
    r"^(?:#?\d{1,4}\.?\s+)?(?:(?:le|on|am|el|il)\s+)?(?P<when>\S.{4,60}?)\s+"
    r"(?:par|by|von|por|di|door)\s+(?P<author>\S.{0,40}?)$",
    re.IGNORECASE,
)
#: A blogger's answer inside a reader's comment, its name and date: "Réponse de Jo le
#: 12/03/2024 à 21:55 :" (Skyrock), "Reply from Jo on 12 March 2024:".
_ANSWER_FROM = re.compile(
    r"^(?:r\u00e9ponse|reply|answer|respuesta|resposta|risposta|antwort)\s+(?:de|from|von|di|by)"
    r"\s+(?P<author>\S.{0,40}?)\s+(?:le|on|am|el|il|em)\s+(?P<when>\S.{4,60}?)\s*:?$",
    re.IGNORECASE,
)
#: A forum post's numbered head, the date straight after the name (PunBB): "3 Ответ от
#: Jo 2024-02-18 13:55:02", "1 Тема от Jo Вчера 22:14:10", "#2 Reply by Jo 12 March 2024".
_NUMBERED_BY = re.compile(
    r"^#?\d{1,6}\s+(?:reply|topic|post|antwort|thema|réponse|sujet|respuesta|tema|resposta"
    r"|risposta|ответ|тема|сообщение|відповідь)\s+(?:by|von|de|par|di|от|від)\s+(?P<rest>\S.+)$",
    re.IGNORECASE,
)
#: A Japanese shop's reviewer: "Jo 30代 女性 購入者さん" (age, sex, "buyer"), or the
#: anonymous "購入者さん" alone.
_BUYER = re.compile(
    r"^(?:(?P<author>\S{1,30})(?:\s+\d0\u4ee3)?(?:\s+(?:\u7537\u6027|\u5973\u6027))?\s+"
    r"\u8cfc\u5165\u8005\u3055\u3093|(?P<anon>\u8cfc\u5165\u8005\u3055\u3093))$"
)
#: The shop's answer to a review, on a line of its own: "ショップからのコメント" (Rakuten).
#: (Not yet Etsy's "Antwort des Verkäufers": its shop's name follows on the next line, and
#: the page's signed reviews were no longer found.)
SHOP_ANSWER = re.compile(
    r"^\u30b7\u30e7\u30c3\u30d7\u304b\u3089\u306e(?:\u30b3\u30e1\u30f3\u30c8|\u8fd4\u4fe1)$"
)
#: A Serendipity comment's footer, under its text: "#1.1 Jo (Link) am 12.08.2025 20:10
#: (Antwort)", the comment's number in the thread, its writer, date and reply button.
_S9Y_FOOT = re.compile(
    r"^#\d{1,4}(?:\.\d{1,4})*\s+(?P<author>\S.{0,40}?)(?:\s+\(link\))?\s+(?:am|on|le|el)\s+"
    r"(?P<when>\d.{4,30}?)(?:\s+\((?:antwort|reply|répondre|responder)\))?$",
    re.IGNORECASE,
)
#: An FC2 blog comment's footer: "2023/02/14(火) 23:05:12 | URL | Jo #mQop/nM.[ 編集]".
_FC2_FOOT = re.compile(
    r"^(?P<when>\d{4}/\d{1,2}/\d{1,2}\S*(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*\|\s*(?:URL\s*)?\|"
    r"\s*(?P<author>[^|#]*?)\s*(?:#\S*)?\s*\[\s*\u7de8\u96c6\s*\]$"
)
#: The owner's answer to a review, by name and role: "Response from Jo, Manager at Hotel
#: X", "Sokunthea P, Guest Relations Manager von Golden Lotus Bay Resort" (without the
#: lead-in only with a word of a role).
_OWNER = re.compile(
    r"^(?P<lead>(?:response|antwort|réponse|respuesta)\s+(?:from|von|de)\s+)?"
    r"(?P<author>[^,]{2,40}),\s+(?P<role>[^,]{2,60}?)\s+(?:at|von|bei|of|de|chez|du)\s+\S.{0,80}$",
    re.IGNORECASE,
)
_OWNER_ROLE = re.compile(
    r"manager|director|owner|relations|inhaber|leiter|geschäftsführ|directeur|directrice|gerente"
    r"|propietari|responsable",
    re.IGNORECASE,
)
#: A Korean portal's comment head: "BEST 버섯돌이(mush****) 신고" (a best comment's badge, the
#: name with its masked ID, the report button).
_MASKED_ID_HEAD = re.compile(
    r"^(?:BEST\s+)?(?P<author>[^\s()]{1,20}\s?\([\w.]{1,10}\*{2,6}\))\s*\uc2e0\uace0$"
)
#: A poster's role after their name: "(staff)", "(mod)".
_ROLE = re.compile(r"\s*\((?:staff|mod|moderator|admin|op)\)$", re.IGNORECASE)


#: A post's count after its byline's date: "[38 favorites]" (MetaFilter).
_FAVORITES = re.compile(r"\s*\[\d[\d,.]*\s+[^\]\d]{1,20}\]$")
#: A post's byline that counts its comments: "posted by jo (12 comments total)".
POST_BYLINE = re.compile(r"^posted\s+by\s+\S.{0,60}\(\d[\d,.]*\s+comments?\s+total\)", re.I)


#: A name and the place in brackets after it: "Chenda (Kampong Cham)".
NAME_PLACE = re.compile(r"^\s*([^()]+?)\s*\(([^()\d]+)\)\s*$")
# (not a sentence's wrapped end: "from leaving the country.")
FROM = re.compile(
    r"^(?:from|aus)\s+(?P<place>[^\W\d_][^!?;:,]{0,40}?)(?<![^\W\d_]{3}\.)$", re.IGNORECASE
)
NAME_FROM = re.compile(
    r"^(?P<author>[^\W\d_][\w.'\- ]{0,40}?)\s+(?:from|aus)\s+"
    # (the place's dot only after an abbreviation: "Jo from Washington D.C.", not "Lessons
    # from Europe.")
    r"(?P<place>[A-Z][^.!?;]{0,40}?(?:(?<=\b[A-Z])\.|(?<=\b[A-Z][a-z])\.)?)$"
)
# Navigation, sharing, page furniture: whole-line, case-insensitive.
NAV = re.compile(
    # a breadcrumb trail: "Forum » Garden » Pests » TITLE" (SMF's: "Forum ► Garden ► TITLE")
    r"^[^»\n]{1,60}(?:\s»\s[^»\n]{1,120}){2,}$|"
    r"^[^\u25ba\n]{1,60}(?:\s\u25ba\s[^\u25ba\n]{1,120}){2,}$|"
    r"^(?:accessibility links|skip to (?:main )?(?:content|navigation)|breaking news|menu"
    r"|main menu|navigation|search|home|homepage|subscribe|sign in|sign up|log ?in|log out"
    r"|register|(?:e-?mail|print|share|tweet|pin|save|comment on)(?: this)?(?: story| article"
    r"| page| post)?|share (?:on|via) \w+|advertisement|sponsored|related(?: articles| stories)?"
    r"|(?:(?:compartir en|partager sur|teilen auf|compartilhar no) \S+ ?){1,6}"
    r"|read more|more|see more|view full site|full site|mobile site|back to top|top"
    r"|previous(?: post| article)?|next(?: post| article)?|newer post|older post"
    r"|newer posts?|older posts?|follow us|contact(?: us)?|about(?: us)?|privacy(?: policy)?"
    # Blogger's "Newer Post Older Post Home" and "Subscribe to: Post Comments (Atom)" in
    # French, Spanish, German
    r"|(?:(?:article plus (?:r\u00e9cent|ancien)|accueil|entrada (?:m\u00e1s reciente|antigua)"
    r"|p\u00e1gina principal|(?:neuerer|\u00e4lterer) post|startseite)\s*){1,3}"
    r"|(?:inscription \u00e0|suscribirse a|abonnieren)\s?:.*"
    r"|terms(?: of (?:use|service))?|cookies?(?: policy)?|listen|watch|more listening options"
    r"|subscribe to:? .*|labels?:.*|tags?:.*|filed under:?.*|categories:?.*|share this:?"
    r"|(?:categor\u00edas?|kategorien?|cat\u00e9gories?|categorias?|categorie)\s*:.*"
    r"|\u30ab\u30c6\u30b4\u30ea[\uff1a:].*"  # Japanese: "category: X"
    # a list's heading: related, most read, newest (English, German, French, Spanish, Polish)
    r"|(?:related|similar|recent|latest|popular|recommended|more)\s+(?:posts|articles|stories"
    r"|news|reads)|you (?:may|might) also like|recommended(?: for you)?|most (?:read|popular"
    r"|viewed|shared)|(?:[\w.]+ ){0,3}newsletter|ähnliche (?:beiträge|artikel)|mehr zum thema"
    r"|(?:das )?könnte (?:sie|dich) auch interessieren!?|lesen sie auch|auch interessant"
    r"|weitere (?:beiträge|artikel|nachrichten)|(?:neueste|beliebte|verwandte) (?:beiträge|artikel)"
    r"|meistgelesen|(?:.{0,20} )?am meisten gelesen|à lire aussi|lire aussi|vous aimerez aussi"
    r"|sur le même sujet|les plus lus|te puede interesar|noticias relacionadas|lo más leído"
    r"|más leídas|zobacz (?:również|też)|czytaj (?:także|też)"
    r"|facebook|twitter|whatsapp|linkedin|reddit|email|print|copy link|loading\.*|share\s*:"
    # a row of sharing links: "Facebook Twitter Reddit WhatsApp Email Link" (XenForo)
    r"|(?:(?:facebook|twitter|reddit|whatsapp|telegram|pinterest|linkedin|tumblr|e-?mail|link"
    r"|print)\s+){2,8}(?:facebook|twitter|reddit|whatsapp|telegram|pinterest|linkedin|tumblr"
    r"|e-?mail|link|print)"
    r"|all rights reserved\.?|.{0,60}(?:©|copyright \d{4}).{0,80}|notify me of .*"
    # a Chinese site's licences in its footer: "沪ICP备13030189号", "营业执照", "举报电话: ..."
    r"|.{0,20}(?:ICP备|公网安备|许可证|资格证书|举报电话|举报中心|营业执照|备案|推荐算法).{0,30}"
    r"|.{2,30}有限公司|(?:地址|电话)[:\uff1a].{1,40}|-\s*the\s+end\s*-"
    r"|(?:19|20)\d{2}\s*[-\u2013]\s*(?:19|20)\d{2},?\s[^.!?]{1,60}"  # "(©) 2009 - 2024, PT X"
    r"|post comment|submit comment|name\s*\*?|e-?mail\s*\*?|website|cancel reply"
    # a Japanese comment form: name, e-mail, remember me, rate it, post
    r"|\u540d\u524d|\u30e1\u30fc\u30eb(?:\u30a2\u30c9\u30ec\u30b9)?|\u60c5\u5831\u3092\u8a18\u61b6"
    r"|\u8a55\u4fa1\u3059\u308b|\u6295\u7a3f\u3059\u308b"
    # FC2's: post a comment, title, body, password, a private comment, trackbacks
    r"|コメントの投稿|タイトル|本文|パスワード|非公開コメント|管理者にだけ表示を許可する"
    r"|(?:<<|\u00ab)\s.{1,80}\|.{1,80}\s(?:>>|\u00bb)"  # "<< previous post | home | next >>"
    # cnblogs: refresh the page, back to the top
    r"|\u5237\u65b0\u9875\u9762|\u8fd4\u56de\u9876\u90e8|\u5237\u65b0\u9875\u9762\u8fd4\u56de\u9876\u90e8"
    # Hatena: see the stocked quotes, close, write a comment; its follow buttons
    r"|\u30b9\u30c8\u30c3\u30af\u4e00\u89a7\u3092\u898b\u308b|\u9589\u3058\u308b|\u30b3\u30e1\u30f3\u30c8\u3092\u66f8\u304f"
    r"|\u30ed\u30b0\u30a4\u30f3|\u30ed\u30b0\u30a2\u30a6\u30c8"  # log in, log out
    r"|(?:\u8aad\u8005(?:\u3067\u3059|\u3092\u3084\u3081\u308b|\u306b\u306a\u308b)\s*)+"
    r"|トラックバック|この記事のトラックバックURL)$",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r"^(?:file\s+)?photo\s*[-\u2013—:|]|^(?:photo|picture|image)\s+(?:credit|courtesy)\b"
    r"|\b(?:photo|picture|image)\s*(?:credit)?\s*:\s*\S"
    r"|\b(?:credits?|source|quellen?|fuente|crédits?)\s*:\s*\S[^.]{0,60}$"
    r"|^(?:foto|bild|fotos|bildquelle)\s*:\s*\S[^.]{0,60}$"
    # a stock agency's credit: "TebNad/Shutterstock.com"
    r"|^\S{1,40}/(?:shutterstock|getty\s?images|istock(?:photo)?|adobe\s?stock|imago|dpa"
    r"|picture\s?alliance)(?:\.com)?$"
    r"|\[[^\]]{0,120}(?:/|getty|afp|reuters|photo|epa|ap\b)[^\]]{0,80}\]\s*\|?\s*$"
    r"|(?:getty images|afp|reuters|ap photo|epa|shutterstock)\W{0,3}\]?\s*\|\s*$"
    r"|\|\s*$",
    re.IGNORECASE,
)
# Comment-form and moderation notices: boilerplate wherever they stand.
#: A Mailman digest's heading over its list of topics (a notice; `threadlines` types the
#: list under it).
DIGEST_TOPICS = re.compile(r"today'?s\s+topics:?", re.IGNORECASE)
NOTICE = re.compile(
    r"\b(?:must|need to|have to|please)\s+(?:be\s+)?(?:logged\s+in|log\s*in|sign\s+in"
    # (to register, not "please register a complaint")
    r"|register(?=\s*(?:$|[.!,;)]|(?:to|and|or|first|now|here|with|for\s+an?)\b))|donate)\b"
    r"|^join\s+(?:now\s+)?to\s+comment\b"
    r"|^be\s+the\s+first\s+to\s+comment\.?$"  # (Disqus prints it over its comments too)
    # Spanish: "Entra o regístrate para comentar."
    r"|\b(?:entra|inicia\s+sesi[o\u00f3]n|reg[i\u00ed]strate)\b.{0,30}\bpara\s+(?:comentar|responder)\b"
    # German: "Du musst dich anmelden oder registrieren, um hier zu antworten."
    r"|\b(?:musst\s+du|du\s+musst|m\u00fcssen\s+sie|sie\s+m\u00fcssen)\s+(?:dich|sich)\s+"
    r"(?:anmelden|einloggen|registrieren)\b"
    r"|\b(?:necesit[aá]s|debes|ten[eé]s\s+que|tienes\s+que)\s+(?:estar\s+)?(?:registrad[oa]"
    r"|iniciar\s+sesi[oó]n|loguearte)\b|\blog\s*in\s+to\s+(?:post|comment|reply)|\bpowered\s+by\s+disqus"
    r"|\bemail\s+address\s+will\s+not\s+be\s+published|\brequired\s+fields\s+are\s+marked"
    # (and in German, French, Spanish)
    r"|\be-?mail-?adresse\s+wird\s+nicht\s+ver\u00f6ffentlicht|\berforderliche\s+felder\s+sind"
    r"|\badresse\s+(?:e-?)?mail\s+ne\s+sera\s+pas\s+publi\u00e9e|\bchamps\s+obligatoires\s+sont"
    r"|\bdirecci\u00f3n\s+de\s+correo(?:\s+electr\u00f3nico)?\s+no\s+ser\u00e1\s+publicada"
    r"|\bcampos\s+obligatorios\s+est\u00e1n\s+marcados"
    r"|^(?:pingback|trackback)\s*:\s*\S"  # another blog's link to the post, no reader's words
    # old Reddit's sidebar: "created by jo a community for 6 years" (and in Spanish)
    r"|^(?:created\s+by|creado\s+por)\s+\S+\s+(?:a\s+community\s+for|una\s+comunidad\s+para)\b"
    r"|^អាសយដ្ឋាន\u200b?អ៊ីមែល\u200b?របស់\u200b?អ្នក\u200b?នឹង\u200b?មិន"  # and in Khmer
    # and WordPress's in Vietnamese
    r"|\bemail\s+của\s+bạn\s+sẽ\s+không\s+được\s+hiển\s+thị|\bcác\s+trường\s+bắt\s+buộc\s+được\s+đánh\s+dấu"
    r"|\bbrowsing\s+\S+\s+as\s+a\s+guest\b"  # "You're browsing GameFAQs as a guest."
    r"|^diskutieren\s+sie\s+mit\b|\bdie\s+diskussion\s+ist\s+bis\b|^anmelden\s+und\s+mitdiskutieren$"
    # Google Groups' message menu: "Sign in to forward", "You do not have permission to
    # delete messages in this group", "Either email addresses are anonymous for this group
    # or ...", and a message's footer: "To view this discussion on the web visit URL"
    # Discourse: a withdrawn post's placeholder, a newcomer's welcome over the first post
    r"|^\(post\s+(?:withdrawn|deleted)\s+by\s+author\b|^this\s+is\s+the\s+first\s+time\s+\S+\s+has\s+posted\b"
    # (its placeholder in French, Spanish, German)
    r"|^\((?:message\s+retir\u00e9\s+par\s+l['\u2019]auteur|publicaci\u00f3n\s+retirada\s+por\s+(?:el|su)\s+autor"
    r"|beitrag\s+vom\s+autor\s+zur\u00fcckgezogen)\b"
    r"|^message\s+has\s+been\s+deleted$|^sign\s+in\s+to\s+(?:reply|forward)\b|^you\s+do\s+not\s+have\s+permission\s+to\b"
    r"|^either\s+email\s+addresses\s+are\s+anonymous\b|^to\s+view\s+this\s+discussion\s+on\s+the\s+web\b"
    # "Melden Sie sich an, um zu kommentieren." and a comment policy's first words
    r"|^(?:melden\s+sie\s+sich|melde\s+dich)\s+an,?\s+um\s+(?:zu\s+)?(?:kommentieren|antworten)"
    r"|^bitte\s+beachten\s+sie\s+unsere\s+netiquette\b|^kommentare\s+werden\s+(?:von\s+der\s+"
    r"redaktion\s+)?moderiert\b|^(?:all\s+)?comments\s+are\s+moderated\b"
    # a moderator's note in place of the words or under them: "Entfernt. Bitte ... Danke, die
    # Redaktion/mb"
    r"|^(?:entfernt|gekürzt)\.\s.{0,200}\bdanke,\s+die\s+redaktion/[a-z]{1,4}$"
    r"|^vui\s+lòng\s+nhập\s+tiếng\s+việt"  # Vietnamese: "please type with diacritics"
    # "You must log in or register to reply here." (XenForo) in Thai, Vietnamese, Indonesian
    r"|^คุณต้องเข้าสู่ระบบ|^bạn\s+phải\s+đăng\s+nhập|^anda\s+harus\s+(?:masuk|login)"
    r"|^vous\s+devez\s+(?:vous\s+)?(?:connecter|identifier|inscrire|\u00eatre\s+connect\u00e9)\b"
    r"|^yasal\s+uyar\u0131\s*:"  # Turkish: a legal notice over the comments
    # a forum's list of the reader's rights: "You cannot reply to topics in this forum"
    r"|^you\s+(?:cannot|can\s*not|can)\s+(?:post\s+new\s+topics|reply\s+to\s+topics|edit\s+your"
    r"\s+posts|delete\s+your\s+posts|vote\s+in\s+polls|download\s+files)\b"
    # (and in French, German, Spanish)
    r"|^vous\s+(?:ne\s+)?pouvez(?:\s+pas)?\s+(?:poster|r\u00e9pondre|\u00e9diter|supprimer|voter"
    r"|t\u00e9l\u00e9charger)\b|^sie\s+d\u00fcrfen\s+(?:keine\s+)?(?:neuen\s+themen|auf\s+themen|ihre\s+beitr\u00e4ge"
    r"|an\s+umfragen|dateianh\u00e4nge)|^(?:no\s+)?puedes?\s+(?:publicar|responder|editar|borrar|votar|crear|subir)\b"
    r"|^вы\s+(?:не\s+)?можете\s+(?:начинать|отвечать|редактировать|удалять|голосовать"
    r"|скачивать|прикреплять)"
    # a comment form's counter and its note on markup
    r"|^\d[\d,.]*\s+characters?\s+(?:left|remaining)$|^\(plain\s+text\s+with\s+limited\s+html"
    r"|^\ud604\uc7ac\s*\uc785\ub825\ud55c\s*\uae00\uc790\uc218"  # Naver: "characters typed 0/300"
    # a review site's disclaimer under each review
    r"|\bis\s+the\s+subjective\s+opinion\s+of\b|\bist\s+die\s+subjektive\s+meinung\b"
    r"|\bcomments?\s+(?:are|is|will\s+be)\s+(?:subject\s+to|moderated|closed|reviewed)"
    r"|\bcomments?\s+(?:are\s+)?(?:now\s+)?(?:closed|disabled)\b"
    r"|\bcomments?\s+(?:to|on|for)\s+this\s+\w+\s+(?:are|is)\s+(?:now\s+)?closed\b"
    # Discourse: "This topic was automatically closed 30 days after the last reply."
    r"|\b(?:topic|thread)\s+was\s+automatically\s+closed\b|\bnew\s+replies\s+are\s+no\s+longer\s+allowed"
    r"|\bkeine\s+kommentare\s+(?:möglich|erlaubt)|\bkommentare\s+(?:sind\s+)?(?:geschlossen"
    r"|deaktiviert)|\bkommentarfunktion\b.{0,40}\b(?:geschlossen|deaktiviert)"
    r"|\bkommentar(?:regeln|richtlinien)\b"
    r"|\bcommentaires?\s+(?:sont\s+)?(?:fermés|désactivés)"
    r"|\bpour\s+(?:écrire|poster|laisser|publier)\s+un\s+commentaire\b.{0,40}"
    r"\b(?:connecte|identifie|inscri)"
    r"|\bcomentarios\s+(?:están\s+)?(?:cerrados|desactivados)"
    r"|\b(?:community|comment(?:ing)?)\s+(?:guidelines|standards|policy)\b"
    r"|\badd\s+disqus\s+to\s+your\s+site|\bdo\s+not\s+sell\s+my\s+(?:personal\s+)?(?:data|info)"
    # a Mailman digest's preamble: where to send, subscribe, reach the list's manager
    r"|^send\s+\S{1,60}\s+mailing\s+list\s+submissions\s+to$|^or,?\s+via\s+email,\s+send\s+a\s+message"
    r"|^to\s+subscribe\s+or\s+unsubscribe\s+via\s+the\s+world\s+wide\s+web"
    r"|^you\s+can\s+reach\s+the\s+person\s+managing\s+the\s+list\b"
    r"|^when\s+replying,\s+please\s+edit\s+your\s+subject\s+line\b|^than\s+\"re:\s+contents\s+of\b"
    + rf"|^{DIGEST_TOPICS.pattern}$"
    r"|\bwant\s+to\s+join\s+the\s+discussion|\bnotify\s+me\s+of\b|\bmasuk\s+untuk\s+berkomentar"
    r"|\byou\s+received\s+this\s+message\s+because\b|\bto\s+unsubscribe\s+from\s+this\b"
    r"|\bsave\s+my\s+name,?\s+email|\b(?:uses|usa|utilise|verwendet|nutzt)\s+akismet\b|\bcomment\s+data\s+is\s+processed"
    r"|\b(?:sign|log)\s*(?:in|up)\b.{0,60}\b(?:comment|discussion|conversation|reply)"
    r"|\bthis\s+(?:comment|post|message)\s+(?:has\s+been|was)\s+(?:removed|deleted|hidden)\b"
    r"|^this\s+comment\s+is\s+no\s+longer\s+available\b"  # (Coral's)
    # phpBB's who is online under a topic: "Users browsing this forum: No registered users"
    r"|^(?:users\s+browsing\s+this\s+(?:forum|topic)|mitglieder\s+in\s+diesem\s+forum"
    r"|utilisateurs\s+parcourant\s+ce\s+forum|usuarios\s+navegando\s+por\s+este\s+foro)\s*:"
    # Lemmy's and Lobsters' placeholders: "Deleted by creator", "Comment removed by author"
    r"|^(?:comment\s+)?(?:deleted|removed)\s+by\s+(?:the\s+)?(?:creator|author|moderator|mod|admin|user)\b"
    r"|^comment\s+(?:deleted|removed)$"  # (Substack's)
    r"|^this\s+post\s+was\s+flagged\s+by\s+the\s+community\b"  # (Discourse's)
    # (and Lemmy's in French: "supprimé par le créateur", "retiré par un modérateur")
    r"|^(?:supprim\u00e9|retir\u00e9)\s+par\s+(?:le\s+cr\u00e9ateur|l['\u2019]auteur|un\s+mod\u00e9rateur|la\s+mod\u00e9ration)$"
    # (new Reddit's in French, Spanish, German: "Commentaire supprimé par l'utilisateur")
    r"|^(?:commentaire\s+(?:supprim\u00e9|retir\u00e9)\s+par\s+(?:l['\u2019]utilisateur|un\s+mod\u00e9rateur)"
    r"|comentario\s+eliminado\s+por\s+(?:el\s+usuario|un\s+moderador)"
    r"|kommentar\s+(?:vom\s+nutzer\s+gel\u00f6scht|von\s+(?:einem\s+)?moderator\s+entfernt))$"
    # Invision's note to a guest under the last post, in English and French
    r"|^you\s+can\s+post\s+now\s+and\s+register\s+later\b"
    r"|^vous\s+pouvez\s+publier\s+votre\s+message\s+maintenant\s+et\s+vous\s+inscrire\s+plus\s+tard\b"
    # a moderator's note in a removed post's place: "[Beitrag durch die Moderation
    # entfernt - persönliche Beleidigung. /Mod]", "[Post removed by moderator: spam]"
    r"|^\[(?:beitrag|post|comment|message)\s+(?:durch\s+die\s+moderation\s+|by\s+(?:a\s+|the\s+)?mod(?:erator)?s?\s+)?"
    r"(?:entfernt|gel\u00f6scht|removed|deleted)\b[^\]]{0,160}\]$"
    # Ghost's member comments: "Become a member of X to add a comment."
    r"|\bbecome\s+a\s+(?:paid\s+|paying\s+|free\s+)?(?:member|subscriber)\b.{0,60}\b(?:comment|discussion|reply)"
    r"|^already\s+(?:a\s+member|a\s+subscriber|have\s+an\s+account)\?\s*(?:sign|log)\s*in\.?$"
    r"|^(?:sign\s+up|subscribe|join)\s+(?:now|today|for\s+free)!?$"
    r"|^(?:le|ce)\s+(?:message|commentaire)\s+a\s+\u00e9t\u00e9\s+supprim\u00e9\b"
    r"|^este\s+(?:comentario|mensaje)\s+(?:ha\s+sido|fue)\s+eliminado\b"
    r"|^diese[rs]?\s+(?:kommentar|beitrag|nachricht)\s+wurde\s+gel\u00f6scht\b"
    r"|^\S.{0,40}\s+(?:has\s+)?(?:left|joined)\s+the\s+(?:room|group|channel|chat|conversation)\.?$"
    # KakaoTalk: "Jo님이 들어왔습니다." (joined), "나갔습니다" (left), its policy line
    r"|^\S.{0,30}\ub2d8\uc774\s+(?:\ub4e4\uc5b4\uc654\uc2b5\ub2c8\ub2e4|\ub098\uac14\uc2b5\ub2c8\ub2e4)\.?$"
    r"|^\uc6b4\uc601\uc815\ucc45\uc744\s+\uc704\ubc18\ud55c"
    # Daum: "log in and write a comment", "SafeBot folded the abusive comments"
    r"|\ub85c\uadf8\uc778\ud558\uace0\s+\ub313\uae00|\uc545\uc131\s?\ub313\uae00\uc744"
    # "this comment has been deleted"
    r"|^(?:\ud574\ub2f9|\uc774)\s+\ub313\uae00\uc740\s+\uc0ad\uc81c\ub418\uc5c8\uc2b5\ub2c8\ub2e4"
    # Signal's and WhatsApp's system lines: "Jo added Sam K.", "Safety number with Jo has
    # changed.", "Jo changed the group description.", "(Disappearing messages were turned off.)"
    # (each perhaps after its time in brackets), and an export's "Exported by ..." line
    r"|^(?:\[[^\[\]]{4,30}\]\s*)?(?:\S.{0,40}\s+(?:added|removed)"
    r"\s+(?-i:[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3})\.?$"
    r"|(?:your\s+)?safety\s+number\s+with\s+.{1,40}\s+has\s+changed"
    r"|\S.{0,40}\s+changed\s+the\s+group\s+(?:description|name|photo)"
    r"|\(?disappearing\s+messages\s+were\s+turned\s+(?:on|off))"
    r"|^exported\s+(?:by|from|with|on)\s+\S.{0,60}$"
    # Zalo: "Jo đã ghim một tin nhắn" (pinned), "Jo đã tham gia nhóm" (joined), "the group
    # turned on member approval"
    r"|\s\u0111\u00e3\s+(?:ghim\s+m\u1ed9t\s+tin\s+nh\u1eafn|tham\s+gia\s+nh\u00f3m|r\u1eddi\s+nh\u00f3m)"
    r"|^nh\u00f3m\s+\u0111\u00e3\s+(?:b\u1eadt|t\u1eaft)\b"
    # a chat's composer: "Type a message", "Message #general", Zalo's "Nhập @, tin nhắn tới"
    r"|^(?:type|write|send)\s+a\s+message\b|^message\s+#\S|^nh\u1eadp\s+@,?\s+tin\s+nh\u1eafn"
    # Japanese: "write a comment", "log in to ..."
    r"|^\u30b3\u30e1\u30f3\u30c8\u3092\u66f8\u304f$|\u30ed\u30b0\u30a4\u30f3\u3059\u308b\u3068"
    r"|\u30ed\u30b0\u30a4\u30f3\u3057\u3066\u304f\u3060\u3055\u3044"  # "... please log in"
    r"|\bunsent\s+a\s+message\b"
    # an issue's sidebar (Gitea): "No due date set.", "No dependencies set."
    r"|^no\s+(?:due\s+date|dependencies|milestone|labels?|projects?|reviewers)\s+set\.?$"
    r"|\b(?:added|removed)\s+.{1,60}\s+(?:to|from)\s+(?:the|this)\s+(?:group|chat|conversation)\b"
    r"|^(?:call\s+started|call\s+ended(?:\s+\d+[hms](?:\s*\d+[ms])*)?|missed\s+(?:call|video\s+call))$"
    r"|\bfollow\s+this\s+conversation\s+by\s+subscribing\b"  # Typepad's comment feed
    r"|^zaloguj\s+si\u0119,?\s+(?:aby|\u017ceby)\b"  # Polish: log in to comment
    r"|\bgiri\u015f\s+yap\u0131n\b|\bkay\u0131t\s+olun\b"  # Turkish: log in, register
    r"|^សូមចូលគណនី"  # Khmer: please log in
    r"|^กรุณาเข้าสู่ระบบ|^เข้าสู่ระบบเพื่อ"  # Thai: please log in
    # Arabic: "please keep to the etiquette of dialogue", "comments do not express ..."
    r"|^\u0627\u0644\u0645\u0631\u062c\u0648\s+\u0627\u0644\u0627\u0644\u062a\u0632\u0627\u0645"
    r"|\u0627\u0644\u062a\u0639\u0644\u064a\u0642\u0627\u062a\s+\u0644\u0627\s+\u062a\u0639\u0628\u0631"
    # a wiki's footer: "This page was last edited on ..."
    r"|\bthis\s+page\s+was\s+last\s+edited\b|\besta\s+p\u00e1gina\s+se\s+edit\u00f3\s+por\s+\u00faltima"
    r"|\bdiese\s+seite\s+wurde\s+zuletzt\b|\bla\s+derni\u00e8re\s+modification\s+de\s+cette\s+page"
    # NetEase: "log in to post", "readers' comments are their own views"
    r"|\u767b\u5f55\u53d1\u8d34|^\u7f51\u53cb\u8bc4\u8bba\u4ec5\u4f9b"
    # WeChat's system messages: joined, left the group chat, withdrew a message; an
    # export's count ("共导出 15 条消息")
    r"|(?:\u52a0\u5165|\u9000\u51fa)\u4e86\u7fa4\u804a|\u64a4\u56de\u4e86\u4e00\u6761\u6d88\u606f"
    r"|^\u5171\u5bfc\u51fa\s*\d+\s*\u6761\u6d88\u606f"
    r"|\bbình\s+luận\s+của\s+bạn\s+sẽ\s+được\s+(?:biên\s+tập|kiểm\s+duyệt)"  # Vietnamese
    r"|^rss\s+feed\s+(?:for|of|សម្រាប់)\b"  # JComments: "RSS feed for comments to this post"
    r"|^sent\s+from\s+my\s+\w+|^sent\s+from\s+(?:samsung|yahoo|outlook|mail|gmail)\b.{0,30}$|^sent\s+with\s+proton\s*mail\b.{0,30}$|^von\s+meinem\s+\w+\s+gesendet|^(?:envoy\u00e9\s+de\s+mon|enviado\s+desde\s+mi)\s+\w+|\bplease\s+read\s+the\s+(?:rules|faq|guidelines)\b|\ball\s+trademarks\s+and\s+copyrights\b"
    # Korean: "(write comments) after logging in"
    r"|\ub85c\uadf8\uc778\s*(?:\ud6c4|\uc774\s*\ud544\uc694|\ud558\uc154\uc57c)"
    # the same login prompts in German, French and Spanish (WordPress's own among them)
    r"|\bangemeldet\s+sein,?\s+um\b|\bbitte\s+(?:registrieren|melden)\s+sie\s+sich\b"
    r"|\bnoch\s+kein\s+benutzerkonto\b|\bregistriere\s+dich\b|^jetzt\s+mitmachen!?$"
    r"|\bdevez\s+être\s+connecté|\b(?:debes|tienes\s+que)\s+(?:estar|iniciar)\s+(?:conectado"
    r"|registrado|identificado|sesión)"
    # an affiliate-link disclosure
    r"|\b(?:may|might)\s+earn\s+(?:a\s+)?(?:small\s+)?(?:commission|affiliate)"
    r"|\bauf\s+dieser\s+seite\s+erhält\b|\b(?:erhalten|erhält)\s+wir\s+(?:ggf\.\s+)?eine\s+provision"
    r"|\bdieser\s+(?:beitrag|kommentar)\s+wurde\s+(?:von\s+der\s+(?:moderation|redaktion)\s+)?"
    r"(?:entfernt|gelöscht)"
    r"|\b\u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0439\s+\u0443\u0434\u0430\u043b[\u0435\u0451]\u043d|\b\u0432\u043e\u0439\u0434\u0438\u0442\u0435,?\s+\u0447\u0442\u043e\u0431\u044b\s+(?:\u043e\u0441\u0442\u0430\u0432\u0438\u0442\u044c|\u043d\u0430\u043f\u0438\u0441\u0430\u0442\u044c)\s+\u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0439"
    r"|^請先登入|^请先登录|^登录后才能(?:查看或)?发表评论|^로그인 후 이용 가능합니다"
    # Malay and Indonesian: "log in or register to reply to this topic"
    r"|^(?:log\s+masuk|masuk)\s+atau\s+daftar\s+untuk\b|^silakan\s+(?:masuk|login)\s+untuk\b"
    # phpwind: "visitors cannot comment", "please log in or register before posting"
    r"|^访客不能直接评论|^请先\s*登录\s*或\s*注册"
    # Hatena's quote-stock notices: stocked, log in first, failed, a private entry
    r"|^\u5f15\u7528\u3092\u30b9\u30c8\u30c3\u30af|^\u5f15\u7528\u3059\u308b\u306b\u306f|\u5f15\u7528\u3067\u304d\u307e\u305b\u3093|^管理人のみ閲覧できます$|^推文自動更新已關閉|^ความคิดเห็นนี้ถูกลบ|^此(?:评论|回答|内容)已(?:被)?删除|^このコメントは削除されました"
    # Naver: deleted by its writer; hidden by the "clean bot"
    r"|^작성자에 의해 삭제된 댓글입니다|^클린봇이 부적절한 표현을 감지한 댓글입니다"
    r"|\bce\s+commentaire\s+a\s+été\s+supprimé|\beste\s+comentario\s+(?:ha\s+sido|fue)\s+eliminado"
    r"|^tento\s+příspěvek\s+byl\s+(?:skryt|smazán|odstraněn)|^zobrazit\s+pravidla$"  # Czech
    # a comment form's help (utterances, GitHub): "Styling with Markdown is supported"
    r"|^styling\s+with\s+markdown\s+is\s+supported$|^sign\s+in\s+to\s+comment$"
    # a cookie consent banner
    r"|^(?:we|wir|nous|this\s+(?:web)?site|[\w.-]+)\s+(?:use[s]?|verwenden|verwendet|nutzen"
    r"|utilisons|utilise|usamos|utilizamos|utiliza)\s+(?:des\s+)?cookies\b|^we\s+value\s+your\s+privacy\b"
    r"|^(?:cookie|privacy)\s+(?:settings|preferences|consent)$|^cookie-?einstellungen$",
    re.IGNORECASE,
)
# A login prompt: "Log in with", "or sign up with Disqus" (apart: an anchored branch would
# cost NOTICE's fast search).
_LOGIN_WITH = re.compile(
    r"^(?:or\s+)?(?:log\s*in|sign\s*in|sign\s*up|register)\s+(?:with|using|via)\b", re.I
)
# "By Jo Smith, May 2, 2019": a byline and its date on one line.
BY_NAME_DATE = re.compile(
    # (phpBB 3's "by Jo » DATE" in its language packs: przez, door, da, and `forumwords`')
    # (a name with no " on " in it: "by Jo on Friday July 21, 2023 @11:20AM" is the other)
    r"^(?:by|par|von|por|przez|door|da|" + verbs("by") + r")\s+"
    r"(?P<author>(?:(?!\son\s)[^,|»]){1,40}?)\s*[,|»]\s*"
    r"(?P<rest>.+)$"
    # "von Jo am 12.04.2024", "by Jo on DATE", "par Jo le DATE", "por Jo el DATE" (Slashdot:
    # "by Jo (88213) on DATE (#63704276)", the user's and the comment's numbers around)
    r"|^(?:by|par|von|por|door|di|da)\s+(?P<author2>[^,|»]{1,40}?)(?:\s+\(\d{1,10}\))?"
    r"\s+(?:on|am|le|el|op|il|em)\s+(?P<rest2>\S.{4,60}?):?(?:\s+\(#\d{1,12}\))?$",
    re.IGNORECASE,
)


# A word that labels the date after it, not a comment's: a topic's "created" and "last
# reply" (Discourse), a member's "Joined".
STAMP_LABEL = re.compile(
    r"^(?:created|last\s+(?:reply|post|activity|visit|seen|edited)|joined|member\s+since"
    r"|inscrit|membre\s+depuis|registrado|miembro\s+desde|mitglied\s+seit"
    r"|(?:last\s+)?edited|updated|current\s+time|текущее\s+время|зарегистрирован:?)$",
    re.IGNORECASE,
)
# A field that gives a length of time: "Продолжительность: 01:32:18" (a film's).
_SPAN = re.compile(r"^[^\W\d_]+\s*:\s*\d{1,2}:\d{2}:\d{2}$")
# A quoted report's credit line: "Source: news wire, 26 Jul 2023".
_CREDIT = re.compile(r"^(?:source|sources|quelle|fuente|fonte|via)\s*:", re.IGNORECASE)


#: A field's name, then dots leading to its value: "createdAt ..... 2023-10-03T04:41:09".
_LEADER = re.compile(r"^([^\W\d][\w ]{0,30}?)\s+\.{4,}\s+(?=\S)")
#: A link's number as lynx and w3m print it, before the link's text: "[4]jo at x.org"
#: (and between others' brackets: old Reddit's "[98][-][99]jo [[108]S]", its dash an en
#: dash).
#: A commenter's line of expertise between dots before the date, Ghost's: "·Trade lawyer,
#: Phnom Penh·2 years ago".
EXPERTISE = re.compile(r"^\s*\u00b7[^\u00b7\n]{1,60}\u00b7\s*(?=\S)")
LINK_NUMBER = re.compile(r"(?:(?<=^)|(?<=[\s#(\[\]<]))\[\d{1,4}\](?=[^\s\]:])")
#: ... and one glued between the words of two links ("Anonymous[16]September 4").
_GLUED_LINK_NUMBER = re.compile(r"(?<=\w|\.)\[\d{1,4}\](?=[^\W\d_])")
#: A spacer image as w3m names it, at a line's start: "[s]".
_SPACER = re.compile(r"^\[s\](?:\s+|$)")
#: A button as lynx prints it: "(BUTTON) Antworten (BUTTON) Melden".
_LYNX_BUTTON = re.compile(r"\(BUTTON\)\s*")
#: A quote's intro with the link to the quoted post after its colon: "jo wrote: »".
_CITE_LINK = re.compile(r":\s*[\u00bb\u203a]$")
#: An image w3m names by its file, before a line's words or alone ("[3f1c0a9e2b7d4] Jo
#: dit :", an avatar's "[0ec4cf09]"), or by its number, alone on its line ("[57_2]",
#: "[88_]"; lynx's "[700]").
_IMAGE_NAME = re.compile(
    r"^\[(?=[^\]]*\d)(?=[^\]]*[a-z])[\w-]{5,40}\](?:\s*(?=\S)|$)|^\[\d{1,5}(?:_\d{0,3})?\]$"
)


#: WordPress's "says" glued to the name before it (its screen-reader span, in w3m):
#: "Josagt:", "Jo Limsays:" (not German words that end so: "Versagt:").
_GLUED_SAYS = re.compile(
    r"^(?=[A-Z])(?!(?i:ver|ge|be|unter|an|ab|zu|aus|vor|nach|weis|wahr)sagt)(?i:"
    r"(?P<name>[^\s:]+(?:\s[^\s:]+){0,3}?)(?<=[a-z.])(?=(?:sagt|says)\s*:$))"
)


#: HyperKitty's fold over the quoted lines it hides (lynx: "[19]...").
FOLD_DOTS = ("...", "\u2026")
#: A separator dot glued to the words on both sides of it.
_GLUED_DOT = re.compile(r"(?<=\S)\u2022(?=\S)")


def clean_line(line: str) -> str:
    """The line as rules see it: stripped and without list bullets/numbers (a German day
    and month, "12. März", is no list item numbered 12)."""
    s = LINK_NUMBER.sub("", line.strip())  # (a text browser's link numbers: "[4]jo at x.org")
    s = _GLUED_LINK_NUMBER.sub(" ", s)  # (between two links: "Jo[16]September 4, 2017")
    s = _SPACER.sub("", s)  # (and its spacer image's name: "[s]   text", w3m's)
    s = _GLUED_DOT.sub(" \u2022 ", s)  # (w3m's Lemmy head: "Jo•36•il y a 6 mois")
    s = _LYNX_BUTTON.sub("", s).strip()
    s = _CITE_LINK.sub(":", s)  # Vanilla: "jo wrote: »", the link to the post quoted
    s = _LEADER.sub(r"\1: ", s)  # a record's field: "author ........ Jo" as "author: Jo"
    s = _MEMBER_SINCE.sub("", s)  # "Jo Mitglied seit 02.05.2011": the name (no date)
    if _DAY_MONTH.match(s) or _DOTTED_DATE.match(s):
        return s
    return _GLUED_SAYS.sub(r"\g<name> ", _IMAGE_NAME.sub("", _BULLET.sub("", s).strip()))


# A review site's date line names the reviewer's country: "Reviewed in Germany on ...".
_REVIEWED_IN = re.compile(
    r"^(?:reviewed|rated|posted|written)\s+in\s+(?:the\s+)?[^\W\d_][\w .'-]{1,40}?\s+(?=on\s)",
    re.IGNORECASE,
)
# Or it labels the date a review's or the owner's answer's: "Geschrieben am 2. April
# 2024", "Antwort vom 5. April 2024", "Responded Apr 5, 2024".
_WRITTEN_ON = re.compile(
    r"^(?:written|responded|(?:replied|wrote)\s+on|geschrieben\s+am|antwort\s+vom|écrit\s+le|escrita\s+el"
    r"|scritta\s+il|répondu\s+le|respondido\s+el)\s+(?=\S*\d|[^\W\d_]+\.?\s+\d)"
    r"|^[1-5]\s+(?=\d{4}-\d{1,2}-\d{1,2}\b)"  # a review's stars before its date: "5 2024-02-11"
    r"|^(?:author|op|mod|admin)\s*\u2022\s+(?=\S)"  # dev.to: "Author \u2022 Mar 4"
    r"|^ver\u00f6ffentlicht\s*:\s*(?=\S*\d)"  # wpForo: "Veröffentlicht : 14. März 2024 11:02"
    # vBulletin 3's post icon, its alternative text before the date: "Old 03-03-2023, 11:02 AM"
    r"|^old\s+(?=\d{1,2}-\d{1,2}-\d{2,4}\b)"
    # Invision's in French: "Posté(e) 28 octobre 2019", "Posté(e) Hier à 08:41"
    r"|^post\u00e9\(e\)\s+(?=\d|[^\W\d_]+\.?\s+\d|(?:hier|aujourd['\u2019]hui|il\s+y\s+a)\b)",
    re.IGNORECASE,
)
# "Posted 12/3/2024 9:14:22 PM" (GameFAQs): a date already ("posted" is one of its words),
# its label dropped from the comment's date (and Invision's "Posted August 22", "Posted
# Yesterday at 8:55 AM").
_POSTED = re.compile(
    # (and Invision's in German: "Geschrieben 3. März 2023", "Geschrieben vor 3 Stunden")
    r"^(?:posted|geschrieben)\s+(?=\d|[^\W\d_]+\.?\s+\d|(?:yesterday|today|gestern|heute|vor)\b)"
    r"|^(?:post\u00e9|publi\u00e9)\s+le\s+(?=\S*\d|[^\W\d_]+\.?\s+\d)",
    re.IGNORECASE,
)


# What may follow a date on its line: a note that the comment was edited ("1y \u2022
# Edited", "3h (edited)"), Weibo's place or device ("23-7-24 09:30 来自广东").
_DATE_SUFFIX = re.compile(
    r"\s*[\u2022\u00b7|(]?\s*(?:edited|modifié|bearbeitet|editado)(?:\s+on\s+[^\u2022]{3,20})?\)?$"
    r"|\s*[\u2022\u00b7]\s*stickied\s+comment$"  # (new Reddit's pinned comment)
    r"|\s+\u6765\u81ea\s?\S{1,20}$"
    # Bilibili's IP place, likes and reply button glued on: "14:30IP属地:柬埔寨2876回复"
    r"|\s*IP\u5c5e\u5730[:\uff1a]\S{1,40}$"
    # Discuz!'s "| 只看该作者" (only this poster's posts) after a post's date
    r"|\s*\|\s*\u53ea\u770b\u8be5\u4f5c\u8005$"
    # MyBB's edit note after a post's date: "(This post was last modified: DATE by jo.)",
    # and in German, French, Spanish
    r"|\s*\((?:this\s+post\s+was\s+last\s+modified|dieser\s+beitrag\s+wurde\s+zuletzt\s+bearbeitet"
    r"|ce\s+message\s+a\s+\u00e9t\u00e9\s+modifi\u00e9\s+le|este\s+mensaje\s+fue\s+modificado)\b[^()]{0,80}\)$",
    re.IGNORECASE,
)
#: An article's reading time, in its byline: "Nov 6, 2024 5 min read", "May 17, 2023 — 6
#: min read" (Ghost): an article's date line, never a comment's.
READ_TIME = re.compile(r"\b\d{1,3}\s+min(?:ute)?s?\.?\s+(?:read|lesezeit|de\s+lecture)\b", re.I)
# Xiaohongshu's place after a date, a month-day without its year among them: "07-23 柬埔寨".
_CJK_PLACE = re.compile(r"^(?P<date>\S.{0,20}?)\s+(?!\u6765\u81ea)[\u4e00-\u9fff]{2,6}$")
#: A sender's address in angle brackets: "Jo Lim <jo@x.example>" (a printed mail thread).
MAIL_ADDRESS = re.compile(r"<[^<>\s]+@[^<>\s]+>")
#: Weibo's reply prefix, "回复@Jo:", Xiaohongshu's "回复 Jo:" (a full-width colon): whom
#: the comment answers.
_WEIBO_REPLY = r"\u56de\u590d(?:@|\s@?)(?P<author2>[^\s:\uff1a@]{1,24})\s?[:\uff1a]"
#: The same prefix glued to the text after the name (`text._units` cuts it off).
GLUED_REPLY = re.compile(_WEIBO_REPLY)
#: A PTT push line: its mark (push, arrow, boo), the user and a colon before the text, the
#: date after it: "推 taipeicat: 居家軟禁27年 03/03 15:22". One line is one comment.
PUSH = re.compile(
    r"^[\u63a8\u2192\u5653]\s+(?P<author>[A-Za-z0-9_]{1,20})\s*:(?=\s*\S)"
    r"|(?<=\S)\s+(?P<when>\d{1,2}/\d{1,2}(?:\s+\d{1,2}:\d{2})?)$"
)

#: A name glued to its comment's text by a colon, "阿明:唯一有实力的..." (Weibo), "jo: ..."
NAME_COLON = re.compile(r"^[^\s:\uff1a@#\u3010\[(<>]{1,24}[:\uff1a](?=\S)")


def unplaced(s: str) -> str:
    """A date line without the place a Chinese site adds after it ("07-23 柬埔寨" -> "07-23")."""
    placed = _CJK_PLACE.match(s)
    return placed["date"] if placed and is_timestamp(s) else s


# A poster's join date after the name: "Jo Mitglied seit 02.05.2011" (not when Jo wrote).
_MEMBER_SINCE = re.compile(
    r"(?<=\S)\s+(?:mitglied\s+seit|member\s+since|membre\s+depuis|miembro\s+desde"
    r"|lid\s+sinds|membro\s+dal?)\s+(?:\d[\d./-]{5,9}|[^\W\d_]{3,9}\.?\s+\d{4})(?=\s|$)",
    re.IGNORECASE,
)
# Nor is a dotted date with spaces, "14. 3. 2024" (Czech, Slovak) or "2024. 3. 14." (Korean).
_DOTTED_DATE = re.compile(r"(?:\d{1,2}\.\s\d{1,2}\.\s\d{4}|\d{4}\.\s\d{1,2}\.\s\d{1,2}\.)(?!\d)")
_DAY_MONTH = re.compile(rf"^\d{{1,2}}\.\s*(?:{_MONTH})\b", re.IGNORECASE)


#: Where a webmention came from: "Antwort auf Mastodon", "Reply on Bluesky".
_VIA = re.compile(
    r"^(?:antwort|reply|replied|r\u00e9ponse|respuesta)\s+(?:auf|on|via|from|sur|en)\s+\S+$", re.I
)


def button_row_date(s: str) -> str | None:
    """The date in a row of buttons and counts ("Like \u00b7 Reply \u00b7 45 \u00b7 3h", the
    Facebook comments plugin's, in any language its buttons are known in; a webmention's
    "Antwort auf Mastodon \u00b7 4. März 2024, 19:12"), or None."""
    if "\u00b7" not in s:
        return _date_then_buttons(s)
    parts = [p.strip() for p in s.split("\u00b7")]
    dates = [p for p in parts if p and not p.isdigit() and is_timestamp(p)]
    rest = [p for p in parts if p and p not in dates]
    buttons = all(p.isdigit() or BUTTONS.match(p) or _VIA.match(p) for p in rest)
    # (a word among them, not only a post's number: "#1 \u00b7 12 Mar 2024" is a head)
    worded = any(re.search(r"[^\W\d_]", p) for p in rest)
    return dates[0] if len(dates) == 1 and worded and buttons else None


#: A row's last words: buttons and counts ("Reply 11", "Trả lời Thích").
#: ("2小时前赞 86回复举报": a Chinese button needs no space before it.)
_BUTTON_TAIL = re.compile(
    rf"(?:(?:\s+|(?=[\u4e00-\u9fff]))(?:{_BUTTON_WORD}|\d[\d,.]*[kK]?))+$", re.IGNORECASE
)


def _date_then_buttons(s: str) -> str | None:
    """The date of a date followed by buttons and counts with no dot between them ("2
    hours ago Reply 11", "58 phút trước Trả lời 11"), or None."""
    if len(s) > 80 or not re.search(r"[^\W\d_]", s):
        return None
    tail = _BUTTON_TAIL.search(s)
    if tail is None or not re.search(r"[^\W\d_]", tail.group()):
        return None  # (a date's own last number is no count)
    head = s[: tail.start()].strip().rstrip("|\u2013-").strip()
    return head if head and is_timestamp(head) else None


def is_timestamp(line: str, cldr: bool = True) -> bool:
    """True when a line is nothing but a date and/or time ("Dec 30, 2019 03:19 PM"), or a
    row of buttons with one ("Like \u00b7 Reply \u00b7 3h"); `cldr=False`: in the words the
    rules spell, not CLDR's (`datewords`)."""
    if button_row_date(line.strip()) is not None:
        return True
    s = _DATE_SUFFIX.sub("", _WRITTEN_ON.sub("", _REVIEWED_IN.sub("", clean_line(line))))
    s = s.replace("\u200e", "").replace("\u200f", "")  # (direction marks: "14\u200f/3\u200f/2024")
    placed = _CJK_PLACE.match(s)
    month_day = placed and re.fullmatch(r"\d{1,2}-\d{1,2}", placed["date"])
    if placed and (month_day or is_timestamp(placed["date"])):
        return True
    if not s or len(s) > 64 or not re.search(r"\d", s):
        return bool(s) and bool(_AGO.match(s))
    if _AGO.match(s) or (cldr and cldr_ago(s)):
        return True
    # A word the rules do not know may be a language's own date word ("jeu. 14 mars 2024")
    worded = bool(_DATE_TOKEN.sub(" ", s).strip())
    if worded and not (cldr and only_date_words(s)):
        return False
    # Need a real date or time, not just a number ("2019" alone is a heading or a count);
    # with words from CLDR, one time ("de 8:00 a 17:00" is opening hours, not a date).
    return bool(
        (re.search(_TIME, s) and not (worded and len(re.findall(_TIME, s)) > 1))
        or (cldr and names_month(s))
        or re.search(_MONTH, s, re.IGNORECASE)
        # (not a version: "Chrome 122.0.0.0")
        or re.search(r"(?<![\d.])\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\.\d)", s)
        # (dotted with spaces: Czech, Slovak "14. 3. 2024", Korean, Hungarian "2024. 3. 14.")
        or _DOTTED_DATE.search(s)
        or re.search(r"\d[.\s/-]?(?:fev|abr|mai|ago|set|out|dez|ene|dic)[.\s/-]?\d", s, re.I)
        or re.search(r"\d{1,2}\s?[\u6708\uc6d4]\s?\d{1,2}\s?[\u65e5\uc77c]", s)
        or re.search(r"\d\s+tháng\s+\d", s, re.IGNORECASE)  # Vietnamese: "14 tháng 3, 2024"
    )


# A name glued to the date after it: "IwonaMay 30, 2019", "Sana6. Juni 2015".
_GLUED_DATE = re.compile(
    r"(?<=[^\W\d_])(?=(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\s+\d)"
    rf"|(?<=[^\W\d_])(?=\d{{1,2}}\.\s*(?i:{_MONTH})\s+\d{{4}})"
    # Waline: "阿杰在路上冒泡2024-03-18", "Jo博主5 天前" (name, badge, date run together)
    r"|(?<=[\u4e00-\u9fff])(?=\d{4}-\d{2}-\d{2}\b|\d{1,2}\s*(?:\u5929|\u5c0f\u65f6|\u5206\u949f)\u524d)"
)
# ---- threads: forums, mailing lists, Reddit, Disqus -----------------------------------

#: Who a message went to, under its head: "to Sastra Politics", "to kh-news, Jo Lim".
RECIPIENTS = re.compile(r"^to\s+[^\s.!?]+(?:\s[^\s.!?]+){0,4}(?:,\s[^,.!?]+){0,3}$")

# A Chinese forum's profile field and its count: "文章 328" (posts), "積分 1,204" (points).
_CJK_FIELD = (
    r"(?:文章|積分|积分|帖子|主題|主题|精華|精华|威望|金錢|金钱|發文|发文)\s*[:\uff1a]?\s*[\d,]+"
)
# Forum, list-archive and thread furniture: profile lines, counters, subjects, buttons.
#: The colons after a field's or a label's name: ":", and Khmer's own ("ចូលរួម៖ 15 មករា 2008").
COLONS = (":", "\u17d6")
_COLON = "[" + "".join(COLONS) + "]"
#: Profile-box field names FORUM and PROFILE both know, in more languages ("Desde:",
#: "Dabei seit:", "Inscrit le:", "Registrierungsdatum:"), and a poster's online state
#: ("Statut: Hors ligne"; not any "status: ..." line of text).
_FIELD_NAMES = (
    r"desde|localização|wohnort|herkunft|dabei\s+seit|inscrit\s+le|localisation|lieu|iscritto"
    r"|località|lid\s+sinds|woonplaats|dołączył|skąd"
    r"|registrierungsdatum|registration\s+date|fecha\s+de\s+registro|date\s+d.inscription"
    r"|threads"  # (MyBB's: "Posts: 96 / Threads: 3")
    r"|gender|karma|age"  # (SMF's: "Karma: +4/-2", "Gender: Male")
    # (and MyBB's in German, French, Spanish: topics, registered since, reputation)
    r"|themen|registriert\s+seit|bewertung|sujets|inscrit\s+depuis|r\u00e9putation|temas"
    r"|registrado\s+desde|reputaci\u00f3n|agradecimientos"
    # Chinese forums' (phpwind, Discuz!): rank, posts, best posts, prestige, money, credit,
    # registered, last login, online time, user group, from
    r"|级别|級別|等级|等級|发帖|發帖|精华|精華|威望|金钱|金錢|贡献值|貢獻值|注册时间|註冊時間"
    r"|最后登录|最後登錄|在线时间|在線時間|用户组|用戶組|来自|來自"
    r"|" + alternation("fields")  # the Southeast Asian language packs' (`forumwords`)
)
_ONLINE_STATE = (
    r"(?:statut|status|estado|stato)\s*:\s*(?:hors\s+ligne|en\s+ligne|on-?line|off-?line"
    r"|conectado|desconectado|(?:non\s+)?in\s+linea)"
)
# A forum poster's rank under the name: "Senior Member", "Moderator", "Newbie" (or its
# group: MyBB's "Super Moderators"; not "Moderators" alone, a sidebar's heading).
_RANK = (
    r"(?:[\w\-.]+\s+){0,2}(?:member|mitglied)|(?:nouveau\s+|nuevo\s+)?(?:membre|miembro)(?:\s+[\w\-]+){0,2}"
    r"|(?:global(?:er)?\s+)?moderator|super\s+moderators|neuling|posting-freak|administrator"
    r"|newbie|legendary"
    r"|community\s+manager|site\s+admin|unregistered|usuario|moderador|administrador"
    r"|newcomer|veteran|rookie|novice|(?:top\s+|regular\s+)?contributor"  # (Vanilla's)
    r"|mod\u00e9rat(?:eur|rice)s?"
    r"|administrat(?:eur|rice)s?|moderatore|amministratore|moderatorin"
    r"|" + alternation("ranks")  # the Southeast Asian language packs' (`forumwords`)
)
# A comment export's record id line: "[3] post dsq:id=4058716340", "comment id: 812".
_RECORD_ID = (  # ("post id: 61315", "[3] comment id=61315", or a bare "post 6131550401")
    r"(?:\[\d{1,5}\]\s+)?(?:post|comment|thread)\s+(?:[\w:]{0,20}id\s*[=:]\s*|(?=\d{6,}$))"
    r"(?P<id>\S+)"
)
RECORD_ID = re.compile(f"^{_RECORD_ID}$", re.IGNORECASE)
# A mail's disclaimer: "CAUTION: This email originated from outside of the
# organization...", "CONFIDENTIALITY NOTICE: This e-mail and any attachments are..."
_DISCLAIMER = (
    r"(?:\[?external\]?\s*)?caution\s*:\s*this\s+e-?mail\s+originated\s+from\s+outside.*"
    r"|(?:[\w ]{2,30}:\s*)?this\s+e-?mail(?:\s+message)?\s+"
    r"(?:and\s+any\s+(?:attachments?|files?)(?:\s+\S+){0,3}\s+)?"
    r"(?:is|are|may\s+(?:be|contain))\s+(?:strictly\s+)?(?:confidential|privileged|intended"
    r"\s+(?:only|solely)).*"
)
DISCLAIMER = re.compile(f"^(?:{_DISCLAIMER})$", re.IGNORECASE)
FORUM = re.compile(
    r"^(?:(?:posts|joined|join\s+date|location|reputation|rep\s+power|thanks|likes\s+received"
    r"|messages|member\s+since|registered|beiträge|mitglied\s+seit|registriert|karma|activity"
    r"|merit|стаж|сообщений|откуда|репутация|зарегистрирован|beigetreten"
    r"|mensajes|mensagens|messaggi|publicaciones|registrado|ubicación|group|gruppe|"
    + _FIELD_NAMES
    + r")\s*"
    + _COLON
    + ".*|"
    + _ONLINE_STATE
    # a comment export's record: its id line, its fields with a machine's values
    # ("isDeleted: false isSpam: false", "ipAddress: [removed]", "parent: -"), and
    # "message:" over its text
    + "|"
    + _RECORD_ID
    + r"|(?:[a-z_]{2,20}\s*:\s*(?:true|false|null|none|-|\[[^\]]{0,20}\]|\d{6,})(?:\s+|$))+"
    + r"|message:|post\s+id\s*:\s*\d+\b.*|exported\s+by\s*:.*|flagged\s*:\s*\d+\s+flags?\b.*"
    + r"|end\s+of\s+thread\s+\d+\b.*"  # (and the export's end: "end of thread 954102 (14 posts)")
    + r"|top|nach\s+oben|arriba|gespeichert|journalis\u00e9"
    r"|quote|reply\s+with\s+quote|multi-?quote|post\s+reply|new\s+topic"
    # (vBulletin in Spanish: the post icon's "Default", "Reply With Quote", the thread's
    # neighbours and who is reading it)
    r"|predeterminado|responder\s+con\s+cita|«?\s*tema\s+anterior\s*\|\s*pr\u00f3ximo\s+tema\s*»?"
    r"|usuarios\s+viendo\s+este\s+tema\s*:.*|herramientas(?:\s+buscar\s+en\s+tema)?(?:\s+desplegado)?"
    r"|(?:mostrar\s+versi\u00f3n\s+imprimible\s*)+|enviar\s+por\s+email\b.*"
    r"|modo\s+(?:lineal|h\u00edbrido|arbolado)\b.*|reglas\s+de\s+mensajes"
    r"|thread\s+tools"
    r"|(?:latest\s+comment|first\s+post|last\s+post|\u00faltim[oa]\s+(?:respuesta|comentario)|letzter\s+kommentar"
    r"|dernier\s+commentaire)\s*:.*|\d+\s+participants|discussion\s+overview|\d+\s+(?:people|personas|personnes|personen|persone|pessoas)"
    r"\s+(?:in|en|an|na|nella)\s+(?:the\s+|la\s+|der\s+|a\s+)?(?:discussion|discusi\u00f3n"
    r"|diskussion|discussione|discuss\u00e3o)|រូបតំណាង\s.*"  # Khmer: "avatar of NAME"
    r"|(?:zuletzt\s+)?bearbeitet\s+(?:von|am)\s.*|(?:last\s+)?edited\s+by\s.*|reason:\s.{1,80}"
    r"|derni\u00e8re\s+\u00e9dition\s+par\s.*|\u00faltima\s+edici\u00f3n\s+por\s.*"
    r"|ultima\s+modifica\s+di\s.*"
    r"|\d+\s+(?:posts?|bài\s+viết|beiträge|messages|mensajes|mensagens|messaggi)\s*•.*|\d[\d.,]*\s+(?:postings?|posts?|beiträge|messages|contributions)"
    r"|page\s+\d+\s+(?:of|sur)\s+\d+|seite\s+\d+\s+von\s+\d+|p\u00e1gina\s+\d+\s+de\s+\d+|results\s+\d+\s+to\s+\d+\s+of\s+\d+"
    # (not a post's head: "Re:Title 2009/11/14 21:40 #12877", Fireboard)
    r"|re:\s.+|re\[\d{1,3}\]:\s?\S.*|re:(?!.*\d{1,2}:\d{2}(?:\s+#\d+)?$)\S.*"
    r"|(?:subject|thread|topic|betreff|objet|asunto)\s*:.*|messages\s+sorted\s+by:?.*"
    r"|#?index\s+previous\s+next"  # (pipermail's links over a message, as lynx prints them)
    # hypermail: the message's menus, its thread's links ('Reply: Jo: "Re: Title"'), the
    # date it came and the archive's credit
    r"|(?:this\s+message|related\s+messages|contemporary\s+messages\s+sorted)\s*:\s*\[.*"
    r"|(?:(?:maybe\s+)?in\s+reply\s+to|(?:maybe\s+)?reply)\s*:\s+\S.{0,60}?:\s+[\"\u201c].*"
    r"|received\s+on\s+\S.{4,60}|this\s+archive\s+was\s+generated\s+by\s+hypermail\b.*"
    # a post's attachments (Malay, Indonesian), each file with its size
    r"|lampiran\s*:\s*\S.*|\S{1,80}\.(?:jpe?g|png|gif|webp|pdf|zip|docx?|xlsx?)\s*\(\s*[\d.,]+\s*[kmg]i?b\b.*\)"
    # public-inbox: the thread's overview around each message ("@ 2024-03-12 11:02 ` Jo",
    # "` (3 more replies)", "0 siblings, 4 replies; 11+ messages in thread"), the links
    # under it and over the page
    r"|@?\s*\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}\s.{0,200}?`\s+\S.{0,60}"
    r"|`\s*\(\d+\s+more\s+repl(?:y|ies)\)|\d+\s+siblings?,\s+\d+\s+repl(?:y|ies);.*"
    r"|\^?\s*permalink\s+raw\s+reply\b.*|help\s*/\s*color\s*/\s*mirror\s*/\s*atom\s+feed"
    r"|to:\s.{1,200}?;\s*\+cc:\s.*"  # its recipients, no address: "To: Jo; +Cc: libc-alpha"
    # phpwind: "本页主题: TITLE 打印 | ..." (this page's topic), its query-time footer
    r"|(?:本页主题|本頁主題)\s*[:\uff1a].*|total\s+[\d.]+\(s\)\s+query\s+\d+.*"
    r"|(?:to|cc|bcc|reply[-\s]to|delivered-to|sender|an|à|para)\s*:.*(?:@|\sat\s|_at_|<|\[email\s).*|to\s+\S*[\-@.]\S*(?:,\s*\S+)*|(?:message-id|in-reply-to|references)\s*:.*"
    # (a copy's recipients named without an address: "Cc: 'Pierre Lemaire'", Outlook's;
    # its recipients' names, "To: Jo Lim; Kim", and its files, "Attachments: x.docx",
    # LISTSERV's "Parts/Attachments: text/plain (22 lines)")
    r"|b?cc\s*:\s*[^.!?]{1,120}|to\s*:\s*[^.!?;]{1,60};[^!?]{1,200}|(?:parts/)?attachments?\s*:\s+\S.{0,200}"
    # a digest's headers of each message: its number, its MIME lines, a header's value
    # folded onto the next line ("Message-ID:" / "<...@mail.gmail.com>")
    r"|message:\s*\d{1,4}|(?:content-type|content-transfer-encoding|mime-version)\s*:.*"
    # a news or mail message's other headers: "Newsgroups: soc.culture.x", "Message-ID: <...>"
    r"|(?:newsgroups|message-id|references|in-reply-to|followup-to|nntp-posting-host|xref"
    r"|user-agent|thread-index|thread-topic|x-[a-z\-]{2,30})\s*:.*"  # (Outlook's thread lines)
    r"|<?[^<>\s]{1,120}@[^<>\s]{1,120}>"  # (its "<" may be cut as a bullet)
    r"|(?:showing|displaying|viewing)\s+(?:comments?\s+|posts?\s+|replies\s+|results?\s+)?"
    r"\d+\s*(?:-|\u2013|to)\s*\d+\s+of\s+\d+.*|parent|embed|hot|new|old|best|controversial"
    r"|(?:hot|top|new|old|best|controversial|rising|chat)(?:\s+(?:hot|top|new|old|best"
    r"|controversial|rising|chat))+"
    r"|(?:prev(?:ious)?|next)\s+(?:message|by\s+(?:date|thread)|in\s+thread)\s*:.*|index(?:\(?es\)?)?:"
    # and Sympa's in Spanish, French, English: "Mensaje anterior por fecha: X", "Message
    # suivant par fil : X", "Previous message by thread: X"
    r"|mensaje\s+(?:anterior|siguiente)(?:\s+por\s+(?:fecha|tema))?\s*:.*"
    # (pipermail's in Spanish: "Siguiente mensaje: X", "Mensajes ordenados por: [ fecha ]",
    # its footer "Más información sobre la lista de distribución X")
    r"|siguiente\s+mensaje\s*:.*|mensajes\s+ordenados\s+por\s*:.*"
    r"|m\u00e1s\s+informaci\u00f3n\s+sobre\s+la\s+lista\s+de\s+distribuci\u00f3n\b.*"
    r"|message\s+(?:pr\u00e9c\u00e9dent|suivant)(?:\s+par\s+(?:date|fil|sujet))?\s*:.*"
    r"|(?:previous|next)\s+message\s+(?:by\s+(?:date|thread)|\(by\s+(?:date|thread)\))\s*:.*"
    r"|posted\s+in\s+group\s*:.*"  # (Google Groups' print view, under each message's head)
    # (and in French: "Messages triés par : [ date ]", "Plus d'informations sur la liste de
    # diffusion X")
    r"|messages\s+tri\u00e9s\s+par\s*:.*|plus\s+d['\u2019]informations\s+sur\s+la\s+liste\s+de\s+diffusion\b.*"
    # and pipermail's in German: "Vorherige Nachricht:", "Nachrichten sortiert nach: [ Datum ]"
    r"|(?:vorherige|n\u00e4chste)\s+nachricht\s*:.*|nachrichten\s+sortiert\s+nach\s*:.*"
    # and in French: "Préc. par date :", "Suiv. par fil :", "Références :", its credit
    r"|(?:pr\u00e9c|suiv)\.\s+par\s+(?:date|fil)\s*:.*|r\u00e9f\u00e9rences\s*:.*"
    r"|page\s+g\u00e9n\u00e9r\u00e9e\s+par\s+mhonarc\b.*"
    r"|more\s+information\s+about\s+the\s+.*mailing\s+list|back\s+to\s+the\s+thread\s+list"
    # Mailman's footer under a message: "Camdev-L mailing list", its address (its "@"
    # spelt "at"), its listinfo page
    r"|-*\s*next\s+part\s*-+|an\s+html\s+attachment\s+was\s+scrubbed\.*|url:\s*<\S+>?"
    # (and in German: "nächster Teil", "Ein Dateianhang mit HTML-Daten wurde abgetrennt...",
    # "Mehr Informationen über die Mailingliste X")
    r"|-*\s*n\u00e4chster\s+teil\s*-+|ein\s+dateianhang\s+mit\s+html-daten\s+wurde\s+abgetrennt\.*"
    r"|mehr\s+informationen\s+\u00fcber\s+die\s+mailingliste\s+.*"
    # Outlook's line over the message a reply quotes in full ("-----Original Message-----")
    r"|-*\s*(?:original\s+message|urspr\u00fcngliche\s+nachricht|message\s+d['\u2019]origine"
    r"|mensaje\s+original|messaggio\s+originale)\s*-*"
    # and a file's: "A non-text attachment was scrubbed...", its Name, Type, Size, Desc
    r"|a\s+non-text\s+attachment\s+was\s+scrubbed\.*|type:\s*[\w.+\-]+/[\w.+\-]+"
    r"|size:\s*\d[\d,]*\s+bytes|desc:\s*.{0,80}"
    r"|\[cid:[^\]]{1,80}\]"  # an inline image of a mail, as the archive shows it
    # an avatar's alternative text: "Jo Lim's profile photo", "Avatar of Jo", "jo avatar"
    r"|(?!.*[.!?]\s)\S.{0,59}?(?:'s|\u2019s)?\s+(?:profile\s+(?:photo|picture|image|pic)|(?:user\s+)?avatar)"
    r"|(?:avatar|profile\s+(?:photo|picture))\s+(?:of|for)\s+[^.!?]{1,60}|(?:user\s+)?avatar"
    r"|benutzeravatar|avatar\s+de\s+l['\u2019]utilisateur|avatar\s+del\s+usuario"  # (phpBB's)
    # (and in French, Spanish, German: "Photo de profil de Jo", "Foto de perfil de Jo")
    r"|(?:photo\s+de\s+profil|foto\s+de\s+perfil|profilbild)\s+(?:de|von)\s+[^.!?]{1,60}"
    # phpBB 3's contact menu in the profile box, under "Contact:": "Contact Jo Lim"
    r"|contact\s+[^\s.!?:]+(?:\s+[^\s.!?:]+){0,2}"
    + "|"
    + _DISCLAIMER
    + r"|\S.{0,60}\s+mailing\s+list|[\w.\-]+\s+at\s+[\w\-]+(?:\.[\w\-]+)+|https?://\S+/mailman/listinfo\S*"
    r"|(?:older|newer)\s+thread\s*:.*|-?\s*(?:show|hide)\s+quoted\s+text\s*-?"
    r"|-?\s*(?:afficher|masquer)\s+le\s+texte\s+des\s+messages\s+pr\u00e9c\u00e9dents\s*-?"
    r"|-?\s*(?:mostrar|ocultar)\s+texto\s+citado\s*-?|-?\s*zitierten\s+text\s+(?:anzeigen|ausblenden)\s*-?"
    r"|" + _RANK + "|" + _CJK_FIELD + r"|logged|go\s+(?:up|down)"
    # XenForo's reactions under a post: "Jo, Sita and 14 others"
    r"|[^.!?]{1,100}\sand\s\d[\d,]*\s+others?"
    # and in Thai, Vietnamese, Indonesian and Malay ("Jo, Sita และ 4 อื่นๆ")
    r"|[^.!?]{1,100}\s(?:และ|và|dan)\s\d[\d,]*\s*(?:อื่น\s*ๆ|người\s+khác|(?:orang\s+)?lainnya)"
    # and ProBoards': "Jo likes this", "Jo, Sita, and 4 more like this"; its "Post Options"
    r"|[^\s,]+(?:\s[^\s,]+){0,2}\s+likes\s+this"
    # (a few words after the last "and": "... and 4 more like this", not a sentence's
    # wrapped line, "... and I've never seen anything like this")
    r"|[^.!?]{1,120}?(?:,|\sand)\s(?:\S+\s){0,2}?\S+\slike\s+this"
    # Flarum's, of user names (which may hold dots), with a full stop: "jo.k likes this.",
    # "jo.k, Pich and 5 others like this."; who answered a post ("jo.k replied to this."),
    # and a discussion's events
    r"|[^\s,]+\s+likes\s+this\.?"
    # (XenForo 1's names may be two or three words: "Jo, Visal Chea and 2 others like this.")
    r"|[^\s,]+(?:\s[^\s,]+){0,2}(?:,\s[^\s,]+(?:\s[^\s,]+){0,2})*,?\s+and\s+"
    r"(?:\d+\s+others?|[^\s,]+(?:\s[^\s,]+){0,2})\s+like\s+this\.?"
    r"|[^\s,]+(?:(?:,|\sand)\s[^\s,]+){0,3}\s+replied\s+to\s+this\.?"
    r"|\S{1,40}\s+(?:changed\s+the\s+title\s+from\s.{1,200}|(?:added|removed)\s+the\s.{1,60}\stags?\.?"
    r"|(?:stickied|unstickied|locked|unlocked)\s+the\s+discussion\.?)"
    # and its scrubber: "Original Post / 1 of 15 / March 2024 / Now"
    r"|original\s+post|\d+\s+of\s+\d+|now"
    # Invision: "Share this post", its reactions each with its count ("Like 9 Thanks 2"), an
    # edit's note ("Edited February 13, 2023 by jo")
    r"|share\s+this\s+post|(?:(?:like|thanks|haha|sad|confused|upvote)\s+\d[\d,]*\s*)+"
    # (and in French: "Jo et 2 autres ont réagi à ceci  3", "Partager ce message")
    r"|[^.!?]{1,100}\s(?:a|ont)\s+r\u00e9agi\s+\u00e0\s+ceci(?:\s+\d+)?|partager\s+ce\s+message"
    r"|lien\s+vers\s+le\s+commentaire|partager\s+sur\s+d['\u2019]autres\s+sites"
    # (and in German: "Diesen Beitrag teilen", "Link zu diesem Kommentar", "Auf anderen Seiten
    # teilen", "Gefällt mir 3", a gap's "2 Monate später...")
    r"|diesen\s+beitrag\s+teilen|link\s+zu\s+diesem\s+(?:kommentar|beitrag)|auf\s+anderen\s+seiten\s+teilen"
    r"|(?:gef\u00e4llt\s+mir|danke)\s+\d[\d.]*|\d+\s+(?:monate?|jahre?|wochen?|tage?)\s+sp\u00e4ter\.*"
    r"|edited\s+\S.{3,40}?\s+by\s+\S.{0,40}|modifi\u00e9\s+\S.{3,40}?\s+par\s+\S.{0,40}"
    # Vanilla's reactions under a post, each with its count: "Insightful 7 Awesome LOL"
    r"|(?:(?:insightful|awesome|lol|like|agree|disagree|funny|woot|dislike|abuse|spam|off\s+topic)"
    r"(?:\s+\d[\d,]*)?\s*){3,}"
    r"|a\s+[^.!?]{1,120}?\s+les?\s+gusta\s+esto\.?"  # "A Jo y Sita les gusta esto."
    # Ikonboard, YaBB: under each post
    r"|back\s+to\s+top(?:\s+profile)?(?:\s+pm)?(?:\s+e-?mail)?(?:\s+ip:\s*logged)?|ip:?\s+logged"
    r"|post\s+options|message\s+detail"
    r"|comment\s+actions|(?:parent\s+)?thread"  # AO3
    # Hupu: the poster's province ("发布于广东", posted from Guangdong), likes ("亮了(56)")
    r"|\u53d1\u5e03\u4e8e\S{1,10}|\u4eae\u4e86\s*[(\uff08]\d[\d,]*[)\uff09]"
    r"|accepted\s+solution|(?:\d[\d,]*\s+)?kudos|message\s+\d+\s+of\s+\d+"  # Khoros
    r"|\(\d[\d,]*\s+views?\)"
    r"|pages:\s.{1,40}|author\s+topic:.*"
    # (a post's score, "214 points (91% upvoted)", and in Spanish)
    r"|(?:\d[\d.,]*\s+(?:points?|puntos?)\s+\()?\d+%\s+(?:upvoted|votos\s+positivos)\)?"
    r"|(?:permalink|embed|save|parent|report|reply|share|hide|give\s+award)"
    r"(?:\s+(?:permalink|embed|save|parent|report|reply|share|hide|give\s+award|follow))+"
    # (and in Spanish: "enlace permanente embed guardar padre informar responder")
    r"|(?:enlace\s+permanente|embed|guardar|padre|informar|responder)"
    r"(?:\s+(?:enlace\s+permanente|embed|guardar|padre|informar|responder|compartir|ocultar))+"
    r"|who\s+is\s+online|jump\s+to|return\s+to\s+.{1,60}|powered\s+by\s+.{1,80}"
    # SMF's: who reads the topic, the profile box's links
    r"|.{0,200}\s(?:guests?|users?)\s+are\s+viewing\s+this\s+(?:topic|board)\.?"
    r"|view\s+profile|personal\s+message\s+\((?:offline|online)\)"
    # (and in French, a list archive's foot: "Haut de page", "Archives gérées par MHonArc",
    # "Propulsé par Sympa 6.2.40")
    r"|haut\s+de\s+page|propuls\u00e9\s+par\s+.{1,80}|archives\s+g\u00e9r\u00e9es\s+par\s+.{1,80}"
    # XenForo's quick reply: "Upload a File", "More Options..."
    r"|upload\s+a\s+file|more\s+options(?:\.{3}|\u2026)?"
    r"|style\s+by\s+.{1,80}"  # (a phpBB style's credit: "Style by Arty - phpBB 3.3 by MrGaby")
    # and phpBB 3's topic tools and footer in its German, French and Spanish packs: topic
    # options, search this topic, return to, jump to, who is online
    r"|topic\s+options|themen-optionen|options\s+du\s+sujet|opciones\s+del\s+tema"
    r"|(?:search\s+this\s+topic|suche\s+in\s+diesem\s+thema|rechercher\s+dans\s+ce\s+sujet"
    r"|buscar\s+en\s+este\s+tema)\s*(?:…|\.\.\.)?|zur\u00fcck\s+zu\s+.{1,60}|retourner\s+\u00e0\s+.{1,60}"
    r"|volver\s+a\s+.{1,60}|gehe\s+zu|aller\s+\u00e0|ir\s+a|wer\s+ist\s+online\??|qui\s+est\s+en\s+ligne\s*\??"
    r"|\u00bf?qui\u00e9n\s+est\u00e1\s+conectado\??"
    r"|send\s+topic\s+to\s+a\s+friend"  # Snitz
    # a jump-to menu's options in a row: "Select a forum  News  Travel ..."
    r"|(?:select\s+a\s+forum|s\u00e9lectionner\s+un\s+forum|forum\s+ausw\u00e4hlen|seleccione\s+un\s+foro)\b.*"
    r"|display\s+posts\s+from\s+previous:?.*"
    # and phpBB 2's French: display posts from, all posts, the sort order's choices
    r"|montrer\s+les\s+messages\s+depuis:?.*|tous\s+les\s+messages"
    r"|(?:le\s+plus\s+(?:ancien|r\u00e9cent)\s+en\s+premier|(?:oldest|newest)\s+first)"
    # phpBB in Vietnamese: jump to, return to, display posts from previous, sort by, users
    # browsing this forum
    r"|chuyển\s+đến:?|quay\s+về\s+.{1,60}|hiển\s+thị\s+những\s+bài\s+viết\s+từ\s+trước:?.*"
    r"|sắp\s+xếp\s+theo:?.*|đang\s+xem\s+chuyên\s+mục\s+này:?.*"
    r"|chỉ\s+mục\s+diễn\s+đàn|"
    + alternation("thread_furniture")
    + r"|users\s+browsing\s+this\s+(?:forum|thread|topic)\b.*"
    # (and phpBB's in Spanish and French; its "all times are UTC" too)
    r"|usuarios\s+navegando\s+por\s+este\s+foro\b.*|utilisateurs\s+parcourant\s+ce\s+forum\b.*"
    r"|thema\s+an\s+einen\s+freund\s+senden|benutzer,\s+die\s+gerade\s+dieses\s+thema\s+anschauen\b.*"
    r"|todos\s+los\s+horarios\s+son\s+\S.*|tous\s+les\s+horaires\s+sont\s+\S.*"
    # (a language pack's credit: "Traducción al español por Jo para phpbb-es.com")
    r"|traducci\u00f3n\s+al\s+espa\u00f1ol\s+por\s+\S.*|traduction\s+fran\u00e7aise\s+(?:par|officielle)\b.*"
    r"|deutsche\s+\u00fcbersetzung\s+durch\s+\S.*"
    # (its style's credit, "Style prosilver created by phpBB Limited", and its privacy and
    # terms links, in English, Spanish, French and German)
    r"|(?:style|estilo)\s+\S+\s+(?:created\s+by|creado\s+por|cr\u00e9\u00e9\s+par|erstellt\s+von)\s+\S.*"
    r"|(?:privacy|privacidad|confidentialit\u00e9|datenschutz)\s*\|\s*(?:terms|condiciones|conditions"
    r"|nutzungsbedingungen)"
    r"|there\s+(?:is|are)\s+currently\s+\d+\s+users?\s+browsing\s+this\b.*"
    r"|hiện\s+có\s+\d+\s+người\s+đang\s+xem\s+chủ\s+đề\s+này\b.*"
    r"|\d+\s+guests?\s+and\s+\d+\s+members?\s+are\s+browsing\b.*"
    r"|page\s+(?:generated|created)\s+in\s+[\d.]+\s+seconds\b.*"
    r"|seite\s+erstellt\s+in\s+[\d.,]+\s+sekunden\b.*|page\s+cr\u00e9\u00e9e\s+en\s+[\d.,]+\s+secondes\b.*"
    r"|p\u00e1gina\s+creada\s+en\s+[\d.,]+\s+segundos\b.*"
    r"|save|hide|share\s*\u203a|(?:reply|like)(?:\s*·\s*(?:reply|like|share))+"
    # Slashdot: a comment's subject with its moderation ("Title (Score:4, Informative)"),
    # the links under a poster's name
    r"|\S.{0,150}?\(score:\s*-?\d+(?:,\s*[^\W\d_]+)?\)|homepage|journal"
    # MyBB's buttons under a post: "PM Find", "Website PM Find"
    r"|(?:(?:email|website)\s+)*pm\s+find"
    # vBulletin's thanks count under the profile: "Thanked 9 Times in 6 Posts" (and Spanish)
    r"|(?:thanked|agradecido)\s+\d[\d.,]*\s+(?:times?|veces)\s+(?:in|en)\s+\d[\d.,]*\s+posts?"
    # (and in German, French, Spanish, "Find" perhaps alone: "Website Suchen", "Suchen")
    r"|(?:(?:e-?mail|website|webseite)\s+)*(?:pm\s+)?(?:suchen|rechercher|buscar)"
    # new Reddit's fold under a comment: "2 more replies"
    r"|\d[\d,]*\s+more\s+repl(?:y|ies)"
    # Substack's: "4 more comments...", a comment's fold ("Expand full comment",
    # "Collapse"), the post's author's like ("Liked by Jo"), a commenter's own newsletter
    # under their name ("Writes Mekong Notes")
    r"|\d[\d,]*\s+more\s+comments?(?:\.{2,3}|\u2026)?|expand\s+full\s+comment|collapse"
    r"|\d[\d,]*\s+repl(?:y|ies)\s+by\s+[^.!?]{1,60}"  # (its fold: "2 replies by Jo and others")
    r"|liked\s+by\s+[^.!?]{1,60}|writes\s+(?-i:[A-Z][^\s.!?]*(?:\s+(?:[A-Z][^\s.!?]*|of|the|from|and|in|on|for)){0,6})"
    r"|posting\s+(?:permissions|rules)|you\s+may\s+(?:not\s+)?(?:post|edit|reply|attach)\b.*"
    # HyperKitty's thread tools: "Add to favorites Remove from favorites"
    r"|(?:(?:add\s+to|remove\s+from)\s+favou?rites\s*){1,2}"
    r"|\+?\d{1,4}/-\d{1,4}"  # (and a message's votes: "+2/-0", its "+" cut as a bullet)
    # phpBB's choices under a topic's posts: "Display: [All posts] Sort by: [Post time] ..."
    r"|display(?:\s+posts\s+from\s+previous)?\s*:\s*\[[^\]]{1,40}\]\s+sort\s+by\s*:.*"
    # Infopop UBB's: "Post New Topic  Post A Reply", "Hop To:", "Administrative Options: ..."
    # (and phpBB 2's "Post new topic   Reply to topic    SITE Forum Index -> FORUM")
    r"|post\s+new\s+topic(?:\s+post\s+a\s+reply|\s+reply\s+to\s+topic\b.*)?|hop\s+to:?"
    r"|select\s+a\s+forum:?"
    # phpBB 2's buttons under a post: "View user's profile Send private message Visit
    # poster's website", a messenger's name after them
    r"|view\s+user['\u2019]s\s+profile(?:\s+send\s+private\s+message)?(?:\s+send\s+e-?mail)?"
    r"(?:\s+visit\s+poster['\u2019]s\s+website)?(?:\s+(?:aim\s+address|yahoo\s+messenger"
    r"|msn\s+messenger|icq\s+number))*"
    r"|administrative\s+options:.*"
    # vBulletin 4's member menu under the name: "View Profile / View Forum Posts / Private
    # Message / View Blog Entries / Find latest posts"
    r"|view\s+(?:profile|forum\s+posts|blog\s+entries|articles)|private\s+message"
    r"|add\s+as\s+contact|find\s+(?:all|latest|more)\s+posts"
    # HyperKitty's thread box: "7 / participants / 9 / comments / Last active: / DATE",
    # its tag field
    r"|participants|last\s+active\s*:.*|add\s+a\s+tag\s*:"
    r"|all\s+times\s+are\s+\S.*|alle\s+zeiten\s+sind\s+\S.*|toutes\s+les\s+heures\s+sont\s+\S.*"
    r"|(?:delete\s+all\s+(?:board\s+)?cookies|alle\s+cookies\s+l\u00f6schen"
    r"|supprimer\s+tous\s+les\s+cookies|borrar\s+todas\s+las\s+cookies)|(?:bb\s+code|smilies|\[img\]\s+code|html\s+code)"
    r"\s+(?:is|are)\s+(?:on|off)|forum\s+rules|quick\s+navigation\b.*)$",
    re.IGNORECASE,
)
# A forum post's profile box under the poster's name: rank, join date, post count.
PROFILE = re.compile(
    r"^(?:(?:posts|joined|join\s+date|location|reputation|messages|member\s+since|registered"
    r"|activity|merit|contact|kontaktdaten|contacto"
    r"|beiträge|mitglied\s+seit|registriert|стаж|сообщений|откуда|зарегистрирован"
    r"|mensajes|mensagens|messaggi|publicaciones|registrado|group|gruppe|"
    + _FIELD_NAMES
    + r")\s*"
    + _COLON
    + ".*|"
    + _ONLINE_STATE
    + "|"
    + _RANK
    + "|"
    + _CJK_FIELD
    + r")$",
    re.IGNORECASE,
)
# The answered message over a chat reply (Twitch, YouTube live chat): "Replying to
# @jo: what jo wrote"; it belongs to the message after it.
_REPLY_LEAD = r"replying\s+to|in\s+reply\s+to|reply\s+to"
REPLY_CONTEXT = re.compile(
    rf"^(?:{_REPLY_LEAD})\s+(?:@(?P<author>[^\s:]{{1,40}})|(?P<name>[^\W\d_][^:@]{{0,40}}?)):"
    r"\s+(?P<quote>\S.*)$"
    # Mattermost, under the reply's head: "Commented on Jo Lim's message: TEXT"
    r"|^commented\s+on\s+(?P<author2>[^:]{1,40}?)['\u2019]s\s+(?:message|post|comment):"
    r"\s+(?P<quote2>\S.*)$"
    # Ghost, under the reply's head, naming no one: "replied to: TEXT"
    r"|^replied\s+to\s*:\s*(?P<quote3>\S.*)$",
    re.IGNORECASE,
)
# "level 2": the nesting depth of the next comment (Reddit's text view).
LEVEL = re.compile(r"^level\s+(?P<depth>\d{1,2})$", re.IGNORECASE)
# Who a reply answers: "Replying to Jo", "In reply to Jo", "@Jo:" alone.
REPLY_TO = re.compile(
    # Microsoft Community: "In reply to Jo Lim's post on March 14, 2024"
    r"^in\s+reply\s+to\s+(?P<author4>.{1,40}?)['\u2019]s?\s+(?:post|reply|answer|comment"
    r"|message)(?:\s+on\s+.{4,40})?$"
    rf"|^(?:{_REPLY_LEAD}|antwort\s+an|(?:en\s+)?réponse\s+à"
    r"|(?:en\s+)?respuesta\s+a|responder\s+a|r\u00e9pondre\s+\u00e0|als\s+antwort\s+auf|(?:en\s+)?réponse\s+au\s+commentaire\s+de"
    r"|antwort\s+auf(?:\s+(?:beitrag|kommentar|posting)\s+von)?|ឆ្លើយតបទៅ|in\s+response\s+to"
    # Finnish, Hungarian ("Előzmény: Jo (2)": the answered post and its number), Greek
    r"|membalas"  # Indonesian: "membalas Jo" (replying to Jo)
    r"|vastaus\s+käyttäjälle|előzmény\s*:|\u03b1\u03c0[\u03b1\u03ac]\u03bd\u03c4\u03b7\u03c3\u03b7\s+\u03c3\u03b5"
    r"|\u05d1\u05ea\u05d2\u05d5\u05d1\u05d4\s+\u05dc\s*:)"  # Hebrew: "in reply to:"
    r"\s+(?!(?:author|sender|all|this|thread|topic|post|comment|ce|cette|ces|este|esta)\b)"
    r"(?P<author>[^\s@].{0,40}?)"
    r"(?:\s+(?:le|on|am|el)\s+\d[\d/.:\-\s]*|\s+\(\d{1,5}\))?\s*:?$"  # "de Jo le 17/05/2023"
    rf"|^{_WEIBO_REPLY}$"  # Weibo: "回复@Jo:"
    # Bugzilla: "(In reply to Jo Lim from comment #2)"
    r"|^\(in\s+reply\s+to\s+(?P<author3>.{1,40}?)\s+from\s+comment\s+#\d+\)$"
    # a display name of two words or more mentioned alone ("@Bikash KC"; a handle has
    # none), each word capitalised ("@jo you monster" is a short reply)
    r"|^@(?P<author5>[^\W\d_][^@:\s]{0,30}(?:\s(?-i:[^\W\d_a-z])[^@:\s]{0,29}){1,3})$"
    # X, Gab: "Replying to @jo @kim" (the handles answered; the first is the parent's);
    # Waline's "@jo :" alone over a reply
    r"|^replying\s+to\s+@(?P<author6>[\w.]{1,30})(?:\s+@[\w.]{1,30})*$"
    r"|^@(?P<author7>[^\s@:\uff1a]{1,30})\s?[:\uff1a]$"
    # phpwind: "回 沙发(Jo) 的帖子" (in reply to the post on the "sofa" floor, Jo's)
    r"|^\u56de\s*\S{1,6}\s*[(\uff08](?P<author8>[^)\uff09]{1,40})[)\uff09]\s*\u7684\u5e16\u5b50$",
    re.IGNORECASE,
)


def reply_author(s: str) -> str | None:
    """The name a "Replying to Jo" line (`REPLY_TO`) answers, or None."""
    m = REPLY_TO.match(s)
    groups = ("author", "author2", "author3", "author4", "author5", "author6", "author7", "author8")
    return next((g for g in m.group(*groups) if g), None) if m else None


# The line that introduces a quoted parent: "On Tue, Jul 31, 2018 Jo wrote:",
# "Quote Originally Posted by Jo", "Zitat von Jo".
QUOTE_INTRO = re.compile(
    r"^(?:(?:on|am|le|el)\s.{4,120}\s(?:wrote|said|schrieb|a\s+écrit|a\s+dit|escribió|dijo)\s*:"
    r"|am\s.{4,60}\sschrieb\s.{1,60}:"  # "Am 03.03.2023 um 10:12 schrieb Jo Lim:"
    # XenForo's, the arrow its link to the post quoted: "Jo said: ↑"
    r"|[^\s:]{1,40}(?:\s[^\s:]{1,20}){0,2}\s+(?:said|wrote|a\s+dit|schrieb|escribi\u00f3|dijo):\s*\u2191"
    # (SMF's in German: "Zitat von: Jo am DATE")
    r"|(?:quote\s*:?\s*)?original(?:ly)?\s+posted\s+by\s+.{1,40}|zitat\s+von:?\s+.{1,80}"
    r"|nguyên\s+văn\s+bởi\s+.{1,40}"  # Vietnamese vBulletin: "originally posted by"
    + r"|"
    + alternation("quote_intros", colon=True)
    # "Quote:" alone over the quoted name's line in more languages; Burning Board's
    # "Zitat: / Original von Jo"
    + r"|(?:zitat|cita|citação|citation|citazione|citaat|cytat)\s*:|original\s+von\s+\S.{0,39}"
    # Asgaros: "Cita de Jo el 14 de mayo de 2024, 11:20"
    r"|cita\s+de\s+.{1,40}?(?:\s+el\s+.{4,40})?|citation\s+de\s+.{1,40}?\s*:?"
    r"|quote\s*\(.{1,40}?\s@\s.{4,40}\)"  # Ikonboard: "Quote (Jo @ Aug. 02 2003,10:41)"
    # Invision Power Board's citation: "Jo, on 14 March 2023 - 09:12, said:", in Indonesian,
    # French, German, Spanish, Portuguese
    r"|[^,]{1,40},\s+(?:on|pada|le|am|el|em)\s+[^,]{4,60}(?:,\s*\d{1,2}:\d{2})?,\s+"
    r"(?:said|berkata|a\s+dit|sagte|dijo|disse)\s*:"
    r"|in\s+reply\s+to"  # Element (Matrix): alone, over the name and the quoted message
    # "Jo wrote in #note-2:" (Redmine)
    r"|.{1,40}\s+wrote(?:\s+in\s+#[\w\-]{1,20})?\s*:|quote:|quote\s+from:?\s.{1,120}"
    r"|(?:ដក)?សម្រង់(?:ពី)?\s*:?\s.{1,120}"  # Khmer: "quote (from): Jo on DATE" (SMF)
    r"|\S{1,40}\s+posted\.{3}"  # GameFAQs
    r"|\u5f15\u7528"  # cnblogs: "引用" (quote) alone over the quoted line
    r"|ver\u00f6ffentlicht\s+von\s*:\s*@?\S{1,40}"  # wpForo's quote: "Veröffentlicht von: @jo"
    # NodeBB: "@Jo said in TITLE:", "@Jo a dit dans TITLE :", "@Jo hat in TITLE geschrieben:"
    r"|@.{1,40}?\s+(?:said\s+in|a\s+dit\s+dans|dijo\s+en|disse\s+em|hat\s+in)\s.{1,200}\s*:"
    r"|\S{1,40}\s+(?:писал(?:\(\u0430\)|\u0430)?|пишет):"  # Russian forums: "Jo wrote:"
    # Hupu: "引用 4楼 @Jo 发表的:" (quoting floor 4, @Jo's post); phpwind: "引用第1楼Jo于DATE
    # 发表的 :" (quoting Jo's post on floor 1 of DATE)
    r"|\u5f15\u7528\s*\u7b2c?\s*\d+\s*[\u697c\u6a13]\s*\S.{0,80}?\s*\u53d1\u8868\u7684\s*[:\uff1a]"
    # "Jo wrote:" in Khmer, French, Portuguese, Italian, Dutch, Polish, Turkish, Vietnamese,
    # Indonesian, Hungarian
    r"|.{1,40}\s+(?:\u1794\u17b6\u1793\u179f\u179a\u179f\u17c1\u179a|a\s+\u00e9crit|escreveu|ha\s+scritto|schreef"
    r"|napisa\u0142a?|yazd\u0131|\u0111\u00e3\s+vi\u1ebft|menulis|\u00edrta)\s*" + _COLON + ")$",
    re.IGNORECASE,
)
# A mail reply's line over the message it quotes: "On Thu, Oct 22, 2020 at 4:05 PM Jo Lim
# <jo at example.org> wrote:", "On 22 Oct 2020, at 15:40, Jo Lim <jo@example.org> wrote:".
_ON_WROTE = re.compile(
    r"^on\s+(?P<head>\S.{3,100}?)\s*(?:<[^<>]{3,80}>|\[[^\[\]]{3,80}\])\s+wrote\s*:$"
    # (no address: the date, a comma, the name: "On 3/3/2023 5:40 PM, Jo wrote:"; French:
    # "Le 3 mars 2021 à 21:14, Jo <jo@...> a écrit :")
    r"|^(?:on|le|el)\s+(?P<when>\S.{3,60}?),\s*(?P<name>[^\d\s,<>][^,<>]{0,39}?)"
    r"(?P<address>\s*\(?<[^<>]{3,80}>\)?)?\s+(?:wrote|a\s+\u00e9crit|escribi\u00f3)\s*:$"
    # (German: the name after the verb, "Am 14.03.2021 um 20:01 schrieb Jo <jo@...>:")
    r"|^am\s+(?P<when2>\S.{3,60}?),?\s+schrieb\s+(?P<name2>[^\d\s,<>][^,<>]{0,39}?)"
    r"(?P<address2>\s*<[^<>]{3,80}>)?\s*:$",
    re.IGNORECASE,
)


def mail_intro(s: str, bare: bool = False) -> tuple[str, str] | None:
    """The name and date of a mail reply's line over the message it quotes (`_ON_WROTE`):
    the longest date its words open with, the name after it; None when it has no date or
    no name, or (unless `bare`) no address ("On DATE, Jo wrote:" heads a quote as often
    as a message)."""
    m = _ON_WROTE.match(s)
    named = m and (m["name"] or m["name2"])
    if not m or (named and not (m["address"] or m["address2"]) and not bare):
        return None
    if named:
        name, when = named.strip("\"' "), m["when"] or m["when2"]
        ok = len(words(name)) <= 5 and is_timestamp(when)
        return (name, when) if ok else None
    parts = m["head"].split()
    for k in range(len(parts) - 1, 0, -1):
        when = " ".join(parts[:k]).rstrip(",")
        name = " ".join(parts[k:]).strip(",\"' ")
        dated = is_timestamp(when) or is_timestamp(_ZONE_OFFSET.sub("", when))
        if re.search(r"[^\W\d_]", name) and len(words(name)) <= 5 and dated:
            return name, when
    return None


#: A time zone with its offset after a time ("11:37:52 AM GMT+7", Yahoo Mail's intro).
_ZONE_OFFSET = re.compile(r"\s+(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?$")


# A mail header naming the sender: "From: Jo Smith <jo@example.org>" or a list archive's
# "Jo Smith jo at example.org".
MAIL_FROM = re.compile(
    # (Outlook's, for a list's message: "From: List [mailto:...] On Behalf Of Jo Lim")
    r"^(?:from|von|de)\s*:\s*.{1,80}?\s+(?:on\s+behalf\s+of|de\s+la\s+part\s+de|im\s+auftrag\s+von"
    r"|en\s+nombre\s+de)"
    r"\s+(?P<author3>[^<>\"]{1,60}?)"
    r"\s*(?:<[^>]+>|\[[^\]]+\])?$"
    r"|^(?:from|von|de)\s*:\s*\"?(?P<author>[^<>\"]{1,60}?)\"?\s*(?:<[^>]+>|\[[^\]]+\])?$"
    # (a comment export's record: "author: Jo Lim (jolim)", its user name after the name)
    r"|^author\s*:\s*(?P<author4>[^<>\"()\[\]]{1,60}?)\s*(?:\([^()]{1,60}\)|\[[^\]]{1,60}\])*$"
    # (and a thread report's: "#3  Jo Lim  (@jolim)  [Moderator]", its number, the user
    # name and a badge after the name)
    r"|^#\d{1,5}\s+(?P<author5>[^<>\"()\[\]@#]{1,60}?)\s+\((?:@[\w.\-]{1,40}|guest)\)(?:\s+\[[^\]]{1,30}\])?$"
    # (pipermail's sender, the address's "@" spelt "at", in Spanish "en")
    r"|^(?P<author2>[^\W\d_][\w .'\-]{1,40}?)\s+[\w.\-]+\s+(?:at|en)\s+[\w\-]+(?:\.[\w\-]+)+$",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    # (after the post's number: "#2 ប្រកាស : DATE", YAF's; after phpBB 2's post icon,
    # whose alternative text "Post" a dump glues to it: "PostPosted: DATE")
    r"^(?:#\d{1,6}\s+)?(?:(?:date|sent|datum|gesendet|envoyé|fecha|enviado|inviato|data|verzonden|wysłano"
    r"|отправлено|дата|опубликовано|(?:post\s?)?posted|erstellt|verfasst|geschrieben|publié|publicado"
    r"|pubblicato|geplaatst|napisano|написано|created(?:_?at)?|posté\s+le|publié\s+le"
    r"|\u1794\u17d2\u179a\u1780\u17b6\u179f)\s*"  # (Khmer: "ប្រកាស៖ DATE", phpBB 2's)
    + _COLON
    # a Chinese forum's "posted at", its colon optional, after the post's floor: the first
    # post (楼主), "sofa", "bench" and "floor" (the 2nd to 4th), "5楼" ("沙发 发表于: DATE")
    + rf"|(?:(?:楼主|樓主|沙发|沙發|板凳|地板|\d{{1,5}}\s?[楼樓#])\s*)?(?:{POSTED_ZH})\s*[:\uff1a]?"
    r")\s*"
    r"(?P<rest>(?P<when>.+?)"
    r"(?:\s+[+-]\d{4}(?:\s+\([A-Z]{2,5}\))?)?)$",
    re.IGNORECASE,
)
# An old-Reddit / Lemmy comment head: "[-] jo 57 points 1 year ago" (an en dash), or
# without the toggle, "jo 57 points 1 year ago".
THREAD_HEAD = re.compile(
    # (the poster's flair before the points: "[-] jo Phnom Penh 143 points 8 hours ago*",
    # the score perhaps hidden, an edit's star after the age)
    # (and a moderator's, the submitter's or an admin's badge after the name, "[M]", "[S]";
    # a pinned comment's "- stickied comment" after the age)
    # (a text browser prints the score three times, for each vote: "411 points412 points413
    # points"; and the count of replies after the age: "(2 children)")
    r"^(?:\[[\u2013+\-]\]\s*(?P<author>\S{1,40})\s+(?:\[[A-Z]{1,2}\]\s+)*"
    r"(?:(?:[^\d\s\[\]][^\[\]]{0,40}?\s+)?(?:(?:-?\d+\s+(?:points?|puntos?)){1,3}|\[score\s+hidden\])\s+)?"
    r"|(?P<author2>\S{1,40})\s+-?\d+\s+(?:points?|puntos?)\s+)(?P<rest>.+?)\*?"
    r"(?:\s+-\s+stickied\s+comment)?(?:\s+\(\d+\s+child(?:ren)?\))?$",
    re.IGNORECASE,
)
# A Hacker-News-style head: "jo 3 days ago | parent | next [-]" (a moderated comment's
# "[flagged]" or "[dead]" after the age; the reader's own vote undone: "| unvote |").
_LINKED_HEAD = re.compile(
    r"^(?P<author>[^\s|]{1,40})\s+(?P<rest>[^|]{2,40}?)(?:\s+\[(?:flagged|dead|deleted)\])*"
    r"(?:\s+\|\s+(?P<links>(?:(?:root|parent|next"
    r"|prev|context|flag|favorite|vouch|unvote|undown|edit|delete|on:[^|]{1,80})\s*\|?\s*)+)"
    r"(?:\[[\u2013+\-]\])?"
    r"|\s+\[[\u2013+\-]\])$",  # (a last top-level comment: no link, only its fold mark)
    re.IGNORECASE,
)


# A textboard's labelled head (its colons full-width in Japanese):
# "1 名前:Jo 投稿日:2017/09/04(月) 09:12:41.53 ID:kQ3v", "Name: Jo Date: 2019-05-03".
_LABELLED_HEAD = re.compile(
    r"^(?:\d{1,4}\s*[:\uff1a]?\s*)?(?:\u540d\u524d|name|nom|nombre)\s*[:\uff1a]\s*(?P<author>.{1,40}?)"
    r"\s+(?:\u6295\u7a3f\u65e5|date|posted|datum|fecha|\u65e5\u671f)\s*[:\uff1a]\s*(?P<rest>.+?)"
    r"(?:\s+ID\s*[:\uff1a]\s*\S+)?$",
    re.IGNORECASE,
)


# An imageboard post's head, a subject perhaps before it: "Anonymous (ID: 3kP9xQ2a)
# 07/24/23(Mon)03:14:07 No.4812093 >>4812101" (the links after it: its replies).
_IMAGEBOARD_HEAD = re.compile(
    r"^(?:.{1,150}?\s)?(?P<author>[^\s()]{1,30})(?:\s+!\S{1,20})?\s+(?:\(ID:\s*[^)\s]{1,20}\)\s+)?"
    r"(?P<rest>\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s?\(\w{2,9}\)\s?\d{1,2}:\d{2}(?::\d{2})?)"
    r"\s+No\.\s?(?P<number>\d{1,12})(?:\s+>>\d{1,12})*$"
)
# A textboard post's head (5channel): its number, the name and the date, each after a
# full-width colon (or each after a space: Niconico Pedia's board), then the poster's ID.
_TEXTBOARD_HEAD = re.compile(
    r"^(?P<number>\d{1,4})(?:(?P<colon>\s*[:\uff1a]\s*)|\s+)(?P<author>[^:\uff1a]{1,40}?)"
    r"(?(colon)\s*[:\uff1a]\s*|\s+)"
    r"(?P<rest>\d{4}/\d{1,2}/\d{1,2}\s?\(\w{1,3}\)\s?\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)"
    r"(?:\s+ID:\s?\S{1,20})?$"
)
#: A link to an earlier post by its number, a line of its own: ">>4812093 (OP)".
BACKLINK = re.compile(r"^>>(?P<number>\d{1,12})(?:\s*\((?:OP|You)\))?$")


# A bug tracker's comment head: "[-] Comment 3 Jo Lim 2023-02-14 11:48:03 UTC" (Bugzilla;
# the first, "Description", is the report itself), a "spam" tag perhaps after it.
_BUG_HEAD = re.compile(
    r"^(?:\[[\u2212+\-]\]\s*)?(?:comment\s+\d{1,5}|description)\s+(?P<author>.{1,40}?)\s+"
    r"(?P<rest>\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+[A-Z]{2,5})?)(?:\s+\w{1,12})?$",
    re.IGNORECASE,
)

# Internet Archive's review head: "Reviewer: jo - favoritefavorite - March 2, 2023".
_REVIEWER = re.compile(
    r"^reviewer:\s*(?P<author>\S.{0,39}?)\s+-\s+(?:favorite)*\s*-\s+(?P<rest>.+)$", re.IGNORECASE
)


def post_number(s: str) -> str | None:
    """The number an imageboard or textboard post's head gives it ("No.4812093"), or None."""
    m = _IMAGEBOARD_HEAD.match(s) or _TEXTBOARD_HEAD.match(s)
    return m.group("number") if m else None


# public-inbox's message head: "From: Jo Lim @ 2024-03-12 11:02 UTC (permalink / raw)".
INBOX_HEAD = re.compile(
    r"^from:\s*(?P<author>[^@<>]{1,60}?)\s+@\s+(?P<rest>\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}"
    r"(?::\d{2})?(?:\s+[A-Z]{2,5})?)(?:\s+\(permalink\s*/\s*raw\))?$",
    re.IGNORECASE,
)


def thread_head(s: str) -> tuple[str, str, bool] | None:
    """An old-Reddit, Lemmy, Hacker News or textboard comment head: (author, date, whether
    it links the comment's parent), or None."""
    m = THREAD_HEAD.match(s)
    if m and is_timestamp(m.group("rest")):
        # (Lobsters: the age, then its buttons: "[-] jo 5 hours ago | link | flag | reply")
        when = button_row_date(m.group("rest").strip()) or m.group("rest").strip()
        return m.group("author") or m.group("author2"), when, False
    m = _LINKED_HEAD.match(s)
    if m and is_timestamp(m.group("rest")):
        parent = re.search(r"\bparent\b", m.group("links") or "", re.IGNORECASE) is not None
        return m.group("author"), m.group("rest").strip(), parent
    m = _LABELLED_HEAD.match(s) or _REVIEWER.match(s) or INBOX_HEAD.match(s)
    if m and is_timestamp(m.group("rest")):
        return m.group("author"), m.group("rest").strip(), False
    m = _IMAGEBOARD_HEAD.match(s) or _BUG_HEAD.match(s) or _TEXTBOARD_HEAD.match(s)
    if m:
        return m.group("author"), m.group("rest"), False
    return None


#: A post's or a mail's subject, as its label names it (`texttitle` reads these too).
SUBJECT_WORDS = r"post\s+subject|subject|assunto|asunto|betreff|sujet|oggetto|onderwerp|тема|temat"
#: A mailing list's tag before a subject: "[Khmer-civic] Re: X".
LIST_TAG = r"(?:\[[^\[\]\s][^\[\]]{0,39}\]\s*(?=\S))"
_SUBJECT = re.compile(
    rf"^(?:{LIST_TAG}|(?:re|aw|fwd?|{SUBJECT_WORDS}|thread|topic)\s*:\s*)*", re.IGNORECASE
)


def subject(s: str) -> str:
    """A thread's title as a line names it, without "Re:", "Thread:" or "Subject:",
    case-folded: the key that finds the title repeated in a forum post."""
    return _SUBJECT.sub("", s).strip().casefold()


# "--" alone: a mail signature follows; "Attachments:", a list archive's file list.
SIGNATURE = re.compile(
    # (and a post's files under its text: "Attachments:", vBulletin's "Attached Files")
    # (a list's footer under its messages, LISTSERV's: a line of "#")
    r"^-{2,3}\s*$|^_{6,}$|^-{10,}$|^#{10,}$|^attachments?:$|^attached\s+(?:files|images|thumbnails)$",
    re.IGNORECASE,
)


def mail_author(s: str) -> str | None:
    """The sender named by a mail header line, or None."""
    m = MAIL_FROM.match(s)
    if not m:
        return None
    return m.group(m.lastgroup).strip() or None


# A forum post's date (SMF): "« on: March 03, 2019, 10:15:00 AM »", "« Reply #1 on: ... »".
_POSTED_ON = re.compile(
    # (and in Khmer, Indonesian, Malay, Vietnamese, Thai: "« តប #1 នៅ: DATE »")
    # (and in German, French, Spanish: "« Antwort #3 am: DATE »", "« Réponse #3 le: DATE »")
    r"^«?\s*(?:(?:reply|តប|balasan|trả\s+lời|ตอบ|antwort|r\u00e9ponse|respuesta)\s+#\d+\s+)?"
    r"(?:on|នៅ|pada|vào|เมื่อ|am|le|en):\s*"
    r"(?P<when>.+?)\s*»?$",
    re.IGNORECASE,
)


#: The post's subject after its date on one line (phpBB 2, JForum): "Posted: DATE    Post
#: subject: Re: TITLE", "Enviado: DATE     Assunto: Re: TITLE [Citar]".
_SUBJECT_TAIL = re.compile(
    r"\s+(?:" + SUBJECT_WORDS + r"|sujet\s+du\s+message|betreff\s+des\s+beitrags"
    r"|asunto\s+del\s+mensaje|oggetto\s+del\s+messaggio|assunto\s+da\s+mensagem"
    r"|\u1785\u17c6\u178e\u1784\u1787\u17be\u1784)\s*" + _COLON + ".*$",  # (Khmer: "ចំណងជើង៖")
    re.IGNORECASE,
)


#: A poster's place in their profile box: "From: Long Beach, CA" (not a mail's sender).
_FROM_FIELD = re.compile(r"^(?:from|von|de|aus)\s*:\s*[^@<>]{1,40}$", re.IGNORECASE)


#: A post's date at the end of its row of buttons: "Quote Post Reply Direct Link To This
#: Post Posted: 03 Jul 2018 at 9:02am" (Web Wiz Forums).
_BUTTONS_THEN_POSTED = re.compile(
    r"\s(?:posted|gepostet|post\u00e9\s+le|publicado|inviato|enviado)\s*:\s*(?P<when>\S.{4,40})$",
    re.IGNORECASE,
)
_BUTTON_IN = re.compile(
    r"\b(?:quote|reply|thanks|options|zitieren|antworten|citer|r\u00e9pondre)\b", re.I
)


def date_label(s: str) -> str | None:
    """The date of a "Date: ..." header line (time zone offset included), of a forum
    post's "« on: DATE »" line or of a review's "Written DATE", or None."""
    s = _SUBJECT_TAIL.sub("", s)
    field, tab, rest = s.partition("\t")  # the profile's last field before it: "From: Kep<TAB>"
    if tab and (PROFILE.match(field.strip()) or _FROM_FIELD.match(field.strip())):
        s = rest.strip()
    m = _DATE_LABEL.match(_POST_TAIL.sub("", s))  # ("Posted: DATE<TAB>#2 Quote")
    if m and is_timestamp(m.group("when")):
        return m.group("rest").strip()
    s = _POST_TAIL.sub("", s)  # (vBulletin 3: "Old DATE<TAB>#2")
    m = _WRITTEN_ON.match(s) or _POSTED.match(s)
    if m and is_timestamp(s):  # (dev.to's "Author \u2022 Mar 5 \u2022 Edited on Mar 6": "Mar 5")
        return _DATE_SUFFIX.sub("", s[m.end() :]).strip()
    m = _POSTED_ON.match(s)
    if m and is_timestamp(m.group("when")):
        return m.group("when").strip()
    m = _BUTTONS_THEN_POSTED.search(s)  # Web Wiz: "Quote Post Reply ... Posted: DATE"
    if m and is_timestamp(m["when"]) and _BUTTON_IN.search(s[: m.start()]):
        return m["when"].strip()
    return button_row_date(s)


# A chat log's line head: "0:41:07 kampotkid:", "27/07/2018, 22:10 - Jo Chea:",
# "[09:14] <sokha>", LINE's export "08:02<TAB>Jo<TAB>": the time, then the name, then the
# message on the same line.
_CHAT = re.compile(
    r"^\[?(?P<when>\d[\d/.:, -]{1,22}\d(?:\s?[ap]\.?m\.?)?)\]?\s*(?:[-\u2013]\s*)?"
    r"(?:<(?P<nick>[^<>\s]{1,30})>|(?P<name>[^\s:<>\[\]][^:<>\[\]]{0,30}?):"
    r"|\t(?P<tabbed>[^\t\s][^\t]{0,39})(?=\t|$))(?=\s+\S|\s*$)",
    re.IGNORECASE,
)


# KakaoTalk's export puts the name first: "[Jo Lee] [오후 7:02] message".
_CHAT_NAME_FIRST = re.compile(
    r"^\[(?P<name>[^\s\[\]][^\[\]]{0,29})\]\s*\[(?P<when>[^\[\]]{3,30})\](?=\s+\S|\s*$)"
)


#: A chat exported as a table (Viber's CSV: "Date,Time,Sender name,Sender phone
#: number,Message"): "08/03/2024,18:02:44,Jo Lim,+85512456781,message", the message quoted
#: where it holds a comma or a line break. (No name: a system line, "Jo joined the group".)
_CSV_WHEN = r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4},\s?\d{1,2}:\d{2}(?::\d{2})?"
_CSV_CHAT = re.compile(
    rf"^(?P<when>{_CSV_WHEN}),(?P<name>[^,\"]{{1,40}}),(?:\+?\d[\d ]{{5,20}})?,\"?(?=\S|$)"
)


def chat_head(s: str) -> tuple[str, str, int] | None:
    """A chat log line's head: (name, time, where the head ends), or None."""
    row = _CSV_CHAT.match(s)
    if row is not None and name_label(row["name"].strip(), 4):
        return row["name"].strip(), row["when"], row.end()
    first = _CHAT_NAME_FIRST.match(s)
    if first is not None and is_timestamp(first.group("when")):
        return first.group("name").strip(), first.group("when").strip(), first.end()
    m = _CHAT.match(s)
    if m is None or (m.group("tabbed") and s[: m.start("tabbed")].endswith("\t\t")):
        return None  # (a system message: "08:20<TAB><TAB>Jo joined the group")
    if m.group("tabbed") and "-" in m.group("when"):
        return None  # a table's row, not a chat line: "2024-04-12 09:14<TAB>jo<TAB>New Issue"
    name = (m.group("nick") or m.group("name") or m.group("tabbed")).strip()
    when = m.group("when").strip(" ,")
    # (between tabs, a name is whatever the export put there: Thai marks split its words)
    short = bool(m.group("tabbed")) or name_label(name, 4)
    if not is_timestamp(when) or not short or is_timestamp(name):
        return None
    return name, when, m.end()


def lone_chat_head(s: str) -> tuple[str, str] | None:
    """A chat log line's head that is the whole of `s` (`text._units` cut it from its
    message): (name, time), or None."""
    head = chat_head(s)
    return (head[0], head[1]) if head is not None and head[2] == len(s) else None


# A fan-fiction archive's comment head names the chapter commented on (AO3: "Jo on Chapter
# 4 DATE"; FanFiction.Net: "Jo chapter 9 . Mar 4").
_ON_CHAPTER = re.compile(
    r"^(?P<author>\S.{0,60}?)\s+(?:on\s+)?(?:chapter|kapitel|chapitre|capítulo|capitolo)\s+\d{1,4}"
    r"(?:\s+\.)?\s+(?P<when>\S.*)$",
    re.IGNORECASE,
)
# Phabricator's timeline: "jo added a comment.Jul 26 2023, 10:12 AM" (the date glued on)
# opens a comment; its events without a date ("jo awarded a token.") are furniture.
EVENT = re.compile(
    r"^(?P<author>[\w.\-]{1,40})\s+(?:added\s+a\s+comment|awarded\s+a\s+token"
    r"|(?:created|closed|reopened|claimed|edited|triaged|merged|updated)\s+this\s+(?:task|revision)"
    r"(?:\s+as\s+[\w ]{1,30})?|changed\s+the\s+(?:task\s+)?\w+\s+from\s+.{1,40}\s+to\s+.{1,40}"
    r"|mentioned\s+this\s+in\s+.{1,120}?|added\s+(?:a\s+)?(?:subscribers?|projects?|subtasks?"
    r"|parent\s+tasks?|reviewers?):?.{0,80}?)\.(?P<when>[^.]*)$"
)


_DATE_THEN_NAME = re.compile(
    r"^(?P<when>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?) +(?P<name>\S[^\t]{0,40})$"
)


#: A poster's role shown beside the name ("Sovann Pich Creator", "lotusrain Developer").
POSTER_ROLES = r"creator|superbacker|collaborator|developer|moderator|admin|staff"


#: A Chinese blog's comment floor and the blogger's badge: "#3楼 [楼主] ".
_FLOOR = re.compile(r"^#?\d{1,5}\s*[\u697c\u6a13](?:\s*\[(?:\u697c\u4e3b|\u6a13\u4e3b)\])?\s+")


#: Disqus's head: "Jo • 3 days ago", "Jo Guest • a day ago edited"; a reply names the
#: comment's poster after two spaces (an arrow icon between them): "Jo  Kim • 2 days ago".
_BULLET_HEAD = re.compile(
    r"^(?P<author>\S.{0,40}?)(?:\s+guest)?(?:\s{2,}\S.{0,40}?)?\s+\u2022\s+(?P<when>\S.{1,40}?)"
    r"(?:\s+edited)?$",
    re.IGNORECASE,
)


def _bullet_head(s: str) -> tuple[str, str] | None:
    """A Disqus head's (author, time) (`_BULLET_HEAD`), or None."""
    m = _BULLET_HEAD.match(s)
    if m and is_timestamp(m["when"]) and name_label(m["author"], 4):
        return m["author"], m["when"]
    return None


#: A line that ends a sentence with a word, not with a date's dot or an abbreviation's:
#: "... de agosto." (not "vor 4 Std.").
_SENTENCE_TAIL = re.compile(r"(?<![^\W\d_])[^\W\d_A-Z]{4,}\.$")


def name_time(s: str) -> tuple[str, str] | None:
    """ "FLOUNDER July 6, 2015 at 6:57 pm", "Sabrina K. December 2, 2018 at 9:50 pm",
    "12.03.2019 | Jo" or a chat line's head alone ("0:41:07 jo:"): (author, time) on
    one line; none in a sentence's last words ("... según el calendario / saldrán el 15
    de agosto.")."""
    if _SENTENCE_TAIL.search(s):
        return None
    # Disqus: "Jo Lim Guest → Kim Chan • 3 years ago", a guest's badge and whom a reply
    # answers after the name
    arrow = _ARROW_HEAD.match(s)
    head = _name_time(arrow["rest"]) if arrow and name_label(arrow["name"], 5) else None
    if arrow and head is not None:
        return f"{arrow['name']} \u2192 {head[0]}", head[1]
    s = _POINTS.sub("", _BADGES.sub("", _FEATURED.sub("", s)))
    bullet = _LYNX_BULLET.match(s)
    head = _name_time(s[bullet.end() :]) if bullet else None
    head = head if head is not None else _name_time(s)
    day = _DASHED_WEEKDAY.match(head[0]) if head else None
    return (day["name"], f"{day['day']}, {head[1]}") if head and day else head


_ARROW_HEAD = re.compile(r"^(?P<name>\S.{0,60}?)(?:\s+Guest)?\s+\u2192\s+(?P<rest>\S.*)$")
# a guest's badge (Disqus: "Jo Guest • DATE"); Lemmy's badges and score ("jo OP mod •
# 4 points • DATE")
_BADGES = re.compile(r"(?<=\S)(?:\s+(?:OP|mod|Guest))+(?=\s+\u2022\s)")
_POINTS = re.compile(r"\s+\u2022\s+-?\d[\d,]*\s+points?(?=\s+\u2022\s)")
# Coral's badge of a featured comment after its head: "Jo 5 hours ago (Edited) Featured"
_FEATURED = re.compile(r"(?<=\S)\s+Featured$")
# lynx's bullet of a nested list, "o jo • 2 years ago", "+ jo • ...": Lemmy's replies
_LYNX_BULLET = re.compile(r"[o+#@]\s+(?=\S.*\u2022)")
# the date's weekday after a dash goes with the date ("by Jo - Monday, 6 March 2023",
# Moodle's)
_DASHED_WEEKDAY = re.compile(rf"^(?P<name>.+?)\s+[-\u2013]\s+(?P<day>{_WEEKDAY})$", re.IGNORECASE)


def _name_time(s: str) -> tuple[str, str] | None:
    chat = lone_chat_head(s) or _bullet_head(s)
    if chat is not None:
        return chat
    event = EVENT.match(s)
    if event is not None and is_timestamp(event.group("when")):
        return event.group("author"), event.group("when")
    chapter = _ON_CHAPTER.match(s)  # AO3: "Jo on Chapter 4 Fri 14 Jun 2024 09:12PM UTC"
    if chapter is not None and is_timestamp(chapter["when"]):
        return chapter["author"], chapter["when"]
    # WeChat and QQ exports: "2024-08-05 10:15:40 Jo"; cnblogs after its floor number
    # and the blogger's badge: "#3楼 [楼主] 2024-03-12 22:31 Jo"
    dated = _DATE_THEN_NAME.match(_FLOOR.sub("", s))
    if dated is not None and name_label(dated["name"], 4) and not is_timestamp(dated["name"]):
        return dated["name"], dated["when"]
    m = BY_NAME_DATE.match(s)
    if m and m["author2"] and is_timestamp(m["rest2"]) and is_short_label(m["author2"], 5):
        return m["author2"].strip(), m["rest2"].strip()
    if m and m["author"] and is_timestamp(m["rest"]) and is_short_label(m["author"], 5):
        return m["author"].strip(), m["rest"].strip()
    for sep in ("|", " / ", " - ", " \u2013 ", " · ", "\t"):
        if sep in s:
            a, _, b = s.partition(sep)
            # a mail's sender, its address dropped: "Jo Lim <jo@x.example><TAB>DATE" (Gmail)
            a, b = re.sub(rf"\s*{MAIL_ADDRESS.pattern}$", "", a.strip()), b.strip()
            if is_timestamp(b) and is_short_label(a, 4) and not is_timestamp(a):
                return a, button_row_date(b) or b  # (without its buttons: "DATE | Reply")
            # (not a post's number and button after it: "Posted: DATE<TAB>#2 Quote")
            if is_timestamp(a) and is_short_label(b, 4) and not is_timestamp(b):
                return None if _POST_TAIL.match(b) else (b, a)
    s = _CLIENT.sub("", s)  # Artalk: "Jo 博主 2023-08-02 Firefox 115.0macOS"
    answer = _ANSWER_FROM.match(s)
    if answer and is_timestamp(answer["when"]) and name_label(answer["author"], 4):
        return answer["author"], answer["when"]
    by = _DATE_BY.match(s)  # Dotclear: "3. Le vendredi 31 mai 2024, 09:15 par Jo"
    if by and is_timestamp(by["when"]) and name_label(by["author"], 4):
        return by["author"], by["when"]
    numbered = _NUMBERED_BY.match(s)  # PunBB: "3 Ответ от Jo 2024-02-18 13:55:02"
    if numbered:
        return _name_then_date(numbered["rest"])
    # JComments: "#3 Jo 12.06.2023 16:05 +4", the post's number and its votes around
    # (and Gitalk's likes after a Chinese "... ago": "Jo 发表于 24 天前 2")
    bare = re.sub(
        r"\s+[+\u2212]\d{1,3}$|(?<=\u524d)\s+\d{1,4}$", "", re.sub(r"^#\d{1,6}\s+(?=\S)", "", s)
    )
    head = _name_then_date(bare) or (_name_then_date(s) if bare != s else None)
    if head is not None:  # an issue's "kosal commented 2024-03-04 09:40": the name alone
        head = (_COMMENTED.sub("", head[0]) or head[0], head[1])
    return head


_COMMENTED = re.compile(r"\s+(?:commented|replied|answered|responded|wrote)$", re.IGNORECASE)


def _calendar_words(s: str) -> bool:
    """Is every word of `s` a month, a weekday or a number ("Mon, Dec", "March 3"), no
    name ("Mei Lin", "April Jones")?"""
    return all(
        re.fullmatch(rf"(?:{_MONTH}|{_WEEKDAY}|\d+)\W*", w, re.IGNORECASE) for w in s.split()
    )


def _name_then_date(s: str) -> tuple[str, str] | None:
    """ "Jo Lim 3 May 2019 at 9:41": the first words a name, the rest a date."""
    w = _GLUED_DATE.sub(" ", s).split()
    # The rules' own dates first; a date in CLDR's words only if none, and only from a
    # number, a month or a longer word ("Sabrina K. December 2": "K" is a weekday, too)
    # (the second pass is looked at lazily: most heads end at the first)
    cuts = range(1, min(5, len(w)))
    splits = itertools.chain(
        ((k, False) for k in cuts),
        ((k, True) for k in cuts if opens_date(w[k]) or cldr_ago(" ".join(w[k:]))),
    )
    for k, cldr in splits:
        name, when = " ".join(w[:k]).rstrip(",:"), " ".join(w[k:])
        if (
            (
                (is_timestamp(when, cldr=cldr) and re.search(r"\d", when))
                # (a date without a number only after "commented": "Jo commented yesterday";
                # alone, "Yesterday" is a visitor counter's label as often)
                or (cldr and _COMMENTED.search(name) and cldr_ago(when))
            )
            and name_label(name, 4)
            and not is_timestamp(name)
            and not _calendar_words(name)
            # a duration, not a date: "Former Employee, more than 3 years"; a sentence's
            # words before its date: "Judge adjourned until 5 February."
            and not re.search(
                r"\b(?:than|over|under|for|nearly|almost|until|till|since|before|after)$",
                name,
                re.IGNORECASE,
            )
        ):
            # "Updated by Jo N. 10 months ago" (an issue tracker's note): the name is Jo N.
            # ("โดย": Thai "by")
            name = re.sub(
                r"^(?:(?:(?:updated|added|edited)\s+)?by|\u0e42\u0e14\u0e22)\s+(?=\S)",
                "",
                name,
                flags=re.I,
            )
            # a best comment's badge, the newsroom's own ("Sven Hartung WELT-Autor"), the
            # poster's role ("Sovann Pich Creator", "lotusrain Developer") or plan ("PRO"),
            # WordPress's "Post author" on the article's author's comments
            badge = r"(?<=\S)\s+(?:BEST|TOP|PRO|PLUS|\S*-?Autor(?:in)?|Redaktion|Post\s+author"
            badge += r"|Rezeptersteller(?:/?in)?"
            badge += rf"|(?i:{POSTER_ROLES}))$"
            name = re.sub(badge, "", name)
            # Waline's badges glued to the name: the blogger, the commenter's level
            name = re.sub(
                r"(?<=\S)\s?(?:\u535a\u4e3b|\u6f5c\u6c34|\u5192\u6ce1|\u5410\u69fd|\u6d3b\u8dc3|\u8bdd\u75e8|\u4f20\u8bf4)$",
                "",
                name,
            )
            # Gitalk's "Jo 发表于 大约 1 个月前" (posted about a month ago): "posted" is no
            # part of the name, "about" is of the date
            posted = _POSTED_AT.search(name)
            if posted:
                name, when = name[: posted.start()], f"{posted['about'] or ''} {when}".strip()
            return name, re.sub(r"^[\u2014\u2013|·•-]\s+", "", when)
    return None


#: "Posted at" (and "about") between a name and a relative time, in Chinese.
_POSTED_AT = re.compile(rf"(?<=\S)\s+(?:{POSTED_ZH})(?:\s+(?P<about>{ABOUT_ZH}))?$")


def unspaced(text: str) -> str:
    """Text without any whitespace: "jo57 points" and "jo 57 points" agree (an extractor
    glues inline elements a browser spaces)."""
    return re.sub(r"\s+", "", text)


def squash(s: str) -> str:
    """The text with every run of whitespace one space and none at the ends: how two
    renderings of the same text (markup, a dump) are compared."""
    return " ".join(s.split())


#: Combining vowel signs and marks, which `\w` leaves out: a Khmer word goes on
#: through them ("\u1785\u17b6\u1793\u17cb\u1790\u17b6" is one word, not five letters), and
#: so does a word of the Indic scripts, written with spaces (their blocks but for the
#: danda). (Thai's phrases, written without spaces, stay cut at their marks.)
MARKS = "\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0900-\u0963\u0966-\u0dff\u17b4-\u17d3\u17dd"


def words(s: str) -> list[str]:
    """The words of a line (with inner apostrophes, dots and hyphens)."""
    return re.findall(r"[^\W_][\w'\u2019.\-" + MARKS + r"]*", s)


def is_short_label(s: str, max_words: int = 6) -> bool:
    """A short line with no sentence ending: a name, a heading or a navigation item."""
    w = words(s)
    return 0 < len(w) <= max_words and len(s) <= 60 and not re.search(r"[.!?]$", s)


# A name ending in an initial ("Sabrina K."): its dot ends no sentence.
# ("Stefan Oe."; Greek and Cyrillic initials too: "Νίκος Π.")
_INITIAL_END = re.compile(
    r"(?<=[\s_][A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f])\.$|(?<=\s[A-Z][a-z])\.$"
)


#: A shop's masked reviewer name: "n***a", "R***a", "S*** B." (never a line of text).
MASKED_NAME = re.compile(r"^[^\W\d_]{1,3}\*{2,}[^\W\d_]{0,3}(?:\s[^\W\d_]\.)?$")


_NAME_AND_HANDLE = re.compile(
    r"^(?P<name>[^\W\d_][\w'.\-]*(?:\s[^\W\d_][\w'.\-]*){1,3})\s(?P<handle>[a-z0-9_.\-]{3,30})$"
)


_FEDI_HANDLE = re.compile(r"^(?P<name>\S.{0,40}?)\s+@[\w.\-]{1,30}@[\w\-]+(?:\.[\w\-]+)+$")


#: A poster's presence after the name: MyBB's "jo Offline", "kim Online" (or before it,
#: SMF's "Offline jo").
_PRESENCE = re.compile(
    r"(?<=\S)\s+(?:offline|online|hors\s+ligne|en\s+ligne)$|^(?:offline|online)\s+(?=\S)",
    re.IGNORECASE,
)


#: An edit mark after a comment's date: "• edited", "(edited)", MyBB's "(This post was
#: last modified: DATE by Jo.)", Vanilla's "edited DATE".
_EDIT_MARK = re.compile(
    r"\s*(?:[\u2022\u00b7]\s*edited|\(edited\)?|\(this\s+post\s+was\s+last\s+modified:[^()]*\)"
    r"|(?<=\S)\s+edited\s+(?=[A-Z\d])[^()]{6,40})$",
    re.IGNORECASE,
)


def bare_date(when: str) -> str:
    """A comment's date without the edit mark after it ("5 years ago • edited")."""
    return _EDIT_MARK.sub("", when) or when


def display_name(author: str) -> str:
    """The display name of "Priya Raman priyar", "Johan Ek johanek" (a name shown beside
    its user handle, the handle made of the name's letters) and of "Jo Lim @jo@x.example"
    (beside a fediverse handle), and of "u/jo" and "u/jo Phnom Penh" (a Reddit user and the
    flair beside the name: jo), and of "jo Offline" (MyBB: the poster's presence); the
    user name of "jo Jo Lim" (`handle_of`: Discourse's user name, then the full name), of
    "Jo Lim Jo Lim" (the name twice), "Jo LimAuthor" (Substack's badge glued) and "jo (
    5021387 )" (Slashdot's user number); any other name as it is."""
    author = _PRESENCE.sub("", author) or author
    # (Lemmy's score beside the name: "jo • 21")
    author = re.sub(r"(?<=\S)\s+\u2022\s+-?\d[\d,.]*[km]?$", "", author)
    author = re.sub(r"(?<=[a-z])Author$", "", author)  # (Substack's badge glued: "Jo LimAuthor")
    author = re.sub(
        r"(?<=\S)\s+\(\s*\d{3,10}\s*\)$", "", author
    )  # (Slashdot's id: "jo ( 5021387 )")
    parts = author.split()
    half = len(parts) // 2
    if len(parts) % 2 == 0 and half and parts[:half] == parts[half:]:
        return " ".join(parts[:half])  # the name twice, its avatar's link and its own (lynx)
    handle = handle_of(author)
    if handle is not None:
        return handle
    reddit = re.match(r"u/([\w-]{3,30})(?:\s|$)", author)
    if reddit is not None:  # a Reddit user, "u/jo": jo (a name has no space: then flair)
        return reddit[1]
    # (the Facebook plugin's name and what it says of the poster: "Jo Lim · Phnom Penh",
    # "Jo Lim · Travaille chez X")
    placed = re.fullmatch(r"([^\u00b7]{2,40}?)\s+\u00b7\s+[^\d\u00b7][^\u00b7]{1,60}", author)
    if placed is not None and name_label(placed[1], 4):
        return placed[1]
    # (a user name with an underscore and a flair or badge beside it: "jo_pp Phnom Penh",
    # "jo_mod MOD", new Reddit's without its "u/")
    flaired = re.fullmatch(r"(\w*_\w*)(?:(?:\s+[A-Z][\w'-]*){2,3}|\s+[A-Z]{2,5})", author)
    if flaired is not None and len(flaired[1]) >= 3:
        return flaired[1]
    fediverse = _FEDI_HANDLE.match(author)  # "Jo Lim @jo@mastodon.example" (Plume)
    if fediverse is not None:
        return fediverse["name"]
    m = _NAME_AND_HANDLE.match(author)
    if m is None or not all(w[0].isupper() for w in m["name"].split()):
        return author
    plain = unicodedata.normalize("NFKD", m["name"].lower())
    letters = iter(c for c in plain if c.isalnum())
    handle = [c for c in m["handle"] if c.isalpha()]
    # (every letter of the handle, in order, among the name's: a subsequence)
    return m["name"] if handle and all(c in letters for c in handle) else author


# A letter's closing words over the signature: no name ("Gruß", "Best regards").
_CLOSING = re.compile(
    r"(?:(?:best|kind|warm)\s+)?regards|cheers|thanks|best|(?:viele|liebe|beste|herzliche)\s+gr\u00fc\u00dfe"
    r"|gru\u00df|mfg|lg|vg|cordialement|bien\s+\u00e0\s+vous|amiti\u00e9s|bises|(?:un\s+)?saludos?"
    r"|(?:un\s+)?abrazo|atentamente",
    re.IGNORECASE,
)


def full_name(s: str) -> bool:
    """Two to four words, each capitalised, no sentence: a person's full name ("Jo Lim")."""
    w = words(s)
    return (
        2 <= len(w) <= 4
        and name_label(s, 4)
        and all(x[0].isupper() for x in w)
        and not s.rstrip().endswith((",", ";", ":"))
    )


#: A user name, then the full name it stands for (Discourse: "sophea.n Sophea Nhem",
#: "ratana.limRatana Lim" as a text browser glues them).
_HANDLE_FULL = re.compile(
    r"^(?P<handle>[a-z0-9][a-z0-9._\-]{1,30})\s?(?P<full>[A-Z][a-z]+(?:\s[A-Z][\w'\-]+){1,3})$"
)


def handle_of(s: str) -> str | None:
    """The user name of a "handle Full Name" line, where the handle holds a word of the
    full name ("kbrennan Kevin Brennan", "Sophal_Lyon (Sophal Meas)": Discourse's in a
    text browser); else None."""
    m = _HANDLE_FULL.match(s.strip()) or _HANDLE_BRACKETED.match(s.strip())
    handle = m["handle"].casefold() if m else ""
    if m and any(w.casefold() in handle for w in m["full"].split() if len(w) >= 2):
        return m["handle"]
    return None


_HANDLE_BRACKETED = re.compile(r"^(?P<handle>[^\s()]{2,31})\s+\((?P<full>[^()]{2,40})\)$")


def name_label(s: str, max_words: int = 5) -> bool:
    """A short label that may be a name, one ending in an initial too ("Maly K."); no
    letter's closing words ("Viele Grüße")."""
    return is_short_label(_INITIAL_END.sub("", s), max_words) and not _CLOSING.fullmatch(
        s.rstrip(",!. ")
    )


#: Three or more short items between bars, in any script: a menu ("联系我们 | 广告服务 |
#: 无图版", "Home | About | Contact").
_BAR_LIST = re.compile(
    r"^[^|.!?\u3002\uff01\uff1f]{1,20}(?:\s\|\s[^|.!?\u3002\uff01\uff1f]{1,20}){2,}$"
)


def nav_like(s: str) -> bool:
    """Short, title-cased, unpunctuated: navigation or furniture rather than prose."""
    if NAV.match(s) or BUTTONS.match(s):
        return True
    if _BAR_LIST.match(s) and not any(is_timestamp(p.strip()) for p in s.split("|")):
        return True
    w = words(s)
    if not is_short_label(s, 5):
        return False
    caps = sum(1 for x in w if x[0].isupper() or x[0].isdigit())
    return caps >= max(1, len(w) - 1) and len(w) >= 2


def headline_like(s: str) -> bool:
    """Title-cased words and no sentence ending: a headline or a link, not a comment."""
    w = words(s)
    caps = sum(1 for x in w if x[0].isupper() or x[0].isdigit())
    return bool(w) and not re.search(r"[.!?…)\"”]$", s) and caps >= 0.6 * len(w)


#: A letter of a script written without spaces between words (Khmer, kana, Han).
UNSPACED = re.compile(
    r"[\u0e01-\u0e30\u0e40-\u0e46\u1780-\u17b3\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
)


def substantial(s: str) -> bool:
    """Prose a comment body could be: a sentence or several words (in a script written
    without spaces, several letters)."""
    return len(words(s)) >= 5 or bool(re.search(r"[.!?…]$", s)) or len(UNSPACED.findall(s)) >= 6


# ---- meta lines: the structure of a comment section ------------------------------------

_ANSWERED_TAIL = (
    r"\s+(?:antwort\s+auf|in\s+reply\s+to|replying\s+to|reply\s+to|en\s+r[ée]ponse\s+[àa]"
    r"|respuesta\s+a|risposta\s+a)\s+@?(?P<answered>[^\W\d_][^@:]{0,39}?)"
)
_TRAIL_BUTTONS = re.compile(
    r"(?:\s+(?:reply|antworten|répondre|responder|zitieren|quote|"
    r"permalink|#\d*|zum antworten anmelden|report|melden|link|parent"
    # Chinese: reply, like (count), report: "3月18日 09:12 回复 赞(1532) 举报"
    r"|\u56de\u590d|\u8d5e(?:\s?[(\uff08]\d+[)\uff09])?|\u4e3e\u62a5)"
    # and the poster's masked address ("/ IP 211.♡.45.102") or board ID ("ID:Qm3kd9a0")
    r"|\s*[/|\u00b7]\s*IP\s+[\d.*x\u2661]+|\s+ID:[\w+/.]{4,12}"
    # new Reddit: "u/jo · 3 yr. ago · OP", "· edited 3 yr. ago"; Disqus: "Jo • DATE • edited"
    r"|\s+[\u00b7\u2022]\s+(?:op|mod|submitter|edited(?:\s+\d{1,3}\s+\S{1,6}\s+ago)?"
    # (Disqus's "edited" in German, ...; new Reddit's "· Modifié il y a 22 h", "· Editado
    # hace 2 h", "· Bearbeitet vor 2 Std.")
    r"|(?:bearbeitet|modifi[ée]|editado|modificato)(?:\s+(?:il\s+y\s+a|hace|vor)\s+\d{1,3}\s+\S{1,6})?)"
    # Vanilla: the accepted answer's mark, an edit's date ("October 2024 edited October 2024")
    r"|\s+(?:(?:accepted\s+)?answer(?:\s*\u2713)?|edited(?:\s+[^\W\d]{3,9}\s+\d{1,4}(?:,\s+\d{4})?)?)"
    # the poster's status beside the date (Burning Board: "DATE<TAB>Jo ist offline")
    r"|\s+\S{1,40}\s+(?:ist|is|est)\s+(?:offline|online|hors\s+ligne|en\s+ligne)"
    # an edit's note in brackets: "3 years ago (edited 3 years ago)" (Tildes)
    r"|\s+\(edited(?:\s+[^()]{1,30})?\)"
    # a button's image as a text browser names it: "DATE [icon_delete13.gif]" (Blogger)
    r"|\s+\[[\w.-]{1,40}\.(?:gif|png|jpe?g|svg)\]"
    # the one answered, after the date: "Jo 26.07.2023, 15:20 Uhr Antwort auf Kim"
    r"|" + _ANSWERED_TAIL + r")+\s*$",
    re.IGNORECASE,
)


def answered_in_head(s: str) -> str | None:
    """The name a head line says it answers after its date ("Jo 26.07.2023, 15:20 Uhr
    Antwort auf Kim S.": "Kim S."), or None."""
    m = _ANSWERED_END.search(s)
    return m.group("answered") if m else None


_ANSWERED_END = re.compile(_ANSWERED_TAIL + r"\s*$", re.IGNORECASE)


def meta_text(s: str) -> str:
    """A meta line without trailing buttons ("Jo, 3 May 2019 at 9:41 Reply") or IP."""
    return _TRAIL_BUTTONS.sub("", s) or s


def thread_type(s: str) -> str | None:
    """The types of forum, mailing-list and thread lines (`meta_type` asks first)."""
    if button_row_date(s) is not None:
        return "time"  # (before "Antwort auf Mastodon · DATE" is taken for "reply to X")
    if LEVEL.match(s):
        return "level"
    if _SUBJECT_TAIL.search(s) and date_label(s):
        return "time"  # (before Khmer's "ប្រកាស៖ DATE ចំណងជើង៖ ..." is taken for "Posts: N")
    if FORUM.match(s):
        reply = _REPLY_WORD.search(s) and ":" not in s and not re.match(r"post\s", s, re.I)
        return "reply" if reply else "button"
    if REPLY_TO.match(s):
        return "reply_to"
    if REPLY_CONTEXT.match(s):
        return "reply_context"
    if SIGNATURE.match(s):
        return "signature"
    if date_label(s):
        return "time"
    if (bare := bare_date(s)) != s and is_timestamp(bare):  # ("DATE edited DATE", Vanilla)
        return "time"
    if INBOX_HEAD.match(s) and thread_head(s):  # (a sender with the date: no mail header)
        return "thread_head"
    if mail_author(s):
        return "mail"
    if thread_head(s):
        return "thread_head"
    # ("Jo said: ↑" is XenForo's quote, its arrow the link to the post quoted)
    if QUOTE_INTRO.match(s) and (not SAID.match(s) or s.endswith("\u2191")):
        return "quote_intro"
    return None


#: `meta_type`s of a comment's header line: they carry a name or a date.
BYLINE_TYPES = ("byline", "said", "posted", "mail", "thread_head")


# A review's rating: "5.0 out of 5 stars Title", "Rated 4 out of 5", "★★★★☆".
_RATING = re.compile(
    r"^(?:rated\s+)?\d(?:[.,]\d)?\s*(?:out\s+of|of|/|von|sur|de|sobre)\s*(?:5|10)"
    r"(?:\s+(?:stars?|sternen|étoiles|estrellas)\b.*|$)|^[\u2605\u2606]{3,5}(?:\s.*)?$"
    # a hotel review's score and its word, apart or together: "8.0", "Excellent", "9.2 Superb"
    r"|^(?:\d{1,2}[.,]\d\s*)?(?:exceptional|superb|fabulous|wonderful|excellent|very\s+good"
    r"|good|pleasant|fair|okay|poor|very\s+poor|disappointing|terrible)$|^\d{1,2}[.,]\d$",
    re.IGNORECASE,
)


# A talk page's signature closing a comment's line: "... \u2014 Jo (talk) 09:12, 24 July
# 2023 (UTC) Reply", "--Jo (talk \u00b7 contribs) 15:57, 24 July 2023 (UTC)", in Spanish
# "Jo (discusión) 12:02 12 ago 2024 (UTC)"; an unsigned one names the poster, no date.
_TALK = (
    r"\((?:talk|disc\.|discusi\u00f3n|discussion|diskussion|discussione|discuss\u00e3o|overleg|dyskusja"
    r"|tart\u0131\u015fma|\u043e\u0431\u0441\u0443\u0436\u0434\u0435\u043d\u0438\u0435)"
    r"(?:\s*[\u00b7|]\s*(?:contribs\.?|contribuciones|beitr\u00e4ge|contributions|bloq\.|block))*\)"
)
_UNSIGNED = (
    r"preceding\s+unsigned\s+comment\s+added\s+by|el\s+comentario\s+anterior\s+sin\s+firmar"
    r"\s+es\s+obra\s+de|(?:der\s+)?vorstehende,?\s+(?:nicht\s+signierte\s+)?beitrag\s+stammt"
    r"\s+von|le\s+commentaire\s+pr\u00e9c\u00e9dent\s+non\s+sign\u00e9\s+a\s+\u00e9t\u00e9\s+ajout\u00e9\s+par"
)
_SIGNED_TAIL = re.compile(
    r"(?:^|(?<=\s)|(?<=[\u2014\u2013-]))(?:[\u2014\u2013]|--)?\s?"
    rf"(?P<unsigned>(?:{_UNSIGNED})\s+)?"
    r"(?P<author>[^\s()\u2014]*[^\s().\u2014](?:\s[^\s()\u2014]*[^\s().\u2014]){0,2}?)"
    rf"\s{_TALK}(?:\s+"
    r"(?P<when>\d{1,2}:\d{2},?\s\d{1,2}\.?\s[^\W\d_]+\.?\s\d{4}\s\(UTC\)))?(?:\s+reply)?\s*$",
    re.IGNORECASE,
)


def signed_tail(s: str) -> tuple[str, str | None, int] | None:
    """A talk page signature that ends `s`: (name, time, where it starts), or None; an
    unsigned comment's note has no time."""
    if ")" not in s:  # the search tries every position: skip most lines
        return None
    m = _SIGNED_TAIL.search(s)
    if m is None or (m.group("when") is None and m.group("unsigned") is None):
        return None
    return m.group("author"), m.group("when"), m.start()


#: Emoji (and the variation selector that follows some).
EMOJI = r"[\u2600-\u27bf\U0001f300-\U0001faff\ufe0f]"
# A reaction under a chat message: emoji and how many gave it ("\U0001f622 34").
# Or a donation's amount over the donor's words of support ("$100").
REACTION = re.compile(rf"^(?:(?:{EMOJI}{{1,4}}\s?\d{{1,6}}\s*)+|(?:US)?[$€£¥₩]\s?\d[\d,.]*)$")

# A chat export's or a mail archive's placeholder for what it leaves out: "[Sticker]",
# "[Photo]", "<Media omitted>", "[Quoted text hidden]", "[deleted]".
_PLACEHOLDER = re.compile(
    r"^(?:\[[^\W\d_][^\[\]]{0,30}\]|<[^\W\d_][^<>]{0,30}>"
    # an imageboard's attachment line, its reply link alone, a row of bracketed links
    r"|file:\s+\S.{0,80}\.\w{2,5}\s+\(\d.{0,40}\)|>>"
    # a chat export's attachment, as Markdown: "![IMG_4412.jpg](./media/IMG_4412.jpg)"
    r"|!?\[[^\[\]]{0,80}\]\([^()\s]{1,200}\.(?:jpe?g|png|gif|webp|heic|mp[34]|mov|pdf|ogg|opus)\)"
    # a chat export's system message, no name between its tabs: "08:20<TAB><TAB>Jo joined"
    r"|\d{1,2}:\d{2}\t\t.{1,200}"
    # and in a CSV export, no name nor number: "08/03/2024,20:15:09,,,Jo joined the group";
    # a message that is only its attachment's kind (Viber's "Sticker", "Photo")
    rf"|{_CSV_WHEN},,,.{{1,200}}"
    r"|(?:sticker|photo|video|gif|voice\s+message|file)"
    r"|(?:\[[^\[\]]{1,30}\]\s*){2,}[\d\s/]*"
    # a chat export's reaction: an emoji and who gave it ("\u2764Sreymom Pich")
    rf"|{EMOJI}{{1,4}}\s?(?-i:[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){{1,3}}))$",
    re.IGNORECASE,
)


#: A review's stars before its date: "5 2024-02-11" (Rakuten). (A bare "2024-02-11" is
#: still read as buttons, "2024", "-02", "-11": typed a date, it cost a TikTok page.)
_RATED_DATE = re.compile(r"^[1-5]\s+\d{4}-\d{1,2}-\d{1,2}$")


@lru_cache(maxsize=8192)
def meta_type(s: str) -> str | None:
    """Classify a line that carries comment structure, or None for prose (cached: the
    text engine and the boilerplate line model both ask about every line)."""
    signed = signed_tail(s)
    if signed is not None and signed[2] == 0:
        return "signed"
    m = POSTED_BY.match(s)
    if m and m.group("author3") and posted_by(s):
        return "posted"  # (before "Re: Title" is taken for a forum's subject line)
    t = thread_type(s)
    if t:
        return t
    # (after an image's alt text a text browser shows: "[ip] Logged", SMF's in w3m)
    bare = re.sub(r"^\[[^\W\d_]\w{0,11}\]\s+(?=\S)", "", s)
    logged = bare != s and bare.casefold() == "logged"
    if (BUTTONS.match(bare) or logged) and not _RATED_DATE.match(s):  # ("-02-11": no score)
        return "reply" if _REPLY_WORD.search(s) else "button"
    if _PLACEHOLDER.match(s) and lone_chat_head(s) is None:  # not "[Jo] [오후 7:02]"
        return "button"
    if _RATING.match(s) and len(words(s)) <= 20:
        return "button"  # a review's stars, and the headline that follows them
    if HEADER.match(s) or POST_BYLINE.match(s):
        return "header"
    if (NOTICE.search(s) or _LOGIN_WITH.match(s)) and len(words(s)) <= 60:
        return "notice"
    s = meta_text(s)
    if is_timestamp(s) or cldr_span(s):  # ("3 ngày" alone: a list's age column)
        return "time"
    if _SAID_BARE.match(s):
        return "said_bare"
    m = SAID.match(s)
    when = m and (m.group("rest") or said_when(m))
    if m and len(words(m.group("author"))) <= 6 and (not when or is_timestamp(when)):
        return "said"
    if posted_by(s) and len(words(s)) <= 14:
        return "posted"
    head = name_time(s)
    # ("Source: news wire, 26 Jul 2023", "Created 3 d ago", "Duration: 01:32:18": no name)
    if head and not _CREDIT.match(s) and not STAMP_LABEL.match(head[0]) and not _SPAN.match(s):
        return "byline"
    placed = NAME_FROM.match(s)
    # (a name has no word in lower case after its first but a particle: not a headline's
    # "Candlelight Party disqualified from July election")
    lower = placed and re.search(r"\s(?!(?:van|von|de|da|del|der|bin|al|le|la)\b)[a-z]", placed[1])
    if (FROM.match(s) or (placed and not lower)) and len(words(s)) <= 6:
        return "from"
    return None


# ---- the article part ---------------------------------------------------------------------


def no_letters(s: str) -> bool:
    """Lines without a single letter ("*", "+", "| |") are page furniture."""
    return not re.search(r"[^\W\d_]", s)


def dateline(s: str) -> bool:
    """ "Al Jazeera | 30 September 2017", "By Jo Smith | May 2, 2019": source and date."""
    if "|" not in s or len(s) > 100:
        return False
    parts = [p.strip() for p in s.split("|") if p.strip()]
    return any(is_timestamp(p) for p in parts) and all(
        is_short_label(p, 8) or is_timestamp(p) for p in parts
    )
