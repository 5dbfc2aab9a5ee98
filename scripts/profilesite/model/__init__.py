"""Typed, strict models of the records; no I/O."""

from profilesite.model.record import Document, Party, Review, Source, TreatyStatus
from profilesite.model.vocabulary import Vocabulary

__all__ = ["Document", "Party", "Review", "Source", "TreatyStatus", "Vocabulary"]
