"""The levels of akims. The level of the akim decides every lead time and duty."""

from enum import StrEnum


class AkimLevel(StrEnum):
    """The akim's level in the administrative tree (REGULATION.md, "Locality levels")."""

    OBLAST = "oblast"
    REPUBLICAN_CITY = "republican_city"
    CAPITAL = "capital"
    DISTRICT = "district"
    OBLAST_CITY = "oblast_city"
    DISTRICT_CITY = "district_city"
    CITY_DISTRICT = "city_district"
    RURAL_OKRUG = "rural_okrug"
    SETTLEMENT = "settlement"
    VILLAGE = "village"
