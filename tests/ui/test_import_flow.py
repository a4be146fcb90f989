"""导入… in the window: preview first, then the chosen forms as ONE undo step, checked at once;
a workbook dropped on the window goes the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.ui.import_flow import ImportFlow
from desktop.ui.import_preview import ImportPreview

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


@pytest.fixture
def window(make_window):
    """The window as the program starts it: with import and export installed."""
    w = make_window()
    ImportFlow.install(w)
    return w


def _accept(monkeypatch, untick: int | None = None) -> list[ImportPreview]:
    shown: list[ImportPreview] = []

    def exec_(self) -> int:
        shown.append(self)
        if untick is not None:
            self.forms.item(untick).setCheckState(Qt.CheckState.Unchecked)
        return ImportPreview.DialogCode.Accepted

    monkeypatch.setattr(ImportPreview, "exec", exec_)
    return shown


def test_import_adds_forms_as_one_undo_step_with_findings(window, monkeypatch) -> None:
    doc = window.doc
    before = [f.id for f in doc.project.forms]
    steps = doc.undo_stack.count()
    shown = _accept(monkeypatch, untick=1)
    assert window.importer.import_paths([FIXTURES / "2024-declarations.xls"])
    assert len(shown) == 1 and shown[0].forms.count() == 6
    added = [f for f in doc.project.forms if f.id not in before]
    assert len(added) == 5 and len({f.id for f in doc.project.forms}) == len(doc.project.forms)
    assert doc.undo_stack.count() == steps + 1
    assert doc.undo_stack.undoText() == "导入 5 张表"
    for form in added:  # every new form is checked at once, not only the first
        assert doc.findings(form.id), form.id
    assert window.current_form_id() == added[0].id
    doc.undo_stack.undo()
    assert [f.id for f in doc.project.forms] == before
    doc.undo_stack.redo()
    assert all(doc.findings(f.id) for f in added)


def test_cancelled_preview_adds_nothing(window, monkeypatch) -> None:
    doc = window.doc
    before = len(doc.project.forms)
    monkeypatch.setattr(ImportPreview, "exec", lambda self: ImportPreview.DialogCode.Rejected)
    assert not window.importer.import_paths([FIXTURES / "2022-department.docx"])
    assert len(doc.project.forms) == before and not doc.is_modified()


def test_unreadable_file_says_one_line(window, answers, tmp_path) -> None:
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert not window.importer.import_paths([bad])
    assert answers.errors and answers.errors[-1][1].startswith("坏.xlsx: ")


def test_dropping_a_workbook_imports_it(window, monkeypatch, qtbot) -> None:
    doc = window.doc
    before = len(doc.project.forms)
    _accept(monkeypatch)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(FIXTURES / "2022-department.docx"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    assert window.importer.eventFilter(window, event)  # what Qt calls for a drop on the window
    qtbot.waitUntil(lambda: len(doc.project.forms) == before + 1)
    assert doc.project.forms[-1].kind == "department-target-2022" or any(
        f.kind == "department-target-2022" for f in doc.project.forms
    )


def test_import_action_is_in_the_file_menu(window) -> None:
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "导入(&I)…" in texts and "导出为 Excel(&L)…" in texts
