"""The law as data: one :class:`RegulationProfile` per regime, every number with its source.

- ``"2022"`` (default): the current rules, seed 001 (the Presidential decree "On akims'
  meetings with the population", as submitted by Government Resolution No. 91 of 25 Feb 2022),
  plus the 2024 feedback index methodology, seed 004.
- ``"2016"``: PM's order No. 20-ө implementing decree No. 190, seed 000, in its 2020 wording.
- ``"2013"``: the decree on akims' reporting meetings, seed 002.

A rule a seed does not state is ``None`` here; asking for it raises :class:`RuleNotInProfile`
rather than guessing a number the law never gave.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from fractions import Fraction
from types import MappingProxyType
from typing import TypeVar

from regulation.levels import AkimLevel
from regulation.rules import (
    AnnouncementRule,
    BandFloor,
    CalendarRule,
    DaysAfterRule,
    FeedbackBand,
    FeedbackIndexRule,
    LeadTime,
    Period,
    Periodicity,
    PeriodicityRule,
    ProgressRule,
    ReceptionRule,
    Rule,
    ShareRule,
)

SEED_2016_ORDER = "000_15ea57a703e35011.txt"
SEED_2022_DECREE = "001_03764bfba3be1069.txt"
SEED_2013_DECREE = "002_43ff35fc7fb923e1.txt"
SEED_2024_FEEDBACK = "004_69eafe078b9faea0.txt"

SEED_TITLES_EN: Mapping[str, str] = MappingProxyType(
    {
        SEED_2016_ORDER: (
            "Order No. 20-ө of the Prime Minister of 5 April 2016 implementing Presidential "
            "Decree No. 190 (wording of Order No. 73-ө of 21 May 2020)"
        ),
        SEED_2022_DECREE: (
            'Presidential Decree "On akims\' meetings with the population" (text submitted by '
            "Government Resolution No. 91 of 25 February 2022)"
        ),
        SEED_2013_DECREE: (
            'Presidential Decree "On akims\' reporting meetings with the population" '
            "(in force from 1 October 2013)"
        ),
        SEED_2024_FEEDBACK: (
            "Methodology for collecting and evaluating public feedback, Order No. 17-НҚ of the "
            "Minister of Culture and Information of 16 January 2024"
        ),
    }
)

DEFAULT_PROFILE = "2022"

R = TypeVar("R", bound=Rule)


# The name is part of the agreed public API, hence no "Error" suffix.
class RuleNotInProfile(LookupError):  # noqa: N818
    """The profile's seed does not state this rule, so there is no number to compute with."""

    def __init__(self, profile: str, rule_key: str) -> None:
        super().__init__(f"regulation profile {profile!r} has no {rule_key!r} rule")
        self.profile = profile
        self.rule_key = rule_key


