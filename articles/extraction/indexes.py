"""Index structures that keep the claim finder linear: every question the frames ask about the
claims so far or the quotations of a sentence is answered in logarithmic (or amortised constant)
time, instead of by a scan of everything found so far.

- ``OffsetMax``: items keyed by a text offset, asked "the largest value among the items whose key
  lies in [lo, hi]" ("does a claim starting at or before here reach past there?").
- ``SentenceQuotes``: the quotations of one sentence, asked "the first/last quotation before or
  after an offset that no claim has used (and that is no title, and a full quotation)". Quotations
  only ever become used, so each question walks past a used one at most once (union-find with
  path compression).
- ``link``: the mentions and statistics inside each claim, found by binary search.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

_SHIFT = 4  # offsets per bucket: 16 characters share one leaf of the tree


def _set_leaf(tree: array, size: int, leaf: int, value: int) -> None:
    """Set a leaf of a max-tree and recompute the nodes above it."""
    i = leaf + size
    tree[i] = value
    i >>= 1
    while i:
        left, right = tree[2 * i], tree[2 * i + 1]
        tree[i] = left if left > right else right
        i >>= 1


def _raise_leaf(tree: array, size: int, leaf: int, value: int) -> None:
    """Raise a leaf of a max-tree to value: the nodes above rise to it until one is already higher."""
    i = leaf + size
    while i and tree[i] < value:
        tree[i] = value
        i >>= 1


class OffsetMax:
    """A multiset of (key, value, item) with key a text offset in [0, length], and the maximum
    value over a key range. Leaves are buckets of 16 offsets (exact within a bucket by a scan of its
    few items), so the tree takes a sixteenth of the text's length in machine words."""

    def __init__(self, length: int):
        n = (max(length, 0) >> _SHIFT) + 1
        size = 1
        while size < n:
            size *= 2
        self._size = size
        self._tree = array("q", [-1]) * (2 * size)
        self._items: dict[int, list[tuple[int, int, object]]] = {}

    def _grow(self, bucket: int) -> None:
        size = self._size
        while size <= bucket:
            size *= 2
        tree = array("q", [-1]) * (2 * size)
        self._size, self._tree = size, tree
        for b in self._items:
            self._refresh(b)

    def _refresh(self, bucket: int) -> None:
        """Set a bucket's leaf to its items' largest value, and the tree above it."""
        items = self._items.get(bucket)
        _set_leaf(self._tree, self._size, bucket, max(v for _, v, _ in items) if items else -1)

    def add(self, key: int, value: int, item: object = None) -> None:
        bucket = key >> _SHIFT
        if bucket >= self._size:
            self._grow(bucket)
        self._items.setdefault(bucket, []).append((key, value, item))
        _raise_leaf(self._tree, self._size, bucket, value)  # adding only raises the maximum: no rescan

    def remove(self, key: int, value: int, item: object = None) -> None:
        """Remove one (key, value, item) added before (the item compared by identity)."""
        bucket = key >> _SHIFT
        items = self._items.get(bucket, [])
        for i, (k, v, it) in enumerate(items):
            if k == key and v == value and it is item:
                del items[i]
                break
        else:
            raise KeyError((key, value))
        if not items:
            del self._items[bucket]
        self._refresh(bucket)

    def max_in(self, lo: int, hi: int) -> int:
        """The largest value of the items with lo <= key <= hi, or -1 when there is none."""
        lo = max(lo, 0)
        hi = min(hi, (self._size << _SHIFT) - 1)
        if hi < lo:
            return -1
        blo, bhi = lo >> _SHIFT, hi >> _SHIFT
        best = -1
        for b in {blo, bhi}:  # the edge buckets, scanned exactly
            for k, v, _ in self._items.get(b, ()):
                if lo <= k <= hi and v > best:
                    best = v
        tree = self._tree
        left, right = blo + 1 + self._size, bhi + self._size  # whole buckets in between: [left, right)
        while left < right:
            if left & 1:
                best = max(best, tree[left])
                left += 1
            if right & 1:
                right -= 1
                best = max(best, tree[right])
            left >>= 1
            right >>= 1
        return best


def _first(item: tuple) -> int:
    return item[0]


