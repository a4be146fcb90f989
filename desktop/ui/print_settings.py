"""Print settings in the editor: the 打印设置 dialog (title prefix, attachment label, blank rows
per category, which signature lines print) and the signature fields of a form (填报人, 联系电话,
日期 … as the form's kind names them). Both change the project through undo steps."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core import print_settings as ops
from desktop.core.model import MAX_BLANK_ROWS, PrintSettings
from desktop.core.print_settings import SetPrintSettings, SetSignature
from desktop.ui.document import Document
from desktop.ui.i18n import tr


class PrintSettingsDialog(QDialog):
    """打印设置: what a bureau adds to the printed forms of this project."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle(tr("打印设置"))
        self.setMinimumWidth(440)
        settings = doc.project.print_settings
        self.title_prefix = QLineEdit(settings.title_prefix)
        self.title_prefix.setPlaceholderText(tr("如：银川市本级"))
        self.attachment = QLineEdit(settings.attachment)
        self.attachment.setPlaceholderText(tr("如：附件2"))
        self.blank_rows = QSpinBox()
        self.blank_rows.setRange(1, MAX_BLANK_ROWS)
        self.blank_rows.setValue(settings.blank_rows)
        fields = QFormLayout()
        fields.addRow(tr("标题前缀："), self.title_prefix)
        fields.addRow(tr("附件编号："), self.attachment)
        fields.addRow(tr("空表每个二级指标的空行数："), self.blank_rows)
        box = QGroupBox(tr("打印的签字栏"))
        lines = QVBoxLayout(box)
        self.lines: dict[str, QCheckBox] = {}
        for line in ops.project_signature_lines(doc.project, doc.registry):
            check = QCheckBox(line)
            check.setChecked(settings.signature is None or line in settings.signature)
            lines.addWidget(check)
            self.lines[line] = check
        if not self.lines:
            lines.addWidget(QLabel(tr("本项目的表没有签字栏。")))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addWidget(box)
        layout.addWidget(buttons)

    def settings(self) -> PrintSettings:
        """The settings as the dialog shows them."""
        chosen = tuple(line for line, check in self.lines.items() if check.isChecked())
        return PrintSettings(
            title_prefix=self.title_prefix.text().strip(),
            attachment=self.attachment.text().strip(),
            blank_rows=self.blank_rows.value(),
            signature=None if len(chosen) == len(self.lines) else chosen,
        )

    def accept(self) -> None:
        settings = self.settings()
        if settings != self.doc.project.print_settings:
            self.doc.apply(SetPrintSettings(settings), tr("修改打印设置"))
        super().accept()


def edit_print_settings(doc: Document, parent: QWidget | None = None) -> bool:
    """Show the dialog; True when the settings were changed."""
    before = doc.project.print_settings
    PrintSettingsDialog(doc, parent).exec()
    return doc.project.print_settings != before


def edit_signature(doc: Document, form_id: str | None, parent: QWidget | None = None) -> None:
    """表单 > 签字栏…: the current form's signature fields in a dialog."""
    if form_id is None or doc.project.form(form_id) is None:
        return
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("签字栏"))
    dialog.setMinimumWidth(420)
    layout = QVBoxLayout(dialog)
    layout.addWidget(SignatureFields(doc, form_id, dialog))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.accept)
    layout.addWidget(buttons)
    dialog.exec()
    dialog.deleteLater()


class SignatureFields(QGroupBox):
    """The form's signature lines as fields: what is typed prints on the line; a field left
    empty prints a blank line, to be filled in by hand."""

    edited = Signal(str)  # the line's label
    _sessions = itertools.count(1)  # keystrokes in one field until it is left: one undo step

    def __init__(self, doc: Document, form_id: str, parent: QWidget | None = None):
        super().__init__(tr("签字栏（打印在表下方，留空则打印空白横线）"), parent)
        self.doc = doc
        self.form_id = form_id
        self.fields: dict[str, QLineEdit] = {}
        rows = QFormLayout(self)
        form = doc.form(form_id)
        for line in ops.kind_signature_lines(form, doc.registry):
            edit = QLineEdit(form.signature.get(line, ""))
            edit.setObjectName(f"signature:{line}")
            edit.setClearButtonEnabled(True)
            edit.setReadOnly(doc.read_only)
            edit.textEdited.connect(lambda text, line=line: self._edited(line, text))
            edit.editingFinished.connect(self._new_session)
            rows.addRow(tr("{0}：").format(line), edit)
            self.fields[line] = edit
        self.setVisible(bool(self.fields))
        self._session = next(self._sessions)
        doc.changed.connect(self._refresh)

    def _new_session(self) -> None:
        self._session = next(self._sessions)

    def _edited(self, line: str, text: str) -> None:
        edit = SetSignature(self.form_id, line, text, self._session)
        self.doc.apply(edit, tr("修改“{0}”").format(line))
        self.edited.emit(line)

    def _refresh(self, form_id: str) -> None:
        """After an undo or redo: show what the form holds."""
        if form_id != self.form_id or self.doc.project.form(form_id) is None:
            return
        form = self.doc.form(form_id)
        for line, edit in self.fields.items():
            value = form.signature.get(line, "")
            if edit.text() != value:
                edit.setText(value)
