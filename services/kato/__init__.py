"""The KATO classifier (КАТО / ӘАОЖ): reading the official files, the akim of each unit, and
the name keys used to search for a locality."""

from services.kato.levels import akim_level
from services.kato.names import (
    clean_name,
    fold,
    name_for_locale,
    name_key,
    name_language,
    search_key,
    sort_key,
)
from services.kato.reader import (
    KatoFormatError,
    KatoIssue,
    KatoRecord,
    parent_candidates,
    read_kato,
    read_kato_csv,
    read_kato_xlsx,
    structural_level,
)

__all__ = [
    "KatoFormatError",
    "KatoIssue",
    "KatoRecord",
    "akim_level",
    "clean_name",
    "fold",
    "name_for_locale",
    "name_key",
    "name_language",
    "parent_candidates",
    "read_kato",
    "read_kato_csv",
    "read_kato_xlsx",
    "search_key",
    "sort_key",
    "structural_level",
]
