"""The import preview shows forms, kinds, column mapping and skipped cells before adding."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.core.importing import import_files
from desktop.ui.import_preview import ImportPreview

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def test_preview_lists_forms_columns_and_skipped_cells(qtbot, registry) -> None:
    path = FIXTURES / "2024-declarations.xls"
    result = import_files([path], registry)
    dialog = ImportPreview(result, registry, path.name)
    qtbot.addWidget(dialog)
    assert dialog.forms.count() == 6
    assert "市政府办公室工作经费" in dialog.forms.item(0).text()
    headings = {dialog.columns.item(r, 0).text(): dialog.columns.item(r, 1).text()
                for r in range(dialog.columns.rowCount())}  # fmt: skip
    assert headings["年度指标值"] == "指标值"
    assert headings["中长期指标值"].startswith("（跳过")
    assert dialog.skipped.rowCount() == len(result.unplaced) > 0
    assert dialog.skipped.item(1, 1).text() == "E12"
    assert "换算" in dialog.notes.text()
    assert len(dialog.chosen_forms()) == 6
    dialog.forms.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert [f.id for f in dialog.chosen_forms()] == ["f1", "f3", "f4", "f5", "f6"]


def test_preview_reads_again_as_a_chosen_kind(qtbot, registry) -> None:
    path = FIXTURES / "2024-rows.xlsx"
    calls = []

    def reread(kind_id):
        calls.append(kind_id)
        return import_files([path], registry, kind_id)

    dialog = ImportPreview(import_files([path], registry), registry, path.name, reread)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("project-declaration-2024"))
    assert calls == ["project-declaration-2024"]
    assert all("2024 版" in dialog.forms.item(i).text() for i in range(dialog.forms.count()))


def test_nothing_found_disables_import(qtbot, registry, tmp_path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<p>通知</p>", encoding="utf-8")
    dialog = ImportPreview(import_files([page], registry), registry, page.name)
    qtbot.addWidget(dialog)
    assert dialog.forms.count() == 0
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert "没有找到" in dialog.summary.text()
