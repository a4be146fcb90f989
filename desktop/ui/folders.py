"""Where the file dialogs open: the folder of the open file, else the last folder the user
opened or saved in (remembered between runs), else the documents folder, else the home folder.
Always a folder that exists: given a path that does not, Qt's dialog opens elsewhere and puts
the missing folder's name ("Documents") into the file name box."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from desktop.ui.settings import settings

KEY = "files/last-folder"


def documents_dir() -> Path:
    return Path(platformdirs.user_documents_dir())


def _existing(path: Path | str | None) -> Path | None:
    if not path:
        return None
    folder = Path(path)
    try:
        return folder if folder.is_dir() else None
    except OSError:
        return None


def start_folder(current: Path | None = None) -> Path:
    """The folder a file dialog starts in; `current` is the open file, if any."""
    for candidate in (
        current.parent if current is not None else None,
        settings().value(KEY),
        documents_dir(),
        Path.home(),
    ):
        folder = _existing(candidate)
        if folder is not None:
            return folder
    return Path.cwd()


def remember(path: Path) -> None:
    """The folder of a file the user chose (opened or saved) is where the next dialog opens."""
    folder = path if path.is_dir() else path.parent
    settings().setValue(KEY, str(folder))
