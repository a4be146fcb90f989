"""The one translation function of the Qt layer.

Strings are written in Chinese, the users' language; `pyside6-lupdate` collects every
`tr("…")` call into resources/translations/jixiao_en.ts (it files calls of a plain `tr`
function under the empty context, so that is the context used here too).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def short(text: str, limit: int = 16) -> str:
    """A text cut to fit an undo step's name or a status line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
