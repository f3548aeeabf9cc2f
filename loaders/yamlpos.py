"""Safe YAML parsing that remembers where every value came from (line and column).

Two paths give the same result. The fast one reads libyaml's events (`yaml.CSafeLoader`)
and builds plain data directly, resolving and constructing scalars with the safe loader's own
resolver and constructors; it keeps the positions of the top two levels (the sections and
their items) and finds deeper ones only when asked (for an error message). Anything unusual
(anchors, aliases, explicit tags, non-scalar or duplicate keys, several documents, any
error) goes to the exact path, PyYAML's pure-Python safe loader as before, so errors and
their positions are unchanged.

Both paths are bounded (`lscp.limits`): the file's size, the nesting depth, a string's length
and the values aliases may add ("billion laughs"); only the standard tags of plain data are
accepted, keys must be plain values, and a value the safe constructor cannot make (an
impossible date, `!!int abc`) is a located error, like every other refusal here."""
from __future__ import annotations

import os
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from lscp.limits import MAX_ALIAS_VALUES, MAX_DEPTH, MAX_FILE_BYTES, MAX_STRING_CHARS

if TYPE_CHECKING:
    from yaml import CSafeLoader

Path = tuple  # a path into the parsed document: ("bodies", 3, "name")
KEY = "<key>"  # path suffix for the position of a mapping key itself
SHALLOW = 2  # the fast path records positions of paths up to this length

_FAST: type[CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)  # None without libyaml
_STR = "tag:yaml.org,2002:str"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
# The tags of plain data: anything else (!!binary, !!set, !!python/..., !custom) is refused.
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp"))
_COLLECTION_TAGS: dict[type[yaml.Node], tuple[str, ...]] = {yaml.MappingNode: (_MAP,), yaml.SequenceNode: (_SEQ,)}
_KINDS = {"int": "integer", "float": "number", "bool": "boolean", "timestamp": "date or time", "null": "null"}
# First characters for which the safe resolver may give a plain scalar a tag other than str.
_RESOLVED_FIRST = frozenset(yaml.SafeLoader.yaml_implicit_resolvers)
_PLAIN_IS_SIMPLE = None not in _RESOLVED_FIRST and not yaml.SafeLoader.yaml_path_resolvers


class Located:
    """A parsed YAML document and the 1-based (line, column) of each path in it."""

    def __init__(self, data: Any = None, marks: dict | None = None, *, text: str | None = None,
                 shallow: dict | None = None):
        self.data = data
        self._marks = marks
        self._text = text  # to find deeper positions when they are asked for
        self._shallow = shallow if shallow is not None else {}

    @property
    def marks(self) -> dict[Path, tuple[int, int]]:
        """Every path's position (computed on first use when the fast path parsed the text)."""
        if self._marks is None:
            self._marks = _all_marks(self._text) if self._text is not None else dict(self._shallow)
        return self._marks

    def where(self, path: Path) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that has one."""
        marks = self._shallow if self._marks is None and len(path) <= SHALLOW else self.marks
        while path not in marks and path:
            path = path[:-1]
        return marks.get(path, (1, 1))


class LocatedError(yaml.YAMLError):
    """A refusal of the text, with the 1-based line and column it is about."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        self.message, self.line, self.column = message, line, column
        super().__init__(f"{line}:{column}: {message}")


class DuplicateKey(LocatedError):
    def __init__(self, key: str, line: int, column: int):
        self.key = key
        super().__init__(f"duplicate key {key!r} in one mapping", line, column)


