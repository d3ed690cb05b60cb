"""Per-text caches: spaCy rebuilds Doc.text and Doc.ents on every access (O(length) each)."""

from __future__ import annotations

from spacy.tokens import Doc, Span


def doc_text(doc: Doc) -> str:
    """doc.text, built once per document."""
    text = doc.user_data.get("rivalscope_text")
    if text is None:
        text = doc.user_data["rivalscope_text"] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """doc.ents, read once per document (after the NER; our components add none)."""
    ents = doc.user_data.get("rivalscope_ents")
    if ents is None:
        ents = doc.user_data["rivalscope_ents"] = tuple(doc.ents)
    return ents


def sentence_ents(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities that start between two character offsets."""
    return [e for e in doc_ents(doc) if start <= e.start_char < end]
