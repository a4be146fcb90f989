"""`jixiao import` and `jixiao export`: forms in and out of workbooks and Word documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli_common import _exists_refused, _load, _print_json
from desktop.core.catalogue import phrase
from desktop.core.checks import ProjectChecker, form_label
from desktop.core.findings import Severity
from desktop.core.kinds import KindRegistry
from desktop.core.storage import PROJECT_SUFFIX, ProjectFileError, save_project

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def cmd_import(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.importing import ImportFileError, import_files

    out = Path(args.output)
    if args.kind and registry.get(args.kind) is None:
        print(phrase("cli-no-kind", kind=args.kind), file=sys.stderr)
        return EXIT_UNREADABLE
    if out.suffix.lower() != PROJECT_SUFFIX:
        print(phrase("cli-import-suffix", name=out.name, suffix=PROJECT_SUFFIX), file=sys.stderr)
        return EXIT_UNREADABLE
    if _exists_refused(out, args.force):
        return EXIT_UNREADABLE
    try:
        result = import_files([Path(f) for f in args.files], registry, args.kind)
    except ImportFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    if not result.forms:
        names = phrase("cli-list-sep").join(Path(f).name for f in args.files)
        print(phrase("cli-import-nothing", names=names), file=sys.stderr)
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
        print(phrase("cli-generated", path=out, count=len(result.forms)))
        for found in result.forms:
            count = sum(1 for _ in found.form.iter_indicators())
            print(phrase("cli-import-form", id=found.form.id, label=form_label(found.form, found.kind),
                         kind=found.kind.name, sheet=found.sheet, address=found.address,
                         count=count))  # fmt: skip
            for note in found.notes:
                print(f"      {note}")
        if result.unplaced:
            print(phrase("cli-import-unplaced", count=len(result.unplaced)))
            for u in result.unplaced:
                text = u.text.replace("\n", " ")
                text = text if len(text) <= 30 else text[:29] + "…"
                print(f"  {u.sheet}!{u.address}  「{text}」 {u.reason_text}")
        errors = sum(x.severity is Severity.ERROR for x in findings)
        print(phrase("cli-import-checked", errors=errors, warnings=len(findings) - errors, path=out))
    return EXIT_ERRORS if checker.has_errors() else EXIT_OK


def cmd_export(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.exporting.xlsx import ExportError, export_xlsx

    path, out = Path(args.file), Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        print(phrase("cli-export-suffix", name=out.name), file=sys.stderr)
        return EXIT_UNREADABLE
    if suffix == ".docx" and args.shape == "rows":
        print(phrase("cli-export-rows-docx", name=out.name), file=sys.stderr)
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
        print(phrase("cli-warning", text=warning), file=sys.stderr)
    print(phrase("cli-generated", path=out, count=len(report.sheets)))
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `import` and `export` under the `jixiao` command."""
    p = sub.add_parser("import", help=phrase("help-import"))
    p.add_argument("files", nargs="+", help=phrase("help-import-files"))
    p.add_argument("-o", "--output", required=True, help=phrase("help-output-project"))
    p.add_argument("--kind", metavar="ID", help=phrase("help-import-kind"))
    p.add_argument("--json", action="store_true", help=phrase("help-import-json"))
    p.add_argument("--force", action="store_true", help=phrase("help-force"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help=phrase("help-export"))
    p.add_argument("file", help=phrase("help-project-file"))
    p.add_argument("-o", "--output", required=True, help=phrase("help-export-output"))
    p.add_argument("--shape", choices=("official", "rows"), default="official",
                   help=phrase("help-export-shape"))  # fmt: skip
    p.add_argument("--form", action="append", metavar="ID", help=phrase("help-export-form"))
    p.add_argument("--force", action="store_true", help=phrase("help-force"))
    p.set_defaults(func=cmd_export)
