"""/coverage: the visiting-meeting coverage of every akimat inside the reader's territory
(services/coverage.py), per akimat covered / planned / uncovered, with a drill-down to the
units. An official of a higher akimat sees the akimats below; an admin gives a KATO code
(`/coverage 620000000`). The coordinators' screen (i9-coord) is wired to the same
``CoverageService.territory`` by the lead."""

from html import escape

from aiogram import F
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import CalendarCb, CoverageCb
from handlers.keyboards import InlineKeyboard
from handlers.notices.coverage import period_text
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.access import Right
from services.audit import AuditAction
from services.container import Services
from services.coverage import AkimatCoverage, UnitState

router = Routes(name=__name__)
# For people who are not (or no longer) staff: /coverage and the staff buttons of the calendar
# and of coverage (a removed official's old keyboard, or a forged button). Citizens' /calendar
# is theirs: it is not answered here.
outsiders = Routes(name=f"{__name__}.outsiders")
_PREFIXES = tuple(
    f"{factory.__prefix__}{factory.__separator__}" for factory in (CalendarCb, CoverageCb)
)

AKIMAT_LINES = 30
UNIT_LINES = 60


def _line(t: Text, coverage: AkimatCoverage) -> str:
    return t(
        "coverage-line",
        akimat=escape(coverage.name(t.locale)),
        period=coverage.period.label,
        covered=coverage.count(UnitState.COVERED),
        planned=coverage.count(UnitState.PLANNED),
        uncovered=coverage.count(UnitState.UNCOVERED),
    )


def render_territory(
    t: Text, root_id: int, root_name: str, coverage: list[AkimatCoverage]
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [t("coverage-title", akimat=escape(root_name)), t("coverage-legend"), ""]
    if not coverage:
        lines.append(t("coverage-empty"))
    lines += [_line(t, item) for item in coverage[:AKIMAT_LINES]]
    if len(coverage) > AKIMAT_LINES:
        lines.append(t("coverage-more-akimats", count=len(coverage) - AKIMAT_LINES))
    builder = InlineKeyboard()
    for item in coverage[:AKIMAT_LINES]:
        builder.button(
            text=f"{item.name(t.locale)[:40]} ❌ {item.count(UnitState.UNCOVERED)}",
            callback_data=CoverageCb(akimat_id=root_id, unit_of=item.akimat_id),
        )
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def render_units(t: Text, root_id: int, item: AkimatCoverage) -> tuple[str, InlineKeyboardMarkup]:
    lines = [_line(t, item), period_text(t, item), ""]
    order = {UnitState.UNCOVERED: 0, UnitState.PLANNED: 1, UnitState.COVERED: 2}
    units = sorted(item.units, key=lambda unit: order[unit.state])
    lines += [
        t(f"coverage-unit-{unit.state.value}", unit=escape(unit.name(t.locale)))
        for unit in units[:UNIT_LINES]
    ]
    if len(units) > UNIT_LINES:
        lines.append(t("coverage-more", count=len(units) - UNIT_LINES))
    builder = InlineKeyboard()
    builder.button(text=t("back-button"), callback_data=CoverageCb(akimat_id=root_id))
    return "\n".join(lines), builder.as_markup()


async def _root(services: Services, user_id: int, code: str) -> tuple[int, str] | None:
    if code:
        found = await services.duties.akimat_id_of(code)
        return (found, code) if found is not None else None
    own = await services.access.akimats_of(user_id)
    if own:
        return own[0].id, own[0].locality_code
    # A coordinator: the akimat at the head of their territory (a coordinator of the whole
    # republic names one with its code).
    for akimat_id in await services.coordinators.territory_akimats(user_id):
        head = await services.calendar.akimat_code(akimat_id)
        if head is not None:
            return akimat_id, head
    return None


async def _territory(
    t: Text, services: Services, user_id: int, root_id: int
) -> tuple[str, InlineKeyboardMarkup]:
    await services.access.require(user_id, root_id, Right.READ, action=AuditAction.COVERAGE_VIEW)
    code = await services.calendar.akimat_code(root_id)
    assert code is not None
    place = await services.localities.get(code)
    coverage = await services.coverage.territory(root_code=code)
    return render_territory(t, root_id, place.name(t.locale) if place else code, coverage)


@router.message(Command("coverage"))
async def cmd_coverage(
    message: Message, command: CommandObject, t: Text, services: Services
) -> None:
    assert message.from_user is not None
    root = await _root(services, message.from_user.id, (command.args or "").strip()[:9])
    if root is None:
        await message.answer(t("coverage-no-akimat"))
        return
    text, keyboard = await _territory(t, services, message.from_user.id, root[0])
    await message.answer(text, reply_markup=keyboard)


@router.callback_query(CoverageCb.filter())
async def cb_coverage(
    query: CallbackQuery, callback_data: CoverageCb, t: Text, services: Services
) -> None:
    user_id = query.from_user.id
    if not callback_data.unit_of:
        text, keyboard = await _territory(t, services, user_id, callback_data.akimat_id)
        await query.answer()
        await edit_or_answer(query, text, keyboard)
        return
    await services.access.require(
        user_id, callback_data.unit_of, Right.READ, action=AuditAction.COVERAGE_VIEW
    )
    found = await services.coverage.territory(akimat_ids=[callback_data.unit_of])
    await query.answer()
    if not found:
        await edit_or_answer(query, t("coverage-empty"))
        return
    text, keyboard = render_units(t, callback_data.akimat_id, found[0])
    await edit_or_answer(query, text, keyboard)


@outsiders.callback_query(F.data.startswith(_PREFIXES))
async def cb_not_staff(query: CallbackQuery, t: Text, services: Services) -> None:
    """Denied and recorded, as every staff button pressed by someone who is not staff."""
    await services.access.audit(
        query.from_user.id,
        AuditAction.CALENDAR_BUTTON,
        target=(query.data or "")[:100],
        allowed=False,
    )
    await query.answer(t("outsider-staff-button"), show_alert=True)
