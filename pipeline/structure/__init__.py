"""Structure stage: the header (metadata, signature, recipients) and the section tree.

The header is read from the first lines, the signature from a window around the Nơi nhận
heading (or the last authority prefix), and the section tree from the body between them;
no part of the text is scanned twice by the same reader.
"""
from __future__ import annotations

from ..models import DocumentStructure, NormalizedText
from .header import issuer_from_closing, parse_header
from .news import read_news
from .sections import parse_sections
from .signature import parse_signature

CLOSING_CHARS = 2500


def structure(norm: NormalizedText) -> DocumentStructure:
    """Header and sections of one normalised text."""
    text = norm.text
    head = parse_header(text)
    body_start = head.end if head else 0
    header = None
    if head is not None:
        if head.signed_in:  # a consolidated text: its own signature, not the base document's
            start, end = head.signed_in
            sig = parse_signature(text[:end], start)
        else:
            sig = parse_signature(text, body_start)
        issuer = head.header.issuer
        if issuer is None:
            closing_end = sig.start if sig.start is not None else len(text)
            tail = text[max(body_start, closing_end - CLOSING_CHARS):closing_end]
            issuer = issuer_from_closing(tail, head.header.issued_place) or sig.body
        header = head.header.model_copy(update={
            "issuer": issuer, "signer": sig.signer, "signer_position": sig.position,
            "authority": sig.authority, "recipients": sig.recipients})
    sections = parse_sections(text, body_start)
    if header is None:
        return DocumentStructure(kind="news", news=read_news(text), sections=sections)
    return DocumentStructure(kind=header.kind or "CV", header=header, sections=sections)
