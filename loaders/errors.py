"""The one error the loaders raise, so callers never see a library traceback."""

from __future__ import annotations

import os

INSTALL_OCR = "apt-get install tesseract-ocr tesseract-ocr-vie"


class LoadError(Exception):
    """One-line, user-facing: names the file and the problem."""

    def __init__(self, path: str | os.PathLike[str], problem: str):
        self.path = os.fspath(path)
        self.problem = " ".join(str(problem).split())  # one line, whatever the cause said
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):  # keep pickling (multiprocessing) working with two args
        return (type(self), (self.path, self.problem))


class TooLarge(LoadError):
    """The file would expand past a limit (a zip or PDF bomb, too many pages to OCR).

    Found while decompressing, before the whole of it is in memory; the API answers 413.
    """


class OcrUnavailable(LoadError):
    """OCR was needed but Tesseract or its Vietnamese data is missing.

    A subclass so a batch can tell "install something" apart from "bad file".
    """
