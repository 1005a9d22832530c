"""The core knows no document app: safety_partnership/ imports nothing from the apps that
register document kinds; they import it."""

import ast
from pathlib import Path

from safety_partnership import kinds

CORE = Path(__file__).resolve().parents[2] / "safety_partnership"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at module level or inside functions."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def test_the_core_imports_no_document_app():
    document_apps = {kind.model._meta.app_config.name for kind in kinds.all_kinds()}
    assert {"agreements", "actionplans", "pledges"} <= document_apps

    offenders = [
        f"{path.relative_to(CORE.parent)} imports {module}"
        for path in sorted(CORE.rglob("*.py"))
        for module in imported_modules(path)
        if any(module == app or module.startswith(f"{app}.") for app in document_apps)
    ]

    assert offenders == []


def test_the_walk_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "example.py"
    source.write_text("def f():\n    from pledges.models import Pledge\n    import actionplans\n")

    assert imported_modules(source) == {"pledges.models", "actionplans"}
