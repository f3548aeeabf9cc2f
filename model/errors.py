"""One small exception hierarchy; translated to exit codes and HTTP statuses at the edges.

Each class carries the HTTP status it answers (`status`), so the web edge maps none by name."""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Sequence
from typing import ClassVar


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located precisely enough to fix it."""

    file: str
    line: int
    column: int
    message: str
    id: str | None = field(default=None, compare=False)
    suggestion: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f" [{self.id}]" if self.id else ""
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"{where}:{what} {self.message}{hint}"


class LscpError(Exception):
    """Base of every error the tool reports to a user."""

    status: ClassVar[int] = 422  # a request that cannot be answered as asked
    suggestions: Sequence[str] = ()  # what the asker may have meant (closest ids)


class DataError(LscpError):
    """The data could not be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the data")


class NotFound(LscpError):
    """No entity has the id asked for; suggests the closest ids."""

    status = 404

    def __init__(self, what: str, suggestions: list[str] | None = None):
        self.what = what
        self.suggestions = suggestions or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No entity with id {what!r}.{hint}")


class UsageError(LscpError):
    """A request that cannot be answered as asked (bad option, wrong kind of entity)."""


class Unavailable(LscpError):
    """Something the answer needs is down or missing on the server (the database, graphviz):
    not the asker's fault, and worth asking again later."""

    status = 503
