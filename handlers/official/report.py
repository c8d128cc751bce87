"""/report: the akimat's record over a period (seed 004, clauses 20-23) for officials and
coordinators: pick a quarter, half-year or year (the current one and those before), read the
summary, look at the charts (PNG photos), take the XLSX workbook, the data package of
clause 20, or the open data (a ZIP of CSV files and an XLSX workbook, services/open_data.py).

Whose record: :func:`report_scope`, asked again on every press (a button is not a permission).
"""

import asyncio
from collections.abc import Sequence

from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from handlers.callbacks import ReportAction, ReportCb
from handlers.keyboards import InlineKeyboard
from handlers.official.report_text import summary_text
from handlers.routes import Routes
from locales import Text
from regulation.report_periods import PeriodKind, ReportPeriod, recent_periods
from services.container import Services
from services.coverage import UnitState
from services.feedback_report import (
    Coverage,
    build_charts,
    package_workbook,
    period_name,
    report_workbook,
)
from services.open_data import archive_name, csv_zip, workbook, workbook_name

router = Routes(name=__name__)

# How many periods of each kind the picker offers, the current one first.
OFFERED = {PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 2}
TREND_QUARTERS = 4
# The caption of each workbook: report-caption-xlsx, report-caption-package.
REPORT_FILES = {ReportAction.XLSX: "xlsx", ReportAction.PACKAGE: "package"}


async def report_scope(services: Services, user_id: int) -> list[int]:
    """The akimats whose record ``user_id`` may read: an admin every akimat, an official their
    own and every akimat inside its territory, a coordinator their territory's."""
    return sorted(ref.id for ref in await services.access.readable_akimats(user_id))


async def report_coverage(
    services: Services, scope: Sequence[int], period: ReportPeriod
) -> Coverage | None:
    """Covered / planned / uncovered units per akimat for the coverage chart, in each akimat's
    coverage period (seed 001, 2.1: a quarter; a half-year for an oblast akim's visits) that
    holds the report period's last day, or today while the period runs; None when no akimat
    of the scope has units to visit (the chart is then left out)."""
    day = min(period.last_day, services.feedback.today())
    found = await services.coverage.territory(akimat_ids=scope, day=day)
    coverage = {
        item.akimat_id: (
            item.count(UnitState.COVERED),
            item.count(UnitState.PLANNED),
            item.count(UnitState.UNCOVERED),
        )
        for item in found
        if item.units
    }
    return coverage or None


def picker_keyboard(t: Text, services: Services) -> InlineKeyboardMarkup:
    today = services.feedback.today()
    builder = InlineKeyboard()
    widths = []
    for kind, count in OFFERED.items():
        periods = recent_periods(today, kind, count)
        for period in periods:
            builder.button(
                text=period_name(t, period.code),
                callback_data=ReportCb(action=ReportAction.SHOW, period=period.code),
            )
        widths.append(min(count, 2))
        if count > 2:
            widths.append(count - 2)
    builder.adjust(*widths)
    return builder.as_markup()


def summary_keyboard(t: Text, period: ReportPeriod) -> InlineKeyboardMarkup:
    builder = InlineKeyboard()
    builder.button(
        text=t("report-xlsx-button"),
        callback_data=ReportCb(action=ReportAction.XLSX, period=period.code),
    )
    builder.button(
        text=t("report-package-button"),
        callback_data=ReportCb(action=ReportAction.PACKAGE, period=period.code),
    )
    builder.button(
        text=t("open-data-button"),
        callback_data=ReportCb(action=ReportAction.OPEN_DATA, period=period.code),
    )
    builder.button(text=t("report-other-button"), callback_data=ReportCb(action=ReportAction.PICK))
    builder.adjust(1)
    return builder.as_markup()


def _period(code: str) -> ReportPeriod | None:
    try:
        return ReportPeriod.parse(code)
    except ValueError:
        return None


