"""Which akim a KATO unit has: `AkimLevel`, read from the code, the structural level and the
official abbreviations of the kk and ru names.

KATO itself does not say who governs a unit. Its code says where the unit sits (AB oblast,
CD district, EF okrug, HIJ settlement) and its names carry the type abbreviations of the
classifier (НК РК 11-2025): these two are enough to tell every kind of akim the law on local
government knows (REGULATION.md, "Locality levels"):

    oblast level     710000000 Astana: capital; 750000000 Almaty, 790000000 Shymkent:
                     republican_city; the 17 others: oblast
    district level   "Г.А." / "Қ.Ә." (city administration): oblast_city; the rest are районы
                     (ауданы), the only other kind of unit under an oblast: district
    sub_district     under 71/75/79: city_district; "р.а." (district administration inside
                     Karaganda): city_district; the city proper "г." / "қ." (EF=10 under a
                     Г.А.): oblast_city; "с.о." / "а.о.": rural_okrug; "с.а." / "а.ә.": village;
                     "п.а." / "к.ә.": settlement; "г.а." / "қ.ә.": district_city
    settlement       "район" / "ауданы" (districts inside Aktobe, Taraz, Karaganda):
                     city_district; "г." / "қ.": district_city; "п." / "к.": settlement;
                     "с." / "а.": village; anything else (farms, wintering places, railway
                     sidings and stations, shepherds' houses, plots...): None, no akim

Each rule accepts the marker of either language: the two names were typed separately and a
few rows lose a dot or an abbreviation in one of them ("с.Актас" / "а.Ақтас", "Заречное с." /
"Заречный а.").
"""

import re

from regulation.levels import AkimLevel
from services.kato.names import clean_name

CAPITAL_CODE = "710000000"
REPUBLICAN_CITY_CODES = frozenset({"750000000", "790000000"})
# The capital and the cities of republican significance: their sub-units are city districts.
CITY_PREFIXES = frozenset({"71", "75", "79"})
# EF=10 is the city itself inside its city administration (НК РК 11-2025 §6.7).
CITY_PROPER_EF = "10"

# A marker is an abbreviation standing at a word boundary, glued to the name or not:
# "с.Жамбыл", "Жамбыл а.", "с.о.им.Канай", "атын.а.о.". The lookbehind (start, space, dot)
# keeps "Ақ." or "Шарқож." from reading as a marker. The final dot is sometimes lost.
_BOUNDARY = r"(?<![^\s.])"


def _marker(*abbreviations: str) -> re.Pattern[str]:
    # Case matters: "Г.А." is not "г.а.", and "П.Морозов" (an initial) is not "п." (посёлок).
    alternation = "|".join(re.escape(abbreviation.rstrip(".")) for abbreviation in abbreviations)
    return re.compile(rf"{_BOUNDARY}(?:{alternation})(?:\.|(?=\s|$))")


# "Г.А." (город областного значения: городская администрация) is upper case; "г.а." (the
# administration of a town of district significance) is lower case. The Kazakh "Қ.Ә."/"қ.ә."
# follows the same convention; 471000000 writes the Russian "Г.А." in its kk name too.
_OBLAST_CITY_ADMIN = _marker("Г.А.", "Қ.Ә.")
_TOWN_ADMIN = _marker("г.а.", "қ.ә.")
_DISTRICT_ADMIN_IN_CITY = _marker("р.а.")
_RURAL_OKRUG = _marker("с.о.", "а.о.")
_VILLAGE_ADMIN = _marker("с.а.", "а.ә.")
_SETTLEMENT_ADMIN = _marker("п.а.", "к.ә.")
_DISTRICT_WORD = re.compile(r"(?<![^\s.])(?:[Рр]айон|ауданы)(?!\S)")
# Towns: "г.Аягоз" / "Аягөз қ." (one row writes the Macedonian "ќ." for "қ.").
_TOWN = re.compile(r"^г\.(?!а\.)|(?<!\S)[қќ]\.$")
# Settlements (посёлок / кент): "п.Чаган" / "Шаған к.", "Поселок ХПП" / "ХПП кенті".
_SETTLEMENT = re.compile(r"^п\.(?!а\.)|^[Пп]оселок\s|(?<!\S)к\.$|(?<!\S)кенті$")
# Villages (село / ауыл): "с.Жамбыл", "с.им.Актан батыра", "Ушкулун с." / "Жамбыл а.",
# "Ұзынқол 1 а", "а.Ақтас", "Ақтан батыр ат.ауыл", "Мамаит Омаров атын.с.".
_VILLAGE = re.compile(
    r"^с\.\s?(?![оа]\.)|(?<!\S)с\.$|(?<![^\s.\d])а\.?$|^а\.|(?<![^\s.])(?:ауыл|ат\.ауыл)$"
    r"|атын\.с\.$"
)


