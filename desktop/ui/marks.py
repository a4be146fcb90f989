"""How findings look on a cell: one icon, one colour, the messages as tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.core.findings import Finding, Severity
from desktop.ui.icons import severity_icon

ERROR_BACKGROUND = QColor("#fde7e5")
WARNING_BACKGROUND = QColor("#fff3d1")


def worst(findings: Sequence[Finding]) -> Severity | None:
    if not findings:
        return None
    if any(f.severity is Severity.ERROR for f in findings):
        return Severity.ERROR
    return Severity.WARNING


def background(severity: Severity | None) -> QColor | None:
    """The colour a cell or field with a finding of this severity takes (None: no finding)."""
    if severity is None:
        return None
    return ERROR_BACKGROUND if severity is Severity.ERROR else WARNING_BACKGROUND


def tooltip(findings: Sequence[Finding]) -> str:
    return "\n".join(f.message for f in findings)


def mark_data(findings: Sequence[Finding], role: int):
    """The value of a decoration, background or tooltip role for a cell with these findings;
    None when the role is not one that findings decide."""
    severity = worst(findings)
    if severity is None:
        return None
    if role == Qt.ItemDataRole.DecorationRole:
        return severity_icon(severity)
    if role == Qt.ItemDataRole.BackgroundRole:
        return background(severity)
    if role == Qt.ItemDataRole.ToolTipRole:
        return tooltip(findings)
    return None
