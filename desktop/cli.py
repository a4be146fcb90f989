"""The `jixiao` command line: list form kinds, create, check and upgrade project files.

It doubles as the finance bureau's batch tool, so every unreadable file gets one clear line
naming the file and the reason, and the exit code says what happened: 0 no errors, 1 a form
has errors, 2 a file could not be read (or the command was misused).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from desktop import __version__, cli_exchange, cli_library, cli_review
from desktop.cli_common import _load, _locked, _own, _print_json
from desktop.core.catalogue import LANGUAGES, phrase, set_language
from desktop.core.checks import form_label
from desktop.core.display import shown, shown_name
from desktop.core.findings import Severity
from desktop.core.kinds import FormKind, KindError, KindRegistry, default_registry
from desktop.core.model import Form, Project
from desktop.core.money import plain
from desktop.core.naming import SEVERITY_WORDS
from desktop.core.rules import RulesError, rules_in_force
from desktop.core.storage import (
    ProjectFileError,
    load_project,
    save_project,
    stamp_of,
)

if TYPE_CHECKING:
    from desktop.core.scoring import FormScore

# Only what `jixiao check` needs is imported above; each other command imports the rest.
EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
SEVERITY_ZH = SEVERITY_WORDS


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _output_refused(
    out: Path, force: bool, inputs: Sequence[Path] = (), keep_magic: bytes | None = None
) -> bool:
    """True (after saying so) when writing `out` would replace what it should not: an input of
    the command (never, even with --force), or an existing file without --force, unless it is
    of the kind being written (`keep_magic`: its first bytes, `%PDF-` for a PDF)."""
    if any(_same_file(out, i) for i in inputs):
        _say(phrase("cli-output-is-input", name=shown_name(out)))
        return True
    if force or not os.path.lexists(out):
        return False
    if keep_magic is not None and os.path.isfile(out):
        with contextlib.suppress(OSError), open(out, "rb") as f:
            if f.read(len(keep_magic)) == keep_magic:
                return False
    _say(phrase("cli-exists", name=shown_name(out)))
    return True


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
    from desktop.core.operations import new_project

    kind = registry.get(args.kind)
    if kind is None:
        print(phrase("cli-no-kind", kind=shown(args.kind)), file=sys.stderr)
        return EXIT_UNREADABLE
    out = Path(args.output)
    if _output_refused(out, args.force):
        return EXIT_UNREADABLE
    with _locked(out) as ours:
        if not ours:
            return EXIT_UNREADABLE
        try:
            save_project(new_project(kind), out)
        except ProjectFileError as exc:
            print(exc.line(), file=sys.stderr)
            return EXIT_UNREADABLE
    print(phrase("cli-created", path=shown(out), kind=kind.name))
    return EXIT_OK


def cmd_check(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.batch import check_files
    from desktop.core.walk import project_files

    status, seen = EXIT_OK, 0
    rows = _JsonList(sys.stdout)
    for result in check_files(project_files(args.files), with_findings=True, jobs=args.jobs):
        seen += 1
        path = result.path
        if not result.readable:
            print(f"{shown_name(path)}: {shown(result.reason)}", file=sys.stderr)
            status = EXIT_UNREADABLE
            continue
        for note in result.notes:
            print(f"{shown(path)}: {shown(note)}", file=sys.stderr)
        findings = [(f.label, x) for f in result.forms for x in f.findings]
        if any(f.errors for f in result.forms) and status == EXIT_OK:
            status = EXIT_ERRORS
        if args.json:
            for label, x in findings:
                rows.add({"file": str(path), "form": label, **x.as_dict()})
        else:
            errors = sum(x.severity is Severity.ERROR for _, x in findings)
            print(
                phrase(
                    "cli-checked",
                    path=shown(path),
                    forms=len(result.forms),
                    errors=errors,
                    warnings=len(findings) - errors,
                )
            )
            for label, x in findings:
                print(
                    f"  [{phrase('cli-severity-' + str(x.severity))}] {shown(label)} / "
                    f"{shown(x.where)}: {shown(x.message)} ({x.code})"
                )
    if seen == 0:
        print(phrase("cli-nothing-to-check") + phrase("cli-list-sep").join(args.files), file=sys.stderr)
        return EXIT_UNREADABLE
    if args.json:
        rows.close()
    return status


_json = json.JSONEncoder(ensure_ascii=False).encode


class _JsonList:
    """A JSON list written one item at a time, as `_print_json` would write the whole list:
    a check of many findings holds none of them for the output."""

    def __init__(self, out: TextIO):
        self.out, self.count = out, 0

    def add(self, item: dict[str, str]) -> None:
        # a flat object of strings, as json.dumps(indent=2) lays it out, by the C encoder
        pairs = ",\n    ".join(f"{_json(k)}: {_json(v)}" for k, v in item.items())
        self.out.write(("[\n  {\n    " if self.count == 0 else ",\n  {\n    ") + pairs + "\n  }")
        self.count += 1

    def close(self) -> None:
        self.out.write("\n]\n" if self.count else "[]\n")


def cmd_upgrade(args: argparse.Namespace, registry: KindRegistry) -> int:
    path = Path(args.file)
    try:
        loaded = load_project(path)
        if loaded.migrated_from is None and stamp_of(loaded.project) == loaded.stamp:
            # the same bytes again: rewriting would only replace the .bak (the original)
            print(phrase("cli-upgrade-current", name=shown_name(path)))
            return EXIT_OK
        with _locked(path) as ours:
            if not ours:
                return EXIT_UNREADABLE
            save_project(loaded.project, path, expected=loaded.stamp)
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    if loaded.migrated_from is None:
        print(phrase("cli-upgrade-resaved", name=shown_name(path)))
    else:
        print(phrase("cli-upgrade-done", name=shown_name(path), version=loaded.migrated_from))
    return EXIT_OK


def cmd_print(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.printing import (  # ReportLab: imported only when printing
        PrintError,
        printable_forms,
        render_pdf,
        unprintable_cells,
    )

    path, out = Path(args.file), Path(args.output)
    if _output_refused(out, args.force, [path], keep_magic=b"%PDF-"):
        return EXIT_UNREADABLE
    try:
        project = load_project(path).project
        by_form: dict[str, list] = {}
        for cell in unprintable_cells(project, registry, args.form):
            by_form.setdefault(cell.form_id, []).append(cell)
        for form_id, cells in by_form.items():
            form = project.form(form_id)
            label = form_label(form, registry.get(form.kind)) if form else form_id
            chars = "".join(dict.fromkeys("".join(c.chars for c in cells)))
            what = phrase("cli-print-no-font", label=shown(label), chars=shown(chars),
                          where=shown(cells[0].where), count=len(cells))  # fmt: skip
            key = "cli-print-boxes" if args.allow_boxes else "cli-print-refused"
            print(phrase(key, name=shown_name(path), what=what), file=sys.stderr)
        if by_form and not args.allow_boxes:
            return EXIT_UNREADABLE
        _apply_print_flags(project, args)
        registry = _own(project, registry, path)
        with rules_in_force(registry.rules):  # printed scores as the file's vocabulary has them
            pages = render_pdf(project, registry, out, args.form, source_name=path.name)
        count = len(printable_forms(project, registry, args.form))
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    except PrintError as exc:
        print(f"{shown_name(path)}: {shown(exc)}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(phrase("cli-printed", path=shown(out), forms=count, pages=pages))
    return EXIT_OK


def _apply_print_flags(project, args: argparse.Namespace) -> None:
    """The print settings given on the command line, for this print only (the file keeps its
    own): --title-prefix, --attachment, --blank-rows, --signature."""
    changes = {
        "title_prefix": args.title_prefix,
        "attachment": args.attachment,
        "blank_rows": args.blank_rows,
        "signature": None if args.signature is None else tuple(x for x in args.signature if x),
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    if changes:
        project.print_settings = project.print_settings.model_copy(update=changes)


def _blank_rows(value: str) -> int:
    from desktop.core.model import MAX_BLANK_ROWS

    try:
        n = int(value)
    except ValueError:
        n = 0
    if not 1 <= n <= MAX_BLANK_ROWS:
        raise argparse.ArgumentTypeError(phrase("cli-blank-rows", most=MAX_BLANK_ROWS, value=value))
    return n


def cmd_fingerprint(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.fingerprint import form_fingerprint

    project = _load(Path(args.file))
    if project is None:
        return EXIT_UNREADABLE
    for form in project.forms:
        label = form_label(form, registry.get(form.kind))
        print(f"{shown(form.id)}  {form_fingerprint(form)}  {shown(label)}")
    return EXIT_OK


def _width(text: str) -> int:
    """Terminal columns: 汉字 take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, width: int) -> str:
    """`text` cut to `width` columns (with …) and padded to it."""
    text = shown(" ".join(text.split()))
    if _width(text) > width:
        kept, used = [], 0
        for c in text:
            used += _width(c)
            if used > width - 1:
                break
            kept.append(c)
        text = "".join(kept) + "…"
    return text + " " * (width - _width(text))


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _score_json(form: Form, kind: FormKind, fs: FormScore, path: Path) -> dict:
    ex = fs.execution
    return {
        "file": str(path),
        "form_id": form.id,
        "form": form_label(form, kind),
        "kind": kind.id,
        "execution": None
        if ex is None
        else {"budget": _num(ex.budget), "executed": _num(ex.executed),
              "rate": None if ex.rate is None else round(float(ex.rate), 6),
              "weight": _num(ex.weight), "score": _num(ex.score)},
        "rows": [
            {"level1": r.level1, "level2": r.level2, "name": r.name, "weight": _num(r.weight),
             "score": _num(r.score), "method": r.method, "band": r.band, "note": r.note,
             "suggested_band": r.suggested}
            for r in fs.rows
        ],
        "weights_total": _num(fs.weights_total),
        "total": _num(fs.total),
        "complete": fs.complete,
        "grade": fs.grade,
        "findings": [x.as_dict() for x in fs.findings],
    }  # fmt: skip


