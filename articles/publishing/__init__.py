"""Publishing: when a check is public, and what the public may read of it.

- :mod:`.rule` — the one publication rule (:func:`is_published`, :data:`PUBLISHED`), behind
  :attr:`Claim.is_published`; pure of the models so the model can use it.
- :mod:`.selectors` — :func:`published_checks` and what readers who do not see drafts are shown.
- :mod:`.preview` — the publish step: what a check would look like once public.
"""
