"""`jixiao library ...`: search the indicator library, build one from a folder of projects."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.core.checks import form_label
from desktop.core.kinds import KindRegistry
from desktop.core.lastyear import LastYearError, link_text, load_last_year
from desktop.core.library import (
    Library,
    LibraryError,
    dumps_library,
    library_dirs,
    library_from_projects,
    library_from_workbook,
)
from desktop.core.storage import (
    ProjectFileError,
    load_project,
    save_project,
    write_atomic,
)
from desktop.core.walk import project_files

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _library(args: argparse.Namespace) -> Library:
    dirs = list(library_dirs())
    lib = Library.load(dirs + [Path(p) for p in args.library or []])
    for problem in lib.problems:
        print(f"指标库文件有误，已跳过：{problem}", file=sys.stderr)
    return lib


def cmd_search(args: argparse.Namespace, registry: KindRegistry) -> int:
    lib = _library(args)
    if args.sector and args.sector not in lib.sectors():
        print(f"没有这个行业：{args.sector}（可选：{'、'.join(lib.sectors())}）", file=sys.stderr)
        return EXIT_UNREADABLE
    found = lib.search(" ".join(args.words), sector=args.sector, level2=args.level2)
    if args.json:
        print(json.dumps([e.as_dict() for e in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    for e in found:
        print(f"{e.sector}｜{e.level1}／{e.level2}｜{e.name}｜{e.target_text()}")
    print(f"共 {len(found)} 条", file=sys.stderr)
    return EXIT_OK


def _project_files(paths: list[str]) -> list[Path] | None:
    """The project files under `paths` (folders walked like `jixiao check`'s), or None after
    saying which path does not exist."""
    for p in map(Path, paths):
        if not p.exists():
            print(f"{p}: 找不到这个文件或文件夹。", file=sys.stderr)
            return None
    return list(project_files(paths))


def _output_refused(out: Path, force: bool) -> bool:
    """True (after saying why) when a library may not be written to `out`."""
    if out.suffix.lower() != ".json":
        print(f"{out.name}: 指标库文件须以 .json 结尾。", file=sys.stderr)
        return True
    if out.exists() and not force:
        print(f"{out.name}: 文件已存在，未覆盖（如确需覆盖请加 --force）。", file=sys.stderr)
        return True
    return False


def cmd_build(args: argparse.Namespace, registry: KindRegistry) -> int:
    out = Path(args.output)
    if _output_refused(out, args.force):
        return EXIT_UNREADABLE
    files = _project_files(args.dirs)
    if files is None:
        return EXIT_UNREADABLE
    projects = []
    unreadable = 0
    for path in files:
        try:
            projects.append((path.name, load_project(path).project))
        except ProjectFileError as exc:
            print(exc.line(), file=sys.stderr)
            unreadable += 1
    result = library_from_projects(
        projects,
        name=args.name or out.stem,
        sector=args.sector,
        label_of=lambda form: form_label(form, registry.get(form.kind)),
    )
    for line in result.skipped:
        print(f"已跳过：{line}", file=sys.stderr)
    if result.library is None:
        print(f"在 {len(files)} 个项目文件里没有找到带指标值的指标，未生成 {out.name}。",
              file=sys.stderr)  # fmt: skip
        return EXIT_UNREADABLE
    write_atomic(out, dumps_library(result.library).encode("utf-8"), backup=False)
    print(f"已生成 {out}：{len(result.library.entries)} 条指标，来自 {result.used} 个项目文件"
          + (f"（{unreadable} 个无法读取）" if unreadable else "") + "。")  # fmt: skip
    return EXIT_UNREADABLE if unreadable else EXIT_OK


def cmd_import(args: argparse.Namespace, registry: KindRegistry) -> int:
    out = Path(args.output)
    if _output_refused(out, args.force):
        return EXIT_UNREADABLE
    try:
        lib = library_from_workbook(Path(args.workbook), args.name or "")
    except LibraryError as exc:
        print(exc, file=sys.stderr)
        return EXIT_UNREADABLE
    write_atomic(out, dumps_library(lib).encode("utf-8"), backup=False)
    print(
        f"已生成 {out}：{len(lib.entries)} 条指标。放入用户数据文件夹的 library/ 即可在编辑器中检索。"
    )
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `library search` and `library build` under the `jixiao` command."""
    lib = sub.add_parser("library", help="指标库：检索指标，或由项目文件生成指标库")
    lsub = lib.add_subparsers(dest="library_command", required=True, metavar="子命令")

    p = lsub.add_parser("search", help="按词语、拼音首字母检索指标（不给词语则列出全部）")
    p.add_argument("words", nargs="*", help="词语或拼音首字母，如 培训 或 pxrc")
    p.add_argument("--sector", help="只看这个行业，如 教育")
    p.add_argument("--level2", help="只看这个二级指标，如 数量指标")
    p.add_argument("--library", action="append", metavar="DIR", help="另加一个指标库文件夹")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_search)

    p = lsub.add_parser("build", help="由一个或多个文件夹里的项目文件生成指标库")
    p.add_argument("dirs", nargs="+", metavar="DIR", help="项目文件或文件夹")
    p.add_argument("-o", "--output", required=True, help="要生成的指标库文件（.json）")
    p.add_argument("--sector", default="本单位", help="写入每条指标的行业（默认：本单位）")
    p.add_argument("--name", help="指标库名称（默认：文件名）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=cmd_build)

    p = lsub.add_parser("import", help="由 Excel 工作簿（.xlsx）导入本单位的指标库")
    p.add_argument("workbook", help="工作簿：首行为列名（行业、一级指标、二级指标、三级指标……）")
    p.add_argument("-o", "--output", required=True, help="要生成的指标库文件（.json）")
    p.add_argument("--name", help="指标库名称（默认：工作簿文件名）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=cmd_import)


# --- last year --------------------------------------------------------------------------------


def cmd_lastyear(args: argparse.Namespace, registry: KindRegistry) -> int:
    path = Path(args.file)
    try:
        project = load_project(path).project
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    if args.link is None and not args.unlink:
        print(project.last_year or "（未关联上年文件）")
        return EXIT_OK
    if args.unlink:
        project.last_year = ""
    else:
        project.last_year = link_text(path, Path(args.link))
        try:
            load_last_year(project, path)
        except LastYearError as exc:
            print(f"未关联：{exc}", file=sys.stderr)
            return EXIT_UNREADABLE
    try:
        save_project(project, path)
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"{path.name}: " + (f"已关联上年文件 {project.last_year}" if project.last_year
                              else "已取消关联上年文件"))  # fmt: skip
    return EXIT_OK


def add_lastyear_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lastyear", help="关联上年的项目文件（检查时与上年目标、实际值比较）")
    p.add_argument("file", help="本年的项目文件")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--link", metavar="LAST", help="上年的项目文件")
    group.add_argument("--unlink", action="store_true", help="取消关联")
    p.set_defaults(func=cmd_lastyear)
