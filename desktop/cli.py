"""The `jixiao` command line: list form kinds, create, check and upgrade project files.

It doubles as the finance bureau's batch tool, so every unreadable file gets one clear line
naming the file and the reason, and the exit code says what happened: 0 no errors, 1 a form
has errors, 2 a file could not be read (or the command was misused).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.core.checks import ProjectChecker, form_label
from desktop.core.findings import Severity
from desktop.core.kinds import KindError, KindRegistry, default_registry
from desktop.core.operations import new_project
from desktop.core.storage import PROJECT_SUFFIX, ProjectFileError, load_project, save_project

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "提示"}


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_templates(args: argparse.Namespace, registry: KindRegistry) -> int:
    kinds = registry.all()
    if args.json:
        _print_json(
            [
                {
                    "id": k.id,
                    "name": k.name,
                    "family": str(k.family),
                    "year": k.year,
                    "title": k.title,
                }
                for k in kinds
            ]
        )
    else:
        width = max(len(k.id) for k in kinds)
        for k in kinds:
            print(f"{k.id:<{width}}  {k.name}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace, registry: KindRegistry) -> int:
    kind = registry.get(args.kind)
    if kind is None:
        print(f"没有表样“{args.kind}”。可用的表样见 `jixiao templates`。", file=sys.stderr)
        return EXIT_UNREADABLE
    out = Path(args.output)
    if out.exists() and not args.force:
        print(f"{out.name}: 文件已存在，未覆盖（如确需覆盖请加 --force）。", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        save_project(new_project(kind), out)
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"已创建 {out}（{kind.name}）")
    return EXIT_OK


def _expand(paths: Sequence[str]) -> list[Path]:
    """Files as given; a folder stands for the project files directly inside it."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.iterdir() if x.suffix == PROJECT_SUFFIX))
        else:
            out.append(p)
    return out


def cmd_check(args: argparse.Namespace, registry: KindRegistry) -> int:
    status = EXIT_OK
    rows: list[dict[str, str]] = []
    for path in _expand(args.files):
        try:
            project = load_project(path).project
        except ProjectFileError as exc:
            print(exc.line(), file=sys.stderr)
            status = EXIT_UNREADABLE
            continue
        checker = ProjectChecker(project, registry)
        findings = checker.check_all()
        if checker.has_errors() and status == EXIT_OK:
            status = EXIT_ERRORS
        labels = {f.id: form_label(f, registry.get(f.kind)) for f in project.forms}
        for x in findings:
            rows.append({"file": str(path), "form": labels[x.form_id], **x.as_dict()})
        if not args.json:
            errors = sum(x.severity is Severity.ERROR for x in findings)
            print(
                f"{path}: {len(project.forms)} 张表，{errors} 个错误，"
                f"{len(findings) - errors} 个提示"
            )
            for x in findings:
                print(
                    f"  [{SEVERITY_ZH[x.severity]}] {labels[x.form_id]} / {x.where}: "
                    f"{x.message} ({x.code})"
                )
    if args.json:
        _print_json(rows)
    return status


def cmd_upgrade(args: argparse.Namespace, registry: KindRegistry) -> int:
    path = Path(args.file)
    try:
        loaded = load_project(path)
        save_project(loaded.project, path, expected=loaded.stamp)
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    if loaded.migrated_from is None:
        print(f"{path.name}: 已是当前格式，已重新保存。")
    else:
        print(f"{path.name}: 已从第 {loaded.migrated_from} 版升级到当前格式（原文件备份为 .bak）。")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao", description="绩效目标表与自评表：检查、新建、升级项目文件。"
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    p = sub.add_parser("templates", help="列出可用的表样")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_templates)

    p = sub.add_parser("new", help="新建含一张空表的项目文件")
    p.add_argument("kind", help="表样编号，见 templates")
    p.add_argument("-o", "--output", required=True, help="要创建的项目文件")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("check", help="检查项目文件（可给文件夹）")
    p.add_argument("files", nargs="+", help="项目文件或文件夹")
    p.add_argument("--json", action="store_true", help="以 JSON 数组输出全部问题")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("upgrade", help="升级为当前文件格式并保存（保留 .bak 备份）")
    p.add_argument("file")
    p.set_defaults(func=cmd_upgrade)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        registry = default_registry()
    except KindError as exc:
        print(f"表样定义有误：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    return args.func(args, registry)


if __name__ == "__main__":
    sys.exit(main())
