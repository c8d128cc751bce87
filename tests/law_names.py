"""The name of the 2022 decree (seed 001) as an official reads it beside a clause, typed out
on purpose in each language (locales/*/acts.ftl): a test of a source line compares with it."""

DECREE_2022_KK = (
    "«Әкімдердің халықпен кездесулерін өткізу туралы» ҚР Президентінің Жарлығы "
    "(ҚР Үкіметінің 2022 жылғы 25 ақпандағы № 91 қаулысымен енгізілген)"
)
DECREE_2022_RU = (
    "Указ Президента РК «О проведении встреч акимов с населением» "
    "(внесён постановлением Правительства РК от 25 февраля 2022 года № 91)"
)
DECREE_2022_EN = (
    'Presidential Decree "On akims\' meetings with the population" '
    "(submitted by Government Resolution No. 91 of 25 February 2022)"
)
