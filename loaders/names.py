"""The name index behind search: which names contain a word, and the best-ranked of them.

Every entity has names: its name, its aliases and its id (lower-cased here). A search word is
letters and digits only, so it can occur only inside one run of letters and digits of a name:
the index maps each run (a token) to the names holding it, and a word to the tokens
containing it by one search of the joined vocabulary.

Names are numbered in the order search ranks entities (by name, then id), an entity's names
together, so every posting list is already in rank order: the best hits of a broad search
("primary school" names 9,500 schools) are the first few found, not the result of scoring
them all.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lscp.model import Entity

WORD = re.compile(r"[a-z0-9]+")
EXACT, PREFIX, BASE = 100, 80, 50  # the scores of a search hit (see `score`)


def score(candidate: str, words: list[str], text: str) -> int:
    """How well one name matches: 100 when it is the text, 80 when it starts with it, else
    50 plus one for each word that is a whole token of it; 0 when a word is missing."""
    lowered, text = candidate.lower(), text.lower().strip()
    if not all(w in lowered for w in words):
        return 0
    if lowered == text:
        return EXACT
    if lowered.startswith(text):
        return PREFIX
    tokens = WORD.findall(lowered)
    return BASE + sum(1 for w in words if w in tokens)


@dataclass(frozen=True)
class Hit:
    score: int
    position: int  # of the entity in the index's entity list
    matched: str = ""  # the name, alias or id that scored best, as written


class NameIndex:
    """Every entity's names, lower-cased and numbered in rank order, with the postings of
    their tokens; built once per graph, on the first search."""

    def __init__(self, entities: list):
        self.entities = entities
        order = sorted(range(len(entities)), key=lambda p: (entities[p].name.lower(), entities[p].id))
        self.first: list[int] = [0] * len(entities)  # entity position -> number of its first name
        self.owner: list[int] = []  # name number -> entity position
        self.names: list[str] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for position in order:
            self.first[position] = len(self.names)
            for name in _names_of(entities[position]):
                lowered = name.lower()
                for token in set(WORD.findall(lowered)):
                    postings[token].append(len(self.names))
                self.names.append(lowered)
                self.owner.append(position)
        self.sorted_numbers = sorted(range(len(self.names)), key=self.names.__getitem__)
        self.sorted_names = [self.names[n] for n in self.sorted_numbers]  # for bisecting
        self.tokens = sorted(postings)
        self.postings = [postings[t] for t in self.tokens]
        self.token_number = {t: i for i, t in enumerate(self.tokens)}
        self.starts, offset = [], 0
        for token in self.tokens:
            self.starts.append(offset)
            offset += len(token) + 1
        self.vocabulary = "\n".join(self.tokens)

    # -- which names contain every word -------------------------------------------------
    def matching(self, words: list[str]) -> list:
        """Entities with a name containing every word, by id (as `entities` is ordered)."""
        positions = {self.owner[n] for n in self._containing(_unique(words))}
        return [self.entities[p] for p in sorted(positions)]

    def _containing(self, words: list[str]) -> list[int]:
        """Numbers of the names containing every word, ascending (so in rank order)."""
        if not words:
            return []
        if any(not WORD.fullmatch(w) for w in words):
            return [n for n, name in enumerate(self.names) if all(w in name for w in words)]
        tokens = {w: self._tokens_containing(w) for w in words}
        size = {w: sum(len(self.postings[t]) for t in tokens[w]) for w in words}
        rarest, *others = sorted(words, key=size.__getitem__)  # the rarest first, then narrow it
        found: set[int] = set().union(*(self.postings[t] for t in tokens[rarest]))
        for word in others:
            if not found:
                break
            if len(found) * 4 < size[word]:
                found = {n for n in found if word in self.names[n]}
            else:
                found &= set().union(*(self.postings[t] for t in tokens[word]))
        return sorted(found)

    def _tokens_containing(self, word: str) -> list[int]:
        found, start = [], self.vocabulary.find(word)
        while start >= 0:
            token = bisect_right(self.starts, start) - 1
            found.append(token)
            start = self.vocabulary.find(word, self.starts[token] + len(self.tokens[token]) + 1)
        return found

    # -- the best of them -----------------------------------------------------------------
    def ranked(self, words: list[str], text: str, limit: int) -> list[Hit]:
        """The `limit` best hits, by score then rank: what scoring every entity's names with
        `score` and sorting would give, reading only as many names as the answer needs."""
        if not words or limit <= 0:
            return []
        text = text.lower().strip()
        exact_names, prefix_names = self._starting_with(text)
        exact = _first(self._owners(exact_names), limit)
        hits = [Hit(EXACT, p) for p in exact]
        taken = set(exact)
        hits += [Hit(PREFIX, p) for p in _first((p for p in self._owners(prefix_names) if p not in taken),
                                               limit - len(hits))]
        if len(hits) < limit:  # then every exact and prefix hit is in `hits`
            hits += self._ranked_tokens(words, limit - len(hits), {h.position for h in hits})
        return [Hit(h.score, h.position, self._best_name(h.position, words, text)) for h in hits]

    def _starting_with(self, text: str) -> tuple[list[int], list[int]]:
        """Numbers of the names that are the text, and of those starting with it, ascending."""
        start = bisect_left(self.sorted_names, text)
        exact_end = bisect_right(self.sorted_names, text, lo=start)
        end = bisect_left(self.sorted_names, text + "\U0010ffff", lo=exact_end)
        return sorted(self.sorted_numbers[start:exact_end]), sorted(self.sorted_numbers[start:end])

    def _owners(self, ascending: list[int]) -> Iterator[int]:
        """The entities of these names in rank order, each once: an entity's names are
        numbered together, so ascending numbers give rank order."""
        return _distinct(self.owner[n] for n in ascending)

    def _ranked_tokens(self, words: list[str], limit: int, taken: set[int]) -> list[Hit]:
        """Hits scoring below PREFIX: those with every word as a whole token first (walked in
        rank order, so the first `limit` are the answer), then the rest by score."""
        unique = _unique(words)
        whole = [self.token_number[w] for w in unique if w in self.token_number]
        top: list[Hit] = []
        if len(whole) == len(unique):
            for number in _common([self.postings[t] for t in whole]):
                position = self.owner[number]
                if position not in taken:
                    taken.add(position)
                    top.append(Hit(BASE + len(words), position))
                    if len(top) == limit:
                        return top
        if not any(w in self.token_number for w in unique):  # every other hit scores BASE: rank order
            rest = (p for p in self._positions(unique) if p not in taken)
            return top + [Hit(BASE, p) for p in _first(rest, limit - len(top))]
        scored: list[Hit] = []
        for position in self._positions(unique):
            if position not in taken:
                taken.add(position)
                best = max(BASE + sum(1 for w in words if w in set(WORD.findall(name)))
                           for name in self._lowered_names(position) if all(w in name for w in unique))
                scored.append(Hit(best, position))
        scored.sort(key=lambda h: (-h.score, self.first[h.position]))
        return top + scored[:limit - len(top)]

    def _positions(self, words: list[str]) -> Iterator[int]:
        """Entities with a name containing every word, in rank order, each once."""
        return self._owners(self._containing(words))

    def _lowered_names(self, position: int) -> list[str]:
        start = self.first[position]
        end = start + len(_names_of(self.entities[position]))
        return self.names[start:end]

    def _best_name(self, position: int, words: list[str], text: str) -> str:
        """The first of the entity's names (name, aliases, id) with its best score."""
        best = (0, "")
        for name in _names_of(self.entities[position]):
            found = score(name, words, text)
            if found > best[0]:
                best = (found, name)
        return best[1]


