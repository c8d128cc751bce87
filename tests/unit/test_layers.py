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


# What a service may take from SQLAlchemy: the session it opens as its unit of work and the
# errors it handles. Queries are built in storage/repositories/. services/outbox.py also
# hooks the session's commit (to wake the sender once what it enqueued is committed).
SERVICE_SQLALCHEMY: dict[str, frozenset[str]] = {
    "sqlalchemy.ext.asyncio": frozenset({"AsyncSession", "async_sessionmaker"}),
    "sqlalchemy.exc": frozenset({"IntegrityError", "SQLAlchemyError", "DBAPIError"}),
}
COMMIT_HOOKS: dict[str, frozenset[str]] = {
    "sqlalchemy": frozenset({"event"}),
    "sqlalchemy.orm": frozenset({"Session"}),
}


def sqlalchemy_names(path: Path) -> set[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            names.update((node.module or "", alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(
                (alias.name, "*") for alias in node.names if alias.name.startswith("sqlalchemy")
            )
    return names


def test_services_build_no_queries() -> None:
    found = {}
    for path in sorted((ROOT / "services").rglob("*.py")):
        allowed = dict(SERVICE_SQLALCHEMY)
        if path.name == "outbox.py" and path.parent.name == "services":
            allowed |= COMMIT_HOOKS
        extra = sorted(
            f"{module}.{name}"
            for module, name in sqlalchemy_names(path)
            if name not in allowed.get(module, frozenset())
        )
        if extra:
            found[str(path.relative_to(ROOT))] = extra
    assert found == {}
