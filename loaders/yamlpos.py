"""Safe YAML parsing that remembers where every value came from (line and column).

Two paths give the same result. The fast one reads libyaml's events (`yaml.CSafeLoader`)
and builds plain data directly, resolving and constructing scalars with the safe loader's own
resolver and constructors; it keeps the positions of the top two levels (the sections and
their items) and finds deeper ones only when asked (for an error message). Anything unusual
(anchors, aliases, explicit tags, non-scalar or duplicate keys, several documents, any
error) goes to the exact path, PyYAML's pure-Python safe loader as before, so errors and
their positions are unchanged."""
from __future__ import annotations

from typing import Any

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

Path = tuple  # a path into the parsed document: ("bodies", 3, "name")
KEY = "<key>"  # path suffix for the position of a mapping key itself
SHALLOW = 2  # the fast path records positions of paths up to this length

_FAST = getattr(yaml, "CSafeLoader", None)
_STR = "tag:yaml.org,2002:str"
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


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, line: int, column: int):
        self.key, self.line, self.column = key, line, column
        super().__init__(f"duplicate key {key!r}")


def parse(text: str) -> Located:
    """Parse one YAML document with the safe loader, keeping positions.

    >>> parse("a: [1, 2]").marks[("a", 1)]
    (1, 8)
    """
    if _FAST is not None and _PLAIN_IS_SIMPLE:
        try:
            return _parse_fast(text)
        except Exception:  # noqa: BLE001 - anything unusual is the exact path's to report
            pass
    return _parse_exact(text)


# -- the exact path: compose nodes, then convert (PyYAML's pure-Python safe loader) ----------
def _parse_exact(text: str, loader_class=yaml.SafeLoader) -> Located:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        located = Located(None, {})
        if node is not None:
            located.data = _convert(node, (), located._marks, loader)
        return located
    finally:
        loader.dispose()


def _all_marks(text: str) -> dict:
    """Every position, for text the fast path has already read without error."""
    return _parse_exact(text, _FAST).marks


def _position(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node: yaml.Node, path: Path, marks: dict, loader: yaml.SafeLoader) -> Any:
    marks[path] = _position(node)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                raise DuplicateKey(str(key), *_position(key_node))
            result[key] = _convert(value_node, (*path, key), marks, loader)
            marks[(*path, key, KEY)] = _position(key_node)
            if not isinstance(value_node, yaml.ScalarNode):
                marks[(*path, key)] = _position(key_node)  # point block values at their key
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), marks, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


# -- the fast path: libyaml events straight to data -------------------------------------------
class _Unusual(Exception):
    """Something the fast path leaves to the exact one."""


def _parse_fast(text: str) -> Located:
    loader = _FAST(text)
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
        if not event.implicit[0] or (value and value[0] not in _RESOLVED_FIRST):
            return value  # the resolver would say str, and the constructor returns the text
        tag = self.loader.resolve(ScalarNode, value, event.implicit)
        if tag == _STR:
            return value
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        return self.loader.construct_object(node, deep=True)

    def deep(self, event) -> Any:
        """A value below the recorded levels: no positions kept."""
        kind = type(event)
        if kind is ScalarEvent:
            return self.scalar(event)
        if event.anchor is not None or getattr(event, "tag", None) is not None:
            raise _Unusual
        get, scalar, deep = self.get, self.scalar, self.deep
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
                result[key] = deep(get())
        if kind is SequenceStartEvent:
            items = []
            while True:
                event = get()
                if type(event) is SequenceEndEvent:
                    return items
                items.append(deep(event))
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
                    result[key] = self.deep(value_event)
        if kind is SequenceStartEvent:
            items = []
            while True:
                event = get()
                if type(event) is SequenceEndEvent:
                    return items
                child = (*path, len(items))
                items.append(self.shallow(event, child, marks) if len(child) <= SHALLOW else self.deep(event))
        raise _Unusual  # an alias
