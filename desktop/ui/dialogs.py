"""Small dialogs: choosing a form kind for a new form, and About."""

from __future__ import annotations

import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.kinds import FormKind, KindRegistry
from desktop.core.selfeval import SELFEVAL_KIND
from desktop.ui import settings, thumbnails
from desktop.ui.i18n import tr

LAST_KIND = "kinds/last"  # the kind chosen last time, preselected next time


class KindDialog(QDialog):
    """Which form to start: the kinds this program knows, each with its description and a
    picture of its printed first page; the year."""

    def __init__(self, registry: KindRegistry, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.registry = registry
        self.setWindowTitle(title)
        self.list = QListWidget()
        self.list.setObjectName("kindList")
        last = settings.settings().value(LAST_KIND)
        for kind in registry.all():
            item = QListWidgetItem(kind.name)
            item.setData(Qt.ItemDataRole.UserRole, kind.id)
            item.setToolTip(kind.title)
            self.list.addItem(item)
        self.description = QLabel()
        self.description.setObjectName("kindDescription")
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.picture = QLabel()
        self.picture.setObjectName("kindPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.picture.setFixedWidth(thumbnails.WIDTH + 8)
        self.picture.setMinimumHeight(thumbnails.WIDTH * 3 // 4)
        self.list.currentRowChanged.connect(self._show_kind)
        kinds = registry.all()
        ids = [k.id for k in kinds]
        self.list.setCurrentRow(ids.index(last) if last in ids else first_choice(kinds))
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
        about = QVBoxLayout()
        about.addWidget(self.description, 1)
        about.addLayout(form)
        side = QHBoxLayout()
        side.addWidget(self.list, 2)
        side.addLayout(about, 2)
        side.addWidget(self.picture)
        layout = QVBoxLayout(self)
        layout.addLayout(side)
        layout.addWidget(buttons)
        self.resize(1000, 460)

    def kind(self) -> FormKind | None:
        item = self.list.currentItem()
        return self.registry[item.data(Qt.ItemDataRole.UserRole)] if item else None

    def _show_kind(self, row: int) -> None:
        kind = self.kind()
        if kind is None:
            return
        self.description.setText(
            f"<b>{escape(kind.name)}</b><p>{escape(kind.description or kind.title)}</p>"
        )
        picture = thumbnails.thumbnail(kind, self.registry)
        self.picture.setPixmap(picture)
        if picture.isNull():
            self.picture.setText(tr("（无法生成预览）"))

    def accept(self) -> None:
        kind = self.kind()
        if kind is not None:
            settings.settings().setValue(LAST_KIND, kind.id)
        super().accept()


def first_choice(kinds: list[FormKind]) -> int:
    """With no kind used before: the newest target form (a new project starts with targets,
    not with a self-evaluation)."""
    targets = [i for i, k in enumerate(kinds) if k.family in SELFEVAL_KIND]
    if not targets:
        return 0
    return max(targets, key=lambda i: (kinds[i].year or 0, -i))


def pick_kind(
    parent: QWidget | None, registry: KindRegistry, title: str
) -> tuple[FormKind, int] | None:
    """The chosen form kind and year, or None when cancelled."""
    dialog = KindDialog(registry, title, parent)
    kind = dialog.kind()
    if dialog.exec() != QDialog.DialogCode.Accepted or kind is None:
        return None
    return dialog.kind() or kind, dialog.year.value()


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
