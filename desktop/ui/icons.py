"""The program's icons: small SVGs in resources/icons, loaded once each."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from desktop.core.findings import Severity
from desktop.core.resources import resources_dir


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def severity_icon(severity: Severity | None) -> QIcon | None:
    if severity is None:
        return None
    return icon("error" if severity is Severity.ERROR else "warning")
