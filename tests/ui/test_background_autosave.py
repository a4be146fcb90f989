"""The timer's autosave takes its snapshot between events and encodes and writes it on a worker
thread: the snapshot on disk is the file the project would be saved as, an edit costs one
form's content, edits made while a first snapshot is being taken never give a mix, and a
snapshot discarded while being written does not come back."""

from __future__ import annotations

import threading

from desktop.core import operations as ops
from desktop.core import storage
from desktop.core.storage import dumps, load_project
from desktop.ui import snapshots
from tests.ui.conftest import sample
from tests.ui.test_files import edit_something


def snapshot_path(window):
    files = window.files
    return files.autosaver.dir / f"{files.session}.snapshot.jixiao"


def wait_written(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.files.background.busy(), timeout=10_000)
    window.files.background.settle()


def test_the_snapshot_is_encoded_off_the_ui_thread_and_is_the_saved_file(
    window, qtbot, monkeypatch
):
    threads = []
    real = snapshots.encode_file
    monkeypatch.setattr(
        snapshots,
        "encode_file",
        lambda doc: threads.append(threading.current_thread()) or real(doc),
    )
    edit_something(window, "后台自动保存")
    window.files.autosave_in_background()
    wait_written(qtbot, window)
    assert threads and threads[0] is not threading.main_thread()
    assert snapshot_path(window).read_bytes() == dumps(window.doc.project)
    qtbot.waitUntil(lambda: window.files._autosaved_revision == window.doc.revision)
    window.doc.undo_stack.setClean()


def test_after_an_edit_only_the_changed_form_is_made_again(window, qtbot, monkeypatch):
    edit_something(window, "第一次")
    window.files.autosave_in_background()
    wait_written(qtbot, window)
    made = []
    real = snapshots.form_content
    monkeypatch.setattr(snapshots, "form_content", lambda form: made.append(form.id) or real(form))
    edit_something(window, "第二次")
    window.files.autosave_in_background()
    wait_written(qtbot, window)
    assert made == [window.current_form_id()]
    assert snapshot_path(window).read_bytes() == dumps(window.doc.project)
    window.doc.undo_stack.setClean()


def test_an_edit_between_slices_is_in_the_snapshot_never_half(window, qtbot, monkeypatch):
    monkeypatch.setattr(snapshots, "SLICE_S", -1.0)  # one form per slice
    doc = window.doc
    edit_something(window, "切片之前")
    first, last = doc.project.forms[0], doc.project.forms[-1]
    assert first is not last
    window.files.autosave_in_background()
    assert window.files.background.busy()
    uid = next(ind.uid for _, _, ind in first.iter_indicators())
    doc.apply(ops.set_indicator_cell_edit(first.id, uid, "name", "切片之间"), "名称")
    wait_written(qtbot, window)
    assert snapshot_path(window).read_bytes() == dumps(doc.project)
    assert "切片之间" in snapshot_path(window).read_text(encoding="utf-8")
    doc.undo_stack.setClean()


def test_a_snapshot_discarded_while_written_does_not_come_back(window, qtbot, monkeypatch):
    release = threading.Event()
    real = window.files.autosaver.write

    def slow_write(*args, **kwargs):
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(window.files.autosaver, "write", slow_write)
    edit_something(window, "慢慢写")
    window.files.autosave_in_background()
    qtbot.waitUntil(lambda: window.files.background._future is not None)
    threading.Timer(0.2, release.set).start()
    window.files.discard_snapshot()  # waits for the write under way, then removes it
    assert not snapshot_path(window).exists()
    qtbot.wait(50)
    assert not snapshot_path(window).exists()
    window.doc.undo_stack.setClean()


def test_saving_makes_again_only_the_forms_changed_since_the_snapshot(
    make_window, qtbot, monkeypatch, tmp_path
):
    """Ctrl+S writes the forms' contents the autosave keeps: at 500 forms × 40 indicators
    making every form's content again froze the window for a tenth of a second."""
    path = tmp_path / "项目.jixiao"
    path.write_bytes(sample("2024-project-declarations.jixiao").read_bytes())
    window = make_window(path)
    edit_something(window, "第一次")
    window.files.autosave_in_background()
    wait_written(qtbot, window)
    made = []
    for module in (storage, snapshots):
        real = module.form_content
        monkeypatch.setattr(
            module, "form_content", lambda form, real=real: made.append(form.id) or real(form)
        )
    encoded = []
    real_encode = storage._encode

    def encode(value):
        if isinstance(value, dict) and "indicators" in value:
            encoded.append(value["id"])  # a form
        return real_encode(value)

    monkeypatch.setattr(storage, "_encode", encode)
    edit_something(window, "第二次")
    assert window.files.save()
    assert made == [window.doc.project.forms[0].id]  # the edited form only
    assert encoded == [window.doc.project.forms[0].id]  # and encoded again
    assert path.read_bytes() == dumps(window.doc.project)  # the file, as a full save writes it
    assert load_project(path).project.forms[0].indicators[0].children[0].indicators[0].name == (
        "第二次"
    )
