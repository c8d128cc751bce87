"""Imports run one way (../shared/STYLE.md):

    bot -> handlers  -> services -> storage, regulation
    bot -> scheduler -> services -> storage, regulation

Services never know Telegram (no aiogram, no handlers), handlers never touch tables, storage
knows nothing above it. Read from the source with ``ast``, so a lazy import inside a function
counts too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package -> top-level modules it must never import
FORBIDDEN: dict[str, frozenset[str]] = {
    "services": frozenset({"aiogram", "handlers", "bot", "scheduler", "sandbox"}),
    "handlers": frozenset({"storage", "bot", "scheduler", "sandbox"}),
    "storage": frozenset({"aiogram", "services", "handlers", "bot", "scheduler", "sandbox"}),
    "scheduler": frozenset({"handlers", "bot", "sandbox", "storage"}),
    "locales": frozenset({"aiogram", "services", "handlers", "bot", "scheduler", "storage"}),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_run_one_way(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"no sources under {package}/"
    crossings = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & FORBIDDEN[package])
        for path in files
    }
    assert {path: names for path, names in crossings.items() if names} == {}


def test_the_check_sees_a_crossing(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text(
        "from aiogram import Bot\n\ndef later():\n    import handlers.callbacks\n",
        encoding="utf-8",
    )
    assert imported_modules(module) == {"aiogram", "handlers"}
