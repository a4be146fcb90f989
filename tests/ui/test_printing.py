"""Print preview, printing and PDF export from the editor, and the form's fingerprint."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from desktop.core import operations as ops
from desktop.core.fingerprint import form_fingerprint
from desktop.core.model import Form, Project
from desktop.core.printing import render_pdf_bytes
from desktop.ui import printing
from desktop.ui.document import Document
from tests.ui.conftest import sample

PROJECT_FORM = "f2"  # 信息化运维项目保障 in the 2026 sample
PROJECT_NAME = "信息化运维项目保障"


def pdf_pages(data: bytes) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(data)).pages)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pdf_pages(path.read_bytes()))


def expected_pages(window, form_ids=None) -> int:
    doc = window.doc
    return len(pdf_pages(render_pdf_bytes(doc.project, doc.registry, form_ids)))


def first_indicator(window, form_id: str):
    return next(ind for _, _, ind in window.doc.form(form_id).iter_indicators())


def test_export_writes_the_form_or_the_whole_project(window, answers, tmp_path, monkeypatch):
    window.show_form(PROJECT_FORM)
    suggested = []

    def save_name(parent, title, start, filters):
        suggested.append(start)
        return answers.save_file, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    answers.print_scope = "form"
    answers.save_file = str(tmp_path / "one")  # no suffix: .pdf is added
    window.action("export_pdf").trigger()
    one = tmp_path / "one.pdf"
    assert answers.asked == ["print_scope"]
    assert PROJECT_NAME in pdf_text(one)
    assert len(pdf_pages(one.read_bytes())) == expected_pages(window, [PROJECT_FORM])
    assert Path(suggested[0]).name.endswith(f"-{PROJECT_NAME}.pdf")  # the sample has no file

    answers.print_scope = "project"
    answers.save_file = str(tmp_path / "all.pdf")
    window.action("export_pdf").trigger()
    text = pdf_text(tmp_path / "all.pdf")
    assert PROJECT_NAME in text and "补充工作经费" in text
    assert len(pdf_pages((tmp_path / "all.pdf").read_bytes())) == expected_pages(window)

    answers.print_scope = "cancel"
    answers.save_file = str(tmp_path / "never.pdf")
    window.action("export_pdf").trigger()
    assert not (tmp_path / "never.pdf").exists()


def test_export_suggests_the_project_file_name(make_window, answers, tmp_path, monkeypatch):
    path = tmp_path / "部门2022.jixiao"
    path.write_bytes(sample("2022-department.jixiao").read_bytes())
    window = make_window(path)
    suggested = []

    def save_name(parent, title, start, filters):
        suggested.append(start)
        return "", ""  # the user cancels the file dialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    window.action("export_pdf").trigger()
    assert Path(suggested[0]) == tmp_path / "部门2022.pdf"  # one form: no question, its name


def test_characters_no_font_has_are_shown_before_export(window, answers, tmp_path):
    window.show_form(PROJECT_FORM)
    ind = first_indicator(window, PROJECT_FORM)
    window.doc.apply(
        ops.set_indicator_cell_edit(PROJECT_FORM, ind.uid, "name", "运维𰀀"), "名称"
    )  # a rare character (CJK extension G) that no bundled font has
    answers.print_warnings = False  # the user cancels after reading the list
    answers.save_file = str(tmp_path / "x.pdf")
    window.action("export_pdf").trigger()
    assert "print_warnings" in answers.asked and not (tmp_path / "x.pdf").exists()
    answers.print_warnings = True
    window.action("export_pdf").trigger()
    assert (tmp_path / "x.pdf").exists()


def test_a_form_that_cannot_print_gives_the_core_message(window, answers, tmp_path):
    project = Project(forms=[Form(id="f1", kind="no-such-kind")])
    window.set_document(Document(project, registry=window.registry))
    answers.save_file = str(tmp_path / "x.pdf")
    window.action("export_pdf").trigger()
    window.action("preview").trigger()
    window.action("print").trigger()
    assert len(answers.errors) == 3 and not (tmp_path / "x.pdf").exists()
    assert all(t == "无法打印" and "no-such-kind" in m for t, m in answers.errors)
    assert window.printing.preview_dialog is None


def test_preview_shows_the_pages_with_paging_and_zoom(window, qtbot):
    window.show_form(PROJECT_FORM)
    window.action("preview").trigger()
    dialog = window.printing.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.page_total() == expected_pages(window, [PROJECT_FORM])
    assert dialog.scope.count() == 2 and PROJECT_NAME in dialog.scope.itemText(0)

    dialog.scope.setCurrentIndex(1)  # the whole project
    assert dialog.form_ids is None
    assert dialog.page_total() == expected_pages(window) == 5
    assert dialog.page_count.text().endswith("共 5 页")
    dialog.next_page()
    qtbot.waitUntil(lambda: dialog.current_page() == 1)
    assert dialog.page_box.value() == 2
    dialog.page_box.setValue(5)
    qtbot.waitUntil(lambda: dialog.current_page() == 4)
    assert not dialog.next_action.isEnabled()

    before = dialog.effective_zoom()
    dialog.zoom(1.25)
    assert dialog.view.zoomFactor() == pytest.approx(before * 1.25)
    assert dialog.zoom_label.text() == f"{before * 125:.0f}%"
    dialog.reject()
    qtbot.waitUntil(lambda: window.printing.preview_dialog is None)


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(100)
    return printer


def test_print_draws_every_page_on_the_printer(window, answers, tmp_path, monkeypatch):
    out = tmp_path / "printed.pdf"
    asked = []

    def choose(parent, pages, title, current):
        asked.append(pages)
        return _pdf_printer(out)

    monkeypatch.setattr(printing, "choose_printer", choose)
    source = tmp_path / "mixed.jixiao"  # portrait and landscape kinds in one project
    source.write_bytes(sample("2020-self-evaluation.jixiao").read_bytes())
    window.files.open_path(source)
    answers.print_scope = "project"
    window.action("print").trigger()
    doc = window.doc
    original = pdf_pages(render_pdf_bytes(doc.project, doc.registry))
    printed = pdf_pages(out.read_bytes())
    assert asked == [len(original)] and len(printed) == len(original)
    for page, paper in zip(original, printed, strict=True):
        wide = page.mediabox.width > page.mediabox.height
        assert (paper.mediabox.width > paper.mediabox.height) == wide
        images = paper["/Resources"]["/XObject"]
        assert images  # the page went out as pictures of the PDF page
    assert "已发送" in window.statusBar().currentMessage()


def test_print_from_the_preview_prints_the_chosen_pages(window, answers, tmp_path, monkeypatch):
    out = tmp_path / "page.pdf"

    def choose(parent, pages, title, current):
        printer = _pdf_printer(out)
        printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
        return printer

    monkeypatch.setattr(printing, "choose_printer", choose)
    window.action("preview").trigger()
    dialog = window.printing.preview_dialog
    dialog.scope.setCurrentIndex(1)
    dialog.print_pages()
    assert len(pdf_pages(out.read_bytes())) == 1
    assert "print_scope" not in answers.asked  # the preview's scope: no question
    dialog.reject()


def test_cancelling_the_print_dialog_prints_nothing(window, answers, monkeypatch):
    monkeypatch.setattr(printing, "choose_printer", lambda *args: None)
    window.show_form(PROJECT_FORM)
    assert window.printing.print_document([PROJECT_FORM], ask=False) == 0


def test_the_status_bar_shows_the_current_forms_fingerprint(window):
    window.show_form(PROJECT_FORM)
    form = window.doc.form(PROJECT_FORM)
    before = form_fingerprint(form)
    assert window.fingerprint.text() == f"表单指纹 {before}"
    ind = first_indicator(window, PROJECT_FORM)
    window.doc.apply(ops.set_indicator_cell_edit(PROJECT_FORM, ind.uid, "target", "≥11次"), "值")
    after = form_fingerprint(form)
    assert after != before and window.fingerprint.text() == f"表单指纹 {after}"
    window.action("undo").trigger()
    assert window.fingerprint.text() == f"表单指纹 {before}"
    window.show_form("f3")
    assert window.fingerprint.text() == f"表单指纹 {form_fingerprint(window.doc.form('f3'))}"


def test_the_print_dialog_offers_page_ranges(window, monkeypatch):
    shown = []

    def accept(dialog):
        shown.append(dialog)
        option = QAbstractPrintDialog.PrintDialogOption
        assert dialog.minPage() == 1 and dialog.maxPage() == 7
        assert dialog.testOption(option.PrintPageRange)
        assert dialog.testOption(option.PrintCurrentPage)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    printer = printing.choose_printer(window, 7, "标题", current_page=2)
    assert shown and printer is not None and printer.docName() == "标题"
    assert printing.chosen_pages(printer, 7, 2) == list(range(7))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    ranges.addPage(6)
    printer.setPageRanges(ranges)
    assert printing.chosen_pages(printer, 7, 2) == [1, 2, 5]
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert printing.chosen_pages(printer, 7, 2) == [2]
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert printing.choose_printer(window, 7, "标题", None) is None


def test_printing_a_form_with_errors_lists_them_first(window, answers, tmp_path, monkeypatch):
    doc = window.doc
    form_id = next(f.id for f in doc.project.forms if doc.label(f) == "补充工作经费")
    errors = [f for f in doc.findings(form_id) if f.severity == "error"]
    assert errors  # the sample's real mistake: the cost indicators do not add up
    listed = []

    def ask(parent, found, forms=None):
        listed.append(found)
        answers.asked.append("print_with_errors")
        return answers.print_with_errors

    monkeypatch.setattr(printing.prompts, "ask_print_with_errors", ask)
    window.show_form(form_id)
    answers.print_scope = "form"
    answers.save_file = str(tmp_path / "out.pdf")
    answers.print_with_errors = "cancel"
    window.action("export_pdf").trigger()
    assert listed == [errors] and not (tmp_path / "out.pdf").exists()

    window.show_form(PROJECT_FORM)  # the error is in another form: printing this one asks not
    listed.clear()
    answers.save_file = str(tmp_path / "clean.pdf")
    window.action("export_pdf").trigger()
    assert listed == [] and (tmp_path / "clean.pdf").exists()

    window.show_form(form_id)
    answers.print_with_errors = "goto"
    focused = []
    monkeypatch.setattr(window.page, "reveal", focused.append)
    window.action("print").trigger()
    assert window.current_form_id() == form_id and focused[0].key == errors[0].key

    answers.print_with_errors = "print"
    answers.save_file = str(tmp_path / "out.pdf")
    window.action("export_pdf").trigger()
    assert (tmp_path / "out.pdf").exists()
