"""`jixiao library ...`: search the indicator library, build one from a folder of projects."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.catalogue import phrase
from desktop.core.checks import form_label
from desktop.core.kinds import KindRegistry
from desktop.core.storage import (
    ProjectFileError,
    load_project,
    save_project,
    write_atomic,
)

if TYPE_CHECKING:
    from desktop.core.library import Library

# The library and last-year modules are imported by the commands that use them: building the
# parser (every command, `jixiao check` too) needs none of them.
EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _library(args: argparse.Namespace) -> Library:
    from desktop.core.library import Library, library_dirs

    dirs = list(library_dirs())
    lib = Library.load(dirs + [Path(p) for p in args.library or []])
    for problem in lib.problems:
        print(phrase("cli-library-skipped-file", problem=problem), file=sys.stderr)
    return lib


def cmd_search(args: argparse.Namespace, registry: KindRegistry) -> int:
    lib = _library(args)
    if args.sector and args.sector not in lib.sectors():
        sectors = phrase("cli-list-sep").join(lib.sectors())
        print(phrase("cli-library-no-sector", sector=args.sector, sectors=sectors), file=sys.stderr)
        return EXIT_UNREADABLE
    found = lib.search(" ".join(args.words), sector=args.sector, level2=args.level2)
    if args.json:
        print(json.dumps([e.as_dict() for e in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    for e in found:
        print(f"{e.sector}｜{e.level1}／{e.level2}｜{e.name}｜{e.target_text()}")
    print(phrase("cli-library-count", count=len(found)), file=sys.stderr)
    return EXIT_OK


def _project_files(paths: list[str]) -> list[Path] | None:
    """The project files under `paths` (folders walked like `jixiao check`'s), or None after
    saying which path does not exist."""
    for p in map(Path, paths):
        if not p.exists():
            print(phrase("cli-no-such-path", path=p), file=sys.stderr)
            return None
    from desktop.core.walk import project_files

    return list(project_files(paths))


def _output_refused(out: Path, force: bool) -> bool:
    """True (after saying why) when a library may not be written to `out`."""
    if out.suffix.lower() != ".json":
        print(phrase("cli-library-suffix", name=out.name), file=sys.stderr)
        return True
    if out.exists() and not force:
        print(phrase("cli-exists", name=out.name), file=sys.stderr)
        return True
    return False


def cmd_build(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.library import dumps_library, library_from_projects

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
        print(phrase("cli-library-skipped", line=line), file=sys.stderr)
    if result.library is None:
        print(phrase("cli-library-empty", count=len(files), name=out.name), file=sys.stderr)
        return EXIT_UNREADABLE
    write_atomic(out, dumps_library(result.library).encode("utf-8"), backup=False)
    key = "cli-library-built-unreadable" if unreadable else "cli-library-built"
    print(phrase(key, path=out, count=len(result.library.entries), used=result.used,
                 unreadable=unreadable))  # fmt: skip
    return EXIT_UNREADABLE if unreadable else EXIT_OK


def cmd_import(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.library import LibraryError, dumps_library, library_from_workbook

    out = Path(args.output)
    if _output_refused(out, args.force):
        return EXIT_UNREADABLE
    try:
        lib = library_from_workbook(Path(args.workbook), args.name or "")
    except LibraryError as exc:
        print(exc, file=sys.stderr)
        return EXIT_UNREADABLE
    write_atomic(out, dumps_library(lib).encode("utf-8"), backup=False)
    print(phrase("cli-library-imported", path=out, count=len(lib.entries)))
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `library search` and `library build` under the `jixiao` command."""
    lib = sub.add_parser("library", help=phrase("help-library"))
    lsub = lib.add_subparsers(dest="library_command", required=True, metavar=phrase("help-subcommand"))

    p = lsub.add_parser("search", help=phrase("help-library-search"))
    p.add_argument("words", nargs="*", help=phrase("help-library-words"))
    p.add_argument("--sector", help=phrase("help-library-sector"))
    p.add_argument("--level2", help=phrase("help-library-level2"))
    p.add_argument("--library", action="append", metavar="DIR", help=phrase("help-library-dir"))
    p.add_argument("--json", action="store_true", help=phrase("help-json"))
    p.set_defaults(func=cmd_search)

    p = lsub.add_parser("build", help=phrase("help-library-build"))
    p.add_argument("dirs", nargs="+", metavar="DIR", help=phrase("help-library-build-dirs"))
    p.add_argument("-o", "--output", required=True, help=phrase("help-library-output"))
    p.add_argument("--sector", default="本单位", help=phrase("help-library-build-sector"))
    p.add_argument("--name", help=phrase("help-library-name"))
    p.add_argument("--force", action="store_true", help=phrase("help-force"))
    p.set_defaults(func=cmd_build)

    p = lsub.add_parser("import", help=phrase("help-library-import"))
    p.add_argument("workbook", help=phrase("help-library-workbook"))
    p.add_argument("-o", "--output", required=True, help=phrase("help-library-output"))
    p.add_argument("--name", help=phrase("help-library-workbook-name"))
    p.add_argument("--force", action="store_true", help=phrase("help-force"))
    p.set_defaults(func=cmd_import)


# --- last year --------------------------------------------------------------------------------


def cmd_lastyear(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.lastyear import LastYearError, link_text, load_last_year

    path = Path(args.file)
    try:
        project = load_project(path).project
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    if args.link is None and not args.unlink:
        print(project.last_year or phrase("cli-lastyear-none"))
        return EXIT_OK
    if args.unlink:
        project.last_year = ""
    else:
        project.last_year = link_text(path, Path(args.link))
        try:
            load_last_year(project, path)
        except LastYearError as exc:
            print(phrase("cli-lastyear-not-linked", error=exc), file=sys.stderr)
            return EXIT_UNREADABLE
    try:
        save_project(project, path)
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    if project.last_year:
        print(phrase("cli-lastyear-linked", name=path.name, link=project.last_year))
    else:
        print(phrase("cli-lastyear-unlinked", name=path.name))
    return EXIT_OK


def add_lastyear_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lastyear", help=phrase("help-lastyear"))
    p.add_argument("file", help=phrase("help-lastyear-file"))
    group = p.add_mutually_exclusive_group()
    group.add_argument("--link", metavar="LAST", help=phrase("help-lastyear-link"))
    group.add_argument("--unlink", action="store_true", help=phrase("help-lastyear-unlink"))
    p.set_defaults(func=cmd_lastyear)
