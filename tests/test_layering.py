"""Headless parts of EditDesk must never load Qt."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    ["editdesk.core", "editdesk.engine", "editdesk.export", "editdesk.cli",
     "editdesk.core.checks.runner", "editdesk.core.review", "editdesk.cli.check"],
)
def test_headless_modules_do_not_import_qt(module: str) -> None:
    code = (
        f"import importlib, sys; importlib.import_module({module!r}); "
        "import editdesk.cli; editdesk.cli.build_parser(); "
        "print([m for m in sys.modules if m.startswith('PySide6')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_core_imports_nothing_of_ours_outside_core() -> None:
    from pathlib import Path

    core = Path(__file__).resolve().parents[1] / "src" / "editdesk" / "core"
    offenders = []
    for py in core.rglob("*.py"):
        for line in py.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import editdesk", "from editdesk")):
                target = stripped.split()[1]
                allowed = target.startswith("editdesk.core") or target == "editdesk"
                if not allowed:
                    offenders.append(f"{py.name}: {stripped}")
            if "PySide6" in stripped and stripped.startswith(("import", "from")):
                offenders.append(f"{py.name}: {stripped}")
    assert offenders == []
