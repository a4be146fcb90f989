"""The real question boxes: their buttons give the answers the window acts on."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.autosave import Recovery
from desktop.core.kinds import default_registry
from desktop.ui import prompts
from desktop.ui.dialogs import KindDialog


def click_later(label: str, seen: list[str]) -> None:
    def click():
        box = QApplication.activeModalWidget()
        seen.append(box.text() + "\n" + box.informativeText())
        next(b for b in box.buttons() if b.text() == label).click()

    QTimer.singleShot(0, click)


@pytest.fixture
def real_dialogs(monkeypatch):
    monkeypatch.undo()  # take back the conftest's scripted answers


@pytest.mark.parametrize(
    ("label", "answer"), [("保存", "save"), ("不保存", "discard"), ("取消", "cancel")]
)
def test_save_changes(real_dialogs, label, answer):
    seen: list[str] = []
    click_later(label, seen)
    assert prompts.ask_save_changes(None, "单位.jixiao") == answer
    assert "“单位.jixiao”有未保存的修改" in seen[0]


@pytest.mark.parametrize(
    ("label", "answer"),
    [("恢复", "restore"), ("删除这份自动保存", "discard"), ("以后再说", "later")],
)
def test_recovery(real_dialogs, label, answer):
    recovery = Recovery(
        "s",
        Path("/tmp/x"),
        Path("/data/单位.jixiao"),
        datetime.datetime(2026, 3, 1, 9, 30),
        "2026年绩效目标",
    )
    seen: list[str] = []
    click_later(label, seen)
    assert prompts.ask_recovery(None, recovery) == answer
    assert "2026年绩效目标" in seen[0] and "2026-03-01 09:30" in seen[0]
    assert "单位.jixiao" in seen[0]


@pytest.mark.parametrize(
    ("label", "answer"), [("另存为…", "save_as"), ("仍然覆盖", "overwrite"), ("取消", "cancel")]
)
def test_file_changed(real_dialogs, label, answer):
    seen: list[str] = []
    click_later(label, seen)
    assert prompts.ask_file_changed(None, Path("/data/共享.jixiao")) == answer
    assert "共享.jixiao" in seen[0] and "覆盖" in seen[0]


def test_error_box(real_dialogs):
    def close():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and "无法读取" in box.text()
        box.accept()

    QTimer.singleShot(0, close)
    prompts.show_error(None, "无法打开文件", "无法读取")


def test_kind_dialog_lists_every_form_kind(qtbot):
    registry = default_registry()
    dialog = KindDialog(registry, "新建")
    qtbot.addWidget(dialog)
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert names == [k.name for k in registry.all()]
    assert dialog.year.value() == datetime.date.today().year + 1
