"""The golden record of what the program outputs: findings, scores and printed page text.

For every bundled sample (resources/samples/) and for a generated 300-form × 30-indicator
project, the record holds every finding (code, severity, form, section, place, key, message),
the scores of every self-evaluation form, what `jixiao check --json` reports per file, and the
text of every printed page (for the big project, of its first forms only, to stay fast).

Speed work must not change any of it: tests/core/test_same_output.py compares the current
output with the committed record. A change that is meant to change the output regenerates the
record and says so in its commit message:

    .venv/bin/python -m tests.core.golden --write
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import io
import json
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
BIG_NAME = "big-300x30"
BIG_FORMS, BIG_INDICATORS, BIG_SEED = 300, 30, 1
BIG_PRINTED = ("f1", "f2", "f3", "f4", "f5")  # the big project's forms whose pages are kept
PRINTED_AT = datetime.datetime(2026, 1, 2, 3, 4)


def sources() -> list[str]:
    """The names of the records: every sample file's stem, and the big project."""
    return [p.stem for p in sorted(SAMPLES.glob("*.jixiao"))] + [BIG_NAME]


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Path):
        return value.name
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _places(project: Any) -> dict[str, str]:
    """In-memory uid -> a stable place: "form-id/level1-index/level2-index/indicator-index"."""
    out = {}
    for form in project.forms:
        for a, l1 in enumerate(form.indicators):
            out[l1.uid] = f"{form.id}/{a}"
            for b, l2 in enumerate(l1.children):
                out[l2.uid] = f"{form.id}/{a}/{b}"
                for c, ind in enumerate(l2.indicators):
                    out[ind.uid] = f"{form.id}/{a}/{b}/{c}"
    return out


def _finding(x: Any, places: dict[str, str]) -> list[str]:
    return [
        x.form_id,
        x.code,
        str(x.severity),
        str(x.section),
        x.where,
        x.key,
        " ".join(places.get(u, "?" + u) for u in x.uids),
        x.message,
    ]


def _score(score: Any, places: dict[str, str]) -> dict[str, Any]:
    return {
        "decimals": score.decimals,
        "rows": [
            [
                places.get(r.uid, "?"),
                r.level1,
                r.level2,
                r.name,
                _jsonable(r.weight),
                _jsonable(r.score),
                str(r.method),
                r.note,
                r.band,
                r.suggested,
            ]
            for r in score.rows
        ],
        "execution": _jsonable(asdict(score.execution)) if score.execution else None,
        "weights_total": str(score.weights_total),
        "total": str(score.total),
        "complete": score.complete,
        "grade": score.grade,
        "texts": [score.rate_text, score.execution_score_text, score.total_text],
    }


def _pages(path: Path, form_ids: tuple[str, ...] | None) -> list[str]:
    from pypdf import PdfReader

    from desktop.core.embedded import project_registry
    from desktop.core.kinds import default_registry
    from desktop.core.printing import render_pdf_bytes
    from desktop.core.storage import load_project

    project = load_project(path).project
    registry, _ = project_registry(project, default_registry())
    data = render_pdf_bytes(
        project, registry, form_ids, source_name=path.name, printed_at=PRINTED_AT
    )
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def record(path: Path, printed: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Everything the program outputs for the project file at `path`."""
    from desktop.core.batch import check_file
    from desktop.core.checks import ProjectChecker
    from desktop.core.embedded import project_registry
    from desktop.core.kinds import default_registry
    from desktop.core.lastyear import file_findings
    from desktop.core.storage import load_project

    project = load_project(path).project
    registry, notes = project_registry(project, default_registry())
    checker = ProjectChecker(project, registry)
    checker.check_all()
    places = _places(project)
    last_year, note = file_findings(project, path, registry)
    scores = {}
    for form in project.forms:
        score = checker.score(form.id)
        if score is not None:
            scores[form.id] = _score(score, places)
    result = check_file(path, with_findings=True)
    cli = [
        {k: _jsonable(v) for k, v in asdict(f).items()}
        | {"findings": [{"form": f.label, **x.as_dict()} for x in f.findings]}
        for f in result.forms
    ]
    return {
        "notes": [n.message() for n in notes] + ([note] if note else []),
        "findings": [_finding(x, places) for x in checker.findings()],
        "last_year_findings": [_finding(x, places) for x in last_year],
        "has_errors": checker.has_errors(),
        "scores": scores,
        "check_file": {"reason": result.reason, "notes": result.notes, "forms": cli},
        "pages": _pages(path, printed),
    }


def _big_file(folder: Path) -> Path:
    from desktop.core.storage import dumps
    from tests.benchmarks.generate import big_project

    path = folder / f"{BIG_NAME}.jixiao"
    path.write_bytes(dumps(big_project(BIG_FORMS, BIG_INDICATORS, BIG_SEED)))
    return path


def current(name: str) -> dict[str, Any]:
    """The record of source `name`, as the program outputs it now."""
    if name == BIG_NAME:
        with tempfile.TemporaryDirectory() as tmp:
            return record(_big_file(Path(tmp)), BIG_PRINTED)
    return record(SAMPLES / f"{name}.jixiao")


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.json"


def encode(data: dict[str, Any]) -> str:
    """One finding, score row or page per line: small diffs, readable in review."""
    lines = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {json.dumps(key)}: [")
            for j, v in enumerate(value):
                sep = "," if j < len(value) - 1 else ""
                lines.append(f"    {json.dumps(v, ensure_ascii=False, sort_keys=True)}{sep}")
            lines.append(f"  ]{comma}")
        else:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
            lines.append(f"  {json.dumps(key)}: {text}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def differences(name: str, now: dict[str, Any]) -> Iterator[str]:
    """A unified diff between the golden record and `now` (nothing when they are the same)."""
    before = golden_path(name).read_text(encoding="utf-8")
    after = encode(now)
    if json.loads(before) == json.loads(after):
        return
    yield from difflib.unified_diff(
        before.splitlines(), after.splitlines(), f"golden/{name}.json", "now", lineterm="", n=1
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the golden record")
    parser.add_argument("names", nargs="*", help="only these sources (default: all)")
    args = parser.parse_args(argv)
    changed = 0
    for name in args.names or sources():
        now = current(name)
        path = golden_path(name)
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            old = path.read_text(encoding="utf-8") if path.exists() else None
            path.write_text(encode(now), encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: {'unchanged' if old == encode(now) else 'written'}")
        else:
            diff = list(differences(name, now)) if path.exists() else ["(no golden record)"]
            changed += bool(diff)
            print(f"{name}: {'differs' if diff else 'same'}")
            for line in diff[:200]:
                print(line)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
