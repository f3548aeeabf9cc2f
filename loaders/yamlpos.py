"""Safe YAML parsing that remembers where every value came from (line and column)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple  # a path into the parsed document: ("bodies", 3, "name")
KEY = "<key>"  # path suffix for the position of a mapping key itself


@dataclass
class Located:
    """A parsed YAML document and the 1-based (line, column) of each path in it."""

    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that has one."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, line: int, column: int):
        self.key, self.line, self.column = key, line, column
        super().__init__(f"duplicate key {key!r}")


def parse(text: str) -> Located:
    """Parse one YAML document with the safe loader, keeping positions.

    >>> parse("a: [1, 2]").marks[("a", 1)]
    (1, 8)
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        located = Located(None)
        if node is not None:
            located.data = _convert(node, (), located.marks, loader)
        return located
    finally:
        loader.dispose()


def _position(node: yaml.Node) -> tuple[int, int]:
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
