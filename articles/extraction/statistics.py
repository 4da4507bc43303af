"""Statistics: numbers in digits or words with their unit, qualifier, change, measure and period.

Dates, years, durations, ages, ordinals and numbers that are part of a name are not statistics.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .indexes import SpanIndex
from .lexicon import (
    CAP_STOPWORDS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    MONTH_NAMES,
    NUMBER_WORDS,
    SCALE_WORDS,
    SOURCE_NOUNS,
    TIME_NOUNS,
)
from .types import Block, Statistic

_UNITS_WORD = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("hundred", "dozen")), key=len, reverse=True))
_WORD_NUMBER = rf"(?:{_UNITS_WORD})(?:[\- ](?:{_UNITS_WORD}))?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|m|k|tn)\b)"
_PERCENT = r"(?:\s?%|\s(?:per\s?cent|percent)\b)"
_POINTS = r"\s(?:percentage[\s\-])?points?\b"  # ("a 10 percentage-point lead")
_QUALIFIER = (r"(?:(?P<qual>less than|more than|fewer than|greater than|at least|at most|up to|about|around|"
              r"nearly|almost|over|under|roughly|approximately|some|just over|just under|close to|as many as|"
              r"as much as|as few as|only|an estimated|estimated)\s+)?")
NUMBER = re.compile(
    r"(?<![\w.,$£€])" + _QUALIFIER +
    rf"(?P<cur>US\$|[£$€¥])?\s?(?P<num>{_DIGITS}|{_WORD_NUMBER}|a\s(?:dozen|hundred|thousand|million|billion))"
    rf"(?P<scale>{_SCALE})?(?P<pct>{_PERCENT}|{_POINTS})?(?![\w])",
    re.IGNORECASE)
# ("hundreds of thousands of people": a vague number of a scale, then what is counted.)
HUNDREDS = re.compile(r"\b(?P<word>hundreds|thousands|millions|billions|dozens|tens of thousands)\s+of\s+"
                      r"(?:(?P<scale>thousands|millions|billions)(?:\s+of)?\s+)?(?P<noun>[a-z]+)", re.IGNORECASE)
_SCALES = {"hundreds": 100, "thousands": 1000, "millions": 1_000_000, "billions": 10 ** 9, "dozens": 12,
           "tens of thousands": 10_000}
# Before a year rather than a count: "the 2016 elections", "in 2011 aims to", "September 11, 2001 attacks".
_YEAR_BEFORE = re.compile(r"(?:\b(?:the|in|since|of|from|until|through|during|its|their|his|her)|\d,)\s*$",
                          re.IGNORECASE)
# "from 16 now to as many as 80": a change, its later value possibly qualified.
CHANGE = re.compile(r"\bfrom\s+(?P<a>[\d.,]+|" + _WORD_NUMBER + r")(?:\s?(?:%|per\s?cent|percent))?"
                    r"[^.;]{0,60}?\bto\s+(?:(?:as\s+many\s+as|as\s+much\s+as|as\s+few\s+as|as\s+little\s+as|as\s+high\s+as|"
                    r"as\s+low\s+as|about|around|nearly|almost|roughly|approximately|more\s+than|less\s+than|fewer\s+than|"
                    r"at\s+least|just\s+over|just\s+under|over|under)\s+)?(?P<b>[\d.,]+|" + _WORD_NUMBER + r")", re.IGNORECASE)
PERIOD = re.compile(r"\b(?:(?:last|this|next|a|the\s+previous|the\s+past)\s+(?:year|month|week|quarter|decade)|"
                    r"in\s+(?:19|20)\d\d|since\s+(?:19|20)\d\d|between\s+\w+(?:\s\d+)?\s+and\s+\w+(?:\s\d+)?|"
                    r"(?:in|during)\s+(?:the\s+)?(?:first|second|third|fourth|last)\s+quarter|on\s+average|"
                    r"a\s+year|per\s+year|each\s+year|a\s+month|per\s+month|yesterday|this\s+year\s+alone)\b",
                    re.IGNORECASE)
_NUM = rf"(?:{_DIGITS}|{_WORD_NUMBER})"
# "one in five hospitals": a ratio, 1 in 5.
RATIO = re.compile(rf"(?<![\w.,])(?P<a>{_NUM})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<b>{_NUM})(?![\w%])", re.IGNORECASE)
# "between 0.7 and 0.9 metres": one statistic with both ends.
RANGE = re.compile(rf"\bbetween\s+(?P<cur>[£$€¥])?(?P<a>{_DIGITS}|{_WORD_NUMBER})\s*(?P<ascale>{_SCALE})?"
                   rf"(?:\s?%|\s(?:per\s?cent|percent)\b)?\s+and\s+", re.IGNORECASE)
# ", up from 41 per cent", "to 4.2 million from 3.9 million": the value it changed from.
FROM_PREVIOUS = re.compile(rf"^(?:\s+(?:in|at|on|by|for|this|last)\s+[\w ]{{1,20}}?)?,?\s+(?:(?:up|down|rising|falling|"
                           rf"increasing|decreasing|compared)\s+)?(?:from|with)\s+(?P<cur>[£$€¥])?(?P<a>{_DIGITS})"
                           rf"(?P<scale>{_SCALE})?(?P<pct>{_PERCENT})?", re.IGNORECASE)
_SOURCE_SPEAKS = re.compile(r"[^.;]*?\b(?:said|say|says|told|tell|according|speaking|spoke|familiar|"
                            r"confirmed|insisted|warned|described)\b")
_WORD_AFTER = re.compile(r"\s+([A-Za-z][\w\-’']*)")
# Words that end the noun phrase a count measures: "four Americans | were killed", "about 660,000 | based
# on", "five | despite".
_MEASURE_STOP = frozenset("""were was is are be been being have has had will would could should can may might
who which that and or but of in on at to from by with for as than into over after before during since per
said says told this these those it they he she we their his her its our not no also all
despite across including between against under through without within among around about like near via
based down up out off ago apiece each while when where whether because
along beside behind beyond inside outside toward towards onto upon amid amongst throughout until""".split())
# A plural noun in lower case heads a count's noun phrase and ends it unless another plural noun follows
# ("263 daily news organizations"): "two sides | continue to", "13 markets | earlier this year", "30
# newspapers | including", "38 people | found", "two Americans | killed". Not "gas", "news", "bus",
# "glass", "across", "analysis", nor a name's "States" ("Two United States navy ships").
_PLURAL_HEAD = re.compile(r"[a-z][\w\-]*(?<![su])(?<!is)(?<!as)(?<!ew)s|people|women|men|children|[A-Z]{2,}s|"
                          r"[A-Z][a-z]+(?:ans|ists|ims|ats)")
# Bare "points" is a margin of percentage points in the language of polls and votes ("leads by 15 points",
# "a margin of error of 4.5 points"); in a game or an index's move they are points of their own ("scored
# 24 points", "the Dow fell 102.2 points, or 0.36%"). Words of polls decide for a margin, words of games
# and markets for points, the nearer when both are there; a lead, a gap or "by" alone is either (a poll's
# lead, a league table's), so then the article's own words decide: "Biden is up eight points" in a story
# about polls, "Celtic extended their advantage to nine points" in one about a league.
_POLL_WORDS = re.compile(r"\b(?:polls?|polled|polling|pollsters?|surveys?|surveyed|voters?|votes?|voting|ballots?|"
                         r"approval|favou?rab\w*|ratings?|electorate|elections?|primar(?:y|ies)|caucus\w*|"
                         r"candidates?)\b", re.IGNORECASE)
# (Not "goals" nor "table", a policy's and a negotiation's too; not "scores of".)
_GAME_WORDS = re.compile(r"\b(?:(?i:scor(?:e|ed|ing|ers?)|scores(?!\s+of)|games?|match(?:es)?(?![\s\-]?ups?\b)|season|league|"
                         r"standings|fixtures?|playoffs?|relegation|tournament|championship|rebounds|assists|"
                         r"wickets|innings|half-?time|index|indices|indexes|stocks?|shares|benchmark|futures|"
                         r"bourse|traders)|Dow|Nasdaq|FTSE|Nikkei|Hang\s+Seng|Kospi|DAX|CAC|Sensex|Nifty|S&P)\b")
_MARGIN_WORDS = re.compile(r"\b(?:percent|per\s?cent|leads?|leading|led|trail(?:s|ed|ing)?|ahead|"
                           r"behind|margin|support|gap|swing|edge|average|advantage|net|rates?)\b|%", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)
# "fell 120 points, or 1.1 per cent", "(1.1%)": an index's move given again as a percentage.
# (Not "by six points (46 percent to 40 percent)": the two sides' shares.)
_OR_PERCENT = re.compile(r",?\s+(?:or\s+(?:about\s+|nearly\s+|almost\s+|roughly\s+)?[\d.]+" + _PERCENT
                         + r"|\([+\-]?[\d.]+" + _PERCENT + r"\))")


def _to_decimal(num: str, scale: str | None) -> Decimal | None:
    s = num.lower().strip()
    value: Decimal | None
    if s.startswith("a ") or s.startswith("a\u00a0"):
        value = Decimal(NUMBER_WORDS.get(s[2:], 0) or SCALE_WORDS.get(s[2:], 0))
    elif re.fullmatch(r"[\d,.]+", s):
        try:
            value = Decimal(s.replace(",", ""))
        except InvalidOperation:
            return None
    else:
        parts = re.split(r"[\- ]", s)
        total = 0
        for p in parts:
            total += NUMBER_WORDS.get(p, 0)
        value = Decimal(total)
    if scale:
        value *= SCALE_WORDS.get(scale.strip().lower(), 1)
    return value


class StatisticFinder:
    def __init__(self, text: str, blocks: list[Block], name_spans: list[tuple[int, int]]):
        self.text = text
        self.blocks = [b for b in blocks if b.kind in ("paragraph", "bullet")]
        self.name_spans = name_spans
        self.consumed: list[tuple[int, int]] = []  # spans of numbers stored as another's previous value
        self._article_words: tuple[int, int] | None = None  # words of polls, of games and markets (``_margin``)

    def _in_name(self, s: int, e: int) -> bool:
        return any(a <= s and e <= b for a, b in self.name_spans)

    def _excluded(self, m: re.Match) -> bool:
        text = self.text
        num = m["num"]
        s, e = m.start("num"), m.end()
        before = text[max(0, s - 12):s]
        after = text[e:e + 30]
        low_after = after.lower()
        nxt = re.match(r"\s*([A-Za-z’'.\-]+)", after)
        nxt_word = nxt.group(1).lower().rstrip(".") if nxt else ""
        is_digit = num[0].isdigit()
        if not is_digit and m["pct"] and m["pct"].lower().strip().startswith("point") \
                and re.search(r"\b[Aa]t\s+$", text[max(0, m.start() - 4):m.start()]):
            return True  # "at one point": a moment, no change of a percentage ("at two percent" stays)
        if m["pct"] or m["cur"] or m["scale"]:
            return False
        # Years, dates, times, ordinals.
        if is_digit and re.fullmatch(r"(?:1[6-9]|20)\d\d", num) and (not nxt_word.endswith("s")
                                                                  or _YEAR_BEFORE.search(before)):
            return True
        if nxt_word in MONTH_NAMES or re.search(r"(?:" + "|".join(MONTH_NAMES) + r")\.?\s*$", before.lower()):
            return True
        if re.match(r"(?:st|nd|rd|th)\b", after) or re.match(r"\s*(?::\d|[ap]\.?m\b)", after) or text[e:e + 1] in ":/":
            return True
        if text[max(0, s - 1):s] in "-/:#" or (text[e:e + 1] == "-" and nxt_word in TIME_NOUNS):
            return True
        if nxt_word in TIME_NOUNS or nxt_word in ("-year-old", "year-old", "years-old"):
            return True
        if re.match(r"[\-\s]year[\-\s]old", low_after):
            return True
        # Part of a name: "BBC One", "Boeing 747", "Article 50", "G20".
        if self._in_name(s, e):
            return True
        prev_word = re.search(r"([A-Z][\w\-]*)\s$", before)
        if is_digit and prev_word and prev_word.group(1) not in CAP_STOPWORDS and prev_word.group(1).lower() not in MONTH_NAMES:
            return True  # "Boeing 747", "Gate 12", "Article 50": part of a name
        if re.search(r"\b(?:number|no|article|section|chapter|page|room|flight|route|amendment|title|"
                     r"district|precinct|highway|interstate)\s*$", before, re.IGNORECASE):
            return True
        if not is_digit:
            w = num.lower()
            # "one" is a pronoun more often than a number: only with a unit or as "one in five".
            if w in ("one", "a"):
                return True
            if not nxt or not nxt_word.isalpha() or nxt_word in ("of", "to", "and", "or", "in", "on", "at",
                                                                    "times", "more", "other") and nxt_word != "other":
                return True
            # "the next three months": a span of time.
            if re.search(r"\b(?:next|last|past|first|previous|coming|the)\s*$", before.lower()) and nxt_word in TIME_NOUNS:
                return True
        else:
            if nxt_word in ("to",) and re.match(r"\s*to\s+\d", after):
                return False
            if not nxt_word and text[e:e + 1] not in ",.;":
                return True
        return False

    def _margin(self, m: re.Match, b: Block) -> bool:
        """Whether "N points" (no "percentage") is a margin of percentage points (``_POLL_WORDS``)."""
        text = self.text
        if "percentage" in m["pct"].lower():
            return True
        if _OR_PERCENT.match(text, m.end(), min(b.end, m.end() + 24)):
            return False
        lo = max(text.rfind(". ", b.start, m.start()) + 1, b.start, m.start() - 300)
        hi = text.find(". ", m.end(), b.end)
        hi = b.end if hi < 0 else min(hi, m.end() + 300)
        poll = [w.start() for w in _POLL_WORDS.finditer(text, lo, hi)]
        game = [w.start() for w in _GAME_WORDS.finditer(text, lo, hi)]
        if poll or game:
            near = min(abs(p - m.start()) for p in poll) if poll else len(text)
            return near < (min(abs(g - m.start()) for g in game) if game else len(text))
        if self._article_words is None:
            self._article_words = (len(_POLL_WORDS.findall(text)), len(_GAME_WORDS.findall(text)))
        polls, games = self._article_words
        if polls != games:
            return polls > games
        return _BY_BEFORE.search(text, max(b.start, m.start() - 25), m.start()) is not None \
            or _MARGIN_WORDS.search(text, lo, hi) is not None

    def run(self) -> list[Statistic]:
        text = self.text
        found: list[Statistic] = []
        for b in self.blocks:
            # One block's statistics at a time: the checks below look only within the block, and a
            # list of the whole article's would make each block's work grow with the article (#22).
            out: list[Statistic] = []
            changes = [(c.start(), c.end(), c) for c in CHANGE.finditer(text, b.start, b.end)]
            for m in NUMBER.finditer(text, b.start, b.end):
                if self._excluded(m):
                    continue
                # The earlier value of a change ("up from 41 per cent") is stored with the later one;
                # numbers come in text order, so only the latest such span can hold this one.
                if self.consumed and self.consumed[-1][0] <= m.start("num") < self.consumed[-1][1]:
                    continue
                value = _to_decimal(m["num"], m["scale"])
                if value is None:
                    continue
                unit, currency = "count", ""
                pct = (m["pct"] or "").lower()
                if "point" in pct:
                    unit = "percentage_points" if self._margin(m, b) else "count"
                elif pct:
                    unit = "percent"
                if m["cur"]:
                    unit, currency = "currency", CURRENCY_SYMBOLS.get(m["cur"].upper(), CURRENCY_SYMBOLS.get(m["cur"], ""))
                else:
                    cw = re.match(r"\s*(\w+)", text[m.end():m.end() + 12])
                    # ("5,200 pounds of water vapour": a weight, not sterling.)
                    if cw and cw.group(1).lower() in CURRENCY_WORDS and not re.match(
                            r"\s*pounds?\s+of\s", text[m.end():m.end() + 14], re.IGNORECASE):
                        unit, currency = "currency", CURRENCY_WORDS[cw.group(1).lower()]
                start = m.start("qual") if m["qual"] else m.start("num") - (len(m["cur"]) if m["cur"] else 0)
                if m["cur"]:
                    start = min(start, m.start("cur"))
                end = m.end()
                measure = ""
                measure_end = end
                if unit == "count" and m["pct"]:
                    measure = "points"  # a game's or an index's points (``_margin``)
                elif unit == "count":
                    measure_end = end
                    for wm in _WORD_AFTER.finditer(text, end, min(b.end, end + 60)):
                        if wm.start() != measure_end or wm.group(1).lower() in _MEASURE_STOP:
                            break
                        measure_end = wm.end()
                        if len(text[end:measure_end].split()) >= 4:
                            break
                        nxt = _WORD_AFTER.match(text, measure_end, min(b.end, end + 60))
                        if _PLURAL_HEAD.fullmatch(wm.group(1)) and not (nxt and _PLURAL_HEAD.fullmatch(nxt.group(1))):
                            break
                    measure = " ".join(text[end:measure_end].split())
                elif unit in ("percent", "percentage_points"):
                    nm = re.match(r"\s+(of\s+(?:the\s+)?[\w\s]{2,40}?)(?=[,.;]|\s+(?:to|on|in|last|this|be|is|was|were|are)\b)",
                                  text[end:end + 60])
                    if nm:
                        measure = nm.group(1).strip()
                        measure_end = end + nm.end(1)
                if unit == "count" and not measure and not m["num"][0].isdigit():
                    continue
                # "two officials said": a count of sources is attribution, not a statistic.
                if unit == "count" and measure and measure.split()[-1].lower() in SOURCE_NOUNS and \
                        _SOURCE_SPEAKS.match(text, measure_end, min(b.end, measure_end + 80)):
                    continue
                if unit == "count" and not measure and not m["scale"]:
                    continue
                # "from 1.7 per cent ... to 1.4 percent": one statistic with a previous value.
                previous = None
                merged = False
                for cs, ce, c in changes:
                    if c.start("b") <= m.start("num") < ce + 2 and m["num"] in (c["b"], ):
                        prev_val = _to_decimal(c["a"].rstrip(".,"), None)
                        for st in out:
                            if st.start >= cs and st.value == prev_val and st.previous_value is None:
                                out.remove(st)
                        previous = prev_val
                        start = cs
                        merged = True
                if not merged and any(st.start <= start < st.end for st in out[-4:]):  # in text order
                    continue
                upper = None
                rng = RANGE.search(text, max(b.start, start - 60), start)
                if rng and rng.end() == m.start() and not m["qual"]:
                    # "between 0.7 and 0.9": the range opens with the first number, closes with this one.
                    first = _to_decimal(rng["a"], rng["ascale"] or m["scale"])
                    out[-3:] = [st for st in out[-3:] if not (rng.start() <= st.start < rng.end())]
                    if first is not None:
                        value, upper, start = first, value, rng.start()
                if previous is None:
                    fp = FROM_PREVIOUS.match(text[end:min(b.end, end + 60)])
                    if fp and (bool(fp["pct"]) == (unit in ("percent", "percentage_points"))):
                        previous = _to_decimal(fp["a"], fp["scale"] or (m["scale"] if unit != "percent" else None))
                        self.consumed.append((end + fp.start("a"), end + fp.end()))
                        if not measure:
                            measure_end = end + fp.end()
                            end = measure_end
                period_m = PERIOD.search(text, end, min(b.end, end + 80))
                # The period lies within 80 characters: look no further for the sentence's end.
                window_end = min(b.end, end + 100)
                sentence_end = min(i for i in (text.find(". ", end, window_end), window_end) if i >= 0)
                period = period_m.group() if period_m and period_m.start() < sentence_end else ""
                phrase_end = end
                if measure:
                    phrase_end = measure_end
                if period and period_m.start() - phrase_end < 20:
                    phrase_end = period_m.end()
                out.append(Statistic(value=value, unit=unit, currency=currency, qualifier=(m["qual"] or "").lower(),
                                     previous_value=previous, upper_value=upper, measure=measure, period=period,
                                     text=text[start:phrase_end], start=start, end=phrase_end))
            ratios: list[tuple[int, int, Statistic]] = []  # (numbers' span, the ratio)
            for m in RATIO.finditer(text, b.start, b.end):
                a, d = _to_decimal(m["a"], None), _to_decimal(m["b"], None)
                if not a or not d or a >= d or re.match(r"\s*(?:[ap]\.?m|%|per)", text[m.end():m.end() + 5]):
                    continue
                noun = re.match(r"\s+([a-z][\w\-]*)", text[m.end():m.end() + 30])
                end = m.end() + (noun.end() if noun else 0)
                ratios.append((m.start(), m.end(), Statistic(
                    value=a, unit="ratio", upper_value=d, measure=noun.group(1) if noun else "",
                    text=text[m.start():end], start=m.start(), end=end)))
            if ratios:
                # The numbers a ratio is made of are not statistics of their own.
                spans = SpanIndex()
                for rs, re_, _ in ratios:
                    spans.add(rs, re_)
                out[:] = [st for st in out if st.start not in spans] + [r for _, _, r in ratios]
            taken = SpanIndex()
            for st in out:
                taken.add(st.start, st.end)
            for m in HUNDREDS.finditer(text, b.start, b.end):
                word = m["word"].lower()
                value = _SCALES[word] * (_SCALES[m["scale"].lower()] if m["scale"] else 1)
                if m.start() in taken:
                    continue
                out.append(Statistic(value=Decimal(value), unit="count", qualifier=word, measure=m["noun"],
                                     text=m.group(), start=m.start(), end=m.end()))
            found.extend(out)
        found.sort(key=lambda s: s.start)
        return found
