"""Issue 18 in the editor: hostile files are refused with the place named, odd numbers and
characters never stop a save, recovery survives a second crash, a damaged record or a reused
process id, the clipboard is formula-safe, and a file in place of a settings folder is harmless."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core import operations as ops
from desktop.core.autosave import Autosaver
from desktop.core.recent import RecentFiles
from desktop.core.storage import load_project
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import sample
from tests.ui.test_files import SAMPLE, edit_something


def _copy(tmp_path: Path, name: str = SAMPLE) -> Path:
    path = tmp_path / "p.jixiao"
    path.write_bytes(sample(name).read_bytes())
    return path


# --- 3 ---------------------------------------------------------------------------------------


def test_3_a_lone_surrogate_in_the_first_form_is_refused_with_its_place(window, answers, tmp_path):
    path = _copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    first_name = json.dumps(
        window.doc.project.forms[0].header.get("department", ""), ensure_ascii=False
    )
    assert first_name in text
    text = text.replace(first_name, '"\\ud800"', 1)
    path.write_text(text, encoding="utf-8")
    assert not window.files.open_path(path)
    ((_, message),) = answers.errors
    assert "\\ud800" in message and "行" in message
    assert path.read_text(encoding="utf-8") == text
    assert not any(p.name.startswith(".~") for p in tmp_path.iterdir())


def test_3_a_surrogate_that_got_in_is_saved_on_quit(make_window, answers, tmp_path):
    path = _copy(tmp_path)
    window = make_window(path)
    edit_something(window, "坏\ud800字")
    answers.save_changes = "save"
    assert window.close()
    assert not answers.errors
    saved = load_project(path).project
    assert any(ind.name == "坏\ufffd字" for _, _, ind in saved.forms[0].iter_indicators())


# --- 4 ---------------------------------------------------------------------------------------


def test_4_a_40_digit_amount_opens_and_typing_one_keeps_the_problems_list_live(
    make_window, answers, tmp_path
):
    path = tmp_path / "amount.jixiao"
    data = json.loads(sample("2020-self-evaluation.jixiao").read_bytes())
    data["forms"][1]["funds"]["appropriation"]["executed"] = "1" * 40
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    window = make_window(path)
    form = window.doc.project.forms[1]
    ind = next(ind for _, _, ind in form.iter_indicators())
    window.doc.apply(ops.set_indicator_cell_edit(form.id, ind.uid, "actual", "9" * 40 + "元"), "实际")
    window.doc.apply(ops.set_indicator_cell_edit(form.id, ind.uid, "name", ""), "名称")
    codes = {f.code for f in window.doc.findings(form.id)}
    assert {"name-empty", "funds-not-number"} <= codes  # re-checked; the amount is flagged
    assert window.files.save() and not answers.errors
    assert make_window(path).doc.project.forms[1].funds["appropriation"]["executed"] == "1" * 40


# --- 12 --------------------------------------------------------------------------------------


def _crash(window: MainWindow) -> None:
    """What a crash leaves: the snapshot, no clean-up, the session's lock gone with it."""
    window.files.autosave_timer.stop()
    window.files.autosaver.release_session_locks()
    window.doc.undo_stack.setClean()  # (no close prompt)
    window.files.autosaver = Autosaver(window.files.autosaver.dir.parent.parent / "elsewhere")


def test_12_a_second_crash_after_a_restore_keeps_the_path(make_window, answers, tmp_path):
    path = _copy(tmp_path)
    state = tmp_path / "state"
    first = make_window(path, state=state)
    edit_something(first, "第一次崩溃前")
    assert first.files.autosave()
    _crash(first)

    answers.recovery = "restore"
    second = make_window(state=state)
    assert second.files.offer_recovery() and second.files.suggested_path == path
    edit_something(second, "第二次崩溃前")
    assert second.files.autosave()
    _crash(second)

    third = make_window(state=state)
    pending = Autosaver(state).pending()
    assert [r.source for r in pending] == [path]
    assert third.files.offer_recovery() and third.files.suggested_path == path
    names = [ind.name for _, _, ind in third.doc.project.forms[0].iter_indicators()]
    assert "第二次崩溃前" in names


def _crashed_with(make_window, state: Path, text: str) -> Path:
    """A window that autosaved `text` and crashed; returns its autosave record."""
    crashed = make_window(state=state)
    edit_something(crashed, text)
    assert crashed.files.autosave()
    _crash(crashed)
    (meta,) = (state / "autosave").glob("*.meta.json")
    return meta


def test_12_a_damaged_record_still_offers_the_snapshot(make_window, answers, tmp_path):
    state = tmp_path / "state"
    meta = _crashed_with(make_window, state, "记录损坏")
    meta.write_text("{ damaged", encoding="utf-8")
    answers.recovery = "restore"
    window = make_window(state=state)
    assert window.files.offer_recovery()
    assert "记录损坏" in [ind.name for _, _, ind in window.doc.project.forms[0].iter_indicators()]


def test_12_a_reused_process_id_does_not_hide_a_crash(make_window, answers, tmp_path):
    state = tmp_path / "state"
    meta = _crashed_with(make_window, state, "进程号被占用")
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        info["pid"] = live.pid  # the crashed copy's id, now another program's
        meta.write_text(json.dumps(info), encoding="utf-8")
        answers.recovery = "restore"
        window = make_window(state=state)
        assert window.files.offer_recovery()
    finally:
        live.kill()
        live.wait()


def test_12_a_running_copy_is_not_offered(make_window, answers, tmp_path):
    state = tmp_path / "state"
    running = make_window(state=state)
    edit_something(running, "还在运行")
    assert running.files.autosave()
    assert Autosaver(state).pending() == []


# --- 15 --------------------------------------------------------------------------------------


def test_15_copied_cells_cannot_run_as_formulas(window, qtbot):
    from tests.ui.test_editing import PROJECT_FORM

    window.show_form(PROJECT_FORM)
    view = window.page.indicator_view
    form = window.doc.form(PROJECT_FORM)
    quantity = form.indicators[0].children[0]
    first = quantity.indicators[0]
    window.doc.apply(ops.set_indicator_cell_edit(form.id, first.uid, "name", "=cmd|' /C calc'!A0"), "名称")
    view.setCurrentIndex(view.tree.index_for(first.uid, ""))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QApplication.clipboard().text()
    assert text.startswith("'=cmd|") and "\t" in text
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # and back
    assert [i.name for i in quantity.indicators][:2] == ["=cmd|' /C calc'!A0"] * 2


# --- 16 --------------------------------------------------------------------------------------


def test_16_a_file_where_the_settings_folders_should_be(qtbot, answers, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    for name in ("user_config_dir", "user_state_dir", "user_data_dir"):
        monkeypatch.setattr(platformdirs, name, lambda *a, **k: str(blocker))
    window = MainWindow(Autosaver(), RecentFiles())
    qtbot.addWidget(window)
    path = _copy(tmp_path)
    assert window.files.open_path(path)
    edit_something(window, "设置文件夹是个文件")
    window.files.autosave()  # fails quietly (status bar), no exception
    assert window.files.save() and not answers.errors
    assert window.files.offer_recovery() is False
    assert os.path.isfile(blocker)
