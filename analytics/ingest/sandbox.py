"""Workbooks, and web pages saved as .xls, are opened in a child process with a memory and a CPU-time limit.

A spreadsheet is a zip of XML that the parser unpacks and lays out as a grid, and a file of a few kilobytes can
ask for far more than any machine has: one cell written at XFD1048576, a zip bomb, an ODS row repeated a
million times. The Excel reader (calamine) then fails to allocate and aborts the whole process, which for the
app is the server of every user. In a child process that costs only the child: the parent reports a clear
problem, and the server stays up. A web page (ingest.webpage) is parsed by libxml2 into a tree of every cell, which
a page of a few megabytes of spans can make as large: it is read the same way. Text files need none of this: they
are decoded in Python, whose errors are exceptions.

Run as `python -m analytics.ingest.sandbox NAME MEMORY SECONDS RESULT [KIND]` (KIND "workbook", the default, or
"page") with the file on standard input: the Source, pickled, on
standard output (exit 0); a FileProblem as JSON on standard error (exit 3); anything else (killed for memory
or time, crashed) is a file the reader could not open within the limits.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

from analytics import settings
from analytics.ingest.errors import FileProblem
from analytics.ingest.source import Source

_PROBLEM_EXIT = 3
_TOO_LARGE_EXIT = 5
# What the child may send back: a few cells can fan out (one long shared string used in every cell of a sheet),
# and the rows are held in the server's memory after. About two million rows of an ordinary register.
MAX_RESULT_BYTES = 512 * 1024 * 1024


def read_workbook(data: bytes, file_name: str) -> Source:
    """The workbook in `data` as a Source, read by a child process (ingest.workbook); FileProblem when it cannot
    be."""
    return _read_in_child(data, file_name, "workbook")


def read_webpage(data: bytes, file_name: str) -> Source:
    """The web page in `data` (an HTML table saved as .xls) as a Source, read by a child process
    (ingest.webpage); FileProblem when it cannot be."""
    return _read_in_child(data, file_name, "page")


def _read_in_child(data: bytes, file_name: str, kind: str) -> Source:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(settings.PROJECT_DIR),
                                                                      os.environ.get("PYTHONPATH")]))}
    try:
        child = subprocess.run(
            [sys.executable, "-m", "analytics.ingest.sandbox", file_name, str(settings.workbook_memory_bytes()),
             str(settings.workbook_seconds()), str(MAX_RESULT_BYTES), kind],
            input=data, capture_output=True, env=env, timeout=settings.workbook_seconds() * 2, check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise FileProblem("workbook_too_large") from exc
    try:
        if child.returncode == 0:
            return pickle.loads(child.stdout)  # noqa: S301 - written by our own child, of plain values
        if child.returncode == _PROBLEM_EXIT:
            problem = json.loads(child.stderr.decode("utf-8").strip().splitlines()[-1])
            raise FileProblem(problem["code"], **problem["params"])
    except (pickle.UnpicklingError, EOFError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise FileProblem("unreadable_workbook", detail=type(exc).__name__) from exc
    raise FileProblem("workbook_too_large")


def _limit(memory_bytes: int, seconds: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))


def main(argv: list[str]) -> int:
    file_name, memory_bytes, seconds, result_bytes = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    _limit(memory_bytes, seconds)
    if argv[4:] == ["page"]:
        from analytics.ingest.webpage import read_webpage as read_here
    else:
        from analytics.ingest.workbook import read_workbook as read_here

    data = sys.stdin.buffer.read()
    try:
        source = read_here(data, file_name)
    except FileProblem as problem:
        sys.stderr.write(json.dumps({"code": problem.code, "params": problem.params}, ensure_ascii=False,
                                    default=str) + "\n")
        return _PROBLEM_EXIT
    except MemoryError:
        return 4
    result = pickle.dumps(source, protocol=pickle.HIGHEST_PROTOCOL)
    if len(result) > result_bytes:
        return _TOO_LARGE_EXIT
    sys.stdout.buffer.write(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