def read_text(path: FilePath) -> str:
    """A data file's text: at most MAX_FILE_BYTES of UTF-8, or a LocatedError saying why not."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise LocatedError(f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} "
                                   "(MAX_FILE_BYTES); split it into several files")
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LocatedError(f"cannot read this file ({exc.strerror}); make it readable") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise LocatedError(f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                           line, column) from None


def parse(text: str) -> Located:
    """Parse one YAML document with the safe loader, keeping positions; LocatedError if refused.

    >>> parse("a: [1, 2]").marks[("a", 1)]
    (1, 8)
    """
    try:
        if _FAST is not None and _PLAIN_IS_SIMPLE:
            try:
                return _parse_fast(text, _FAST)
            except LocatedError:
                raise
            except yaml.MarkedYAMLError as exc:
                mark = exc.problem_mark
                if "nesting depth" in str(exc.problem) and mark is not None:  # libyaml's own bound (PyYAML's scanner is quadratic)
                    raise _too_deep(mark.line + 1, mark.column + 1) from None
            except Exception:  # noqa: BLE001 - anything unusual is the exact path's to report
                pass
        return _parse_exact(text)
    except LocatedError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise LocatedError(f"YAML syntax error: {detail}", line, column) from None
    except yaml.YAMLError as exc:
        raise LocatedError(f"cannot read YAML: {exc}") from None


def _too_deep(line: int, column: int) -> LocatedError:
    return LocatedError(f"values are nested more than {MAX_DEPTH} levels deep (MAX_DEPTH)", line, column)


def _too_long(length: int, line: int, column: int) -> LocatedError:
    return LocatedError(f"a string of {length:,} characters, over the limit of {MAX_STRING_CHARS:,} "
                        "(MAX_STRING_CHARS)", line, column)


# -- the exact path: compose nodes, then convert (PyYAML's pure-Python safe loader) ----------
class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, refusing nesting deeper than MAX_DEPTH before its recursion gets there."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.depth >= MAX_DEPTH and self.check_event(MappingStartEvent, SequenceStartEvent):
            raise _too_deep(*_at(self.peek_event()))
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _parse_exact(text: str, loader_class=_BoundedLoader) -> Located:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        marks: dict[Path, tuple[int, int]] = {}
        data = _Converter(loader, marks).convert(node, ()) if node is not None else None
        return Located(data, marks)
    finally:
        loader.dispose()


def _all_marks(text: str) -> dict:
    """Every position, for text the fast path has already read without error (so bounded)."""
    return _parse_exact(text, _FAST).marks


def _position(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    """Nodes to plain data, recording each path's position; refuses what is not plain data."""

    def __init__(self, loader: yaml.SafeLoader, marks: dict):
        self.loader, self.marks = loader, marks
        self.seen: set[int] = set()
        self.added = 0  # values that aliases added beyond those written out

    def convert(self, node: yaml.Node, path: Path) -> Any:
        self._check(node, path)
        self.marks[path] = _position(node)
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                key = self._key(key_node, path)
                if key in result:
                    raise DuplicateKey(str(key), *_position(key_node))
                result[key] = self.convert(value_node, (*path, key))
                self.marks[(*path, key, KEY)] = _position(key_node)
                if not isinstance(value_node, yaml.ScalarNode):
                    self.marks[(*path, key)] = _position(key_node)  # point block values at their key
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # the composer makes no other kind of node
        return self._scalar(node)

    def _check(self, node: yaml.Node, path: Path) -> None:
        if len(path) >= MAX_DEPTH and not isinstance(node, ScalarNode):  # aliases can nest deeper than the text (even in a loop)
            raise _too_deep(*_position(node))
        if id(node) in self.seen:
            self.added += 1
            if self.added > MAX_ALIAS_VALUES:
                raise LocatedError(f"aliases (*name) expand to more than {MAX_ALIAS_VALUES:,} values "
                                   "(MAX_ALIAS_VALUES); write the values out", *_position(node))
        else:
            self.seen.add(id(node))
        allowed = _COLLECTION_TAGS.get(type(node), _SCALAR_TAGS)
        if node.tag not in allowed:
            if node.tag == "tag:yaml.org,2002:merge":
                raise LocatedError("merge keys (<<) are not supported; write the fields out", *_position(node))
            raise LocatedError(f"the YAML tag {_short(node.tag)!r} is not allowed: data files hold plain text, "
                               "numbers, dates, lists and mappings", *_position(node))

    def _key(self, node: yaml.Node, path: Path):
        if not isinstance(node, yaml.ScalarNode):
            kind = "mapping" if isinstance(node, yaml.MappingNode) else "list"
            raise LocatedError(f"a key must be a plain value (a field name), not a {kind}", *_position(node))
        self._check(node, path)
        return self._scalar(node)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if len(node.value) > MAX_STRING_CHARS:
            raise _too_long(len(node.value), *_position(node))
        try:
            return self.loader.construct_object(node, deep=True)
        except Exception as exc:  # noqa: BLE001 - the safe constructors raise ValueError, KeyError, ...
            kind = _KINDS.get(_short(node.tag).removeprefix("!!"), _short(node.tag))
            detail = f" ({exc})" if type(exc) is ValueError else ""
            raise LocatedError(f"{node.value!r} is not a valid {kind}{detail}; quote it if it is text",
                               *_position(node)) from None


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


