"""Reads: querysets and read functions (claims lists, search, similar claims, ClaimReview).
Writes live in articles.services; views, serializers and admin classes declare and call."""