def _score_text(form: Form, kind: FormKind, fs: FormScore) -> None:
    from desktop.core.editing import missing_scores
    from desktop.core.scoring import format_score

    label_w = 44
    print(phrase("cli-score-heading", label=form_label(form, kind), id=form.id, kind=kind.name))
    heads = [phrase(f"cli-score-{k}") for k in ("indicator", "weight", "score", "note")]
    weight, score = (h.rjust(6 - _width(h) + len(h)) for h in heads[1:3])  # six columns
    print(f"  {_cut(heads[0], label_w)}  {weight}  {score}  {heads[3]}")

    def line(label: str, weight: Decimal | None, score: str, note: str) -> None:
        shown = "" if weight is None else plain(weight)
        print(f"  {_cut(label, label_w)}  {shown:>6}  {score:>6}  {note}".rstrip())

    ex = fs.execution
    if ex is not None:
        note = "" if ex.rate is None else f"{ex.executed} ÷ {ex.budget}"
        line(phrase("cli-score-execution", rate=fs.rate_text).strip(), ex.weight,
             fs.execution_score_text, note)  # fmt: skip
    for r in fs.rows:
        line(f"{r.level1} / {r.level2} / {r.name}", r.weight, fs.score_text(r.uid), r.note)
    missing = missing_scores(fs)
    verdict = fs.grade if fs.complete else phrase("cli-score-incomplete", missing=missing)
    line(phrase("cli-score-total"), fs.weights_total, format_score(fs.total, kind), verdict or "")