# -- the fast path: libyaml events straight to data -------------------------------------------
class _Unusual(Exception):
    """Something the fast path leaves to the exact one."""


def _parse_fast(text: str, loader_class: type[CSafeLoader]) -> Located:
    loader = loader_class(text)
    try:
        get = loader.get_event
        get()  # the stream start
        event = get()
        if type(event) is StreamEndEvent:
            return Located(None, {})
        if type(event) is not DocumentStartEvent:
            raise _Unusual
        shallow: dict = {}
        data = _Builder(loader).shallow(get(), (), shallow)
        if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
            raise _Unusual  # several documents: the exact path says so
        return Located(data, text=text, shallow=shallow)
    finally:
        loader.dispose()


def _at(event) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


class _Builder:
    """Builds data from events as the safe constructor would, for the common subset of YAML."""

    def __init__(self, loader):
        self.loader = loader
        self.get = loader.get_event

    def scalar(self, event) -> Any:
        if event.tag is not None or event.anchor is not None:
            raise _Unusual
        value = event.value
        if len(value) > MAX_STRING_CHARS:
            raise _too_long(len(value), *_at(event))
        if not event.implicit[0] or (value and value[0] not in _RESOLVED_FIRST):
            return value  # the resolver would say str, and the constructor returns the text
        tag = self.loader.resolve(ScalarNode, value, event.implicit)
        if tag == _STR:
            return value
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        return self.loader.construct_object(node, deep=True)

    def deep(self, event, depth: int) -> Any:
        """A value below the recorded levels (`depth` deep): no positions kept."""
        kind = type(event)
        if kind is ScalarEvent:
            return self.scalar(event)
        if event.anchor is not None or getattr(event, "tag", None) is not None:
            raise _Unusual
        if depth >= MAX_DEPTH:
            raise _too_deep(*_at(event))
        get, scalar, deep, depth = self.get, self.scalar, self.deep, depth + 1
        if kind is MappingStartEvent:
            result: dict = {}
            while True:
                event = get()
                if type(event) is not ScalarEvent:
                    if type(event) is MappingEndEvent:
                        return result
                    raise _Unusual
                key = scalar(event)
                if key in result:
                    raise _Unusual
                result[key] = deep(get(), depth)
        if kind is SequenceStartEvent:
            items: list[Any] = []
            while True:
                event = get()
                if type(event) is SequenceEndEvent:
                    return items
                items.append(deep(event, depth))
        raise _Unusual  # an alias

    def shallow(self, event, path: Path, marks: dict) -> Any:
        """A value at the top levels, recording positions exactly as `_convert` does."""
        marks[path] = _at(event)
        kind = type(event)
        if kind is ScalarEvent:
            return self.scalar(event)
        if event.anchor is not None or event.tag is not None:
            raise _Unusual
        get = self.get
        if kind is MappingStartEvent:
            result: dict = {}
            while True:
                event = get()
                if type(event) is MappingEndEvent:
                    return result
                if type(event) is not ScalarEvent:
                    raise _Unusual
                key = self.scalar(event)
                if key in result:
                    raise _Unusual
                child = (*path, key)
                value_event = get()
                if len(child) <= SHALLOW:
                    result[key] = self.shallow(value_event, child, marks)
                    if len(child) < SHALLOW:
                        marks[(*child, KEY)] = _at(event)
                    if type(value_event) is not ScalarEvent:
                        marks[child] = _at(event)  # point block values at their key
                else:
                    result[key] = self.deep(value_event, len(child))
        if kind is SequenceStartEvent:
            items: list[Any] = []
            while True:
                event = get()
                if type(event) is SequenceEndEvent:
                    return items
                child = (*path, len(items))
                items.append(self.shallow(event, child, marks) if len(child) <= SHALLOW else self.deep(event, len(child)))
        raise _Unusual  # an alias