class SpanIndex:
    """Spans [start, end) with their payloads, asked "which span holds this offset?": the answer is
    the last-starting span holding it (of spans starting at the same offset, the last added). Spans
    sit in buckets of 16 offsets by their start, under a tree of each bucket's furthest end, so a
    question costs a logarithm however long the longest span is (one paragraph-long quotation no
    longer makes every later question look back over the whole paragraph)."""

    def __init__(self, length: int = 0):
        """length: the offsets to expect (the text's length), so the tree is not rebuilt as it grows."""
        self._size = 1
        while self._size <= max(length, 0) >> _SHIFT:
            self._size *= 2
        self._tree = array("q", [-1]) * (2 * self._size)
        self._items: dict[int, list[tuple[int, int, object]]] = {}

    def _refresh(self, bucket: int) -> None:
        items = self._items.get(bucket)
        _set_leaf(self._tree, self._size, bucket, max(e for _, e, _ in items) if items else -1)

    def add(self, start: int, end: int, payload=None) -> None:
        bucket = max(start, 0) >> _SHIFT
        if bucket >= self._size:
            size = self._size
            while size <= bucket:
                size *= 2
            self._size, self._tree = size, array("q", [-1]) * (2 * size)
            for b in self._items:
                self._refresh(b)
        # A bucket's spans stay sorted by start, and by arrival among equal starts (so a look-up can
        # read them backwards and stop at the first that holds its offset, as the scan it replaced).
        items = self._items.setdefault(bucket, [])
        items.insert(bisect_right(items, start, key=_first), (start, end, payload))
        _raise_leaf(self._tree, self._size, bucket, end)

    def remove(self, start: int, end: int) -> None:
        """Remove the first-added span (start, end), if there is one."""
        bucket = max(start, 0) >> _SHIFT
        items = self._items.get(bucket, [])
        for i, (s, e, _) in enumerate(items):
            if s == start and e == end:
                del items[i]
                if not items:
                    del self._items[bucket]
                self._refresh(bucket)
                return

    @staticmethod
    def _latest(items, pos: int):
        """Of the items holding pos, the one starting last (the last added among equal starts)."""
        for i in range(bisect_right(items, pos, key=_first) - 1, -1, -1):
            if pos < items[i][1]:
                return items[i]
        return None

    def find(self, pos: int):
        """The payload of the last-starting span holding pos (or True if it has none), else None."""
        if self._tree[1] <= pos or (pos < 0 and 0 not in self._items):
            return None  # every span ends by pos (the usual case: the claims so far end before a cue)
        bucket = min(max(pos, 0) >> _SHIFT, self._size - 1)
        best = self._latest(self._items.get(bucket, ()), pos)
        if best is None:
            # The last bucket before whose furthest end passes pos: every span in it starts before pos.
            tree, size, i = self._tree, self._size, bucket + self._size
            while i > 1 and best is None:
                if i & 1 and tree[i - 1] > pos:
                    i -= 1
                    while i < size:
                        i = 2 * i + 1 if tree[2 * i + 1] > pos else 2 * i
                    best = self._latest(self._items[i - size], pos)
                i >>= 1
        if best is None:
            return None
        return best[2] if best[2] is not None else True

    def __contains__(self, pos: int) -> bool:
        return self.find(pos) is not None


class _Alive:
    """Next/previous index whose element is still alive, for a predicate that, once false, stays
    false (union-find with path compression: each dead index is walked past O(1) times)."""

    def __init__(self, n: int, alive: Callable[[int], bool]):
        self._n = n
        self._alive = alive
        self._next = list(range(n + 1))  # n is the sentinel "none after"
        self._prev = list(range(n + 1))  # stored at i + 1; 0 is the sentinel "none before"

    def next(self, i: int) -> int:
        """The first alive index >= i, or n."""
        nxt, n, path = self._next, self._n, []
        while i < n:
            j = nxt[i]
            if j != i:
                path.append(i)
                i = j
            elif self._alive(i):
                break
            else:
                nxt[i] = i + 1
                path.append(i)
                i += 1
        for p in path:
            nxt[p] = i
        return i

    def prev(self, i: int) -> int:
        """The last alive index <= i, or -1."""
        prv, path = self._prev, []
        k = i + 1
        while k > 0:
            j = prv[k]
            if j != k:
                path.append(k)
                k = j
            elif self._alive(k - 1):
                break
            else:
                prv[k] = k - 1
                path.append(k)
                k -= 1
        for p in path:
            prv[p] = k
        return k - 1


class SentenceQuotes:
    """The quotations of one sentence (sorted, disjoint, so their ends are sorted too) and the
    block's set of quotations a claim has used, which only grows."""

    def __init__(self, quotes: list, used: set, title: Callable[[object], bool], full: Callable[[object], bool]):
        self.quotes = quotes
        self.used = used
        self.starts = [q.start for q in quotes]
        self.ends = [q.end for q in quotes]
        n = len(quotes)
        self._title = title
        self._full = full
        self.unused = _Alive(n, lambda i: quotes[i] not in used)
        # Unused and no title: what may stand before a cue as its quotation.
        self.eligible = _Alive(n, lambda i: quotes[i] not in used and not title(quotes[i]))
        self.eligible_full = _Alive(n, lambda i: quotes[i] not in used and not title(quotes[i]) and full(quotes[i]))

    def ending_by(self, pos: int) -> int:
        """How many quotations end at or before pos."""
        return bisect_right(self.ends, pos)

    def first_from(self, pos: int) -> int:
        """Index of the first quotation starting at or after pos."""
        return bisect_left(self.starts, pos)

    def walk(self, alive: _Alive, i: int, stop: int) -> Iterator[int]:
        """Alive indexes from i up to stop (exclusive), in order; the caller may use each one."""
        i = alive.next(i)
        while i < stop:
            yield i
            i = alive.next(i + 1)


def link(claims: list, mentions: list, statistics: list) -> None:
    """Each claim's entities (in mention order, each once) and statistics (in order) inside it."""
    m_order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    m_starts = [mentions[i].start for i in m_order]
    s_order = sorted(range(len(statistics)), key=lambda i: statistics[i].start)
    s_starts = [statistics[i].start for i in s_order]
    for c in claims:
        inside = sorted(i for i in m_order[bisect_left(m_starts, c.start):bisect_right(m_starts, c.end)]
                        if mentions[i].end <= c.end)
        c.mentions = list(dict.fromkeys(mentions[i].entity for i in inside))
        c.statistics = sorted(i for i in s_order[bisect_left(s_starts, c.start):bisect_right(s_starts, c.end + 1)]
                              if statistics[i].end <= c.end + 1)
