"""What a file is, and its sheets: the whole of a workbook or of a web page saved as .xls, the first rows of a text
export (docs/design.md §5).

The kind of file is decided by its content, not its extension (offices rename files freely). Workbooks are read
by python-calamine, web pages by lxml (ingest.webpage), both in a child process (ingest.sandbox); text is decoded
here (DuckDB's encodings extension would
need a download): UTF-8 with or without BOM, UTF-16 (Excel "Unicode text"), else Windows-1258, always to NFC.
Only the first rows of a text file are read here, to find its table; the database reads the rest (ingest.raw).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import zipfile
from pathlib import Path

from analytics.ingest import sandbox
from analytics.ingest.errors import FileProblem
from analytics.ingest.source import Sheet, Source
from analytics.ingest.webpage import is_page
from analytics.ingest.workbook import OLE_SIGNATURE
from analytics.schema import match_header
from analytics.text import nfc

_ZIP = b"PK\x03\x04"
_DELIMITERS = (",", ";", "\t", "|")
# What a workbook may unpack to: a register of a million rows is about 0.7 GB of XML.
MAX_UNPACKED_BYTES = 2 * 1024**3
# The first rows of a text file are read from its first bytes: the title block and the header are in them
# (layout.MAX_HEADER_SCAN), and the import page previews the rows under the header from them.
HEAD_BYTES = 256 * 1024
# A cell longer than a spreadsheet's (32,767 characters) is read, and its row rejected with that reason; one
# line longer than this is not a register's (DuckDB's reader stops at the same size: ingest.raw).
MAX_LINE_CHARS = 64 * 1024 * 1024
csv.field_size_limit(MAX_LINE_CHARS)


def read_head(data: bytes | Path, file_name: str) -> Source:
    """A file's sheets as far as finding its table needs: a workbook whole, a text file's first rows (all of
    them when it is short). FileProblem when it cannot be a table at all."""
    head = _first_bytes(data, HEAD_BYTES + 1)
    if not head or not head.strip():
        raise FileProblem("empty_file")
    if is_workbook(head):
        content = data.read_bytes() if isinstance(data, Path) else data
        _check_unpacked_size(content)
        return sandbox.read_workbook(content, file_name)  # in a child process: see ingest.sandbox
    if is_page(head):
        content = data.read_bytes() if isinstance(data, Path) else data
        if len(content) > MAX_UNPACKED_BYTES:  # a page is its own unpacked size
            raise FileProblem("workbook_too_large")
        return sandbox.read_webpage(content, file_name)  # in a child process, as a workbook
    whole = len(head) <= HEAD_BYTES
    encoding = text_encoding(data)
    text = _decoded_head(head if whole else head[:HEAD_BYTES], encoding, final=whole)
    if not whole:  # the last line may be cut short: it is read with the rest
        text = text[: text.rfind("\n") + 1] or text
    return read_text(text, encoding, file_name, whole=whole)


def read_source(data: bytes, file_name: str) -> Source:
    """Every row of every sheet of a file (tests, and what a person looks at whole)."""
    source = read_head(data, file_name)
    if source.whole:
        return source
    return read_text(decode_text(data)[0], source.encoding, file_name)


def _first_bytes(data: bytes | Path, size: int) -> bytes:
    if isinstance(data, Path):
        with data.open("rb") as handle:
            return handle.read(size)
    return data[:size]


def is_workbook(data: bytes) -> bool:
    return data.startswith(_ZIP) or data.startswith(OLE_SIGNATURE)


def _check_unpacked_size(data: bytes) -> None:
    """A zip whose members say they unpack to more than MAX_UNPACKED_BYTES is refused before it is opened (a
    member that lies about its size is stopped by the child's memory limit instead)."""
    if not data.startswith(_ZIP):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a readable zip: the reader says how it is damaged
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileProblem("workbook_too_large")


# --- text -------------------------------------------------------------------------------------------------------

PIECE_BYTES = 16 * 1024 * 1024  # a large file is read this much at a time


def pieces(data: bytes | Path) -> itertools.chain[bytes] | list[bytes]:
    """The file's bytes in pieces of about PIECE_BYTES (the last perhaps shorter)."""
    if isinstance(data, Path):
        def read() -> itertools.chain[bytes]:
            with data.open("rb") as handle:
                while block := handle.read(PIECE_BYTES):
                    yield block
        return read()
    return [data[start:start + PIECE_BYTES] for start in range(0, len(data), PIECE_BYTES)] or [b""]


def line_pieces(data: bytes | Path) -> itertools.chain[bytes]:
    """The file's bytes in pieces of about PIECE_BYTES, each ending at a line feed (the last perhaps not). Only
    for encodings where a line feed is the one byte 0x0A (UTF-8, Windows-1258)."""
    carry = b""
    for block in pieces(data):
        block = carry + block if carry else block
        cut = block.rfind(b"\n") + 1
        carry = block[cut:]
        if cut:
            yield block[:cut]
    if carry:
        yield carry


def _utf16(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head[:4096]
    if len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a byte-order mark: the zero byte sits in the high half of ASCII characters.
        return "utf-16-le" if sample[1::2].count(b"\x00") > sample[0::2].count(b"\x00") else "utf-16-be"
    return None


def text_encoding(data: bytes | Path) -> str:
    """The encoding a text export is in: UTF-16 by its byte-order mark or its zero bytes; UTF-8 (with or without
    BOM) when its first bytes are and hold letters beyond ASCII (text in another encoding is practically never
    valid UTF-8 as well), or when all of it is; Windows-1258 otherwise. A file that turns out not to be in the
    encoding of its beginning is refused further on (decoded_pieces), never read half in one and half in another."""
    head = _first_bytes(data, HEAD_BYTES)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    found = _utf16(head)
    if found:
        return found
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1258"  # Windows writes tones as combining marks: NFC composes them into the letters people type
    if not head.isascii():
        return "utf-8"
    decoder = codecs.getincrementaldecoder("utf-8")()  # all ASCII so far: the rest decides
    try:
        for piece in pieces(data):
            decoder.decode(piece)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8"


def decoded_pieces(data: bytes | Path, encoding: str, normalise: bool = True) -> itertools.chain[str]:
    """The file as NFC text (as it is, with `normalise` false) in pieces, each ending at a line feed (the last
    perhaps not): a combining mark is never cut from its letter, nor CR from LF. FileProblem("not_text") when
    it does not decode."""
    form = nfc if normalise else str
    decoder = codecs.getincrementaldecoder(encoding)()
    carry = ""
    try:
        for piece in pieces(data):
            text = carry + decoder.decode(piece)
            cut = text.rfind("\n") + 1
            carry = text[cut:]
            if cut:
                yield form(text[:cut])
        carry += decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise FileProblem("mixed_encoding", encoding=encoding.upper()) from exc
    if carry:
        yield form(carry)


def _decoded_head(head: bytes, encoding: str, final: bool) -> str:
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(head, final=final)
    except UnicodeDecodeError as exc:
        raise FileProblem("not_text") from exc
    _refuse_binary(text)
    return nfc(text)


def _refuse_binary(text: str) -> None:
    head = text[:20_000]
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\r\n")
    if controls > max(8, len(head) // 10):  # binary data decoded by chance; a stray control character is fine
        raise FileProblem("not_text")


def decode_text(data: bytes) -> tuple[str, str]:
    """A whole text export as NFC text, and its encoding."""
    encoding = text_encoding(data)
    text = _decoded_head(data, encoding, final=True)
    return text, encoding


def read_text(text: str, encoding: str, file_name: str, whole: bool = True) -> Source:
    delimiter = sniff_delimiter(text, prefer_tab=file_name.lower().endswith((".txt", ".tsv", ".tab")))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise FileProblem("broken_text", detail=str(exc).splitlines()[0][:200]) from exc
    kind = "txt" if delimiter == "\t" else "csv"
    return Source(file_name, kind, [Sheet(file_name, rows)], encoding=encoding, delimiter=delimiter, whole=whole)


def sniff_delimiter(text: str, prefer_tab: bool = False) -> str:
    """The separator under which the file has a task-table header; failing that, the one that splits the most
    of the first lines into the same number (two or more) of fields.

    Title lines above the header have one field whatever the separator, so they do not mislead it.
    """
    head = text[:64_000]
    best, best_score = ("\t" if prefer_tab else ","), (0, 0)
    for delimiter in _DELIMITERS:
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), 60))
        except csv.Error:
            continue
        header_cells = max((sum(1 for cell in row if match_header(cell)) for row in rows[:40]), default=0)
        widths = [len(r) for r in rows if len(r) >= 2]
        modal = max(set(widths), key=widths.count) if widths else 0
        score = (header_cells if header_cells >= 2 else 0, widths.count(modal) * 1000 + modal)
        if score > best_score or (score == best_score and prefer_tab and delimiter == "\t"):
            best, best_score = delimiter, score
    return best
