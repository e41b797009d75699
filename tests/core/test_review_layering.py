"""core/review's imports run one way: data <- operations <- storage <- the package.

Read from the source (ast), so an import hidden in a function or behind
TYPE_CHECKING counts like any other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REVIEW = Path(__file__).resolve().parents[2] / "src" / "editdesk" / "core" / "review"
PACKAGE = "editdesk.core.review"

# every module of core/review, by layer; a module imports from its own layer or those before
LAYERS = {
    "data": {"model", "errors", "clock", "textdiff"},
    "operations": {"anchoring", "comments", "editing", "grouping", "signoff", "syncing", "rebase"},
    "storage": {"sidecar", "locking", "merge"},
    "package": {"__init__"},
}
ORDER = list(LAYERS)


def layer_of(module: str) -> str:
    return next(name for name, members in LAYERS.items() if module in members)


def review_imports(tree: ast.AST) -> set[str]:
    """The core/review modules a module imports (``from PACKAGE import x`` names
    module x when x is a module, else the package itself)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == PACKAGE:
                for alias in node.names:
                    is_module = (REVIEW / f"{alias.name}.py").exists()
                    found.add(alias.name if is_module else "__init__")
            elif node.module.startswith(PACKAGE + "."):
                found.add(node.module.removeprefix(PACKAGE + ".").split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE + "."):
                    found.add(alias.name.removeprefix(PACKAGE + ".").split(".")[0])
    return found


def graph() -> dict[str, set[str]]:
    return {
        py.stem: review_imports(ast.parse(py.read_text(encoding="utf-8")))
        for py in sorted(REVIEW.glob("*.py"))
    }


def test_every_review_module_has_a_layer() -> None:
    placed = set().union(*LAYERS.values())
    assert set(graph()) == placed


@pytest.mark.parametrize("module", sorted(set().union(*LAYERS.values())))
def test_a_module_imports_only_from_layers_below_its_own(module: str) -> None:
    mine = ORDER.index(layer_of(module))
    upward = {
        target: layer_of(target)
        for target in graph()[module]
        if ORDER.index(layer_of(target)) > mine
    }
    assert upward == {}, f"{module} ({layer_of(module)}) imports {upward}"


def test_the_data_modules_import_no_operation() -> None:
    deps = graph()
    data = LAYERS["data"]
    assert {m: deps[m] - data for m in data} == {m: set() for m in data}


def test_the_review_imports_have_no_cycle() -> None:
    deps = graph()
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for target in deps.get(module, ()):
            visit(target, (*path, module))
        done.add(module)

    for module in deps:
        visit(module, ())


def test_no_import_inside_a_function_in_core_review() -> None:
    hidden = []
    for py in sorted(REVIEW.glob("*.py")):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                hidden += [
                    f"{py.name}:{inner.lineno}"
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.Import | ast.ImportFrom)
                ]
    assert hidden == []


def test_the_checks_see_what_they_check() -> None:
    """The parser above finds the arrows it must: sidecar reads the model, editing
    uses anchoring (a failing layering test must not be a blind one)."""
    deps = graph()
    assert "model" in deps["sidecar"]
    assert {"anchoring", "model"} <= deps["editing"]
    hidden = ast.parse("def f():\n    from editdesk.core.review import editing\n")
    assert review_imports(hidden) == {"editing"}
