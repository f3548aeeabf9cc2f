"""The closest ids to a misspelt one: edit distance with transpositions, ties by similarity."""
from __future__ import annotations

import difflib
from collections.abc import Iterable


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps.

    >>> distance("southampton.slig", "southampton.silg")
    1
    """
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def closest(word: str, options: Iterable[str], n: int = 1) -> list[str]:
    """Up to `n` options nearest to `word`, nearest first; none if nothing is close."""
    limit = max(2, len(word) // 3)
    scored = []
    for option in options:
        if abs(len(option) - len(word)) > limit:
            continue
        d = distance(word, option)
        if d <= limit:
            scored.append((d, -difflib.SequenceMatcher(None, word, option).ratio(), option))
    if not scored:
        fallback = difflib.get_close_matches(word, list(options), n=n, cutoff=0.6)
        return fallback
    return [option for _, _, option in sorted(scored)[:n]]
