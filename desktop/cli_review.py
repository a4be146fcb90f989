"""The finance bureau's subcommands: comment, resolve, verdict, opinion, diff, review."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.core import review
from desktop.core.embedded import project_registry
from desktop.core.kinds import KindRegistry
from desktop.core.model import VERDICTS, Anchor, Project
from desktop.core.operations import OperationError
from desktop.core.storage import ProjectFileError, load_project, save_project

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
VERDICT_WORDS = {**{k: k for k in VERDICTS}, **{v: k for k, v in VERDICTS.items()}}


def _open(path: Path, registry: KindRegistry) -> tuple[Project, KindRegistry, object] | None:
    try:
        loaded = load_project(path)
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return None
    own, notes = project_registry(loaded.project, registry)
    for note in notes:
        print(f"{path.name}: {note.message()}", file=sys.stderr)
    return loaded.project, own, loaded.stamp


def _save(project: Project, path: Path, stamp: object) -> bool:
    try:
        save_project(project, path, expected=stamp)  # type: ignore[arg-type]
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return False
    return True


def cmd_comment(args: argparse.Namespace, registry: KindRegistry) -> int:
    path = Path(args.file)
    opened = _open(path, registry)
    if opened is None:
        return EXIT_UNREADABLE
    project, _, stamp = opened
    form = project.form(args.form)
    if form is None:
        print(
            f"{path.name}: 没有编号为 {args.form} 的表（见 jixiao fingerprint）。", file=sys.stderr
        )
        return EXIT_UNREADABLE
    if args.indicator:
        anchor = Anchor(section="indicator", key=args.column or "", level1=args.level1 or "",
                        level2=args.level2 or "", name=args.indicator)  # fmt: skip
        found = [(a, b) for a, b, i in form.iter_indicators() if i.name.strip() == args.indicator
                 and (not args.level1 or a.name == args.level1)
                 and (not args.level2 or b.name == args.level2)]  # fmt: skip
        if not found:
            print(f"{path.name}: 表 {args.form} 中没有指标“{args.indicator}”。", file=sys.stderr)
            return EXIT_UNREADABLE
        l1, l2 = found[0]
        index = next(n for n, i in enumerate(l2.indicators) if i.name.strip() == args.indicator)
        anchor = anchor.model_copy(update={"level1": l1.name, "level2": l2.name, "index": index})
    elif args.level1:
        anchor = Anchor(section="category", level1=args.level1, level2=args.level2 or "")
    elif args.field:
        anchor = Anchor(section="header", key=args.field)
    else:
        anchor = Anchor()
    try:
        c = review.add_comment(project, args.form, args.text, anchor, author=args.author or "")
    except OperationError as exc:
        print(f"{path.name}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if not _save(project, path, stamp):
        return EXIT_UNREADABLE
    print(f"已添加审核意见 {c.id}：{review.resolve(form, c.anchor).where}")
    return EXIT_OK


def cmd_resolve(args: argparse.Namespace, registry: KindRegistry) -> int:
    path = Path(args.file)
    opened = _open(path, registry)
    if opened is None:
        return EXIT_UNREADABLE
    project, _, stamp = opened
    try:
        for cid in args.ids:
            review.resolve_comment(project, cid, by=args.author or "", reply=args.reply or "")
    except OperationError:
        print(f"{path.name}: 没有编号为 {cid} 的审核意见。", file=sys.stderr)
        return EXIT_UNREADABLE
    if not _save(project, path, stamp):
        return EXIT_UNREADABLE
    print(f"已标记为已解决：{'、'.join(args.ids)}（意见保留在文件中）")
    return EXIT_OK


def cmd_verdict(args: argparse.Namespace, registry: KindRegistry) -> int:
    path = Path(args.file)
    opened = _open(path, registry)
    if opened is None:
        return EXIT_UNREADABLE
    project, _, stamp = opened
    verdict = VERDICT_WORDS.get(args.verdict)
    if verdict is None:
        print(f"审核结论应为：{' / '.join(VERDICTS.values())}（或 pass / revise / reject）。",
              file=sys.stderr)  # fmt: skip
        return EXIT_UNREADABLE
    try:
        review.set_verdict(project, args.form, verdict, reviewer=args.author or "",
                           note=args.note or "")  # fmt: skip
    except OperationError:
        print(f"{path.name}: 没有编号为 {args.form} 的表。", file=sys.stderr)
        return EXIT_UNREADABLE
    if not _save(project, path, stamp):
        return EXIT_UNREADABLE
    print(f"{args.form}：{VERDICTS[verdict]}")
    return EXIT_OK


def cmd_comments(args: argparse.Namespace, registry: KindRegistry) -> int:
    path = Path(args.file)
    opened = _open(path, registry)
    if opened is None:
        return EXIT_UNREADABLE
    project, _, _ = opened
    rows = []
    for form in project.forms:
        v = review.verdict_of(project, form.id)
        for c in review.comments_of(project, form.id):
            rows.append({"form_id": form.id, "id": c.id, "where": review.resolve(form, c.anchor).where,
                         "text": c.text, "author": c.author, "resolved": c.resolved,
                         "reply": c.reply, "verdict": VERDICTS[v.verdict] if v else ""})  # fmt: skip
        if not args.json and v is not None:
            print(f"{form.id} 审核结论：{VERDICTS[v.verdict]} {v.note}".rstrip())
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            state = "已解决" if r["resolved"] else "待修改"
            print(f"{r['form_id']} {r['id']} [{state}] {r['where']}：{r['text']}")
    return EXIT_OK


def cmd_opinion(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.printing import PrintError
    from desktop.core.printing.review_sheet import render_review_pdf

    path = Path(args.file)
    opened = _open(path, registry)
    if opened is None:
        return EXIT_UNREADABLE
    project, own, _ = opened
    try:
        count = render_review_pdf(project, own, Path(args.output), args.form)
    except (PrintError, OSError) as exc:
        print(f"{path.name}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"已生成 {args.output}：{count} 张表的审核意见。")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.diff import diff_projects

    old_path, new_path = Path(args.old), Path(args.new)
    old, new = _open(old_path, registry), _open(new_path, registry)
    if old is None or new is None:
        return EXIT_UNREADABLE
    own, _ = project_registry(old[0], new[1])  # the new file's kinds, then the old one's
    changes = diff_projects(old[0], new[0], own)
    if args.output:
        from desktop.core.printing import PrintError
        from desktop.core.printing.review_sheet import render_diff_pdf

        try:
            render_diff_pdf(changes, Path(args.output), old_path.name, new_path.name)
        except (PrintError, OSError) as exc:
            print(f"{args.output}: {exc}", file=sys.stderr)
            return EXIT_UNREADABLE
    if args.json:
        print(json.dumps([c.as_dict() for c in changes], ensure_ascii=False, indent=2))
    else:
        for c in changes:
            print(c.line())
        print(f"共 {len(changes)} 处变化。")
    return EXIT_OK


def cmd_review(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.batch import check_files
    from desktop.core.report import collect, write_html, write_xlsx
    from desktop.core.walk import project_files

    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".html", ".htm"):
        print("报告文件应以 .xlsx 或 .html 结尾。", file=sys.stderr)
        return EXIT_UNREADABLE
    if out.exists() and not args.force:
        print(f"{out.name}: 文件已存在，未覆盖（如确需覆盖请加 --force）。", file=sys.stderr)
        return EXIT_UNREADABLE
    bases = [Path(p) for p in args.folders]
    with collect(check_files(project_files(args.folders), jobs=args.jobs), bases) as store:
        s = store.summary
        if s.files == 0:
            print("没有找到项目文件（.jixiao 或项目 .json）：" + "、".join(args.folders),
                  file=sys.stderr)  # fmt: skip
            return EXIT_UNREADABLE
        try:
            (write_xlsx if suffix == ".xlsx" else write_html)(store, out)
        except OSError as exc:
            print(f"{out.name}: 无法写入报告：{exc.strerror or exc}", file=sys.stderr)
            return EXIT_UNREADABLE
        print(f"已生成 {out}：{s.files} 个文件（{s.unreadable} 个无法读取），{s.forms} 张表，"
              f"抽样 {s.sampled} 张。")  # fmt: skip
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("comment", help="给表、分类或指标添加审核意见（不改动表的内容）")
    p.add_argument("file")
    p.add_argument("--form", required=True, metavar="ID")
    p.add_argument("text", help="审核意见")
    p.add_argument("--level1", help="一级指标")
    p.add_argument("--level2", help="二级指标")
    p.add_argument("--indicator", metavar="NAME", help="三级指标名称")
    p.add_argument("--column", help="指标的列（如 target）")
    p.add_argument("--field", help="表头字段（如 objective）")
    p.add_argument("--author", help="审核人")
    p.set_defaults(func=cmd_comment)

    p = sub.add_parser("resolve", help="把审核意见标记为已解决（意见保留）")
    p.add_argument("file")
    p.add_argument("ids", nargs="+", metavar="COMMENT_ID")
    p.add_argument("--reply", help="处理说明")
    p.add_argument("--author")
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("verdict", help="给出审核结论：通过 / 退回修改 / 退回,不予纳入财政项目库")
    p.add_argument("file")
    p.add_argument("--form", required=True, metavar="ID")
    p.add_argument("verdict", help="pass|revise|reject 或中文")
    p.add_argument("--note", help="说明")
    p.add_argument("--author", help="审核人")
    p.set_defaults(func=cmd_verdict)

    p = sub.add_parser("comments", help="列出审核意见和结论")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_comments)

    p = sub.add_parser("opinion", help="打印审核意见书 / 退回修改清单（PDF）")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--form", action="append", metavar="ID")
    p.set_defaults(func=cmd_opinion)

    p = sub.add_parser("diff", help="比较两个版本：表、表头、资金、指标的增删改和移动")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="OUT.pdf", help="另存为可打印的修改对照表")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("review", help="文件夹审核清单（.xlsx 或 .html）：每张表一行，按风险排序")
    p.add_argument("folders", nargs="+", metavar="DIR")
    p.add_argument("-o", "--output", required=True, metavar="REPORT.xlsx|REPORT.html")
    p.add_argument("--jobs", type=int, default=None, help="进程数（默认：全部 CPU）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的报告")
    p.set_defaults(func=cmd_review)
