"""What every `jixiao` subcommand shares: JSON output, loading a project with one line on
failure, and refusing to overwrite an existing file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop.core.catalogue import phrase
from desktop.core.model import Project
from desktop.core.storage import ProjectFileError, load_project


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _load(path: Path) -> Project | None:
    """The project in `path`, or None after printing the one-line reason."""
    try:
        return load_project(path).project
    except ProjectFileError as exc:
        print(exc.line(), file=sys.stderr)
        return None


def _exists_refused(out: Path, force: bool) -> bool:
    """True (after saying so) when `out` exists and may not be overwritten."""
    if out.exists() and not force:
        print(phrase("cli-exists", name=out.name), file=sys.stderr)
        return True
    return False
