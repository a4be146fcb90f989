"""Files on a real display: SIGTERM closes like the window (autosave kept, lock removed), a
bundled sample opens as an untitled copy, saving and reopening keep what was typed."""

from __future__ import annotations

import shutil

from desktop.core.autosave import Autosaver
from desktop.core.locks import lock_path
from desktop.core.resources import samples_dir

FIELD = "header_department"
SAMPLE = "2026-department-and-projects.jixiao"


def edit_department(editor, text: str) -> None:
    editor.click("item", text="补充工作经费", view="projectTree")
    editor.click("widget", name=FIELD)
    editor.key("ctrl+a", "BackSpace")
    editor.type(text)
    editor.key("Escape")  # the suggestions, if any
    try:
        editor.wait_for(lambda: editor.text(FIELD) == text, what=text)
    except AssertionError as exc:
        raise AssertionError(f"{exc}: shows {editor.text(FIELD)!r}; {editor.state()}") from None


def test_sigterm_keeps_the_work_in_the_autosave_and_removes_the_lock(launch, tmp_path):
    project = tmp_path / "项目.jixiao"
    shutil.copy(samples_dir() / SAMPLE, project)
    editor = launch(project)
    assert lock_path(project).exists()
    edit_department(editor, "银川市测试局")
    code = editor.terminate()
    assert code == 0, editor.output()
    assert not lock_path(project).exists()
    pending = Autosaver(editor.home / "state" / "jixiao").pending()
    assert len(pending) == 1, list((editor.home / "state").rglob("*"))
    recovered = Autosaver(editor.home / "state" / "jixiao").load(pending[0])
    assert "银川市测试局" in [f.header.get("department") for f in recovered.forms]
    assert project.read_bytes() == (samples_dir() / SAMPLE).read_bytes()  # not saved over


def test_the_next_start_offers_what_sigterm_kept(launch, tmp_path):
    project = tmp_path / "p.jixiao"
    shutil.copy(samples_dir() / SAMPLE, project)
    home = tmp_path / "home"
    editor = launch(project, home=home)
    edit_department(editor, "银川市恢复局")
    editor.terminate()
    again = launch(home=home)
    again.wait_for(lambda: again.state()["modal"] is not None, what="the recovery question")


def test_a_sample_opens_as_an_untitled_copy_and_save_asks_where(launch):
    sample = samples_dir() / SAMPLE
    before = sample.read_bytes()
    editor = launch(sample)
    assert not lock_path(sample).exists()  # nothing written into the program's folder
    edit_department(editor, "银川市副本局")
    editor.key("ctrl+s")
    editor.wait_for(
        lambda: (editor.state()["modal"] or {}).get("class") == "QFileDialog",
        what="the Save As dialog",
    )
    editor.key("Escape")
    editor.sync()
    assert sample.read_bytes() == before
    assert not lock_path(sample).exists()


def test_the_open_dialog_is_chinese_and_starts_in_the_documents_folder(launch):
    editor = launch()
    editor.click("widget", name="projectTree")  # the window has the keyboard
    editor.key("ctrl+o")
    editor.wait_for(
        lambda: (editor.state()["modal"] or {}).get("class") == "QFileDialog",
        what="the Open dialog",
    )
    dialog = editor.state()["modal"]
    assert dialog["title"] == "打开项目文件"
    assert dialog["directory"] == str(editor.home / "Documents")
    assert "rect" in editor.request("find", text="查找范围", cls="QLabel")
    assert "rect" in editor.request("find", text="文件类型", cls="QLabel")
    assert editor.text("fileNameEdit") == ""  # nothing typed into the name box
    editor.key("Escape")
