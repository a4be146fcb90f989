"""Jixiao (绩效): editor for budget performance target and self-evaluation forms."""

from desktop._version import __version__

__all__ = ["__version__"]
