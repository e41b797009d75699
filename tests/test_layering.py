"""Headless parts of EditDesk must never load Qt; the faces leave the review
workflow to the service."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    "module",
    ["editdesk.core", "editdesk.engine", "editdesk.export", "editdesk.cli",
     "editdesk.core.checks.runner", "editdesk.core.review", "editdesk.cli.check",
     "editdesk.service.checking", "editdesk.service.signing", "editdesk.service.review_session"],
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


SRC = Path(__file__).resolve().parents[1] / "src" / "editdesk"
# what opens, checks, changes, signs, saves or exports a review: the service's job
WORKFLOW = {
    "editdesk.core.review.editing", "editdesk.core.review.comments", "editdesk.core.review.rebase",
    "load_review", "save_review", "sync_findings", "sign_off", "check_article", "CheckRunner",
    "export_docx", "import_review", "read_article",
}


def _imported(py: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_service_imports_neither_qt_nor_argparse() -> None:
    offenders = {
        py.name: sorted(n for n in _imported(py) if n.split(".")[0] in ("PySide6", "argparse"))
        for py in (SRC / "service").glob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("face", ["cli", "gui"])
def test_the_faces_leave_the_review_workflow_to_the_service(face: str) -> None:
    # batch.py is the headless batch check (files, not reviews): it checks through
    # EngineSession and CheckRunner itself
    offenders = {
        py.name: sorted(_imported(py) & WORKFLOW)
        for py in (SRC / face).glob("*.py")
        if py.name != "batch.py"
    }
    assert {k: v for k, v in offenders.items() if v} == {}
