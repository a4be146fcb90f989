"""Files: save and reopen, changed-on-disk protection, broken files, the close prompt, autosave
and recovery, drag and drop of a file, recent files. No path loses or overwrites work."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.core import operations as ops
from desktop.core.autosave import Autosaver
from desktop.core.kinds import default_registry
from desktop.core.resources import samples_dir
from desktop.core.storage import load_project
from tests.ui.conftest import sample

SAMPLE = "2026-department-and-projects.jixiao"


def edit_something(window, text: str = "已修改") -> None:
    doc = window.doc
    form = doc.project.forms[0]
    ind = next(ind for _, _, ind in form.iter_indicators())
    doc.apply(ops.set_indicator_cell_edit(form.id, ind.uid, "name", text), "名称")


def test_starts_with_the_sample_as_an_unsaved_copy(window, answers, tmp_path):
    sample_bytes = sample(SAMPLE).read_bytes()
    assert window.doc.path is None and not window.isWindowModified()
    assert [f.id for f in window.doc.project.forms] == ["f1", "f2", "f3", "f4", "f5"]
    edit_something(window)
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    answers.save_file = str(tmp_path / "mine")
    window.action("save").trigger()
    assert "save_file" not in answers.asked  # a file dialog, not a question
    saved = tmp_path / "mine.jixiao"
    assert saved.exists() and window.doc.path == saved
    assert sample(SAMPLE).read_bytes() == sample_bytes
    assert not window.isWindowModified()


def test_saving_into_the_samples_folder_is_refused(window, answers):
    answers.save_file = str(samples_dir() / SAMPLE)
    before = sample(SAMPLE).read_bytes()
    edit_something(window)
    assert not window.files.save()
    assert answers.errors and "示例" in answers.errors[0][1]
    assert sample(SAMPLE).read_bytes() == before


@pytest.mark.parametrize("name", sorted(p.name for p in samples_dir().glob("*.jixiao")))
def test_a_sample_opened_by_name_is_an_untitled_copy(make_window, answers, tmp_path, name):
    """Opened by File > Open, the command line or a drop: a plain Save asks where, and no lock
    or anything else is written into the program's folder."""
    before = sorted(p.name for p in samples_dir().iterdir())
    sample_bytes = sample(name).read_bytes()
    window = make_window(samples_dir() / name)
    assert window.doc.path is None
    assert sorted(p.name for p in samples_dir().iterdir()) == before  # no lock file there
    form = window.doc.project.forms[-1]
    window.doc.apply(ops.SetHeader(form.id, "year", "2031"), "年度")
    answers.save_file = ""  # the Save As dialog, cancelled
    assert not window.files.save()
    answers.save_file = str(samples_dir() / name)
    assert not window.files.save()
    assert answers.errors
    assert sample(name).read_bytes() == sample_bytes
    answers.save_file = str(tmp_path / name)
    assert window.files.save()
    assert window.doc.path == tmp_path / name
    assert sorted(p.name for p in samples_dir().iterdir()) == before


def test_save_and_reopen_keeps_every_change(make_window, tmp_path, answers):
    path = tmp_path / "p.jixiao"
    path.write_bytes(sample("2024-project-declarations.jixiao").read_bytes())
    window = make_window(path)
    edit_something(window, "复核 <&> 😀")
    form = window.doc.project.forms[1]
    window.doc.apply(ops.SetHeader(form.id, "objective", "新的目标"), "目标")
    assert window.files.save()
    reopened = load_project(path).project
    assert reopened.forms[0].indicators[0].children[0].indicators[0].name == "复核 <&> 😀"
    assert reopened.forms[1].header["objective"] == "新的目标"
    assert path.with_name(path.name + ".bak").exists()
    other = make_window(path)
    assert other.doc.project.model_dump() == reopened.model_dump()
    assert str(path.resolve()) in [str(p) for p in other.files.recent.items()]


def test_a_file_changed_on_disk_is_not_overwritten_without_asking(make_window, tmp_path, answers):
    path = tmp_path / "shared.jixiao"
    path.write_bytes(sample(SAMPLE).read_bytes())
    window = make_window(path)
    edit_something(window)
    theirs = path.read_bytes().replace("银川".encode(), "他人".encode())
    path.write_bytes(theirs)

    answers.file_changed = "cancel"
    assert not window.files.save()
    assert answers.asked == ["file_changed"] and path.read_bytes() == theirs
    assert window.isWindowModified()

    answers.file_changed = "save_as"
    answers.save_file = str(tmp_path / "copy.jixiao")
    assert window.files.save()
    assert path.read_bytes() == theirs and (tmp_path / "copy.jixiao").exists()
    assert window.doc.path == tmp_path / "copy.jixiao"

    window2 = make_window(path)
    edit_something(window2)
    path.write_bytes(theirs + b" ")
    answers.file_changed = "overwrite"
    assert window2.files.save()
    assert load_project(path).project.forms[0].indicators[0].children[0].indicators[0].name == (
        "已修改"
    )


