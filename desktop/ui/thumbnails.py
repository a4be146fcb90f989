"""A small picture of a form kind's printed first page, for choosing a kind.

Made from the core's PDF of a blank form of the kind (the same paper Print gives), rendered by
QtPdf and kept as a PNG in the user cache folder, keyed by the kind's content and the program
version, so a kind changed by a bureau gets a new picture and the next start costs nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPixmap

from desktop import __version__
from desktop.core import operations as ops
from desktop.core.kinds import FormKind, KindRegistry
from desktop.core.model import Project
from desktop.core.resources import APP_NAME

WIDTH = 260  # pixels


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "thumbnails"


def cache_path(kind: FormKind, width: int = WIDTH, folder: Path | None = None) -> Path:
    digest = hashlib.sha256(f"{__version__}\n{width}\n{kind.model_dump_json()}".encode())
    return (folder or cache_dir()) / f"{kind.id}-{digest.hexdigest()[:16]}.png"


def render(kind: FormKind, registry: KindRegistry, width: int = WIDTH) -> QImage:
    """The first printed page of a blank form of `kind`, `width` pixels wide (null on
    failure)."""
    from desktop.core.printing import PrintError, render_pdf_bytes
    from desktop.ui.pdf_output import load_pdf

    project = Project()
    project.forms.append(ops.blank_form(kind, "f1", kind.year))
    try:
        data = render_pdf_bytes(project, registry)
    except PrintError:
        return QImage()
    document = load_pdf(data)
    if document.pageCount() < 1:
        return QImage()
    page = document.pagePointSize(0)
    height = round(width * page.height() / page.width()) if page.width() else width
    image = document.render(0, QSize(width, height))
    document.close()
    return image


def thumbnail(
    kind: FormKind, registry: KindRegistry, width: int = WIDTH, folder: Path | None = None
) -> QPixmap:
    """The picture from the cache, made and cached when missing; null when it cannot be made."""
    path = cache_path(kind, width, folder)
    if path.is_file():
        pixmap = QPixmap(str(path))
        if not pixmap.isNull():
            return pixmap
    image = render(kind, registry, width)
    if image.isNull():
        return QPixmap()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(path), "PNG")
    except OSError:
        pass  # no cache this time; the picture is still shown
    return QPixmap.fromImage(image)
