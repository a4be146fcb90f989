"""Last year beside this year, in the editor: link the project to last year's file (文件 >
关联上年文件…); the indicator tree then shows last year's target and actual beside this year's
target, and the problems list carries the comparisons (a target below last year's actual, a
quantity target dropped without a note). The logic is the core's (desktop/core/lastyear.py);
this module loads last year's file for the open document and hands its values to the views.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog

from desktop.core.findings import Finding
from desktop.core.lastyear import (
    LastYearError,
    LastYearValue,
    LinkLastYear,
    compare,
    last_year_values,
    link_text,
    load_last_year,
)
from desktop.core.model import Indicator, Project
from desktop.core.operations import set_indicator_cell_edit
from desktop.ui import folders
from desktop.ui.i18n import tr


class LastYearController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.doc = None
        self.last: Project | None = None
        self.loaded_link: str | None = None  # the link `last` was loaded for
        window.files.documentReady.connect(self._on_document)

    def specs(self) -> list:
        from desktop.ui.actions import ActionSpec

        return [
            ActionSpec("link_last_year", tr("关联上年文件(&L)…"), self.choose, writes=True,
                       tip=tr("选择上年的项目文件：指标旁显示上年目标和实际值，并与上年比较。")),
            ActionSpec("unlink_last_year", tr("取消关联上年文件"), self.unlink, writes=True),
            ActionSpec("last_year_note", tr("说明与上年相比的变化…"), self.write_note, writes=True,
                       tip=tr("为当前指标写明目标低于上年的原因；有说明的数量目标下降不再提示。")),
        ]  # fmt: skip

    # --- the open document --------------------------------------------------------------------

    def _on_document(self, doc, modified: bool) -> None:
        self.doc = doc
        self.last, self.loaded_link = None, None
        doc.extra_findings = self.findings
        doc.last_year_values = self.values
        doc.applied.connect(self._after_edit)
        self._load(quiet=True)
        if self.last is not None:  # the window showed the document before we were told
            for form in doc.project.forms:
                doc.findingsChanged.emit(form.id)
            self.window.work.reload_page()

    def _load(self, quiet: bool = False) -> None:
        doc = self.doc
        if doc is None:
            return
        self.loaded_link = doc.project.last_year
        try:
            self.last = load_last_year(doc.project, doc.path)
        except LastYearError as exc:
            self.last = None
            if not quiet:
                self.window.statusBar().showMessage(tr("上年文件无法读取：{0}").format(exc), 8000)

    def _after_edit(self, changes) -> None:
        doc = self.doc
        if doc is None or doc.project.last_year == self.loaded_link:
            return
        self._load()
        for form in doc.project.forms:  # the comparisons changed for every form
            doc.findingsChanged.emit(form.id)
        self.window.work.reload_page()  # the tree gains or loses last year's columns

    # --- what the views ask --------------------------------------------------------------------

    def values(self, form_id: str) -> dict[str, LastYearValue]:
        if self.doc is None or self.last is None:
            return {}
        form = self.doc.project.form(form_id)
        if form is None:
            return {}
        return last_year_values(form, self.last, self.doc.registry)

    def findings(self, form_id: str) -> list[Finding]:
        if self.doc is None or self.last is None:
            return []
        form = self.doc.project.form(form_id)
        if form is None:
            return []
        return compare(form, self.doc.kind(form), self.values(form_id))

    # --- linking -------------------------------------------------------------------------------

    def choose(self) -> None:
        doc = self.doc
        if doc is None or doc.read_only:
            return
        start = str(folders.start_folder(doc.path))
        name, _ = QFileDialog.getOpenFileName(
            self.window, tr("选择上年的项目文件"), start, tr("绩效项目文件 (*.jixiao)")
        )
        if not name:
            return
        link = link_text(doc.path, Path(name))
        trial = doc.project.model_copy(update={"last_year": link})
        try:
            load_last_year(trial, doc.path)
        except LastYearError as exc:
            self.window.statusBar().showMessage(tr("未关联：{0}").format(exc), 8000)
            return
        self._link(link, tr("关联上年文件"))
        self.window.statusBar().showMessage(tr("已关联上年文件 {0}").format(link), 6000)

    def unlink(self) -> None:
        if self.doc is not None and self.doc.project.last_year:
            self._link("", tr("取消关联上年文件"))

    def _link(self, link: str, text: str) -> None:
        form_id = self.window.current_form_id() or (
            self.doc.project.forms[0].id if self.doc.project.forms else ""
        )
        self.doc.apply(LinkLastYear(form_id, link), text)

    def write_note(self) -> None:
        """A note on the indicator at the cursor (kept with the indicator as `note`)."""
        page = self.window.page
        view = getattr(page, "indicator_view", None)
        node = view.current_node() if view is not None else None
        if self.doc is None or self.doc.read_only or not isinstance(node, Indicator):
            self.window.statusBar().showMessage(tr("请先选中一项指标。"), 4000)
            return
        text, ok = QInputDialog.getText(
            self.window, tr("说明与上年相比的变化"),
            tr("“{0}”的目标与上年不同的原因：").format(node.name), text=node.get("note"),
        )  # fmt: skip
        if ok and text.strip() != node.get("note"):
            self.doc.apply(
                set_indicator_cell_edit(view.form_id, node.uid, "note", text.strip()),
                tr("说明“{0}”的变化").format(node.name),
            )