def _names_of(entity) -> list[str]:
    return [entity.name, *entity.aliases, entity.id]


def _unique(words: list[str]) -> list[str]:
    return [w for w in dict.fromkeys(words) if w]


def _distinct(ascending: Iterator[int]) -> Iterator[int]:
    last = None
    for value in ascending:
        if value != last:
            yield value
            last = value


def _first(values: Iterator[int], n: int) -> list[int]:
    out: list[int] = []
    for value in values:
        if len(out) == n:
            break
        out.append(value)
    return out


def _common(postings: list[list[int]]) -> Iterator[int]:
    """Name numbers in every posting list, ascending, found by leapfrogging: each list seeks
    the largest number seen so far, so a walk that stops early reads only what it needs."""
    postings = sorted(postings, key=len)
    if len(postings) == 1:
        yield from postings[0]
        return
    if not postings[0]:
        return
    at, value, agreed, i = [0] * len(postings), postings[0][0], 0, 0
    while True:
        seq = postings[i]
        at[i] = bisect_left(seq, value, at[i])
        if at[i] == len(seq):
            return
        if seq[at[i]] == value:
            agreed += 1
            if agreed == len(postings):
                yield value
                value, agreed = value + 1, 0
        else:
            value, agreed = seq[at[i]], 1
        i = (i + 1) % len(postings)


def rank_by_score(candidates: Iterable[Entity], words: list[str], text: str, limit: int) -> list[tuple[int, Entity, str]]:
    """The `limit` best (score, entity, matched name) of `candidates`, each scored by every
    name (what a database backend does with the entities it found): the index's order."""
    ranked = []
    for entity in candidates:
        best = (0, "")
        for candidate in [entity.name, *entity.aliases, entity.id]:
            points = score(candidate, words, text)
            if points > best[0]:
                best = (points, candidate)
        if best[0]:
            ranked.append((-best[0], entity.name.lower(), entity.id, best[1], entity))
    ranked.sort(key=lambda hit: hit[:3])
    return [(-points, entity, matched) for points, _, _, matched, entity in ranked[:limit]]
