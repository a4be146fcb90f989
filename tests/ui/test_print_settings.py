"""The 打印设置 dialog and a form's signature fields: edits are undo steps, saved with the project
and printed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.kinds import default_registry
from desktop.core.model import Form, PrintSettings, Project
from desktop.core.printing import render_pdf_bytes
from desktop.ui.document import Document
from desktop.ui.print_settings import PrintSettingsDialog, SignatureFields
from tests.core import pdf_inspect


def document() -> Document:
    project = Project(
        forms=[
            Form(id="f1", kind="project-target-2026", header={"year": "2026"}),
            Form(id="f2", kind="selfeval-report"),
        ]
    )
    return Document(project, registry=default_registry())


def printed_text(doc: Document) -> str:
    pages = pdf_inspect.read(render_pdf_bytes(doc.project, doc.registry, ["f1"]))
    return "".join(pdf_inspect.text(p) for p in pages).replace(" ", "")


def test_the_dialog_edits_the_projects_print_settings_as_one_undo_step(qtbot) -> None:
    doc = document()
    dialog = PrintSettingsDialog(doc)
    qtbot.addWidget(dialog)
    assert list(dialog.lines) == [
        "填报人",
        "联系电话",
        "单位负责人（签字）",
        "单位（盖章）",
        "日期",
    ]
    dialog.title_prefix.setText("银川市本级")  # QTest types Latin-1 only
    dialog.attachment.setText("附件2")
    dialog.blank_rows.setValue(3)
    dialog.lines["联系电话"].setChecked(False)
    dialog.accept()
    assert doc.project.print_settings == PrintSettings(
        title_prefix="银川市本级",
        attachment="附件2",
        blank_rows=3,
        signature=("填报人", "单位负责人（签字）", "单位（盖章）", "日期"),
    )
    assert doc.is_modified() and doc.undo_stack.count() == 1
    text = printed_text(doc)
    assert text.startswith("附件2银川市本级") and "联系电话" not in text
    doc.undo_stack.undo()
    assert doc.project.print_settings == PrintSettings()
    again = PrintSettingsDialog(doc)
    qtbot.addWidget(again)
    again.accept()  # nothing changed: no undo step
    assert doc.undo_stack.index() == 0


def test_signature_fields_are_typed_in_undone_and_printed(qtbot) -> None:
    doc = document()
    fields = SignatureFields(doc, "f1")
    qtbot.addWidget(fields)
    assert list(fields.fields) == [
        "填报人",
        "联系电话",
        "单位负责人（签字）",
        "单位（盖章）",
        "日期",
    ]
    qtbot.keyClicks(fields.fields["填报人"], "Wang Wu")  # QTest types Latin-1 only
    qtbot.keyClicks(fields.fields["日期"], "2026-03-01")
    form = doc.form("f1")
    assert form.signature == {"填报人": "Wang Wu", "日期": "2026-03-01"}
    assert doc.undo_stack.count() == 2  # one step per field, however many keys
    text = printed_text(doc)
    assert (
        "填报人：WangWu" in text and "日期：2026-03-01" in text and "联系电话：单位负责人" in text
    )
    doc.undo_stack.undo()
    assert fields.fields["日期"].text() == "" and form.signature == {"填报人": "Wang Wu"}
    qtbot.keyClick(fields.fields["填报人"], Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(fields.fields["填报人"], Qt.Key.Key_Backspace)
    assert form.signature == {}


def test_a_kind_without_signature_lines_shows_no_fields(qtbot) -> None:
    doc = document()
    fields = SignatureFields(doc, "f2")
    qtbot.addWidget(fields)
    assert fields.fields == {} and not fields.isVisibleTo(None)


def test_the_form_menu_opens_the_current_forms_signature_fields(qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog

    from desktop.ui.print_settings import edit_signature

    doc = document()
    doc.form("f1").set_signature("填报人", "Zhao")
    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(self) or 0)
    edit_signature(doc, "f1")
    (fields,) = shown[0].findChildren(SignatureFields)
    assert fields.fields["填报人"].text() == "Zhao"
    edit_signature(doc, None)  # no form chosen: nothing to show
    assert len(shown) == 1


def test_a_closed_form_page_no_longer_listens_to_the_document(qtbot) -> None:
    """A signature button connected through a lambda was still called after its page was
    deleted (the monkey found it); the fields listen through a method."""
    from PySide6.QtCore import QCoreApplication, QEvent

    doc = document()
    fields = SignatureFields(doc, "f1")
    fields.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    doc.form("f1").set_signature("填报人", "x")
    doc.form_changed("f1")
