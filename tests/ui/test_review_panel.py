"""审核 mode in the editor: comments reach the clerk's problems list; resolve, undo, compare."""

from __future__ import annotations

from pathlib import Path

from desktop.core import review
from desktop.core.embedded import embed_used_kinds
from desktop.core.kinds import default_registry
from desktop.core.storage import load_project, save_project
from tests.core.test_review import bureau_kind, declaration, uid_of


def problems_text(window) -> list[str]:
    model = window.problems.model
    return [
        model.index(r, c).data() or ""
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def bureau_file(tmp_path: Path) -> Path:
    """A file returned by the bureau: its own kind (not on this PC) and rule vocabulary (12
    characters in a name), comments on an indicator and a funds cell, a verdict."""
    from tests.core.test_vocabulary import LONG, OVERRIDE, pc

    kind = bureau_kind()
    project = declaration(kind)
    form = project.forms[0]
    form.indicators[0].children[0].indicators[0].name = LONG
    anchor = review.anchor_for(form, "indicator", "target", uid_of(project, "会费缴纳次数"))
    review.add_comment(project, "f1", "请写明缴纳时间。", anchor, author="李审核")
    funds = review.anchor_for(form, "funds", "total.amount")
    review.add_comment(project, "f1", "总额请与批复一致。", funds, author="李审核")
    review.set_verdict(project, "f1", "revise", reviewer="李审核")
    embed_used_kinds(project, default_registry().with_kinds({kind.id: kind}))
    path = tmp_path / "退回修改.jixiao"
    with pc(OVERRIDE):
        save_project(project, path)
    return path


def test_the_clerk_sees_comments_in_the_problems_list_and_resolves_them(
    make_window, tmp_path, qtbot
):
    path = bureau_file(tmp_path)
    said: list[str] = []
    window = make_window(path)  # this PC lacks the bureau's kind: the file's copy is used
    window.files.status.connect(lambda text, _ms: said.append(text))
    window.files.open_path(path)  # (again, to hear all it says)
    assert any("本机没有表样" in t for t in said)  # the editor says so
    assert any("规则词表" in t for t in said)  # ... and that the file's vocabulary is used
    assert any(x.code == "name-too-long" for x in window.doc.findings("f1"))
    assert window.doc.kind(window.doc.project.forms[0]).id == "bureau-decl-2026"
    assert not any("form-kind-unknown" in t for t in problems_text(window))
    texts = problems_text(window)
    assert any("请写明缴纳时间" in t for t in texts)
    assert any("退回修改" in t for t in texts)
    assert "资金 / 年度资金总额" in texts and any("总额请与批复一致" in t for t in texts)
    found = next(x for x in window.doc.findings("f1") if x.code == review.REVIEW_CODE)
    assert found.uid == uid_of(window.doc.project, "会费缴纳次数")  # beside its cell
    funds = window.work.page.funds_view.model()
    assert [x.code for x in funds.marks_at(funds.index(0, 0))] == [review.REVIEW_CODE]
    # 审核 mode: the dock lists them; the clerk marks one resolved
    window.action("review_mode").trigger()
    panel = window.review.panel
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2)
    assert panel.table.item(0, 1).text() == "产出指标 / 数量指标 / 会费缴纳次数"
    assert panel.table.item(1, 1).text() == "资金 / 年度资金总额"
    panel.table.selectRow(0)
    assert panel.resolve_selected()
    assert not any("请写明缴纳时间" in t for t in problems_text(window))
    assert panel.table.item(1, 0).text() == "已解决"  # resolved ones go last
    window.doc.undo_stack.undo()  # undoable like any edit
    assert any("请写明缴纳时间" in t for t in problems_text(window))
    window.doc.undo_stack.redo()
    assert window.files.save()
    saved = load_project(path).project
    assert saved.review.comments[0].resolved and saved.kinds.keys() == {"bureau-decl-2026"}
    assert saved.rules["review"] == {"name_max": 12}  # the bureau's vocabulary goes back
    assert not saved.review.comments[1].resolved


def test_reviewer_adds_a_comment_and_verdict_then_compares(make_window, tmp_path, answers):
    path = tmp_path / "p.jixiao"
    save_project(declaration(), path)
    window = make_window(path)
    panel = window.review.panel
    window.review.toggle()
    assert panel.add_comment("目标值偏低，请按上年实际调整。")
    panel.verdict_box.setCurrentIndex(panel.verdict_box.findData("revise"))
    assert panel.give_verdict()
    assert any("目标值偏低" in t for t in problems_text(window))
    assert review.verdict_of(window.doc.project, "f1").verdict == "revise"
    form = window.doc.project.forms[0]
    assert form.header["project_name"] == "政务信息维护经费"  # content untouched
    old = tmp_path / "old.jixiao"
    save_project(declaration(), old)
    from desktop.core import operations as ops

    window.doc.apply(ops.SetHeader("f1", "project_name", "政务信息维护经费（修改）"), "名称")
    dialog = window.review.compare(str(old))
    assert dialog is not None
    cells = [dialog.table.item(r, c).text() for r in range(dialog.table.rowCount())
             for c in range(5)]  # fmt: skip
    assert "政务信息维护经费（修改）" in cells and "审核结论" in " ".join(cells)
    dialog.export_pdf(str(tmp_path / "d.pdf"))
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")
    window.review.export_opinion(str(tmp_path / "o.pdf"))
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")
    dialog.close()


