"""The questions the editor asks before it could lose or overwrite work, and its error boxes.

Kept as plain functions so each question is worded in one place (and tests can answer them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.autosave import Recovery
from desktop.core.findings import Finding
from desktop.core.locks import LockInfo
from desktop.ui.i18n import tr

SHOWN_WARNINGS = 8  # cells listed before "and N more"

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


def ask_locked(parent: QWidget | None, path: Path, holder: LockInfo) -> str:
    """ "readonly", "open" or "cancel"."""
    return _ask(
        parent,
        tr("文件正在使用中"),
        tr("“{0}”已被{1}打开。").format(path.name, holder.describe()),
        tr(
            "两处同时修改并保存，先保存的一方的修改会被覆盖。"
            "可以只读打开查看，或确认对方已关闭后仍然打开。"
        ),
        [
            ("readonly", tr("打开只读"), QMessageBox.ButtonRole.AcceptRole),
            ("open", tr("仍然打开"), QMessageBox.ButtonRole.DestructiveRole),
            ("cancel", tr("取消"), QMessageBox.ButtonRole.RejectRole),
        ],
        "readonly",
    )


def ask_print_scope(parent: QWidget | None, title: str, form: str, project: str) -> str:
    """ "form", "project" or "cancel"."""
    return _ask(
        parent,
        title,
        tr("要输出哪些表？"),
        "",
        [
            ("form", form, QMessageBox.ButtonRole.AcceptRole),
            ("project", project, QMessageBox.ButtonRole.AcceptRole),
            ("cancel", tr("取消"), QMessageBox.ButtonRole.RejectRole),
        ],
        "form",
    )


def warnings_summary(warnings: list[Finding], forms: dict[str, str] | None = None) -> str:
    """The cells whose characters would not print, a few lines and a count; `forms` names the
    forms by id when there are several."""
    if not warnings:
        return ""
    return tr("以下内容含有打印字体中没有的字符：\n{0}").format(_listed(warnings, forms))


def _listed(findings: list[Finding], forms: dict[str, str] | None) -> str:
    """A few findings, one a line (with the form's name when `forms` names them), and a
    count of the rest."""
    lines = []
    for f in findings[:SHOWN_WARNINGS]:
        form = f"{forms[f.form_id]} / " if forms and f.form_id in forms else ""
        lines.append(f"· {form}{f.where}：{f.message}")
    if len(findings) > SHOWN_WARNINGS:
        lines.append(tr("……另有 {0} 处").format(len(findings) - SHOWN_WARNINGS))
    return "\n".join(lines)


def confirm_print_warnings(
    parent: QWidget | None, warnings: list[Finding], forms: dict[str, str] | None = None
) -> bool:
    """True to print anyway."""
    answer = _ask(
        parent,
        tr("打印前请注意"),
        tr("有 {0} 处文字含有无法打印的字符。").format(len(warnings)),
        warnings_summary(warnings, forms)
        + tr("\n\n可以先把这些字符改为常用字或文字说明，再打印。"),
        [
            ("go", tr("仍然打印"), QMessageBox.ButtonRole.AcceptRole),
            ("cancel", tr("取消"), QMessageBox.ButtonRole.RejectRole),
        ],
        "cancel",
    )
    return answer == "go"


def confirm_delete_category(parent: QWidget | None, name: str, count: int) -> bool:
    """True to remove a level-2 category together with the indicators it holds."""
    answer = _ask(
        parent,
        tr("删除二级指标"),
        tr("删除二级指标“{0}”将同时删除其中的 {1} 个指标。").format(name, count),
        tr("确定要删除吗？删除后可用 Ctrl+Z 撤销。"),
        [
            ("delete", tr("删除"), QMessageBox.ButtonRole.DestructiveRole),
            ("cancel", tr("取消"), QMessageBox.ButtonRole.RejectRole),
        ],
        "cancel",
    )
    return answer == "delete"


def ask_print_with_errors(
    parent: QWidget | None, errors: list[Finding], forms: dict[str, str] | None = None
) -> str:
    """Before printing or exporting forms that still have errors: "print" (anyway),
    "goto" (the first problem) or "cancel"."""
    return _ask(
        parent,
        tr("表单仍有错误"),
        tr("要打印的表单还有 {0} 个错误，审核时会被退回。").format(len(errors)),
        _listed(errors, forms),
        [
            ("print", tr("仍然打印"), QMessageBox.ButtonRole.AcceptRole),
            ("goto", tr("转到第一个问题"), QMessageBox.ButtonRole.ActionRole),
            ("cancel", tr("取消"), QMessageBox.ButtonRole.RejectRole),
        ],
        "goto",
    )


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)
