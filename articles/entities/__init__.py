"""People and organisations: who is who, across articles.

- :mod:`.keys` — the matching keys (pure Python, no Django: the extractor's workers use them too):
  one honorific list, :func:`name_key` for organisations and short forms, :func:`person_key` for
  people, :func:`is_full_name`.
- :mod:`.resolution` — an import's entities to rows: found by key or alias, else created.
- :mod:`.services` — an editor's changes, for the admin and the API alike: rename (the key follows
  the name), aliases; :mod:`.merge` (merge, undo) and :mod:`.identity` (split a surname, "not a
  person", surname links).
- :mod:`.selectors` — reads: the people with roles an editor entered.
"""