def test_a_broken_file_shows_a_chinese_message_and_keeps_the_project(window, answers, tmp_path):
    edit_something(window)
    project_before = window.doc.project
    for name, content in [
        ("half.jixiao", sample(SAMPLE).read_bytes()[:500]),
        ("word.jixiao", b"PK\x03\x04 something"),
        ("gbk.jixiao", '{"format": "中文"}'.encode("gbk")),
        ("newer.jixiao", json.dumps({"format": "jixiao-project", "version": 99}).encode()),
    ]:
        path = tmp_path / name
        path.write_bytes(content)
        answers.open_file = str(path)
        window.action("open").trigger()
        assert path.read_bytes() == content
    assert len(answers.errors) == 4
    for title, text in answers.errors:
        assert title == "无法打开文件" and "文件没有被改动" in text
    assert "无法解析" in answers.errors[0][1]
    assert "Word/Excel/PDF" in answers.errors[1][1]
    assert "较新的程序" in answers.errors[3][1]
    assert window.doc.project is project_before and window.isWindowModified()
    assert "save_changes" not in answers.asked  # nothing to decide: the file never opened


def test_close_asks_about_unsaved_changes(window, answers, tmp_path):
    window.close()
    assert answers.asked == [] and not window.isVisible()  # nothing changed, nothing asked
    window.show()
    edit_something(window)
    answers.save_changes = "cancel"
    window.close()
    assert answers.asked == ["save_changes"] and window.isVisible()
    answers.save_changes = "save"
    answers.save_file = ""  # the user cancels the file dialog: the window stays
    window.close()
    assert window.isVisible() and window.isWindowModified()
    answers.save_file = str(tmp_path / "closing.jixiao")
    window.close()
    assert not window.isVisible() and (tmp_path / "closing.jixiao").exists()


def test_opening_another_file_asks_first(window, answers):
    edit_something(window)
    answers.save_changes = "cancel"
    assert not window.files.open_path(sample("2022-department.jixiao"))
    assert window.doc.project.forms[0].kind == "department-target-2026"
    answers.save_changes = "discard"
    assert window.files.open_path(sample("2022-department.jixiao"))
    assert window.doc.project.forms[0].kind == "department-target-2022"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_autosave_and_recovery_after_a_crash(make_window, tmp_path, answers):
    state = tmp_path / "crashed"
    crashed = make_window(state=state)
    crashed.files.autosave()
    assert not list((state / "autosave").glob("*.snapshot.jixiao"))  # nothing unsaved yet
    edit_something(crashed, "崩溃前的修改")
    crashed.files.autosave()
    metas = list((state / "autosave").glob("*.meta.json"))
    assert len(metas) == 1
    meta = json.loads(metas[0].read_text(encoding="utf-8"))
    meta["pid"] = _dead_pid()  # as if that process had died
    metas[0].write_text(json.dumps(meta), encoding="utf-8")
    crashed.doc.undo_stack.setClean()  # (it "crashed": no close prompt, no clean-up)
    crashed.files.autosave_timer.stop()
    crashed.files.autosaver = Autosaver(tmp_path / "elsewhere")

    answers.recovery = "later"
    later = make_window(state=state)
    assert not later.files.offer_recovery() and answers.asked == ["recovery"]
    assert len(Autosaver(state).pending()) == 1

    answers.recovery = "restore"
    restored = make_window(state=state)
    assert restored.files.offer_recovery()
    first = restored.doc.project.forms[0].indicators[0].children[0].indicators[0]
    assert first.name == "崩溃前的修改"
    assert restored.isWindowModified() and restored.doc.path is None
    assert Autosaver(state).pending() == []  # the snapshot now belongs to this session
    assert list((state / "autosave").glob(f"{restored.files.session}*"))
    restored.close()  # the user discards: the snapshot goes with the session
    assert not list((state / "autosave").glob(f"{restored.files.session}*"))


def test_discarding_a_recovery_deletes_it(make_window, tmp_path, answers):
    state = tmp_path / "s"
    saver = Autosaver(state)
    project = load_project(sample(SAMPLE)).project
    saver.save("dead-1", project, None)
    meta = state / "autosave" / "dead-1.meta.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["pid"] = _dead_pid()
    meta.write_text(json.dumps(data), encoding="utf-8")
    answers.recovery = "discard"
    window = make_window(state=state)
    assert not window.files.offer_recovery()
    assert saver.pending() == []


def test_dropping_a_file_on_the_window_opens_it(window, qtbot, tmp_path):
    dropped = tmp_path / "2022-department.jixiao"
    shutil.copy(sample("2022-department.jixiao"), dropped)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.doc.path == dropped)
    assert window.doc.project.forms[0].kind == "department-target-2022"


def test_new_project_for_every_form_kind(window, answers, qtbot):
    for kind in default_registry().all():
        answers.kind = (kind, 2027)
        window.action("new").trigger()
        form = window.doc.project.forms[0]
        assert form.kind == kind.id and window.page.form_id == form.id
        assert window.doc.path is None and not window.isWindowModified()
        if "year" in window.page.fields:
            assert window.page.fields["year"].text() == "2027"
        assert (window.page.indicator_view is not None) == bool(kind.categories)
    answers.kind = None
    window.action("new").trigger()  # cancelled: nothing changes
    assert window.doc.project.forms[0].kind == kind.id
