"""Locality names: display clean-up, search keys and sort keys.

A citizen types a place the way they know it: in Kazakh or Russian, with or without the Kazakh
letters, in Cyrillic or in Latin ("Qaraauyl", "Shymkent", "Şymkent"), with or without the
official abbreviations. Every spelling is folded to one Latin skeleton, so that all of them meet:

    "Қараауыл а."  -> "karaauyl"      (kk name, abbreviation stripped)
    "с.Карааул"    -> "karaaul"       (ru name)
    "Qaraauyl"     -> "karaauyl"      (Kazakh Latin alphabet of 2021: q = қ, y = ы)

and a *loose* variant of each key absorbs the usual Kazakh/Russian spelling differences
(ауыл/аул, doubled letters, ы/и), so "Караул" still finds "Қараауыл", ranked below exact hits.
"""

import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

# Separates the variants inside a stored search key; `fold` never produces it.
KEY_SEPARATOR = "|"

_SPACES = re.compile(r"\s+")

# Kazakh and Russian Cyrillic to one Latin skeleton. The Kazakh letters are folded onto the
# letter a Russian spelling of the same name uses (Ақтөбе / Актобе -> "aktobe"); the rest
# follows the usual transliteration, with the Kazakh Latin alphabet of 2021 in mind
# (ы = y, і/и/й = i, ш = sh, ж = j/zh).
_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Look-alikes from other Cyrillic alphabets that slipped into the data: Macedonian ќ
    # (475220100 "Форт-Шевченко ќ."), Ukrainian ї (634647308 "Кїшік жал"), є, ў.
    "ќ": "k", "ї": "i", "є": "e", "ў": "u",
}  # fmt: skip
# Latin letters that the Kazakh alphabets of 2017-2021 and informal spellings use differently:
# q = қ, j = ж, ı (dotless) = і, ş = ш, ç = ч; x and w appear in older drafts for х and у.
_LATIN = {"q": "k", "j": "zh", "ı": "i", "ş": "sh", "ç": "ch", "x": "h", "w": "u"}
# Letters whose accent carries a different sound must be mapped before NFKD strips the accent.
_BEFORE_NFKD = str.maketrans({"ş": "sh", "ç": "ch", "ı": "i"})
_APOSTROPHES = "'’ʼ`´‘"
_TRANSLITERATE = str.maketrans({**_CYRILLIC, **_LATIN, **dict.fromkeys(_APOSTROPHES, "")})
_NOT_KEY = re.compile(r"[^a-z0-9]+")

# The official abbreviations (kk and ru) that say *what* a unit is, not *which* one it is.
# They stay in the display name and are stripped from the search key, so "с.Жамбыл",
# "Жамбыл а." and a query "жамбыл" are the same key. Longer ones first: the regex alternation
# takes the first that matches. The abbreviations are glued to names in the data
# ("с.о.им.Койгельды", "атын.а.о."), so a dot is enough of a boundary.
_DOTTED = (
    "с.о", "с.а", "п.а", "г.а", "р.а", "а.о", "а.ә", "к.ә", "қ.ә", "ќ.ә",
    "кр.хоз", "крес.пос", "атын", "им", "ат", "рзд", "отг", "уч", "ст",
    "с", "г", "п", "а", "қ", "ќ", "к", "ж",
)  # fmt: skip
# Some rows lose the final dot ("Кенгирбайбийский с.о", "Заречное а", "Бурыл а.о ."): accepted
# at the end only, and tried first, or "с." would match the start of "с.о" and leave "о".
_UNDOTTED_AT_END = ("с.о", "с.а", "а.о", "а.ә", "с", "а")
_TYPE_WORDS = (
    "ауданы", "аудан", "районы", "район", "облысы", "область", "имени", "атындағы",
)  # fmt: skip


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in words)


_ABBREVIATIONS = re.compile(
    rf"(?<![^\s.\"(])"
    rf"(?:(?:{_alternation(_UNDOTTED_AT_END)})(?: ?\.)?$|(?:{_alternation(_DOTTED)})\.)"
    rf"|(?<!\S)(?:{_alternation(_TYPE_WORDS)})(?!\S)"
)
_DOUBLED = re.compile(r"([a-z])\1+")
_WORD_START_IE = re.compile(r"(?<![a-z])ie")