@router.message(Command("report"))
async def cmd_report(
    message: Message, command: CommandObject, t: Text, services: Services
) -> None:
    assert message.from_user is not None
    scope = await report_scope(services, message.from_user.id)
    if not scope:
        await message.answer(t("report-no-scope"))
        return
    code = (command.args or "").strip().lower()
    if not code:
        await message.answer(t("report-pick"), reply_markup=picker_keyboard(t, services))
        return
    period = _period(code)
    if period is None:
        await message.answer(t("report-bad-period"))
        return
    await _show(message, t, services, scope, period)


async def _show(
    message: Message, t: Text, services: Services, scope: list[int], period: ReportPeriod
) -> None:
    if period.first_day > services.feedback.today():
        await message.answer(t("report-future-period"))
        return
    report = await services.feedback.territory(scope, period)
    await message.answer(summary_text(t, report), reply_markup=summary_keyboard(t, period))
    trend = await services.feedback.trend(
        scope, period, quarters=TREND_QUARTERS, known=report.known()
    )
    coverage = await report_coverage(services, scope, period)
    # Drawing takes a moment of CPU: off the event loop, so the bot keeps answering.
    charts = await asyncio.to_thread(build_charts, t, report, trend, coverage)
    for chart in charts:
        await message.answer_photo(
            BufferedInputFile(chart.png, filename=f"{chart.name}-{period.code}.png"),
            caption=t(f"report-caption-{chart.name}", period=period_name(t, period.code)),
        )


@router.callback_query(ReportCb.filter())
async def cb_report(
    query: CallbackQuery, callback_data: ReportCb, t: Text, services: Services
) -> None:
    scope = await report_scope(services, query.from_user.id)
    if not scope:
        await query.answer(t("report-no-scope"), show_alert=True)
        return
    assert isinstance(query.message, Message)
    message = query.message
    if callback_data.action is ReportAction.PICK:
        await query.answer()
        await message.answer(t("report-pick"), reply_markup=picker_keyboard(t, services))
        return
    period = _period(callback_data.period)
    if period is None:
        await query.answer(t("report-bad-period"), show_alert=True)
        return
    await query.answer(t("report-preparing"))
    if callback_data.action is ReportAction.SHOW:
        await _show(message, t, services, scope, period)
        return
    if callback_data.action is ReportAction.OPEN_DATA:
        if period.first_day > services.feedback.today():
            await message.answer(t("report-future-period"))
            return
        await _send_open_data(message, t, services, scope, period)
        return
    if callback_data.action is ReportAction.XLSX:
        report = await services.feedback.territory(scope, period)
        trend = await services.feedback.trend(
            scope, period, quarters=TREND_QUARTERS, known=report.known()
        )
        coverage = await report_coverage(services, scope, period)
        data = await asyncio.to_thread(report_workbook, t, report, trend, coverage)
        name = f"feedback-{period.code}.xlsx"
    else:
        items = await services.feedback.package(scope, period)
        data = await asyncio.to_thread(package_workbook, t, items)
        name = f"feedback-data-{period.code}.xlsx"
    await message.answer_document(
        BufferedInputFile(data, filename=name),
        caption=t(
            f"report-caption-{callback_data.action.name.lower()}",
            period=period_name(t, period.code),
        ),
    )


async def _send_open_data(
    message: Message, t: Text, services: Services, scope: list[int], period: ReportPeriod
) -> None:
    """The period's open data of the reader's scope: the ZIP of CSV files, then the workbook."""
    data = await services.open_data.collect(scope, period)
    archive = await asyncio.to_thread(csv_zip, t, data)
    book = await asyncio.to_thread(workbook, t, data)
    name = period_name(t, period.code)
    await message.answer_document(
        BufferedInputFile(archive, filename=archive_name(period)),
        caption=t("open-data-caption-zip", period=name),
    )
    await message.answer_document(
        BufferedInputFile(book, filename=workbook_name(period)),
        caption=t("open-data-caption-xlsx", period=name),
    )
