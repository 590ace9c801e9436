"""Web pages saved as .xls: the HTML tables that document-management and one-stop-shop systems export, read as
sheets (docs/design.md §5.1). Only the child process of ingest.sandbox calls this in the app, as for workbooks: a
page of millions of cells, or one made to hurt, costs only the child.

Parsed by lxml (libxml2's HTML parser) from text decoded here: no network, no DTD or entity expansion (an
entity it does not know is left as written), libxml2's limits on depth and text size kept (huge_tree off). A page
those limits cut short is refused, never read in part. Every <table> is a sheet: the lines of text before it (a
title block in <p>, <h1>…, <div> or loose text) are its first rows, one cell each, as Excel shows such a page, then
its rows, each cell spanned over the columns and rows of its colspan and rowspan (as a workbook's merged cells are:
workbook._fill_merged). The layout picks the best sheet, or every sheet of its layout (ingest.layout).
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from analytics.ingest.errors import FileProblem
from analytics.ingest.source import Sheet, Source
from analytics.ingest.workbook import nfc_row

# HTML's own limits on spans, and Excel's on columns: a page asking for more gets these.
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
MAX_COLUMNS = 16384
# How a page saved under a spreadsheet's name begins (some systems write no <html>, only a <meta> and the table).
_PAGE_STARTS = (b"<!doctype html", b"<html", b"<table", b"<?xml", b"<head", b"<body", b"<meta", b"<style", b"<title",
                b"<!--")
# Where a page says its encoding (<meta charset>, or http-equiv Content-Type): in its first bytes.
_DECLARATION_BYTES = 8192
# Whitespace as HTML collapses it (a no-break space, &nbsp;, is not collapsed: it is a space a person reads).
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_UNTIDY = re.compile(r"[\t\n\r\f\xa0]|  ")
_CELLS = frozenset({"td", "th"})
# Elements whose text is not shown, and those that start a new line of text.
_HIDDEN = frozenset({"head", "script", "style", "template", "noscript", "title", "select", "object", "iframe"})
_BLOCK = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "center", "li", "ul", "ol", "dl", "dt", "dd", "pre", "address",
    "blockquote", "section", "article", "header", "footer", "hr", "caption", "tr", "form", "fieldset", "figure",
})


def _parser(encoding: str | None = "utf-8") -> etree.HTMLParser:
    return etree.HTMLParser(encoding=encoding, no_network=True, remove_comments=True, remove_pis=True,
                            huge_tree=False, recover=True, default_doctype=False, collect_ids=False)


def declared_encoding(data: bytes) -> str | None:
    """The Python codec of the encoding a page states: a byte-order mark, else <meta charset> or a meta
    http-equiv Content-Type in its first bytes (read by the HTML parser, as Latin-1 so any byte is a character).
    None when it states none that Python knows."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:_DECLARATION_BYTES].decode("latin-1").encode("utf-8")
    try:
        root = etree.fromstring(head, _parser())
    except etree.Error:
        return None
    if root is None:
        return None
    for meta in root.iter("meta"):
        label = meta.get("charset")
        if not label and (meta.get("http-equiv") or "").strip().lower() == "content-type":
            content = meta.get("content") or ""
            label = content.lower().partition("charset=")[2].split(";")[0]
        label = (label or "").strip().strip("\"'").lower()
        if label:
            try:
                return codecs.lookup(label).name
            except LookupError:
                return None
    return None


def decode_page(data: bytes) -> tuple[str, str]:
    """The page as text, and its encoding: the one it states, if it decodes in it; else UTF-8 if it decodes;
    else Windows-1258 (which writes tones as combining marks: every cell is put in NFC after)."""
    stated = declared_encoding(data)
    for encoding in dict.fromkeys(filter(None, (stated, "utf-8", "cp1258"))):
        try:
            return data.decode(encoding).replace("\0", ""), encoding  # (NUL separates cells in _plain_row)
        except (UnicodeDecodeError, LookupError):
            continue
    raise FileProblem("not_text")  # cp1258 leaves five bytes undefined: not a page in any encoding it could be


def is_page(data: bytes) -> bool:
    """A web page, or an XML document, saved under a spreadsheet's name (some systems export that)."""
    start = data[:2048]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if start.startswith(bom):
            start = start[len(bom):].decode(encoding, "ignore").encode("ascii", "ignore")
    return start.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_PAGE_STARTS)


def read_webpage(data: bytes, file_name: str) -> Source:
    """Every table of the page as a sheet (its title lines above it), spans filled, text in NFC."""
    text, encoding = decode_page(data)
    parser = _parser()
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.Error as exc:
        raise FileProblem("unreadable_page", detail=_short(str(exc))) from exc
    cut_short = [e for e in parser.error_log if e.level_name == "FATAL"]
    if cut_short:  # libxml2 stopped (too deep, text too long): what follows would be lost
        raise FileProblem("unreadable_page", detail=_short(cut_short[0].message))
    if root is None:
        raise FileProblem("html_no_table")
    # An empty table (a spacer of the page's layout) is not a sheet.
    tables = [(table, titles, rows) for table, titles in _tables_with_titles(root)
              if any(map(any, rows := _grid(table)))]
    sheets: list[Sheet] = []
    for index, (table, titles, rows) in enumerate(tables, start=1):
        name = _caption(table) or (file_name if len(tables) == 1 else f"#{index}")
        while any(s.name == name for s in sheets):
            name = f"{name} #{index}"
        sheets.append(Sheet(name, [nfc_row(row) for row in [[line] for line in titles] + rows]))
    if not sheets:
        raise FileProblem("html_no_table")
    return Source(file_name, "html", sheets, encoding=encoding)