def _any(pattern: re.Pattern[str], *names: str) -> bool:
    return any(pattern.search(name) for name in names)


def akim_level(
    code: str, type_code: int, name_ru: str, name_kk: str, structural_level: str
) -> AkimLevel | None:
    """The level of the akim who governs this unit, or None when it has none of its own.

    `structural_level` is the level of the code: oblast, district, sub_district, settlement.
    `type_code` (the classifier's `k`) is not needed by any rule: it says urban or rural, and
    both kinds exist at every level; it is accepted so that callers pass the whole row.
    """
    del type_code
    ru, kk = clean_name(name_ru), clean_name(name_kk)
    if structural_level == "oblast":
        return _oblast_level(code)
    if structural_level == "district":
        return _district_level(ru, kk)
    if structural_level == "sub_district":
        return _sub_district_level(code, ru, kk)
    if structural_level == "settlement":
        return _settlement_level(ru, kk)
    raise ValueError(f"unknown structural level {structural_level!r}")


def _oblast_level(code: str) -> AkimLevel:
    # AB is the first-order unit: an oblast, or a city with the rank of an oblast. Astana is the
    # capital (Constitution art. 2(3)); Almaty and Shymkent are cities of republican
    # significance; every other AB is one of the 17 oblasts.
    if code == CAPITAL_CODE:
        return AkimLevel.CAPITAL
    if code in REPUBLICAN_CITY_CODES:
        return AkimLevel.REPUBLICAN_CITY
    return AkimLevel.OBLAST


def _district_level(ru: str, kk: str) -> AkimLevel:
    # Under an oblast there are only two kinds of units: the city administrations of cities
    # of oblast significance (marked "Г.А." / "Қ.Ә.") and the districts (районы / ауданы).
    if _any(_OBLAST_CITY_ADMIN, ru, kk):
        return AkimLevel.OBLAST_CITY
    return AkimLevel.DISTRICT


def _sub_district_level(code: str, ru: str, kk: str) -> AkimLevel | None:
    # Under the capital and the cities of republican significance the second-order units are
    # their districts ("район Есиль", "Алмалинский район"), each with its own akim.
    if code[:2] in CITY_PREFIXES:
        return AkimLevel.CITY_DISTRICT
    # Karaganda keeps district administrations ("Әлихан Бөкейхан р.а."; its kk name says
    # "а.ә.", which is why "р.а." is tested before the village administrations).
    if _any(_DISTRICT_ADMIN_IN_CITY, ru):
        return AkimLevel.CITY_DISTRICT
    # The city proper (EF=10) of a city of oblast significance: the same akim as the city
    # administration above it, so the same level.
    if _any(_TOWN, ru, kk):
        return AkimLevel.OBLAST_CITY if code[4:6] == CITY_PROPER_EF else AkimLevel.DISTRICT_CITY
    # Administrations of the lowest tier. The town administration is tested before the
    # okrugs: "г.а." must not be read as something else, and no row carries both markers.
    if _any(_TOWN_ADMIN, ru, kk):
        return AkimLevel.DISTRICT_CITY
    if _any(_RURAL_OKRUG, ru, kk):
        return AkimLevel.RURAL_OKRUG
    # A village administration ("с.а." / "а.ә.") is a village with an akim of its own, not an
    # okrug of several villages.
    if _any(_VILLAGE_ADMIN, ru, kk):
        return AkimLevel.VILLAGE
    if _any(_SETTLEMENT_ADMIN, ru, kk):
        return AkimLevel.SETTLEMENT
    return None


def _settlement_level(ru: str, kk: str) -> AkimLevel | None:
    # Districts inside cities of oblast significance (Aktobe "район Астана", Taraz
    # "район Әулиеата", Karaganda "район им.Казыбек би") sit at settlement level under the
    # city proper; they are city districts with akims.
    if _any(_DISTRICT_WORD, ru, kk):
        return AkimLevel.CITY_DISTRICT
    # Towns of district significance ("г.Атбасар" / "Атбасар қ."), also when they sit under
    # their own town administration ("Аягоз г.а." -> "г.Аягоз").
    if _any(_TOWN, ru, kk):
        return AkimLevel.DISTRICT_CITY
    if _SETTLEMENT.search(ru) or _SETTLEMENT.search(kk):
        return AkimLevel.SETTLEMENT
    if _VILLAGE.search(ru) or _VILLAGE.search(kk):
        return AkimLevel.VILLAGE
    # What remains is not an inhabited locality in the sense of the law: wintering places
    # ("зимовка" / "қыстауы"), farms ("кр.хоз", "ферма", "МТФ"), railway sidings and stations
    # ("рзд.", "ст.", "отг."), plots ("уч."), shepherds' houses ("Чабанский жил.дом"),
    # points ("точка" / "мекені"), camps, forestry cordons... None of them has an akim.
    return None
