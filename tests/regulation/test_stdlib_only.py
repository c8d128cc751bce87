"""regulation/ is pure code: it imports nothing but the standard library and itself."""

import ast
import sys
from pathlib import Path

import pytest

import regulation

PACKAGE_DIR = Path(regulation.__file__).parent
MODULES = sorted(PACKAGE_DIR.rglob("*.py"))


def imported_top_levels(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
    return names


def test_package_has_modules() -> None:
    assert {path.name for path in MODULES} >= {"__init__.py", "levels.py", "deadlines.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_imports_are_stdlib_or_regulation(path: Path) -> None:
    foreign = {
        name
        for name in imported_top_levels(path)
        if name != "regulation" and name not in sys.stdlib_module_names
    }
    assert not foreign, f"{path.name} imports {sorted(foreign)}"
