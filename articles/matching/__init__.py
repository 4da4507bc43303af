"""Claim matching: has this been checked already?

Pure Python and numpy, no Django (like ``articles.extraction``): a library of fact-checks goes in
as plain entries, a text comes in, ranked entries with a calibrated score come out.

- ``text``      cleaning (tweets, ClaimReview wording), words, stems, character grams
- ``bm25``      an in-process BM25 index (lexical evidence)
- ``semantic``  WordLlama embeddings and token soft-matching (semantic evidence)
- ``ranker``    the library index, the features of a (text, fact-check) pair, the learned linear
                fusion, near-duplicate grouping
- ``store``     the library index on disk: segments memory-mapped by every worker, generations
- ``index_build`` how a segment is written, a block of rows at a time, and the shared HNSW graphs
- ``train``     ``python -m articles.matching.train``: learns ``match_model.json`` from query/fact-check pairs
"""
