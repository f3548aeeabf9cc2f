"""Read a directory of YAML data files into validated models, collecting every problem."""
from __future__ import annotations

import gc
import os
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from lscp.model import ENTITY_TYPES, SECTIONS, Entity, Mention, Problem, Relation
from lscp.model.entities import Versioned
from lscp.model.suggest import closest_one as _closest

if TYPE_CHECKING:
    from .yamlpos import Located

TOP_LEVEL = ("edition", "mentions", "relations", *SECTIONS)
DATA_SUFFIXES = (".yaml", ".yml")  # in any case: data.YAML is read too


@dataclass(frozen=True)
class Origin:
    """Where a record was written: file (relative to the data root), line, column."""

    file: str
    line: int
    column: int


@dataclass
class Raw:
    """Everything read from the files, valid records only, plus the problems found."""

    entities: list[tuple[Entity, Origin, Located, tuple]] = field(default_factory=list)
    relations: list[tuple[Relation, Origin, Located, tuple]] = field(default_factory=list)
    mentions: list[tuple[Mention, str | None, Origin]] = field(default_factory=list)  # one per edition
    problems: list[Problem] = field(default_factory=list)


def read_directory(root: Path) -> Raw:
    raw = Raw()
    files, raw.problems = data_files(root, DATA_SUFFIXES)
    if not files and not raw.problems:
        raw.problems.append(Problem(str(root), 1, 1, "no *.yaml data files found in this directory"))
    with no_cycle_collection():
        for path in files:
            _read_file(path, path.relative_to(root).as_posix(), raw)
    return raw


def data_files(root: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], list[Problem]]:
    """The regular files under `root` whose suffix (in any case) is one of `suffixes`, sorted, and
    a problem for each directory that cannot be read and each such name that is not a regular
    file (a FIFO would block the reader): nothing is skipped silently."""
    files, problems = [], []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or root)
        name = where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where)
        problems.append(Problem(name or ".", 1, 1, f"cannot read this directory ({error.strerror}); "
                                                   "make it readable or move it out of the data directory"))

    for folder, _, names in os.walk(root, onerror=unreadable):
        for name in names:
            path = Path(folder, name)
            if path.suffix.lower() not in suffixes:
                continue
            try:
                regular = stat.S_ISREG(path.stat().st_mode)
            except OSError as exc:
                regular, exc_text = None, exc.strerror
            if regular:
                files.append(path)
            else:
                why = f"cannot be read ({exc_text})" if regular is None else "is not a regular file (a FIFO, device or socket)"
                problems.append(Problem(path.relative_to(root).as_posix(), 1, 1, f"this data file {why}"))
    return sorted(files), problems


@contextmanager
def no_cycle_collection():
    """Pause the cycle collector while records pile up: it would otherwise rescan every record
    already made, again and again (at national scale it doubled the time to read the data or
    to unpickle a cached graph). Neither makes reference cycles worth collecting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_file(path: Path, name: str, raw: Raw) -> None:
    # The parser is imported here, not at the top: a cached CLI answer needs this module (for
    # Origin, when unpickling) but never reads YAML.
    from .yamlpos import LocatedError, parse, read_text

    try:
        located = parse(read_text(path))
    except LocatedError as exc:
        raw.problems.append(Problem(name, exc.line, exc.column, exc.message))
        return
    data = located.data
    if data is None:
        return
    if not isinstance(data, dict):
        raw.problems.append(Problem(name, 1, 1, "a data file must be a mapping of sections (bodies:, relations: ...)"))
        return
    edition = data.get("edition")
    if edition is not None and not isinstance(edition, str):
        line, column = located.where(("edition",))
        raw.problems.append(Problem(name, line, column, f"edition: must be one edition id (a string), "
                                                        f"not a {_yaml_kind(edition)}"))
        return
    for key, items in data.items():
        line, column = located.where((key,))
        if key not in TOP_LEVEL:
            raw.problems.append(_unknown(name, line, column, f"unknown section {key!r}", str(key), TOP_LEVEL))
            continue
        if key == "edition":
            continue
        if not isinstance(items, list):
            raw.problems.append(Problem(name, line, column, f"section {key!r} must be a list"))
            continue
        for index, item in enumerate(items):
            _read_item(name, located, key, index, item, edition, raw)


def _read_item(name, located: Located, section: str, index: int, item, edition, raw: Raw) -> None:
    path = (section, index)
    line, column = located.where(path)
    origin = Origin(name, line, column)
    if not isinstance(item, dict):
        raw.problems.append(Problem(name, line, column, f"each item of {section!r} must be a mapping"))
        return
    model = _model_for(section)
    try:
        record = model.model_validate(item)
    except ValidationError as exc:
        raw.problems.extend(_validation_problems(exc, name, located, path, item, model))
        return
    if isinstance(record, Mention):
        for ed in record.editions or [edition]:
            raw.mentions.append((record, ed, origin))
        return
    record = _with_default_edition(record, edition)
    bucket = raw.relations if section == "relations" else raw.entities
    bucket.append((record, origin, located, path))


def _yaml_kind(value) -> str:
    kinds: dict[type, str] = {list: "list", dict: "mapping"}
    return kinds.get(type(value), type(value).__name__)


def _model_for(section: str) -> type[BaseModel]:
    if section == "relations":
        return Relation
    if section == "mentions":
        return Mention
    return ENTITY_TYPES[SECTIONS[section]]


def _with_default_edition(record, edition):
    if edition and isinstance(record, (Versioned, Relation)) and not record.editions:
        return record.model_copy(update={"editions": [edition]})
    return record


def _validation_problems(exc: ValidationError, name, located, path, item, model) -> list[Problem]:
    from . import yamlpos

    problems = []
    ident = item.get("id") if isinstance(item, dict) else None
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if not str(part).startswith("function-"))
        key_path = (*path, *loc, yamlpos.KEY) if error["type"] == "extra_forbidden" else (*path, *loc)
        line, column = located.where(key_path)
        field_name = ".".join(str(part) for part in loc)
        message, suggestion = _describe(error, field_name, model)
        problems.append(Problem(name, line, column, message, ident, suggestion))
    return problems


def _describe(error: ErrorDetails, field_name: str, model) -> tuple[str, str | None]:
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = [f.alias or n for n, f in model.model_fields.items()]
        last = field_name.rsplit(".", 1)[-1]
        return f"unknown field {last!r}", _closest(last, allowed)
    if kind == "missing":
        return f"missing required field {field_name!r}", None
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [w.strip(" '") for w in expected.replace(" or ", ",").split(",")]
        return f"{field_name}: {error['input']!r} is not one of {expected}", _closest(str(error["input"]), options)
    if kind == "string_pattern_mismatch":
        return f"{field_name}: {error['input']!r} is not a valid id (lower case letters, digits, '.' and '-')", None
    message = error["msg"].removeprefix("Value error, ")
    return (f"{field_name}: {message}" if field_name else message), None


def _unknown(name, line, column, message, word, options) -> Problem:
    return Problem(name, line, column, message, None, _closest(word, options))
