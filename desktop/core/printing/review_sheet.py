"""Printed review documents: a 审核意见书 (or 退回修改清单) per form, and a 修改对照表.

Set like the forms themselves: the bundled Song face for text, Hei for titles and heads, the
same font fallback and escaping (`markup.to_markup`), A4 portrait.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.core.checks import form_label
from desktop.core.diff import KIND_ZH, Change
from desktop.core.kinds import KindRegistry
from desktop.core.model import VERDICTS, Project
from desktop.core.printing.fonts import BODY, HEADING, HEI, SONG, fonts
from desktop.core.printing.markup import to_markup
from desktop.core.review import comments_of, resolve, verdict_of
from desktop.core.storage import write_atomic

_TITLE = ParagraphStyle("title", fontName=HEI, fontSize=16, leading=22, alignment=1,
                        spaceAfter=4 * mm)  # fmt: skip
_SUB = ParagraphStyle("sub", fontName=SONG, fontSize=10.5, leading=15, alignment=1,
                      spaceAfter=4 * mm)  # fmt: skip
_BODY = ParagraphStyle("body", fontName=SONG, fontSize=10.5, leading=15)
_HEAD = ParagraphStyle("head", fontName=HEI, fontSize=10.5, leading=15)
_GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
])  # fmt: skip


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    chain = HEADING if style.fontName == HEI else BODY
    return Paragraph(to_markup(text, chain, style.fontName), style)


def _table(head: Sequence[str], rows: list[list[str]], widths: Sequence[float]) -> Table:
    data = [[_p(h, _HEAD) for h in head]] + [[_p(c) for c in r] for r in rows]
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(_GRID)
    return table


def _build(out: Path | Any, story: list[Any], title: str) -> None:
    """Lay out `story` into `out` (a path, written atomically, or a binary file object)."""
    fonts()  # registers the bundled faces (raises PrintError when they are missing)
    if isinstance(out, Path):
        buffer = io.BytesIO()
        _build(buffer, story, title)
        write_atomic(out, buffer.getvalue(), backup=False)
        return
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=title)  # fmt: skip
    doc.build(story)


def review_story(
    project: Project, registry: KindRegistry, form_ids: Sequence[str] | None
) -> list[Any]:
    story: list[Any] = []
    for form in project.forms:
        if form_ids and form.id not in form_ids:
            continue
        kind = registry.get(form.kind)
        verdict = verdict_of(project, form.id)
        comments = comments_of(project, form.id)
        returned = verdict is not None and verdict.verdict == "revise"
        if story:
            story.append(PageBreak())
        story.append(_p("退回修改清单" if returned else "预算绩效目标审核意见书", _TITLE))
        story.append(_p(f"{form_label(form, kind)}（{kind.name if kind else form.kind}）", _SUB))
        verdict_text = VERDICTS[verdict.verdict] if verdict else "尚未给出"
        lines = [["审核结论", verdict_text]]
        if verdict is not None:
            lines += [["审核人", verdict.reviewer], ["日期", verdict.date[:10]]]
            if verdict.note:
                lines.append(["说明", verdict.note])
        story.append(_table(["项目", "内容"], lines, (35, 135)))
        story.append(Spacer(1, 5 * mm))
        rows = []
        for n, c in enumerate(comments, 1):
            state = "已解决" if c.resolved else "待修改"
            if c.resolved and c.reply:
                state += f"：{c.reply}"
            rows.append([str(n), resolve(form, c.anchor, kind).where, c.text, state])
        if rows:
            story.append(_table(["序号", "位置", "审核意见", "处理情况"], rows, (12, 48, 72, 38)))
        else:
            story.append(_p("无具体审核意见。"))
        story.append(Spacer(1, 12 * mm))
        story.append(_p("审核单位（盖章）：　　　　　　　　　审核人（签字）：　　　　　　　日期："))
    return story


def render_review_pdf(
    project: Project, registry: KindRegistry, out: Path | Any,
    form_ids: Sequence[str] | None = None,
) -> int:  # fmt: skip
    """The review sheets of the forms (all by default); returns how many forms."""
    story = review_story(project, registry, form_ids)
    if not story:
        story = [_p("没有可打印的表单。")]
    _build(out, story, "审核意见书")
    return sum(isinstance(x, PageBreak) for x in story) + 1


def render_diff_pdf(changes: list[Change], out: Path | Any, old_name: str, new_name: str) -> None:
    """The changes between two versions as a 修改对照表."""
    story: list[Any] = [
        _p("绩效目标修改对照表", _TITLE),
        _p(f"原文件：{old_name}　　修改后：{new_name}　　共 {len(changes)} 处变化", _SUB),
    ]
    rows = [[c.form, KIND_ZH[c.kind], c.where, c.old, c.new] for c in changes]
    if rows:
        story.append(_table(["表单", "变化", "位置", "原内容", "修改后"], rows,
                            (30, 14, 44, 41, 41)))  # fmt: skip
    else:
        story.append(_p("两个版本内容相同。"))
    _build(out, story, "修改对照表")
