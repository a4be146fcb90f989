"""The core stays headless: it imports without Qt, and import-linter holds the contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import desktop

ROOT = Path(desktop.__file__).resolve().parent.parent


def test_core_and_cli_import_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, desktop.core, desktop.cli\n"
        "for m in pkgutil.walk_packages(desktop.core.__path__, 'desktop.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def _loaded(code: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with one of `prefixes` that a fresh interpreter has loaded after
    running `code`, from the repository's root."""
    report = (
        "\nimport json, sys\n"
        f"print(json.dumps(sorted(n for n in sys.modules if n.startswith({prefixes!r}))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code + report], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_the_command_line_imports_only_what_checking_needs() -> None:
    """`jixiao check` starts in a fraction of a second only if the command line does not
    import what other commands need: printing, import and export, the library, last year's
    file, the review edits (issue 12)."""
    loaded = _loaded(
        "from desktop.cli import main",
        ("reportlab", "openpyxl", "docx", "xlrd", "desktop.core.printing",
         "desktop.core.importing", "desktop.core.exporting", "desktop.core.library",
         "desktop.core.lastyear", "desktop.core.review", "desktop.core.operations",
         "desktop.core.walk"),
    )  # fmt: skip
    assert [n for n in loaded if n != "desktop.core.review_checks"] == []


def test_a_check_loads_no_library_and_no_worker_pool() -> None:
    """Checking a file does not need the indicator library, nor the comparison with last
    year's file when it links none (that needs the edit operations too), and a check of a
    few files starts no workers (issue 12)."""
    code = (
        "import contextlib, io\n"
        "from desktop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', 'resources/samples/2022-department.jixiao'])"
    )
    unneeded = ("desktop.core.library", "desktop.core.lastyear", "desktop.core.operations")
    assert _loaded(code, (*unneeded, "multiprocessing")) == []


def test_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken" in result.stdout


def _import_cycles(package: str) -> list[list[str]]:
    """The import cycles among a package's modules (every import counts: lazy ones inside
    functions and TYPE_CHECKING ones too), as strongly connected components."""
    import grimp

    graph = grimp.build_graph(package)
    modules = sorted(m for m in graph.modules if m.startswith(package + "."))
    edges = {
        m: sorted(d for d in graph.find_modules_directly_imported_by(m) if d in modules)
        for m in modules
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:  # Tarjan's algorithm
        index[m] = low[m] = len(index)
        stack.append(m)
        for d in edges[m]:
            if d not in index:
                visit(d)
                low[m] = min(low[m], low[d])
            elif d in stack:
                low[m] = min(low[m], index[d])
        if low[m] == index[m]:
            component = []
            while True:
                x = stack.pop()
                component.append(x)
                if x == m:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for m in modules:
        if m not in index:
            visit(m)
    return cycles


def test_no_import_cycles_anywhere_in_desktop() -> None:
    # a package's __init__ importing its own modules is not a cycle worth refusing
    cycles = [c for c in _import_cycles("desktop") if not any(m.endswith("__init__") for m in c)]
    assert cycles == []


def test_a_cycle_is_found(tmp_path, monkeypatch) -> None:
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from cyclic import b\n")
    (package / "b.py").write_text("def f():\n    from cyclic import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _import_cycles("cyclic") == [["cyclic.a", "cyclic.b"]]


def test_the_main_window_only_wires() -> None:
    lines = (ROOT / "desktop" / "ui" / "main_window.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 300


def test_the_core_is_typed_strictly() -> None:
    """mypy --strict on desktop/core ([tool.mypy] in pyproject.toml), as .ci/run runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
