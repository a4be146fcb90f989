"""Where the program's data lives: form kinds, fonts, samples, translations.

The same lookup serves a source checkout, a non-editable `pip install .` (the wheel carries
forms/ and resources/ as desktop/_data/) and a PyInstaller bundle (sys._MEIPASS).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "jixiao"


@cache
def data_root() -> Path:
    """The folder that holds forms/ and resources/."""
    package = Path(__file__).resolve().parent.parent  # .../desktop
    candidates = [package / "_data", package.parent]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "desktop" / "_data")
    for root in candidates:
        if (root / "forms").is_dir() and (root / "resources").is_dir():
            return root
    raise FileNotFoundError("程序数据（forms/ 与 resources/）缺失，请重新安装。")


def resources_dir() -> Path:
    return data_root() / "resources"


def samples_dir() -> Path:
    return resources_dir() / "samples"


def in_program_data(path: Path) -> bool:
    """Whether `path` lies in the program's own data (bundled samples, form kinds, fonts):
    files there are opened as untitled copies and nothing is ever written there."""
    try:
        target = Path(path).resolve()
    except OSError:
        return False
    return any(
        target.is_relative_to(folder.resolve())
        for folder in (resources_dir(), data_root() / "forms")
    )


def user_forms_dir() -> Path:
    """A bureau's own form kinds, dropped in by the user; optional."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "forms"


def forms_dirs() -> list[Path]:
    dirs = [data_root() / "forms"]
    user = user_forms_dir()
    if user.is_dir():
        dirs.append(user)
    return dirs
