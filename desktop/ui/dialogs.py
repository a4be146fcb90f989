"""Small dialogs: choosing a form kind for a new form, and About."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.kinds import FormKind, KindRegistry
from desktop.ui.i18n import tr


class KindDialog(QDialog):
    """Which form to start: the kinds this program knows, and the year."""

    def __init__(self, registry: KindRegistry, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        for kind in registry.all():
            item = QListWidgetItem(kind.name)
            item.setData(Qt.ItemDataRole.UserRole, kind.id)
            item.setToolTip(kind.title)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(self.accept)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(datetime.date.today().year + 1)
        form = QFormLayout()
        form.addRow(tr("年度："), self.year)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 360)


def pick_kind(
    parent: QWidget | None, registry: KindRegistry, title: str
) -> tuple[FormKind, int] | None:
    """The chosen form kind and year, or None when cancelled."""
    dialog = KindDialog(registry, title, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.list.currentItem() is None:
        return None
    kind = registry[dialog.list.currentItem().data(Qt.ItemDataRole.UserRole)]
    return kind, dialog.year.value()


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent,
        tr("关于绩效"),
        tr(
            "<h3>绩效 {0}</h3>"
            "<p>预算绩效目标表与绩效自评表的填写、检查与打印工具。</p>"
            "<p>项目文件保存在本机，程序不连接网络。</p>"
            "<p>界面字体：文泉驿微米黑（WenQuanYi Micro Hei）。</p>"
        ).format(__version__),
    )
