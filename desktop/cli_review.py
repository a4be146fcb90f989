"""The finance bureau's subcommands: comment, resolve, verdict, opinion, diff, review."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.cli_common import _locked, _own
from desktop.core.catalogue import phrase
from desktop.core.embedded import project_registry
from desktop.core.kinds import FormKind, KindRegistry
from desktop.core.model import VERDICTS, Anchor, Form, Project
from desktop.core.rules import rules_in_force
from desktop.core.storage import ProjectFileError, load_project, save_project

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
# The review module (and the edits it brings) is imported by the commands that use it:
# building the parser (every command, `jixiao check` too) needs none of it.

VERDICT_WORDS = {**{k: k for k in VERDICTS}, **{v: k for k, v in VERDICTS.items()}}


def _open(path: Path, registry: KindRegistry) -> tuple[Project, KindRegistry, object] | None:
    try:
        loaded = load_project(path)
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return None
    return loaded.project, _own(loaded.project, registry, path), loaded.stamp


def _save(project: Project, path: Path, stamp: object) -> bool:
    try:
        save_project(project, path, expected=stamp)  # type: ignore[arg-type]
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return False
    return True


def _change(path: Path, registry: KindRegistry, change: Callable[[Project], str | None]) -> int:
    """What the commands that write a file share: open `path` under its lock (a copy open in
    the editor elsewhere is left alone), make `change`, which returns the line to print or
    None after saying why it could not, and save (refused when the file changed meanwhile)."""
    with _locked(path) as ours:
        if not ours:
            return EXIT_UNREADABLE
        opened = _open(path, registry)
        if opened is None:
            return EXIT_UNREADABLE
        project, own, stamp = opened
        done = change(project, own)
        if done is None or not _save(project, path, stamp):
            return EXIT_UNREADABLE
    print(done)
    return EXIT_OK


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _anchor(
    args: argparse.Namespace, form: Form, kind: FormKind | None, name: str
) -> Anchor | None:
    """Where `jixiao comment` points: an indicator, a category, a header field, a funds cell
    or the form."""
    from desktop.core import review

    if sum(bool(x) for x in (args.indicator or args.level1, args.field, args.funds)) > 1:
        _say(phrase("cli-one-place", name=name))
        return None
    if args.funds:
        row, _, column = args.funds.partition(".")
        anchor = review.funds_anchor(kind, row, column) if kind else None
        if anchor is None:
            _say(phrase("cli-no-funds-cell", name=name, id=form.id, cell=args.funds))
        return anchor
    if args.indicator:
        found = [(a, b) for a, b, i in form.iter_indicators() if i.name.strip() == args.indicator
                 and (not args.level1 or a.name == args.level1)
                 and (not args.level2 or b.name == args.level2)]  # fmt: skip
        if not found:
            _say(phrase("cli-no-indicator", name=name, id=form.id, indicator=args.indicator))
            return None
        l1, l2 = found[0]
        index = next(n for n, i in enumerate(l2.indicators) if i.name.strip() == args.indicator)
        return Anchor(section="indicator", key=args.column or "", level1=l1.name,
                      level2=l2.name, name=args.indicator, index=index)  # fmt: skip
    if args.level1:
        return Anchor(section="category", level1=args.level1, level2=args.level2 or "")
    if args.field:
        return Anchor(section="header", key=args.field)
    return Anchor()


def cmd_comment(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core import review
    from desktop.core.operations import OperationError

    path = Path(args.file)

    def change(project: Project, own: KindRegistry) -> str | None:
        form = project.form(args.form)
        if form is None:
            _say(phrase("cli-no-form", name=path.name, id=args.form))
            return None
        kind = own.get(form.kind)
        anchor = _anchor(args, form, kind, path.name)
        if anchor is None:
            return None
        try:
            c = review.add_comment(project, args.form, args.text, anchor, author=args.author or "")
        except OperationError as exc:
            _say(f"{path.name}: {exc}")
            return None
        return phrase("cli-comment-added", id=c.id, where=review.resolve(form, c.anchor, kind).where)

    return _change(path, registry, change)


def cmd_resolve(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core import review
    from desktop.core.operations import OperationError

    path = Path(args.file)

    def change(project: Project, _: KindRegistry) -> str | None:
        for cid in args.ids:
            try:
                review.resolve_comment(project, cid, by=args.author or "", reply=args.reply or "")
            except OperationError:
                _say(phrase("cli-no-comment", name=path.name, id=cid))
                return None
        return phrase("cli-resolved", ids=phrase("cli-list-sep").join(args.ids))

    return _change(path, registry, change)


def cmd_verdict(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core import review
    from desktop.core.operations import OperationError
    from desktop.core.review import verdict_word

    path = Path(args.file)
    verdict = VERDICT_WORDS.get(args.verdict)
    if verdict is None:
        _say(phrase("cli-verdict-words", words=" / ".join(VERDICTS.values())))
        return EXIT_UNREADABLE

    def change(project: Project, _: KindRegistry) -> str | None:
        try:
            review.set_verdict(project, args.form, verdict, reviewer=args.author or "",
                               note=args.note or "")  # fmt: skip
        except OperationError:
            _say(phrase("cli-no-form-plain", name=path.name, id=args.form))
            return None
        return phrase("cli-verdict-set", id=args.form, verdict=verdict_word(verdict))

    return _change(path, registry, change)


def cmd_comments(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core import review
    from desktop.core.review import verdict_word

    path = Path(args.file)
    opened = _open(path, registry)
    if opened is None:
        return EXIT_UNREADABLE
    project, own, _ = opened
    rows = []
    for form in project.forms:
        v = review.verdict_of(project, form.id)
        kind = own.get(form.kind)
        for c in review.comments_of(project, form.id):
            rows.append({"form_id": form.id, "id": c.id,
                         "where": review.resolve(form, c.anchor, kind).where,
                         "text": c.text, "author": c.author, "resolved": c.resolved,
                         "reply": c.reply, "verdict": VERDICTS[v.verdict] if v else ""})  # fmt: skip
        if not args.json and v is not None:
            print(phrase("cli-verdict-of", id=form.id, verdict=verdict_word(v.verdict), note=v.note).rstrip())
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            state = phrase("cli-comment-resolved" if r["resolved"] else "cli-comment-open")
            print(phrase("cli-comment-line", form=r["form_id"], id=r["id"], state=state,
                         where=r["where"], text=r["text"]))  # fmt: skip
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
        with rules_in_force(own.rules):
            count = render_review_pdf(project, own, Path(args.output), args.form)
    except (PrintError, OSError) as exc:
        print(f"{path.name}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(phrase("cli-opinion-done", path=args.output, count=count))
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
        print(phrase("cli-diff-count", count=len(changes)))
    return EXIT_OK


def cmd_review(args: argparse.Namespace, registry: KindRegistry) -> int:
    from desktop.core.batch import check_files
    from desktop.core.report import collect, write_html, write_xlsx
    from desktop.core.walk import project_files

    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".html", ".htm"):
        print(phrase("cli-report-suffix"), file=sys.stderr)
        return EXIT_UNREADABLE
    if out.exists() and not args.force:
        print(phrase("cli-exists", name=out.name), file=sys.stderr)
        return EXIT_UNREADABLE
    bases = [Path(p) for p in args.folders]
    with collect(check_files(project_files(args.folders), jobs=args.jobs), bases) as store:
        s = store.summary
        if s.files == 0:
            print(phrase("cli-report-no-files") + phrase("cli-list-sep").join(args.folders),
                  file=sys.stderr)  # fmt: skip
            return EXIT_UNREADABLE
        try:
            (write_xlsx if suffix == ".xlsx" else write_html)(store, out)
        except OSError as exc:
            print(phrase("cli-report-unwritable", name=out.name, error=exc.strerror or exc),
                  file=sys.stderr)  # fmt: skip
            return EXIT_UNREADABLE
        print(phrase("cli-report-done", path=out, files=s.files, unreadable=s.unreadable,
                     forms=s.forms, sampled=s.sampled))  # fmt: skip
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("comment", help=phrase("help-comment"))
    p.add_argument("file")
    p.add_argument("--form", required=True, metavar="ID")
    p.add_argument("text", help=phrase("help-comment-text"))
    p.add_argument("--level1", help=phrase("help-level1"))
    p.add_argument("--level2", help=phrase("help-level2"))
    p.add_argument("--indicator", metavar="NAME", help=phrase("help-indicator"))
    p.add_argument("--column", help=phrase("help-column"))
    p.add_argument("--field", help=phrase("help-field"))
    p.add_argument("--funds", metavar="ROW.COLUMN", help=phrase("help-funds"))
    p.add_argument("--author", help=phrase("help-author"))
    p.set_defaults(func=cmd_comment)

    p = sub.add_parser("resolve", help=phrase("help-resolve"))
    p.add_argument("file")
    p.add_argument("ids", nargs="+", metavar="COMMENT_ID")
    p.add_argument("--reply", help=phrase("help-reply"))
    p.add_argument("--author")
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("verdict", help=phrase("help-verdict"))
    p.add_argument("file")
    p.add_argument("--form", required=True, metavar="ID")
    p.add_argument("verdict", help=phrase("help-verdict-word"))
    p.add_argument("--note", help=phrase("help-note"))
    p.add_argument("--author", help=phrase("help-author"))
    p.set_defaults(func=cmd_verdict)

    p = sub.add_parser("comments", help=phrase("help-comments"))
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_comments)

    p = sub.add_parser("opinion", help=phrase("help-opinion"))
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--form", action="append", metavar="ID")
    p.set_defaults(func=cmd_opinion)

    p = sub.add_parser("diff", help=phrase("help-diff"))
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="OUT.pdf", help=phrase("help-diff-output"))
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("review", help=phrase("help-review"))
    p.add_argument("folders", nargs="+", metavar="DIR")
    p.add_argument("-o", "--output", required=True, metavar="REPORT.xlsx|REPORT.html")
    p.add_argument("--jobs", type=int, default=None, help=phrase("help-review-jobs"))
    p.add_argument("--force", action="store_true", help=phrase("help-report-force"))
    p.set_defaults(func=cmd_review)
