"""A non-editable install finds its form kinds, samples and fonts without the source tree.

The wheel is built and installed with `pip install --no-deps --target` into a temporary folder;
`jixiao` then runs from another folder with that one first on sys.path, the venv's
site-packages serving only the dependencies, so `desktop` and its data can come from nowhere
but the installed copy (desktop/_data inside the package). Building the wheel lets pip fetch
hatchling when it is not cached.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the wheel was installed into."""
    tmp = tmp_path_factory.mktemp("install")
    wheels, target = tmp / "wheels", tmp / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    built = _run([*pip, "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)], cwd=tmp)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("jixiao-*.whl")
    installed = _run(
        [*pip, "install", "--no-deps", "-q", "--target", str(target), str(wheel)], cwd=tmp
    )
    assert installed.returncode == 0, installed.stderr
    return target


def _python(site: Path, cwd: Path, code: str) -> subprocess.CompletedProcess[str]:
    prelude = f"import sys; sys.path.insert(0, {str(site)!r}); "
    return _run([sys.executable, "-c", prelude + code], cwd=cwd)


def _jixiao(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _python(site, cwd, f"from desktop.cli import main; sys.exit(main({list(args)!r}))")


def test_the_installed_package_and_its_data_are_used(site: Path, tmp_path: Path) -> None:
    out = _python(
        site,
        tmp_path,
        "import desktop; from desktop.core.resources import data_root; "
        "print(desktop.__file__); print(data_root())",
    )
    assert out.returncode == 0, out.stderr
    package_file, data_root = map(Path, out.stdout.splitlines())
    assert package_file.is_relative_to(site)
    assert data_root == site / "desktop" / "_data"


def test_templates_lists_every_bundled_kind(site: Path, tmp_path: Path) -> None:
    out = _jixiao(site, tmp_path, "templates", "--json")
    assert out.returncode == 0, out.stderr
    listed = {kind["id"] for kind in json.loads(out.stdout)}
    kinds = [p for p in (ROOT / "forms").glob("*.json") if p.name != "rules.json"]
    shipped = {json.loads(p.read_text("utf-8"))["id"] for p in kinds}
    assert shipped and listed == shipped
    assert (site / "desktop" / "_data" / "forms" / "rules.json").is_file()  # the rule vocabulary


def test_check_and_print_a_bundled_sample(site: Path, tmp_path: Path) -> None:
    samples = sorted((site / "desktop" / "_data" / "resources" / "samples").glob("*.jixiao"))
    assert samples, "the wheel carries no samples"
    project = tmp_path / "中文项目.jixiao"
    project.write_bytes(samples[0].read_bytes())

    checked = _jixiao(site, tmp_path, "check", project.name)
    assert checked.returncode in (0, 1), checked.stderr  # 1: the sample keeps its form's mistakes
    assert checked.stdout.startswith(f"{project.name}: ")

    pdf = tmp_path / "中文项目.pdf"
    printed = _jixiao(site, tmp_path, "print", project.name, "-o", pdf.name)
    assert printed.returncode == 0, printed.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and b"/FontFile2" in data  # the bundled fonts, embedded
