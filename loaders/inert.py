"""Text made inert for the place it is written: a spreadsheet cell, XML, a terminal, Markdown.

Names and notes come from data files anyone may write, so none of them may become a formula
in Excel, invalid XML, a terminal escape sequence or HTML in a rendered Markdown table.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable

# Characters XML 1.0 forbids (tab, newline and carriage return are allowed), and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# C0 and C1 controls and DEL, but not newline, tab or a CRLF line end: ESC starts terminal
# escape sequences, a lone CR overwrites the line.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# OWASP's CSV injection rule: a cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_HTML = str.maketrans({"<": "&lt;", ">": "&gt;", "|": "\\|"})  # no tag can open
LIST_SEPARATOR = "; "


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def xml_text(text: str) -> str:
    """Characters XML cannot hold, written as visible `\\x1b` escapes.

    >>> xml_text("Board\\x1b[31m\\x00")
    'Board\\\\x1b[31m\\\\x00'
    """
    return _NOT_XML.sub(_escaped, text)


def terminal_text(text: str) -> str:
    """Control characters (ESC, bell, backspace, C1...) as visible escapes; newlines and tabs kept.

    >>> terminal_text("Board\\x1b]0;owned\\x07")
    'Board\\\\x1b]0;owned\\\\x07'
    """
    return _CONTROL.sub(_escaped, text)


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading `'` before a formula start (OWASP).

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-1"), csv_cell("Board")
    ('\\'=HYPERLINK("http://x")', "'-1", 'Board')
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def markdown_text(text: str) -> str:
    """A Markdown table cell: no raw HTML, no column break, one line.

    >>> markdown_text("<script>alert(1)</script> | x")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\| x'
    """
    return terminal_text(text.translate(_MARKDOWN_HTML)).replace("\n", "<br>")


def joined(values: Iterable[str]) -> str:
    """Several values in one cell or attribute: `; `-joined, a `;` or `\\` inside a value escaped
    with a backslash, so the values split back exactly (see docs/exports.md).

    >>> joined(["004:252", "a; b", "c\\\\d"])
    '004:252; a\\\\; b; c\\\\\\\\d'
    """
    return LIST_SEPARATOR.join(v.replace("\\", "\\\\").replace(";", "\\;") for v in values)


def flat(value) -> str | int | float | bool:
    """One cell or attribute value: a scalar as it is, a list of plain values `joined`, anything
    nested (not_stated entries, rules, dated names) as JSON text."""
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return joined(str(v) for v in value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
