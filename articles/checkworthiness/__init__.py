"""Check-worthiness: how much a sentence deserves a fact-check (pure Python + numpy, no Django).

    from articles.checkworthiness import score
    score(["Unemployment doubled under his watch.", "Thank you all for coming."])
"""
from .model import CheckWorthiness, default_model, score

__all__ = ["CheckWorthiness", "default_model", "score"]
