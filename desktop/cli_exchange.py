"""`jixiao import` and `jixiao export`: forms in and out of workbooks and Word documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli_common import _exists_refused, _load, _print_json
from desktop.core.checks import ProjectChecker, form_label
from desktop.core.findings import Severity
from desktop.core.kinds import KindRegistry
from desktop.core.storage import PROJECT_SUFFIX, ProjectFileError, save_project

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def cmd_import(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.importing import ImportFileError, import_files

    out = Path(args.output)
    if args.kind and registry.get(args.kind) is None:
        print(f"没有表样“{args.kind}”。可用的表样见 `jixiao templates`。", file=sys.stderr)
        return EXIT_UNREADABLE
    if out.suffix.lower() != PROJECT_SUFFIX:
        print(f"{out.name}: 导入结果须保存为 {PROJECT_SUFFIX} 项目文件。", file=sys.stderr)
        return EXIT_UNREADABLE
    if _exists_refused(out, args.force):
        return EXIT_UNREADABLE
    try:
        result = import_files([Path(f) for f in args.files], registry, args.kind)
    except ImportFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    if not result.forms:
        names = "、".join(Path(f).name for f in args.files)
        print(f"{names}: 未找到可识别的绩效表（可用 --kind 指定表样）。", file=sys.stderr)
        return EXIT_UNREADABLE
    project = result.project()
    project.title = project.title or Path(args.files[0]).stem
    try:
        save_project(project, out)
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    checker = ProjectChecker(project, registry)
    findings = checker.check_all()
    if args.json:
        _print_json({"output": str(out), **result.as_dict(),
                     "findings": [x.as_dict() for x in findings]})  # fmt: skip
    else:
        print(f"已生成 {out}：{len(result.forms)} 张表。")
        for found in result.forms:
            count = sum(1 for _ in found.form.iter_indicators())
            print(f"  {found.form.id}  {form_label(found.form, found.kind)}（{found.kind.name}，"
                  f"{found.sheet} {found.address}，{count} 项指标）")  # fmt: skip
            for note in found.notes:
                print(f"      {note}")
        if result.unplaced:
            print(f"未导入的单元格 {len(result.unplaced)} 个：")
            for u in result.unplaced:
                text = u.text.replace("\n", " ")
                text = text if len(text) <= 30 else text[:29] + "…"
                print(f"  {u.sheet}!{u.address}  「{text}」 {u.reason}")
        errors = sum(x.severity is Severity.ERROR for x in findings)
        print(f"检查：{errors} 个错误，{len(findings) - errors} 个提示（jixiao check {out} 查看）。")
    return EXIT_ERRORS if checker.has_errors() else EXIT_OK


def cmd_export(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.exporting.xlsx import ExportError, export_xlsx

    path, out = Path(args.file), Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        print(f"{out.name}: 只能导出为 .xlsx 或 .docx 文件。", file=sys.stderr)
        return EXIT_UNREADABLE
    if suffix == ".docx" and args.shape == "rows":
        print(f"{out.name}: 一体化行格式只能导出为 .xlsx。", file=sys.stderr)
        return EXIT_UNREADABLE
    project = _load(path)
    if project is None:
        return EXIT_UNREADABLE
    if _exists_refused(out, args.force):
        return EXIT_UNREADABLE
    try:
        if suffix == ".docx":
            from desktop.core.exporting.docx import export_docx

            report = export_docx(project, registry, out, form_ids=args.form)
        else:
            report = export_xlsx(project, registry, out, shape=args.shape, form_ids=args.form)
    except ExportError as exc:
        print(f"{path.name}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    for warning in report.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    print(f"已生成 {out}：{len(report.sheets)} 张表。")
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `import` and `export` under the `jixiao` command."""
    p = sub.add_parser("import", help="从 Excel/WPS/Word/网页表格导入为项目文件")
    p.add_argument("files", nargs="+", help=".xlsx .xls .docx .html（.doc .et .wps 需 LibreOffice）")
    p.add_argument("-o", "--output", required=True, help="要生成的项目文件")
    p.add_argument("--kind", metavar="ID", help="按此表样读取（默认自动识别）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出找到的表和未导入的单元格")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="导出为 Excel（官方表样或一体化行格式）或 Word")
    p.add_argument("file", help="项目文件")
    p.add_argument("-o", "--output", required=True, help="要生成的 .xlsx 或 .docx 文件")
    p.add_argument("--shape", choices=("official", "rows"), default="official",
                   help="official：官方表样；rows：一体化系统的一行一指标")  # fmt: skip
    p.add_argument("--form", action="append", metavar="ID", help="只导出这张表（可重复）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=cmd_export)
