"""Which official name of a locality a person reads, escaped for HTML."""

from html import escape

from services.kato.names import name_for_locale


def locality_name(name_kk: str, name_ru: str, locale: str) -> str:
    """The name a reader of ``locale`` reads (services/kato/names.py), escaped for HTML."""
    return escape(name_for_locale(name_kk, name_ru, locale))


def chain_text(names: list[str]) -> str:
    """Breadcrumbs like "Ulytau oblast › Zhanaarka district", already escaped."""
    return " › ".join(names)
