"""The questions the editor asks before it could lose or overwrite work, and its error boxes.

Kept as plain functions so each question is worded in one place (and tests can answer them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.autosave import Recovery
from desktop.ui.i18n import tr

_B = QMessageBox.StandardButton


def _ask(
    parent: QWidget | None,
    title: str,
    text: str,
    info: str,
    buttons: list[tuple[str, str, QMessageBox.ButtonRole]],
    default: str,
) -> str:
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setInformativeText(info)
    answers = {}
    for answer, label, role in buttons:
        button = box.addButton(label, role)
        answers[button] = answer
        if answer == default:
            box.setDefaultButton(button)
    box.exec()
    return answers.get(box.clickedButton(), "cancel")


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """ "save", "discard" or "cancel"."""
    return _ask(
        parent,
        tr("保存修改"),
        tr("“{0}”有未保存的修改。").format(name),
        tr("关闭前要保存吗？不保存的话，这些修改将会丢失。"),
        [
            ("save", tr("保存"), QMessageBox.ButtonRole.AcceptRole),
            ("discard", tr("不保存"), QMessageBox.ButtonRole.DestructiveRole),
            ("cancel", tr("取消"), QMessageBox.ButtonRole.RejectRole),
        ],
        "save",
    )


def ask_recovery(parent: QWidget | None, recovery: Recovery) -> str:
    """ "restore", "discard" or "later"."""
    when = recovery.saved_at.strftime("%Y-%m-%d %H:%M")
    source = str(recovery.source) if recovery.source else tr("（尚未保存过的新文件）")
    name = recovery.title or tr("未命名项目")
    return _ask(
        parent,
        tr("恢复未保存的工作"),
        tr("上次程序没有正常关闭，找到了自动保存的内容：“{0}”。").format(name),
        tr("自动保存时间：{0}\n原文件：{1}\n\n恢复后请检查内容并保存。").format(when, source),
        [
            ("restore", tr("恢复"), QMessageBox.ButtonRole.AcceptRole),
            ("discard", tr("删除这份自动保存"), QMessageBox.ButtonRole.DestructiveRole),
            ("later", tr("以后再说"), QMessageBox.ButtonRole.RejectRole),
        ],
        "restore",
    )


def ask_file_changed(parent: QWidget | None, path: Path) -> str:
    """ "overwrite", "save_as" or "cancel"."""
    return _ask(
        parent,
        tr("文件已被修改"),
        tr("“{0}”在打开之后已被其他程序或他人修改。").format(path.name),
        tr("直接保存会覆盖对方的修改。建议“另存为”一个新文件，再核对两份内容。"),
        [
            ("save_as", tr("另存为…"), QMessageBox.ButtonRole.AcceptRole),
            ("overwrite", tr("仍然覆盖"), QMessageBox.ButtonRole.DestructiveRole),
            ("cancel", tr("取消"), QMessageBox.ButtonRole.RejectRole),
        ],
        "save_as",
    )


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)
