"""Which official name of a locality a person reads, escaped for HTML."""

from html import escape


def locality_name(name_kk: str, name_ru: str, locale: str) -> str:
    """Kazakh readers get the Kazakh name; Russian and English readers the Russian one, which
    is what signs, maps and documents in Russian and English carry. Escaped for HTML."""
    return escape(name_kk if locale == "kk" else name_ru)


def chain_text(names: list[str]) -> str:
    """Breadcrumbs like "Ulytau oblast › Zhanaarka district", already escaped."""
    return " › ".join(names)