def test_the_files_rule_vocabulary_is_used_in_the_editor_and_said(make_window, tmp_path):
    """A file saved at a bureau whose vocabulary allows 12 characters in a name is checked so
    on a PC without that vocabulary; the editor says so; another file goes back to this PC's."""
    from desktop.core.rules import local_rules, rules
    from tests.core.test_vocabulary import OVERRIDE, long_named, pc

    path = tmp_path / "局.jixiao"
    with pc(OVERRIDE):
        save_project(long_named(), path)
    plain = tmp_path / "单位.jixiao"
    save_project(long_named(), plain)
    window = make_window(path)
    assert "规则词表" in window.statusBar().currentMessage()
    assert any("名称" in t and "12" in t for t in problems_text(window))  # name-too-long
    assert rules().review.name_max == 12  # in force for printing and the editors too
    assert any(x.code == "name-too-long" for x in window.doc.findings("f1"))
    window.doc.undo_stack.clear()
    assert window.files.open_path(plain)
    assert rules() == local_rules() and rules().review.name_max == 30
    assert not any(x.code == "name-too-long" for x in window.doc.findings("f1"))


def test_header_fields_and_funds_cells_take_comments_in_the_editor(
    make_window, tmp_path, qtbot, monkeypatch
):
    """A reviewer comments on a header field or a funds cell from its context menu, or from
    the dock with the cell or field focused; each shows beside its place and in the problems
    list, is undoable, and survives save and reopening."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QInputDialog

    path = tmp_path / "p.jixiao"
    save_project(declaration(), path)
    window = make_window(path)
    window.review.toggle()
    panel, page = window.review.panel, window.work.page
    said: list[str] = []
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *a, **k: (said.pop(0), True))  # fmt: skip

    said.append("年度目标请量化。")
    field = page.fields["objective"]
    custom = Qt.ContextMenuPolicy.CustomContextMenu  # a right-click opens the menu below
    assert field.widget.contextMenuPolicy() == custom == page.funds_view.contextMenuPolicy()
    menu = window.review.field_menu(field.widget, "objective")
    labels = [a.text() for a in menu.actions()]
    assert "添加审核意见…" in labels and len(labels) > 2  # the field's own entries stay
    next(a for a in menu.actions() if a.text() == "添加审核意见…").trigger()
    assert any(x.code == review.REVIEW_CODE for x in field._shown)  # beside the field
    assert any("年度目标请量化" in t for t in problems_text(window))
    assert any(t == "表头 / 年度总体目标" for t in problems_text(window))

    view = page.funds_view
    said.append("财政拨款请与批复一致。")
    cell = view.model().index(1, 0)  # 其中：财政拨款
    menu = window.review.funds_menu(view, cell)
    next(a for a in menu.actions() if a.text() == "添加审核意见…").trigger()
    assert [x.code for x in view.model().marks_at(cell)] == [review.REVIEW_CODE]  # on the cell
    assert any(t == "资金 / 其中：财政拨款" for t in problems_text(window))

    said.append("总额请核实。")  # the dock's button: the focused cell
    total = view.model().index(0, 0)
    view.setFocus()
    view.setCurrentIndex(total)
    qtbot.waitUntil(view.hasFocus)
    panel.add_button.click()
    assert [x.code for x in view.model().marks_at(total)] == [review.REVIEW_CODE]
    said.append("项目名称请写全称。")
    page.fields["project_name"].widget.setFocus()
    qtbot.waitUntil(page.fields["project_name"].widget.hasFocus)
    panel.add_button.click()
    keys = [(c.anchor.section, c.anchor.key) for c in window.doc.project.review.comments]
    assert keys == [("header", "objective"), ("funds", "appropriation.amount"),
                    ("funds", "total.amount"), ("header", "project_name")]  # fmt: skip
    window.doc.undo_stack.undo()
    assert len(window.doc.project.review.comments) == 3
    assert window.files.save()
    window.files.close()
    again = make_window(path)
    texts = problems_text(again)
    assert "资金 / 年度资金总额" in texts and "表头 / 年度总体目标" in texts
    assert not any("项目名称请写全称" in t for t in texts)
