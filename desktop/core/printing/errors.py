"""The one error printing raises for things a user can run into."""


class PrintError(Exception):
    """Nothing can be printed as asked; the message says why, in Chinese."""