def cmd_score(args: argparse.Namespace, registry: KindRegistry) -> int:
    path = Path(args.file)
    project = _load(path)
    if project is None:
        return EXIT_UNREADABLE
    registry = _own(project, registry, path)
    with rules_in_force(registry.rules):  # grades and points as the file's vocabulary has them
        return _score(args, path, project, registry)


def _score(args: argparse.Namespace, path: Path, project: Project, registry: KindRegistry) -> int:
    from desktop.core.scoring import score_form

    status, out = EXIT_OK, []
    for form in project.forms:
        kind = registry.get(form.kind)
        if kind is None or kind.scoring is None:
            name = kind.name if kind else form.kind
            print(phrase("cli-score-not-scored", id=form.id, kind=name),
                  file=sys.stderr if args.json else sys.stdout)  # fmt: skip
            continue
        fs = score_form(form, kind)
        if any(x.severity is Severity.ERROR for x in fs.findings):
            status = EXIT_ERRORS
        if args.json:
            out.append(_score_json(form, kind, fs, path))
        else:
            _score_text(form, kind, fs)
    if args.json:
        _print_json(out)
    return status


def cmd_selfeval(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.selfeval import SelfEvalError, selfeval_for

    path, out = Path(args.file), Path(args.output)
    if _output_refused(out, args.force, [path]):
        return EXIT_UNREADABLE
    try:
        source = load_project(path).project
        form = selfeval_for(source, args.form, registry)
        form.id = "f1"
        kind = registry[form.kind]
        label = form_label(form, kind)
        with _locked(out) as ours:
            if not ours:
                return EXIT_UNREADABLE
            save_project(Project(title=phrase("cli-selfeval-title", label=label), forms=[form]), out)
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_UNREADABLE
    except SelfEvalError as exc:
        print(f"{shown_name(path)}: {shown(exc)}", file=sys.stderr)
        return EXIT_UNREADABLE
    count = sum(1 for _ in form.iter_indicators())
    key = "cli-selfeval-done-scored" if kind.scoring else "cli-selfeval-done"
    print(phrase(key, path=shown(out), label=shown(label), kind=kind.name, count=count))
    return EXIT_OK


def _language(requested: str | None) -> str:
    """--lang, else JIXIAO_LANG, else Chinese (as the editor chooses)."""
    if requested in LANGUAGES:
        return requested
    env = os.environ.get("JIXIAO_LANG", "").lower()[:2]
    return env if env in LANGUAGES else "zh"


def _requested_language(argv: Sequence[str]) -> str | None:
    """The --lang given on the command line (before the parser that needs it exists)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jixiao", description=phrase("help-description"))
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help=phrase("help-lang"),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar=phrase("help-command"))

    p = sub.add_parser("templates", help=phrase("help-templates"))
    p.add_argument("--json", action="store_true", help=phrase("help-json"))
    p.set_defaults(func=cmd_templates)

    p = sub.add_parser("new", help=phrase("help-new"))
    p.add_argument("kind", help=phrase("help-new-kind"))
    p.add_argument("-o", "--output", required=True, help=phrase("help-new-output"))
    p.add_argument("--force", action="store_true", help=phrase("help-force"))
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("check", help=phrase("help-check"))
    p.add_argument("files", nargs="+", help=phrase("help-check-files"))
    p.add_argument("--json", action="store_true", help=phrase("help-check-json"))
    p.add_argument("--jobs", type=int, default=None, help=phrase("help-jobs"))
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("upgrade", help=phrase("help-upgrade"))
    p.add_argument("file")
    p.set_defaults(func=cmd_upgrade)

    p = sub.add_parser("print", help=phrase("help-print"))
    p.add_argument("file", help=phrase("help-project-file"))
    p.add_argument("-o", "--output", required=True, help=phrase("help-print-output"))
    p.add_argument("--form", action="append", metavar="ID", help=phrase("help-print-form"))
    p.add_argument("--force", action="store_true", help=phrase("help-print-force"))
    p.add_argument(
        "--allow-boxes",
        action="store_true",
        help=phrase("help-allow-boxes"),
    )
    p.add_argument("--title-prefix", metavar="TEXT", help=phrase("help-title-prefix"))
    p.add_argument("--attachment", metavar="TEXT", help=phrase("help-attachment"))
    p.add_argument(
        "--blank-rows", type=_blank_rows, metavar="N", help=phrase("help-blank-rows")
    )
    p.add_argument(
        "--signature",
        action="append",
        metavar="LINE",
        help=phrase("help-signature"),
    )
    p.set_defaults(func=cmd_print)

    p = sub.add_parser("fingerprint", help=phrase("help-fingerprint"))
    p.add_argument("file", help=phrase("help-project-file"))
    p.set_defaults(func=cmd_fingerprint)

    p = sub.add_parser("score", help=phrase("help-score"))
    p.add_argument("file", help=phrase("help-project-file"))
    p.add_argument("--json", action="store_true", help=phrase("help-json"))
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("selfeval", help=phrase("help-selfeval"))
    p.add_argument("file", help=phrase("help-selfeval-file"))
    p.add_argument("--form", required=True, metavar="ID", help=phrase("help-selfeval-form"))
    p.add_argument("-o", "--output", required=True, help=phrase("help-output-project"))
    p.add_argument("--force", action="store_true", help=phrase("help-force"))
    p.set_defaults(func=cmd_selfeval)

    cli_library.add_parser(sub)
    cli_library.add_lastyear_parser(sub)
    cli_review.add_parsers(sub)
    cli_exchange.add_parser(sub)
    return parser


def _never_raise_on_output() -> None:
    """Whatever a file or its name holds (bytes of another encoding in a name are surrogates
    here), printing it must not raise: unprintable characters come out escaped."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # the bundled program starts its checking workers
        import multiprocessing

        multiprocessing.freeze_support()
    _never_raise_on_output()
    set_language(_language(_requested_language(sys.argv[1:] if argv is None else argv)))
    parser = build_parser()  # its --help in the language chosen
    args = parser.parse_args(argv)
    set_language(_language(args.lang))
    try:
        registry = default_registry()
    except (KindError, RulesError) as exc:  # a bundled file: the installation is broken
        print(phrase("cli-kinds-broken", error=exc), file=sys.stderr)
        return EXIT_UNREADABLE
    for warning in registry.warnings:  # the user's own files: skipped, the rest works
        print(phrase("cli-warning", text=warning), file=sys.stderr)
    try:
        return args.func(args, registry)
    except BrokenPipeError:
        # `jixiao check folder | head`: the reader left; stop quietly like other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a name over the system's limit, a vanished folder: one line
        name = shown_name(exc.filename) if exc.filename else "jixiao"
        _say(f"{name}: {shown(exc.strerror or exc)}")
        return EXIT_UNREADABLE


if __name__ == "__main__":
    sys.exit(main())