def _tables_with_titles(root) -> list[tuple[object, list[str]]]:
    """Every <table> in document order, each with the lines of text shown before it since the table before it
    ended (a title block; for a table inside another's cell, the text of the cells before it too)."""
    found: list[tuple[object, list[str]]] = []
    lines: list[str] = []
    line: list[str] = []

    def end_line() -> None:
        text = _line_text(line)
        if text:
            lines.append(text)
        line.clear()

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _HIDDEN:
                walker.skip_subtree()
                continue
            if tag == "table":
                end_line()
                found.append((element, list(lines)))
                lines.clear()
                if element.find(".//table") is None:  # its cells are read by _grid; nothing inside is a title
                    walker.skip_subtree()
                    continue
            elif tag in _BLOCK or tag in ("br", "td", "th"):
                end_line()
            if element.text and tag not in _HIDDEN:
                line.append(element.text)
        else:
            if tag in _BLOCK or tag in ("table", "td", "th"):
                end_line()
            if tag == "table":
                lines.clear()  # text after a table is the title of the next one
            if element.tail and element is not root:
                line.append(element.tail)
    return found


def _line_text(pieces: list[str]) -> str:
    return _HTML_SPACE.sub(" ", "".join(pieces)).replace("\xa0", " ").strip()


def _caption(table) -> str:
    caption = table.find("caption")
    return _cell_text(caption)[:31] if caption is not None else ""


def _own_rows(table) -> list:
    """The table's rows in order (in thead, tbody, tfoot or directly in it), not those of a table inside a cell."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child if row.tag == "tr")
    return rows


def _span(cell, name: str, most: int) -> int:
    value = cell.get(name)
    if not value:
        return 1
    digits = re.match(r"\s*(\d+)", value)
    return min(max(int(digits[1]), 1), most) if digits else 1


def _grid(table) -> list[list[str]]:
    """The table's rows as cells, a spanning cell's text in every column and row it covers."""
    grid: list[list[str]] = []
    below: dict[int, list] = {}  # column -> [rows still to cover, text] of a rowspan from a row above
    caption = table.find("caption")
    if caption is not None and _cell_text(caption):
        grid.append([_cell_text(caption)])
    for tr in _own_rows(table):
        cells = [cell for cell in tr if cell.tag in _CELLS]
        if not below and not any(len(cell) or cell.get("colspan") or cell.get("rowspan") for cell in cells):
            grid.append(_plain_row(cells))
            continue
        row: list[str | None] = []
        for col, carried in sorted(below.items()):
            row.extend([None] * (col + 1 - len(row)))
            row[col] = carried[1]
            carried[0] -= 1
            if not carried[0]:
                del below[col]
        col = 0
        for cell in cells:
            while col < len(row) and row[col] is not None:
                col += 1
            if col >= MAX_COLUMNS:
                break
            text = _cell_text(cell)
            down = _span(cell, "rowspan", MAX_ROWSPAN)
            end = min(col + _span(cell, "colspan", MAX_COLSPAN), MAX_COLUMNS)
            row.extend([None] * (end - len(row)))
            if down == 1 and row[col:end].count(None) == end - col:
                row[col:end] = [text] * (end - col)
                continue
            for at in range(col, end):
                if row[at] is None:  # a cell overlapping a rowspan from above (a broken page) does not hide it
                    row[at] = text
                    if down > 1:
                        below[at] = [down - 1, text]
        grid.append(["" if value is None else value for value in row])
    return grid


def _plain_row(cells: list) -> list[str]:
    """A row of cells holding text alone (no <br>, no spans): nearly every row of a large export. Its
    whitespace is collapsed for the whole row at once (NUL, which no parsed text holds, between cells)."""
    joined = "\0".join([cell.text or "" for cell in cells[:MAX_COLUMNS]])
    if _UNTIDY.search(joined):
        joined = _HTML_SPACE.sub(" ", joined).replace("\xa0", " ")
    return [text.strip() for text in joined.split("\0")]


def _cell_text(cell) -> str:
    """A cell's text as a browser shows it: whitespace collapsed, a line break at <br> and between blocks, a
    no-break space a space; a table inside the cell is a sheet of its own, not this cell's text."""
    if not len(cell):
        text = cell.text
        return _line_text([text]) if text else ""
    lines: list[str] = []
    line: list[str] = []
    walker = etree.iterwalk(cell, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if element is not cell and (tag in _HIDDEN or tag == "table"):
                walker.skip_subtree()
                continue
            if element is not cell and (tag in _BLOCK or tag == "br"):
                lines.append(_line_text(line))
                line.clear()
            if element.text:
                line.append(element.text)
        else:
            if element is cell:
                break
            if tag in _BLOCK:
                lines.append(_line_text(line))
                line.clear()
            if element.tail:
                line.append(element.tail)
    lines.append(_line_text(line))
    return "\n".join(text for text in lines if text)


def _short(message: str) -> str:
    return message.splitlines()[0][:200] if message else "?"
