"""Checking many project files: one file per task, on all cores, results streamed in order.

A province's season is tens of thousands of files. Each file is read, checked and summed up in
a worker process; only the summary (small, and of bounded size per form) comes back, in the
order the files were found, so a caller that writes each result out as it arrives holds a
constant amount of memory however many files there are.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.catalogue import language, phrase, set_language
from desktop.core.checks import ProjectChecker, form_label, project_funds
from desktop.core.embedded import Note, project_registry
from desktop.core.findings import Finding, Severity
from desktop.core.kinds import KindRegistry, default_registry
from desktop.core.model import VERDICTS, Comment, Project, Verdict
from desktop.core.money import yuan_factor
from desktop.core.rules import rules_in_force
from desktop.core.storage import ProjectFileError, load_project

if TYPE_CHECKING:
    import multiprocessing.pool

# Header fields that name the unit a form belongs to, in order of preference.
UNIT_FIELDS = ("department", "budget_unit", "implementing_unit", "department_code")
TOP_PROBLEMS = 3
# Fewer files than this are checked in this process: starting workers costs more.
POOL_THRESHOLD = 24
CHUNK = 16  # files per task: fewer round trips between processes


@dataclass
class FormResult:
    form_id: str
    label: str
    kind: str
    unit: str
    funds_yuan: Decimal | None
    errors: int
    warnings: int
    top: list[str]  # the first few problems, errors first
    verdict: str  # 通过 / 退回修改 / …, or ""
    open_comments: int
    resolved_comments: int
    # only when asked for: the checker's own objects (a dict each would double their memory)
    findings: list[Finding] = field(default_factory=list)

    @property
    def risk(self) -> int:
        """Sort key for the reviewer: errors weigh most, then open comments, then warnings."""
        return self.errors * 100 + self.open_comments * 10 + self.warnings


@dataclass
class FileResult:
    path: Path
    reason: str = ""  # why it could not be read; "" when it was
    forms: list[FormResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. the file's own kind was used

    @property
    def readable(self) -> bool:
        return not self.reason


def _unit(header: dict[str, str], title: str) -> str:
    for key in UNIT_FIELDS:
        text = header.get(key, "").strip()
        if text:
            return text
    return title.strip()


def check_file(
    path: Path, registry: KindRegistry | None = None, with_findings: bool = False
) -> FileResult:
    """Read and check one file; never raises for a bad file (its reason is the result)."""
    try:
        project = load_project(path).project
    except ProjectFileError as exc:
        return FileResult(path, exc.reason)
    except Exception as exc:  # a worker must report, not die: the file is what is broken
        return FileResult(path, phrase("batch-unreadable", error=type(exc).__name__))
    registry, notes = project_registry(project, registry or default_registry())
    with rules_in_force(registry.rules):  # the file's own vocabulary, if it has one
        return _checked(path, project, registry, notes, with_findings)


def _checked(
    path: Path, project: Project, registry: KindRegistry, notes: list[Note], with_findings: bool
) -> FileResult:
    checker = ProjectChecker(project, registry)
    checker.check_all()
    result = FileResult(path, notes=[n.message() for n in notes])
    last_year: list[Finding] = []
    if project.last_year:  # beside last year's file; most files link none
        from desktop.core.lastyear import file_findings

        last_year, note = file_findings(project, path, registry)
        if note:
            result.notes.append(note)
    for form in project.forms:
        kind = registry.get(form.kind)
        found = checker.findings(form.id) + [x for x in last_year if x.form_id == form.id]
        verdict, comments, problems = _reviewed(project, form.id, found)
        errors = sum(x.severity is Severity.ERROR for x in problems)
        ranked = sorted(problems, key=lambda x: x.severity is not Severity.ERROR)
        funds = project_funds(form, kind) if kind is not None else None
        label = form_label(form, kind)
        result.forms.append(
            FormResult(
                form_id=form.id,
                label=label,
                kind=kind.name if kind else form.kind,
                unit=_unit(form.header, project.title),
                funds_yuan=None if funds is None else funds[0] * (yuan_factor(funds[1]) or 1),
                errors=errors,
                warnings=len(problems) - errors,
                top=[f"{x.where}：{x.message}" for x in ranked[:TOP_PROBLEMS]],
                verdict=VERDICTS[verdict.verdict] if verdict else "",
                open_comments=sum(not c.resolved for c in comments),
                resolved_comments=sum(c.resolved for c in comments),
                findings=found if with_findings else [],
            )
        )
    return result


def _reviewed(
    project: Project, form_id: str, found: list[Finding]
) -> tuple[Verdict | None, list[Comment], list[Finding]]:
    """A form's latest verdict, its comments, and its findings other than the review's own.
    Only a reviewed project needs the review module (and the edit operations it imports), as
    in ProjectChecker: checking an unreviewed file does not load them."""
    if project.review.is_empty():
        return None, [], found
    from desktop.core.review import REVIEW_CODE, VERDICT_CODE, comments_of, verdict_of

    problems = [x for x in found if x.code not in (REVIEW_CODE, VERDICT_CODE)]
    return verdict_of(project, form_id), comments_of(project, form_id), problems


def _worker(task: tuple[list[str], bool]) -> list[FileResult]:
    paths, with_findings = task
    return [check_file(Path(p), with_findings=with_findings) for p in paths]


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def check_files(
    paths: Iterable[Path], with_findings: bool = False, jobs: int | None = None
) -> Iterator[FileResult]:
    """Results in the order of `paths`, checked on `jobs` processes (default: all cores).

    The paths are consumed lazily and at most a bounded number of results wait to be read
    (the pool's chunks in flight), so memory does not grow with the number of files.
    """
    jobs = jobs or default_jobs()
    it = iter(paths)
    head: list[Path] = []
    for p in it:
        head.append(p)
        if len(head) >= POOL_THRESHOLD:
            break
    if jobs == 1 or len(head) < POOL_THRESHOLD:
        for p in [*head, *it]:
            yield check_file(p, with_findings=with_findings)
        return
    import multiprocessing  # only for many files: a check of a few starts faster without it

    # spawn: the same on every platform, and safe when the caller has threads (no fork).
    ctx = multiprocessing.get_context("spawn")
    chunks = _chunks((str(p) for chain in (head, it) for p in chain), CHUNK)
    # the workers start afresh: they speak the caller's language
    with ctx.Pool(jobs, initializer=set_language, initargs=(language(),)) as pool:
        for results in _bounded_imap(pool, ((c, with_findings) for c in chunks), jobs):
            yield from results


def _chunks(items: Iterator[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _bounded_imap(
    pool: multiprocessing.pool.Pool, tasks: Iterator[tuple[list[str], bool]], jobs: int
) -> Iterator[list[FileResult]]:
    """`imap` reads all of its input at once; this keeps only a window of tasks in flight."""
    window = jobs * 4
    pending: deque[multiprocessing.pool.AsyncResult[list[FileResult]]] = deque()
    for task in tasks:
        pending.append(pool.apply_async(_worker, (task,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()
