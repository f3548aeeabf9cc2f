"""The closest ids (or words) to a misspelt one: the one suggester of the loader, the CLI and
the HTTP 404s. rapidfuzz does the scoring in C++, so a national data set (about 93,000 ids)
answers in milliseconds."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA


def closest(word: str, options: Iterable[str], n: int = 1) -> list[str]:
    """Up to `n` options nearest to `word`, nearest first; none if nothing is close.

    Near means an edit distance (insertions, deletions, substitutions, swaps of neighbours) of
    at most a third of the word, at least 2; ties go to the more similar, then alphabetical.
    Failing that, options sharing at least 60% of their letters with the word.

    >>> closest("southampton.slig", ["southampton.silg", "southampton.sscp"])
    ['southampton.silg']
    >>> closest("chaired_by", ["chairs", "vice_chairs", "holds"])
    ['chairs']
    >>> closest("zzz", ["chairs"])
    []
    """
    choices = list(options.keys() if isinstance(options, Mapping) else options)
    limit = max(2, len(word) // 3)
    near = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
    ranked: list[tuple[str, float, int]]  # (option, distance or similarity, index)
    if near:
        ranked = sorted(near, key=lambda m: (m[1], -fuzz.ratio(word, m[0]), m[0]))
    else:
        alike = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=60, limit=None)
        ranked = sorted(alike, key=lambda m: (-m[1], m[0]))
    return [match[0] for match in ranked[:n]]


def closest_one(word: str, options: Iterable[str]) -> str | None:
    """The single nearest option, for a loader message's "did you mean"."""
    found = closest(word, options)
    return found[0] if found else None