def clean_name(name: str) -> str:
    """The display form: NFC, one plain space between words (NBSP and double spaces occur)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()


def fold(text: str) -> str:
    """Case-, diacritic- and script-insensitive skeleton: lowercase Latin letters, digits and
    single spaces. Nothing is stripped except punctuation (see `name_key` for that)."""
    text = text.casefold().translate(_BEFORE_NFKD).translate(_TRANSLITERATE)
    if not text.isascii():
        # Accents and letters outside the tables: decompose, drop the marks, map again
        # ("Şymkent" was handled above; "Kökşetau" -> "koksetau" here).
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
        text = text.translate(_TRANSLITERATE)
    text = _NOT_KEY.sub(" ", text)
    # "Khromtau" is how English spells Хромтау: the k of "kh" is a spelling of х, not a к.
    return _SPACES.sub(" ", text).strip().replace("kh", "h")


def strip_abbreviations(name: str) -> str:
    """The name without the official type abbreviations ("Қараауыл а." -> "Қараауыл")."""
    stripped = _ABBREVIATIONS.sub(" ", clean_name(name).casefold())
    return _SPACES.sub(" ", stripped).strip()


def name_key(name: str) -> str:
    """The strict search key of a name or a query: folded, type abbreviations stripped.
    A name that is nothing but a type word ("район") keeps it, so no key is empty."""
    return fold(strip_abbreviations(name)) or fold(name)


def loose_key(key: str) -> str:
    """A looser form of a strict key, for spellings that differ between Kazakh and Russian:
    ы/и merged (Қызыл / Кизил), the Russian "Ye" of Есіл, doubled letters (Караағаш /
    Карагаш), and "уы" = "у" (ауыл / аул: "Қараауыл" / "Карааул" / "Караул")."""
    key = _WORD_START_IE.sub("e", key.replace("y", "i"))
    return _DOUBLED.sub(r"\1", key).replace("ui", "u")


def search_key(name_kk: str, name_ru: str) -> str:
    """Every key of a locality in one string, always four fields joined by `KEY_SEPARATOR`:
    strict kk | strict ru | loose kk | loose ru ("karaauyl|karaaul|karaul|karaul").
    Stored in `localities.search_key`: a SQL `LIKE '%key%'` finds any of them, and the
    in-process index splits it back without folding 31,000 names again."""
    kk, ru = name_key(name_kk), name_key(name_ru)
    return KEY_SEPARATOR.join((kk, ru, loose_key(kk), loose_key(ru)))


# Sort keys: the name re-encoded so that plain binary order (SQLite BINARY, PostgreSQL
# COLLATE "C") is the order of the Kazakh, resp. Russian, alphabet, with the abbreviations
# stripped so that "с.Жамбыл" sorts under Ж. In the Russian order each Kazakh letter follows
# the Russian letter it is usually written with (ә after а, қ after к ...).
_KK_ALPHABET = "аәбвгғдежзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_RU_ALPHABET = "аәбвгғдежзиійкқлмнңоөпрстуұүфхһцчшщъыьэюя"
_SORT_BASE = 0x100  # above ASCII, so digits and spaces sort before letters


def _sort_table(alphabet: str) -> dict[int, str]:
    # Latin letters (rare: "ГКС-11" is Cyrillic, but a new name may not be) after Cyrillic.
    letters = alphabet + "abcdefghijklmnopqrstuvwxyz"
    return {ord(letter): chr(_SORT_BASE + index) for index, letter in enumerate(letters)}


_SORT_TABLES = {"kk": _sort_table(_KK_ALPHABET), "ru": _sort_table(_RU_ALPHABET)}
_NOT_SORTABLE = re.compile(r"[^\w ]+")


def sort_key(name: str, lang: str) -> str:
    """A key whose binary order is the alphabetical order of `name` in `lang` ("kk" or "ru")."""
    text = unicodedata.normalize("NFKC", strip_abbreviations(name) or name.casefold())
    # ё sorts as е; ќ and ї are typing slips in the data for қ and і.
    text = text.replace("ё", "е").replace("ќ", "қ").replace("ї", "і")
    text = _SPACES.sub(" ", _NOT_SORTABLE.sub(" ", text)).strip()
    return text.translate(_SORT_TABLES[lang])


# One name, a chain of names, or a name that may be missing: whatever comes in both languages.
_Name = TypeVar("_Name")


def name_language(locale: str) -> str:
    """The language of the official name a reader of ``locale`` reads, "kk" or "ru".

    Kazakh readers get the Kazakh name; Russian and English readers the Russian one, which is
    what signs, maps and documents in Russian and English carry (the classifier has no English
    names). Lists of names are sorted in the same language.
    """
    return "kk" if locale == "kk" else "ru"


def name_for_locale(name_kk: _Name, name_ru: _Name, locale: str) -> _Name:
    """``name_kk`` or ``name_ru``, as `name_language` chooses for ``locale``: one name, a
    chain of names, or a name that may be missing (the parent of a top unit). Not escaped."""
    return name_kk if name_language(locale) == "kk" else name_ru
