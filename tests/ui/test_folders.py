"""File dialogs open in a folder that exists: the open file's, the last one used, the
documents folder, the home folder (a missing folder put "Documents" into the name box)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.ui import folders
from desktop.ui.app import install_translations


def test_start_folder_prefers_the_open_file_then_the_last_used(tmp_path, monkeypatch, own_settings):
    docs = tmp_path / "文档"
    docs.mkdir()
    monkeypatch.setattr(folders, "documents_dir", lambda: docs)
    assert folders.start_folder() == docs
    used = tmp_path / "上次"
    used.mkdir()
    folders.remember(used / "a.jixiao")
    assert folders.start_folder() == used
    current = tmp_path / "当前" / "b.jixiao"
    current.parent.mkdir()
    assert folders.start_folder(current) == current.parent


def test_a_folder_that_is_gone_is_skipped(tmp_path, monkeypatch, own_settings):
    monkeypatch.setattr(folders, "documents_dir", lambda: tmp_path / "Documents")  # missing
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    folders.remember(tmp_path / "gone" / "a.jixiao")
    assert folders.start_folder() == tmp_path
    assert folders.start_folder(tmp_path / "gone too" / "x.jixiao") == tmp_path


def test_qt_dialogs_speak_chinese(qapp):
    translators = install_translations(qapp, "zh")
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
        assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："
        # what Qt 6.12's file dialog asks for, missing from the catalogue it ships
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
        assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
