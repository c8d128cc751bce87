"""Every word a user reads, in Kazakh, Russian and English (Fluent files beside this module).

One `.ftl` file per feature in each language folder; keys are namespaced by feature
(`start-…`, `subs-…`). `Translator` loads them once; `Text` is a translator bound to one
locale, which handlers receive as `t` and services use to render notifications in the
recipient's language.
"""

import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from fluent.runtime import FluentBundle, FluentResource

LOCALES_DIR = Path(__file__).resolve().parent
LOCALES = ("kk", "ru", "en")
FALLBACK = "en"

log = logging.getLogger(__name__)

# Closing HTML tags at the end of a value: "<b>Қараағаш а.о.</b>" still ends with a stop.
_TRAILING_TAGS = re.compile(r"(?:</[a-z]+>)+$")


def single_stop(text: str, args: Mapping[str, Any]) -> str:
    """The message without a doubled full stop where a value that ends with one (a locality's
    abbreviated type, "Қараағаш а.о.", "Кеңгір а.", "Кенгирский с.о.") stands before the
    sentence's own stop: "…: Кеңгір а.." reads "…: Кеңгір а.". Only the stop right after such
    a value goes (closing tags between them stay); an ellipsis is left alone."""
    for value in args.values():
        if not isinstance(value, str):
            continue
        core = _TRAILING_TAGS.sub("", value)
        if not core.endswith(".") or core.endswith(".."):
            continue
        tags = value[len(core) :]
        doubled = re.escape(core) + re.escape(tags) + r"(?:</[a-z]+>)*"
        text = re.sub(f"({doubled})\\.(?!\\.)", r"\1", text)
    return text


def normalize_locale(code: str | None, default: str) -> str:
    """Telegram's language_code (e.g. "ru-RU", "kk") to one of ours, else the default."""
    if code:
        base = code.split("-")[0].split("_")[0].lower()
        if base in LOCALES:
            return base
    return default


class Translator:
    def __init__(self, root: Path = LOCALES_DIR, locales: Iterable[str] = LOCALES) -> None:
        self.locales = tuple(locales)
        self._bundles: dict[str, FluentBundle] = {}
        for locale in self.locales:
            # use_isolating=False: bidi isolation marks would show up as junk on old phones.
            bundle = FluentBundle([locale], use_isolating=False)
            for path in sorted((root / locale).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                bundle.add_resource(resource)
            self._bundles[locale] = bundle

    def has(self, locale: str, key: str) -> bool:
        return self._bundles[locale].has_message(key)

    def keys(self, locale: str) -> set[str]:
        return set(self._bundles[locale]._messages)

    def get(self, locale: str, key: str, **args: Any) -> str:
        bundle = self._bundles.get(locale) or self._bundles[FALLBACK]
        if not bundle.has_message(key):
            log.error("missing translation %s for %s", key, locale)
            bundle = self._bundles[FALLBACK]
            if not bundle.has_message(key):
                return key
        message = bundle.get_message(key)
        if message.value is None:
            return key
        text, errors = bundle.format_pattern(message.value, args)
        for error in errors:
            log.error("translation %s/%s: %s", locale, key, error)
        return single_stop(str(text), args)

    def bind(self, locale: str, tz: ZoneInfo) -> "Text":
        return Text(self, locale if locale in self._bundles else FALLBACK, tz)


class Text:
    """A translator bound to one locale and time zone: `t("key", name=...)`."""

    def __init__(self, translator: Translator, locale: str, tz: ZoneInfo) -> None:
        self.translator = translator
        self.locale = locale
        self.tz = tz

    def __call__(self, key: str, **args: Any) -> str:
        return self.translator.get(self.locale, key, **args)

    def datetime(self, value: dt.datetime) -> str:
        """A UTC moment as the local date and time, e.g. "1 желтоқсан 2026, 15:00"."""
        return format_datetime(value.astimezone(self.tz), "d MMMM y, HH:mm", locale=self.locale)

    def date(self, value: dt.datetime) -> str:
        return format_date(value.astimezone(self.tz).date(), "d MMMM y", locale=self.locale)

    def time(self, value: dt.datetime) -> str:
        return format_time(value.astimezone(self.tz), "HH:mm", locale=self.locale)

    def weekday_datetime(self, value: dt.datetime) -> str:
        return format_datetime(
            value.astimezone(self.tz), "EEEE, d MMMM y, HH:mm", locale=self.locale
        )


def missing_keys(translator: Translator) -> Mapping[str, set[str]]:
    """Per locale, the keys some other locale has and it lacks."""
    every = set().union(*(translator.keys(locale) for locale in translator.locales))
    return {locale: every - translator.keys(locale) for locale in translator.locales}
