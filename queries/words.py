"""Small helpers for answers written in plain English."""
from __future__ import annotations


def a(noun: str) -> str:
    """'a body', 'an organisation', 'an area'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