@dataclass(frozen=True, slots=True)
class RegulationProfile:
    """All rules of one regime; a field is ``None`` where the regime's seed has no such rule.

    Each field name is also the ``key`` of the rule it holds (checked on construction).
    """

    name: str
    title_en: str
    announcement: AnnouncementRule | None = None
    action_plan: DaysAfterRule | None = None
    progress: ProgressRule | None = None
    calendar_approve: CalendarRule | None = None
    calendar_submit: CalendarRule | None = None
    presentation_share: ShareRule | None = None
    personal_reception: ReceptionRule | None = None
    meeting_period: PeriodicityRule | None = None
    feedback_index: FeedbackIndexRule | None = None

    def __post_init__(self) -> None:
        for key in RULE_KEYS:
            rule = getattr(self, key)
            if rule is not None and rule.key != key:
                raise ValueError(f"profile {self.name!r}: field {key!r} holds rule {rule.key!r}")

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules this profile has, in field order."""
        return tuple(rule for key in RULE_KEYS if (rule := getattr(self, key)) is not None)

    def rule(self, key: str) -> Rule:
        """The rule ``key``.

        Raises ValueError for a key no profile knows and RuleNotInProfile for a known key that
        this profile's seed does not state.
        """
        if key not in RULE_KEYS:
            raise ValueError(f"unknown rule key {key!r}; known: {', '.join(RULE_KEYS)}")
        rule: Rule | None = getattr(self, key)
        if rule is None:
            raise RuleNotInProfile(self.name, key)
        return rule

    def require(self, key: str, kind: type[R]) -> R:
        """The rule ``key``, typed as ``kind`` for the code that computes with it."""
        rule = self.rule(key)
        if not isinstance(rule, kind):
            raise TypeError(f"rule {key!r} is a {type(rule).__name__}, not a {kind.__name__}")
        return rule


RULE_KEYS: tuple[str, ...] = tuple(
    field.name for field in fields(RegulationProfile) if field.name not in {"name", "title_en"}
)

_REGIONAL = frozenset({AkimLevel.OBLAST, AkimLevel.REPUBLICAN_CITY, AkimLevel.CAPITAL})

PROFILE_2022 = RegulationProfile(
    name="2022",
    title_en="Akims' meetings with the population (2022 decree, current rules)",
    announcement=AnnouncementRule(
        key="announcement",
        seed=SEED_2022_DECREE,
        clause="3.4",
        summary_en=(
            "Akims of an oblast, a city of republican significance, the capital, a district or "
            "a city of oblast or district significance announce the meeting two weeks before; "
            "akims of a village, settlement, rural okrug or city district one week before."
        ),
        quote_kk=(
            "кездесу күніне дейін екі апта бұрын; ауыл; кент, ауылдық округ, қаладағы аудан "
            "әкімі өткізетін кездесу күніне дейін бір апта бұрын"
        ),
        lead_times=(
            LeadTime(
                levels=_REGIONAL
                | {AkimLevel.DISTRICT, AkimLevel.OBLAST_CITY, AkimLevel.DISTRICT_CITY},
                days=14,
            ),
            LeadTime(
                levels=frozenset(
                    {
                        AkimLevel.VILLAGE,
                        AkimLevel.SETTLEMENT,
                        AkimLevel.RURAL_OKRUG,
                        AkimLevel.CITY_DISTRICT,
                    }
                ),
                days=7,
            ),
        ),
    ),
    action_plan=DaysAfterRule(
        key="action_plan",
        seed=SEED_2022_DECREE,
        clause="3.5",
        summary_en=(
            "Within 10 calendar days after the meetings and personal receptions end: publish "
            "the results, the list of problem issues and the action plan with deadlines and "
            "responsible executors."
        ),
        quote_kk=(
            "кездесулер мен азаматтарды қабылдау аяқталған күннен бастап күнтізбелік он күннен "
            "кешіктірмей"
        ),
        days=10,
    ),
    progress=ProgressRule(
        key="progress",
        seed=SEED_2022_DECREE,
        clause="3.5",
        summary_en=(
            "Every quarter, by the 25th of the month after the reporting quarter: publish the "
            "progress on the problem issues raised at the meetings."
        ),
        quote_kk="тоқсан сайын есепті кезеңнен кейінгі айдың 25-күніне қарай",
        day=25,
    ),
    calendar_approve=CalendarRule(
        key="calendar_approve",
        seed=SEED_2022_DECREE,
        clause="2.1",
        summary_en=(
            "Akims of oblasts, cities of republican significance and the capital approve the "
            "year's flexible meeting calendar, agreed with the maslikhat, by 15 January."
        ),
        quote_kk="жыл сайын 15 қаңтарға дейін",
        month=1,
        day=15,
        year_offset=0,
        levels=_REGIONAL,
    ),
    calendar_submit=CalendarRule(
        key="calendar_submit",
        seed=SEED_2022_DECREE,
        clause="2.2",
        summary_en=(
            "The same akims submit the approved calendar to the Government by 20 January."
        ),
        quote_kk="жыл сайын 20 қаңтарға дейін Қазақстан Республикасының Үкіметіне бекітілген",
        month=1,
        day=20,
        year_offset=0,
        levels=_REGIONAL,
    ),
    presentation_share=ShareRule(
        key="presentation_share",
        seed=SEED_2022_DECREE,
        clause="3.3",
        summary_en=(
            "The presentation takes no more than a quarter of the planned meeting time; the "
            "rest is questions and answers."
        ),
        quote_kk="кездесу үшін жоспарланған уақыттың төрттен бірден аспайтын бөлігін",
        max_share=Fraction(1, 4),
    ),
    personal_reception=ReceptionRule(
        key="personal_reception",
        seed=SEED_2022_DECREE,
        clause="3.5",
        summary_en=(
            "After the meeting the akim holds a personal reception of citizens with "
            "prosecutors, police, maslikhat deputies and public councils."
        ),
        quote_kk="халықпен кездесулер өткізгеннен кейін",
        days_before=None,
        after_meeting=True,
    ),
    meeting_period=PeriodicityRule(
        key="meeting_period",
        seed=SEED_2022_DECREE,
        clause="2.1",
        summary_en=(
            "The calendar provides visiting meetings: the oblast akim in every district and "
            "city of oblast significance once per half-year; the other akims with subordinate "
            "units in every one of them each quarter; akims of a village, settlement or city "
            "district at least one meeting each quarter."
        ),
        quote_kk=(
            "жарты жылда бір рет облыс әкімінің әр ауданда және облыстық маңызы бар әр қалада "
            "кемінде бір көшпелі кездесуін"
        ),
        groups=(
            Periodicity(
                levels=frozenset({AkimLevel.OBLAST}),
                period=Period.HALF_YEAR,
                clause="2.1",
                in_each_subordinate_unit=True,
            ),
            Periodicity(
                levels=frozenset(
                    {
                        AkimLevel.REPUBLICAN_CITY,
                        AkimLevel.CAPITAL,
                        AkimLevel.DISTRICT,
                        AkimLevel.OBLAST_CITY,
                        AkimLevel.DISTRICT_CITY,
                        AkimLevel.RURAL_OKRUG,
                    }
                ),
                period=Period.QUARTER,
                clause="2.1",
                in_each_subordinate_unit=True,
            ),
            # The lowest tier has no units to visit: one meeting a quarter in total.
            Periodicity(
                levels=frozenset(
                    {AkimLevel.VILLAGE, AkimLevel.SETTLEMENT, AkimLevel.CITY_DISTRICT}
                ),
                period=Period.QUARTER,
                clause="2.1",
            ),
        ),
    ),
    feedback_index=FeedbackIndexRule(
        key="feedback_index",
        seed=SEED_2024_FEEDBACK,
        clause="20, 22, 23",
        summary_en=(
            "F = (B/C) x (E/G) x 100%: B accepted of C received proposals, E answered of G "
            "received comments; a ratio is 1 when nothing was received; F is 0 when the results "
            "are not public. Under 50% ineffective, 50-69.9% low, 70-89.9% medium, 90-100% high."
        ),
        quote_kk="мемлекеттік органның кері байланыс көрсеткішін мынадай формула бойынша",
        bands=(
            BandFloor(90, FeedbackBand.HIGH),
            BandFloor(70, FeedbackBand.MEDIUM),
            BandFloor(50, FeedbackBand.LOW),
            BandFloor(0, FeedbackBand.INEFFECTIVE),
        ),
    ),
)

PROFILE_2016 = RegulationProfile(
    name="2016",
    title_en="Reporting meetings with the population (2016 order No. 20-ө, 2020 wording)",
    announcement=AnnouncementRule(
        key="announcement",
        seed=SEED_2016_ORDER,
        clause="7",
        summary_en=(
            "One month before the reporting meeting: publish the schedule and the ways to send "
            "questions and proposals."
        ),
        quote_kk="есеп беру кездесулері өтетін күннен бір ай бұрын",
        lead_times=(LeadTime(levels=frozenset(AkimLevel), months=1),),
    ),
    action_plan=DaysAfterRule(
        key="action_plan",
        seed=SEED_2016_ORDER,
        clause="7-4",
        summary_en=(
            "Within 10 calendar days after the reporting meetings and receptions end: publish "
            "the reports and the list of problem issues with deadlines for the measures."
        ),
        quote_kk=(
            "Есеп беру кездесулері мен азаматтарды қабылдау аяқталған күннен бастап күнтізбелік "
            "он күннен кешіктірмей"
        ),
        days=10,
    ),
    progress=ProgressRule(
        key="progress",
        seed=SEED_2016_ORDER,
        clause="11",
        summary_en=(
            "Every quarter, by the 10th day of the month after the reporting quarter: publish "
            "the progress on the problem issues raised."
        ),
        quote_kk="тоқсан сайын, есепті кезеңнен кейінгі айдың оныншы күніне қарай",
        day=10,
    ),
    # Clause 6 only has the regional akims *send* next year's schedules; nothing is approved
    # by a date, so there is no calendar_approve in this profile.
    calendar_submit=CalendarRule(
        key="calendar_submit",
        seed=SEED_2016_ORDER,
        clause="6",
        summary_en=(
            "Akims of oblasts, cities of republican significance and the capital send the "
            "schedules of next year's reporting meetings by 10 December."
        ),
        quote_kk="жыл сайын 10 желтоқсаннан кешіктірмей",
        month=12,
        day=10,
        year_offset=-1,
        levels=_REGIONAL,
    ),
    personal_reception=ReceptionRule(
        key="personal_reception",
        seed=SEED_2016_ORDER,
        clause="7-3",
        summary_en=(
            "Akims of all levels hold a personal reception one day before the reporting "
            "meeting and another after it (the seed fixes no day for the one after)."
        ),
        quote_kk=(
            "есеп беру кездесуі өткізілгенге дейін бір күн бұрын және есеп беру кездесуі "
            "өткізілгеннен кейін азаматтарды жеке қабылдауды өткізсін"
        ),
        days_before=1,
        after_meeting=True,
    ),
)

PROFILE_2013 = RegulationProfile(
    name="2013",
    title_en="Akims' reporting meetings with the population (2013 decree, historic)",
    meeting_period=PeriodicityRule(
        key="meeting_period",
        seed=SEED_2013_DECREE,
        clause="2",
        summary_en=(
            "Oblast, republican city and capital akims once a year in Q1; district (city of "
            "oblast significance) and city district akims once per half-year, in Q1 and Q3; "
            "akims of cities of district significance, rural okrugs, settlements and villages "
            "once a quarter, in the quarter's first month."
        ),
        quote_kk="Халыққа есеп беру кездесулерін өткізудің мынадай мерзімділігі белгіленсін",
        groups=(
            Periodicity(levels=_REGIONAL, period=Period.YEAR, clause="2.1", quarters=(1,)),
            # Seed 002 clause 2.2 puts cities of oblast significance with the districts
            # ("аудандардың (облыстық маңызы бар қалалардың)"); the digest omits them.
            Periodicity(
                levels=frozenset(
                    {AkimLevel.DISTRICT, AkimLevel.OBLAST_CITY, AkimLevel.CITY_DISTRICT}
                ),
                period=Period.HALF_YEAR,
                clause="2.2",
                quarters=(1, 3),
            ),
            Periodicity(
                levels=frozenset(
                    {
                        AkimLevel.DISTRICT_CITY,
                        AkimLevel.RURAL_OKRUG,
                        AkimLevel.SETTLEMENT,
                        AkimLevel.VILLAGE,
                    }
                ),
                period=Period.QUARTER,
                clause="2.3",
                first_month_of_quarter=True,
            ),
        ),
    ),
)

PROFILES: Mapping[str, RegulationProfile] = MappingProxyType(
    {profile.name: profile for profile in (PROFILE_2022, PROFILE_2016, PROFILE_2013)}
)


def get_profile(name: str) -> RegulationProfile:
    """The profile called ``name``; ValueError naming the known profiles otherwise."""
    try:
        return PROFILES[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(PROFILES))
        raise ValueError(f"unknown regulation profile {name!r}; known: {known}") from None
