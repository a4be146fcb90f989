"""The list of recently opened project files, kept in the user's config folder."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import platformdirs

from desktop.core.resources import APP_NAME
from desktop.core.storage import write_atomic

MAX_RECENT = 10


class RecentFiles:
    def __init__(self, config_dir: Path | None = None):
        base = config_dir or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
        self.path = base / "recent.json"

    def _read(self) -> list[str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []  # a missing or damaged list is simply empty
        return [p for p in data if isinstance(p, str)] if isinstance(data, list) else []

    def items(self) -> list[Path]:
        """Recent files that still exist, most recent first."""
        return [Path(p) for p in self._read() if Path(p).is_file()]

    def add(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        entries = [entry, *(p for p in self._read() if p != entry)][:MAX_RECENT]
        with contextlib.suppress(OSError):  # failing to remember is not worth an error box
            self.path.parent.mkdir(parents=True, exist_ok=True)  # (a file may be in the way)
            write_atomic(
                self.path, json.dumps(entries).encode("ascii"), backup=False  # (names in any bytes)
            )
