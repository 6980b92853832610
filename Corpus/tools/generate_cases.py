#!/usr/bin/env python3
"""Deterministic generator of labelled filename cases for TomeResolver.

Reads the bundled goodbooks-10k catalog, holds some books out of it, and
writes under ``Corpus/generated/``:

* ``catalog.jsonl`` -- the source catalog minus the held-out books (every
  other line copied byte for byte, same ids);
* ``cases.tsv``     -- ``filename<TAB>expected id or -<TAB>category``;
* ``README.md``     -- provenance, the command, and the count per category;
* ``comics.catalog.jsonl`` / ``comics.cases.tsv`` -- a synthetic catalog of
  comic series (runs, issues, annuals, limited series) and manga volumes,
  some issues held out, and its cases, labelled from that catalog alone.

Labels come from the catalog's truth only. Every case whose right answer
is not well defined is skipped, never guessed: a wrong label is worse than
a missing one.

Python 3.11 standard library only. Fixed seed; no set is ever iterated in
hash order, so the output is byte-identical on every run.

    python3 Corpus/tools/generate_cases.py
"""
from __future__ import annotations

import bisect
import json
import random
import re
import sys
import textwrap
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

SEED = "tome-resolver-cases-v1"

CORPUS = Path(__file__).resolve().parent.parent
SOURCE = CORPUS / "goodbooks-10k" / "catalog.jsonl"
OUT_DIR = CORPUS / "generated"

# How many cases (or books) each plentiful category aims for.
TARGET = 350
# Held-out books: single middle volumes of series (siblings kept) and standalones.
HELD_OUT_SERIES_VOLUMES = 115
HELD_OUT_SERIES_VOLUMES_DRAWN = 15  # of which manga / comic, for scanlation names
HELD_OUT_STANDALONES = 35

SCANLATION_GROUPS = ["1r0n", "Zone-Empire", "LuCaZ", "danke-Empire", "Oak"]

CATEGORIES = [
    "opds-author-title",
    "opds-author-volume-title",
    "series-volume-title",
    "calibre-title-author",
    "flat-series-number-title",
    "amazon-series-book",
    "scanlation",
    "kepub",
    "fat-sanitized",
    "truncated",
    "ascii-folded",
    "lowercase-underscores",
    "dots",
    "typo",
    "original-script",
    "held-out",
    "duplicate-title-no-author",
    "duplicate-title-with-author",
    # Dotted / underscored variants, appended after the original categories.
    "scene-title-year",
    "scene-title-year-author",
    "underscores-title-dash-author",
    "scene-title-author",
]
# Cases per appended dotted / underscored category.
TARGET_VARIANTS = 300

# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": "...", "\u00a0": " ",
})
# Letters NFKD does not decompose into a base letter plus marks.
SPECIAL_LETTERS = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "ı": "i",
})
CALIBRE_UNSAFE = re.compile(r'[\\/:*?"<>|]')
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven",
                "eight", "nine", "ten", "eleven", "twelve", "thirteen",
                "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                "nineteen", "twenty"]


def fold(s: str) -> str:
    """ASCII-ish folding: typographic punctuation to ASCII, diacritics dropped."""
    s = s.translate(TYPOGRAPHIC).translate(SPECIAL_LETTERS)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s)


def norm(s: str) -> str:
    """Comparison key: folded, case-folded, `&` as `and`, punctuation as spaces."""
    s = fold(s).casefold().replace("&", " and ")
    s = "".join(c if c.isalnum() else " " for c in s)
    return " ".join(s.split())


def clean(s: str) -> str:
    """What any file name can hold: no path separators, no controls, single spaces."""
    s = "".join(c for c in s if unicodedata.category(c)[0] != "C")
    s = s.replace("/", "_").replace("\\", "_")
    return " ".join(s.split())


def calibre(s: str) -> str:
    return CALIBRE_UNSAFE.sub("_", " ".join(s.split()))


def fmt_index(x) -> str:
    if float(x) == int(x):
        return str(int(x))
    return repr(float(x))


def is_int_index(x) -> bool:
    return x is not None and float(x) == int(x)


def non_latin_share(s: str) -> float:
    letters = [c for c in s if unicodedata.category(c).startswith("L")]
    if not letters:
        return 0.0
    other = sum(1 for c in letters if not unicodedata.name(c, "").startswith("LATIN"))
    return other / len(letters)


def osa_within(a: str, b: str, k: int) -> bool:
    """True when the optimal-string-alignment distance of a and b is <= k.

    Common prefix and suffix are stripped, then only the band |i - j| <= k of
    the table is filled.
    """
    if abs(len(a) - len(b)) > k:
        return False
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    a, b = a[p:], b[p:]
    q = 0
    while q < len(a) and q < len(b) and a[-1 - q] == b[-1 - q]:
        q += 1
    if q:
        a, b = a[:-q], b[:-q]
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return max(n, m) <= k
    big = k + 1
    prev2: dict[int, int] = {}
    prev = {j: j for j in range(0, min(m, k) + 1)}
    for i in range(1, n + 1):
        cur: dict[int, int] = {}
        lo, hi = max(0, i - k), min(m, i + k)
        for j in range(lo, hi + 1):
            if j == 0:
                cur[0] = i
                continue
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev.get(j, big) + 1, cur.get(j - 1, big) + 1, prev.get(j - 1, big) + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2.get(j - 2, big) + 1)
            cur[j] = v
        if min(cur.values()) > k:
            return False
        prev2, prev = prev, cur
    return prev.get(m, big) <= k


# --------------------------------------------------------------------------
# Catalog
# --------------------------------------------------------------------------

class Book:
    __slots__ = ("id", "raw", "title", "authors", "series", "index", "type",
                 "alts", "year", "ntitle", "nauthors", "nseries", "line", "_names",
                 "fused_series", "raw_series")

    def __init__(self, line: str):
        d = json.loads(line)
        self.line = line
        self.raw = d
        self.id = d["id"]
        self.title = d["title"] or ""
        self.authors = [a for a in (d["authors"] or []) if a and a.strip()]
        series = d["series"] if d["series"] and d["series"].strip() else None
        # Some Goodreads suffixes fused two series into one field
        # (`Death, #1; Discworld`, index 4 of the last one): neither a series
        # name a file would carry nor an index that names one series. Books
        # like that count as having no series for every series-based shape.
        self.fused_series = series is not None and bool(re.search(r"#|;", series))
        self.raw_series = series
        self.series = None if self.fused_series else series
        self.index = d["series_index"] if self.series else None
        self.type = d["book_type"]
        self.alts = [a for a in (d["alt_titles"] or []) if a and a.strip()]
        self.year = d["year"]
        self.ntitle = norm(self.title)
        self.nauthors = [norm(a) for a in self.authors]
        self.nseries = norm(self.series) if self.series else None
        self._names = [self.ntitle]
        for a in self.alts:
            n = norm(a)
            if n and n not in self._names:
                self._names.append(n)

    @property
    def author(self) -> str:
        return clean(self.authors[0])

    @property
    def nauthor(self) -> str:
        return self.nauthors[0]

    def names(self) -> list[str]:
        """Normalized title and alternative titles."""
        return self._names


def load() -> tuple[list[str], list[Book]]:
    lines = SOURCE.read_text(encoding="utf-8").splitlines(keepends=True)
    books = [Book(l) for l in lines if l.strip()]
    ids = [b.id for b in books]
    assert len(ids) == len(set(ids)), "duplicate ids in the source catalog"
    return lines, books


class Index:
    """Look-ups over one set of books (the kept catalog, or all of them)."""

    def __init__(self, books: list[Book]):
        self.books = books
        self.by_id = {b.id: b for b in books}
        self.by_name: dict[str, list[Book]] = defaultdict(list)  # title + alt titles
        self.by_main: dict[str, list[Book]] = defaultdict(list)  # title before ':'
        self.by_series: dict[str, list[Book]] = defaultdict(list)
        for b in books:
            for n in b.names():
                self.by_name[n].append(b)
            main = norm(b.title.split(":")[0])
            if main:
                self.by_main[main].append(b)
            if b.nseries:
                self.by_series[b.nseries].append(b)
        self.by_first_word: dict[str, list[tuple[str, Book]]] = defaultdict(list)
        for b in books:
            for n in b.names():
                if n:
                    self.by_first_word[n.split()[0]].append((n, b))
        self.fused = [b for b in books if b.fused_series]
        self.sorted_names = sorted((n, b.id) for b in books for n in b.names() if n)
        self.titles_by_len: dict[int, list[tuple[str, Book]]] = defaultdict(list)
        for b in books:
            self.titles_by_len[len(b.ntitle)].append((b.ntitle, b))

    def prefix_owners(self, prefix: str) -> set[int]:
        """Ids of the books with a title or alt title that starts with prefix
        (plain string prefix: CJK titles have no spaces between words)."""
        out = set()
        i = bisect.bisect_left(self.sorted_names, (prefix, -1))
        while i < len(self.sorted_names) and self.sorted_names[i][0].startswith(prefix):
            out.add(self.sorted_names[i][1])
            i += 1
        return out

    def others_named(self, b: Book | None, ntitle: str) -> list[Book]:
        return [o for o in self.by_name.get(ntitle, []) if b is None or o.id != b.id]

    def author_clash(self, b: Book, ntitle: str | None = None) -> bool:
        """Another book with this (normalized) title or alt title and this first author."""
        nt = b.ntitle if ntitle is None else ntitle
        return any(b.nauthor in o.nauthors for o in self.others_named(b, nt))

    def near_titles(self, b: Book | None, ntitle: str, k: int) -> list[Book]:
        out = []
        for ln in range(len(ntitle) - k, len(ntitle) + k + 1):
            for t, o in self.titles_by_len.get(ln, []):
                if (b is None or o.id != b.id) and osa_within(ntitle, t, k):
                    out.append(o)
        return out

    def volume_clash(self, b: Book | None, nseries: str, n: int) -> bool:
        """Could `{Series} v{n}` mean another book than b?

        Yes when another book has this series and index, or a title / alt title
        that starts with the series' name and names the number n after it
        (`Bleach, Volume 01` has no series field at all).
        """
        for o in self.by_series.get(nseries, []):
            if (b is None or o.id != b.id) and o.index is not None and float(o.index) == n:
                return True
        wanted = {str(n)}
        if 0 <= n < len(NUMBER_WORDS):
            wanted.add(NUMBER_WORDS[n])
        for o in self.fused:
            if (b is None or o.id != b.id) and (" " + nseries + " ") in (" " + norm(o.raw_series) + " "):
                if float(o.raw["series_index"]) == n or re.search(rf"#0*{n}(?!\d)", o.raw_series):
                    return True
        for name, o in self.by_first_word.get(nseries.split()[0], []):
            if b is not None and o.id == b.id:
                continue
            if name == nseries or name.startswith(nseries + " "):
                rest = name[len(nseries):].split()
                if any(w.lstrip("0") == str(n) or w in wanted for w in rest):
                    return True
        return False


# --------------------------------------------------------------------------
# Held-out selection
# --------------------------------------------------------------------------

def plausible_to_hold_out(b: Book, every: Index) -> bool:
    """Cheap part of the test: no other book shares a name or main title with b."""
    if not b.authors or len(b.ntitle) < 4:
        return False
    for n in b.names():
        if every.others_named(b, n):
            return False
    main = norm(b.title.split(":")[0])
    if any(o.id != b.id for o in every.by_main.get(main, [])):
        return False
    if any(o.id != b.id for o in every.by_name.get(main, [])):
        return False
    return True


def safe_to_hold_out(b: Book, every: Index) -> bool:
    """Holding b out must leave no other book its name could fairly mean.

    Besides sharing no title, alt title or main title (before `:`), no other
    title may lie within two edits of b's: a typo-tolerant match to it would
    be an arguable answer, not a clear refusal.
    """
    if not plausible_to_hold_out(b, every):
        return False
    if b.nseries and every.volume_clash(b, b.nseries, int(b.index)):
        return False
    return not every.near_titles(b, b.ntitle, 2)


def choose_held_out(books: list[Book], every: Index) -> list[Book]:
    """Single middle volumes of series (one per series, siblings on both sides
    kept), some of them manga / comics, plus standalones; drawn with the seed."""
    rng = random.Random(f"{SEED}:held-out-choice")
    middle: dict[str, list[Book]] = {}
    for key in sorted(every.by_series):
        group = every.by_series[key]
        counts = Counter(float(o.index) for o in group)
        for b in sorted(group, key=lambda b: b.id):
            if not is_int_index(b.index) or counts[float(b.index)] != 1:
                continue
            i = float(b.index)
            if not any(float(o.index) < i for o in group):
                continue
            if not any(float(o.index) > i for o in group):
                continue
            if plausible_to_hold_out(b, every):
                middle.setdefault(key, []).append(b)

    def draw(keys: list[str], quota: int, want) -> list[Book]:
        out = []
        for k in keys:
            if len(out) >= quota:
                break
            cands = [b for b in middle[k] if want(b)]
            rng.shuffle(cands)
            for b in cands:
                if safe_to_hold_out(b, every):
                    out.append(b)
                    break
        return out

    drawn = lambda b: b.type in ("manga", "comic")
    drawn_keys = [k for k in middle if any(drawn(b) for b in middle[k])]
    rng.shuffle(drawn_keys)
    chosen = draw(drawn_keys, HELD_OUT_SERIES_VOLUMES_DRAWN, drawn)
    used = {b.nseries for b in chosen}
    remaining = [k for k in middle if k not in used]
    rng.shuffle(remaining)
    chosen += draw(remaining, HELD_OUT_SERIES_VOLUMES - len(chosen), lambda b: True)

    standalones = [b for b in books
                   if b.raw_series is None and plausible_to_hold_out(b, every)]
    rng.shuffle(standalones)
    picked = 0
    for b in standalones:
        if picked >= HELD_OUT_STANDALONES:
            break
        if safe_to_hold_out(b, every):
            chosen.append(b)
            picked += 1
    assert len(chosen) == HELD_OUT_SERIES_VOLUMES + HELD_OUT_STANDALONES, len(chosen)
    return sorted(chosen, key=lambda b: b.id)


# --------------------------------------------------------------------------
# Case generation
# --------------------------------------------------------------------------

class Cases:
    def __init__(self):
        self.rows: list[tuple[str, str, str, int | None]] = []

    def add(self, name: str, expected, category: str, source_id: int | None = None):
        assert category in CATEGORIES, category
        self.rows.append((name, str(expected), category, source_id))


def sample(rng: random.Random, items: list, k: int) -> list:
    items = list(items)
    rng.shuffle(items)
    return items[:k]


def typo_variants(rng: random.Random, title: str) -> str | None:
    """One typo inside a word of >= 4 ASCII letters: never in the first 2 chars
    of the title, never on a word's first letter."""
    words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+", title)]
    words = [(s, e) for s, e in words if e - s >= 4 and e > 3]
    if not words:
        return None
    for _ in range(20):
        s, e = rng.choice(words)
        kind = rng.choice(["substitute", "delete", "transpose"])
        lo = max(s + 1, 2)
        if kind == "transpose":
            if e - 1 - lo < 1:
                continue
            p = rng.randrange(lo, e - 1)
            if title[p] == title[p + 1]:
                continue
            return title[:p] + title[p + 1] + title[p] + title[p + 2:]
        if e - lo < 1:
            continue
        p = rng.randrange(lo, e)
        if kind == "delete":
            return title[:p] + title[p + 1:]
        ch = title[p]
        choices = [c for c in "abcdefghijklmnopqrstuvwxyz" if c != ch.lower()]
        new = rng.choice(choices)
        return title[:p] + (new.upper() if ch.isupper() else new) + title[p + 1:]
    return None


def dotted(s: str) -> list[str]:
    s = s.replace("'", "").replace("\u2019", "")
    return [w for w in re.split(r"[^\w]+|_", s) if w]


def truncate_utf8(s: str, limit: int) -> str:
    b = s.encode("utf-8")[:limit]
    return b.decode("utf-8", errors="ignore")


def generate(kept: list[Book], held: list[Book], every: Index) -> Cases:
    K = Index(kept)
    cases = Cases()
    rng_for = lambda cat: random.Random(f"{SEED}:{cat}")

    with_author = [b for b in kept if b.authors and b.title.strip()]
    dup_groups: dict[str, list[Book]] = defaultdict(list)
    for b in kept:
        dup_groups[" ".join(b.title.split()).casefold()].append(b)
    dup_groups = {k: v for k, v in dup_groups.items() if len(v) >= 2}
    in_dup = {b.id for v in dup_groups.values() for b in v}

    # opds-author-title
    cat = "opds-author-title"
    pool = [b for b in with_author if b.id not in in_dup and not K.author_clash(b)]
    for b in sample(rng_for(cat), pool, TARGET):
        cases.add(f"{b.author} - {clean(b.title)}.epub", b.id, cat)

    # opds-author-volume-title
    cat = "opds-author-volume-title"
    pool = [b for b in with_author if b.index is not None and not K.author_clash(b)]
    for b in sample(rng_for(cat), pool, TARGET):
        cases.add(f"{b.author} - Vol. {fmt_index(b.index)} \u2014 {clean(b.title)}.epub", b.id, cat)

    # series-volume-title: no author, so the title and index alone must decide.
    cat = "series-volume-title"
    pool = []
    for b in kept:
        if b.index is None or not b.title.strip():
            continue
        others = K.others_named(b, b.ntitle)
        if any(o.index is None or float(o.index) == float(b.index) for o in others):
            continue
        pool.append(b)
    for b in sample(rng_for(cat), pool, TARGET):
        cases.add(f"Vol. {fmt_index(b.index)} \u2014 {clean(b.title)}.epub", b.id, cat)

    # calibre-title-author
    cat = "calibre-title-author"
    pool = [b for b in with_author if b.id not in in_dup and not K.author_clash(b)]
    for b in sample(rng_for(cat), pool, TARGET):
        cases.add(f"{calibre(b.title)} - {calibre(b.authors[0])}.epub", b.id, cat)

    # flat-series-number-title
    cat = "flat-series-number-title"
    pool = []
    for b in kept:
        if not b.series or not is_int_index(b.index) or not 1 <= int(b.index) <= 999:
            continue
        if any(o.nseries == b.nseries and o.index is not None and float(o.index) == float(b.index)
               for o in K.others_named(b, b.ntitle)):
            continue
        pool.append(b)
    for b in sample(rng_for(cat), pool, TARGET):
        cases.add(f"{clean(b.series)} - {int(b.index):02d} - {clean(b.title)}.epub", b.id, cat)

    # amazon-series-book
    cat = "amazon-series-book"
    pool = []
    for b in kept:
        if not b.series or b.index is None:
            continue
        if ("(" + b.series).casefold() in b.title.casefold():
            continue
        if any(o.nseries == b.nseries and o.index is not None and float(o.index) == float(b.index)
               for o in K.others_named(b, b.ntitle)):
            continue
        pool.append(b)
    for b in sample(rng_for(cat), pool, TARGET):
        cases.add(f"{clean(b.title)} ({clean(b.series)} Book {fmt_index(b.index)}).epub", b.id, cat)

    # scanlation: only series and volume in the name.
    cat = "scanlation"
    rng = rng_for(cat)
    pool = [b for b in kept
            if b.type in ("manga", "comic") and b.series and is_int_index(b.index)
            and b.year is not None and b.year > 0
            and not K.volume_clash(b, b.nseries, int(b.index))]
    for b in pool:
        for group in rng.sample(SCANLATION_GROUPS, 3):
            cases.add(f"{clean(b.series)} v{int(b.index):02d} ({b.year}) (Digital) ({group}).cbz", b.id, cat)

    # kepub
    cat = "kepub"
    pool = [b for b in with_author if not K.author_clash(b)]
    for b in sample(rng_for(cat), pool, TARGET):
        cases.add(f"{clean(b.title)} - {b.author}.kepub.epub", b.id, cat)

    # fat-sanitized
    cat = "fat-sanitized"
    pool = [b for b in with_author if re.search(r'[:?*"<>|]', b.title) and not K.author_clash(b)]
    for b in sample(rng_for(cat), pool, TARGET):
        cases.add(f"{calibre(b.authors[0])} - {calibre(b.title)}.epub", b.id, cat)

    # truncated
    cat = "truncated"
    rng = rng_for(cat)
    n_trunc = 0
    for b in with_author:
        if K.author_clash(b):
            continue
        stem = f"{b.author} - {clean(b.title)}"
        if len((stem + ".epub").encode("utf-8")) > 240:
            cases.add(truncate_utf8(stem, 240 - len(".epub")) + ".epub", b.id, cat)
            n_trunc += 1
    # Few (here: no) names exceed 240 bytes, so also cut long titles mid-word,
    # keeping >= 5 whole words, where no other title starts the same way.
    pool = []
    for b in kept:
        t = clean(b.title)
        if len(t) < 60:
            continue
        cuts = []
        for m in re.finditer(r"\w+", t):
            whole_before = len(re.findall(r"\w+", t[:m.start()]))
            if whole_before < 5:
                continue
            for p in range(m.start() + 1, m.end()):
                if t[p - 1].isalpha() and t[p].isalpha() and p >= len(t) * 0.5 and p <= len(t) - 5:
                    cuts.append(p)
        if not cuts:
            continue
        pool.append((b, t, cuts))
    chosen = 0
    for b, t, cuts in sample(rng, pool, len(pool)):
        if chosen >= TARGET - n_trunc:
            break
        p = rng.choice(cuts)
        cut = t[:p]
        ncut = norm(cut)
        if every.prefix_owners(ncut) != {b.id}:
            continue
        cases.add(f"{cut}.epub", b.id, cat)
        chosen += 1

    # ascii-folded: every book whose title or first author folds to ASCII.
    cat = "ascii-folded"
    for b in with_author:
        t, a = clean(b.title), b.author
        if t.isascii() and a.isascii():
            continue
        ft, fa = fold(t), fold(a)
        if not (ft.isascii() and fa.isascii()) or K.author_clash(b):
            continue
        cases.add(f"{fa} - {ft}.epub", b.id, cat)
        cases.add(f"{ft} - {fa}.epub", b.id, cat)

    # lowercase-underscores
    cat = "lowercase-underscores"
    pool = [b for b in with_author if not K.author_clash(b)]
    for b in sample(rng_for(cat), pool, TARGET):
        t = clean(b.title).lower().replace(" ", "_")
        a = b.author.lower().replace(" ", "_")
        cases.add(f"{t}_-_{a}.epub", b.id, cat)

    # dots: title and author run together, so the whole word sequence must be unique.
    cat = "dots"
    seq: dict[str, list[int]] = defaultdict(list)
    for b in kept:
        if b.authors:
            for a in b.authors:
                seq[norm(" ".join(dotted(b.title) + dotted(a)))].append(b.id)
    pool = []
    for b in with_author:
        tw, aw = dotted(clean(b.title)), dotted(b.author)
        if not tw or not aw or K.author_clash(b):
            continue
        if seq[norm(" ".join(tw + aw))] != [b.id]:
            continue
        pool.append((b, tw, aw))
    for b, tw, aw in sample(rng_for(cat), pool, TARGET):
        cases.add(".".join(tw) + "." + ".".join(aw) + ".epub", b.id, cat)

    # typo
    cat = "typo"
    rng = rng_for(cat)
    pool = [b for b in with_author if len(b.title) >= 20 and not K.author_clash(b)]
    chosen = 0
    for b in sample(rng, pool, len(pool)):
        if chosen >= TARGET:
            break
        t = clean(b.title)
        typo = typo_variants(rng, t)
        if typo is None or typo == t:
            continue
        nt = norm(typo)
        if nt == b.ntitle or K.by_name.get(nt) or every.by_name.get(nt):
            continue
        if K.near_titles(b, nt, 2):
            continue
        cases.add(f"{typo} - {b.author}.epub", b.id, cat)
        chosen += 1

    # original-script: a non-Latin alt title (or title) that only this book has.
    cat = "original-script"
    for b in kept:
        forms = []
        for s in b.alts + [b.title]:
            s = clean(s)
            forms.append(s)
            stripped = re.sub(r"\s*\[[^\]]*\]\s*$", "", s).strip()
            if stripped and stripped != s:
                forms.append(stripped)
        seen = []
        for s in forms:
            if s in seen or non_latin_share(re.sub(r"\[[^\]]*\]", "", s)) < 0.5:
                continue
            seen.append(s)
            n = norm(s)
            if not n:
                continue
            # Unique: no other book of the full catalog has it as title or alt
            # title, nor a name that starts with it (a bare series name given
            # as one volume's alt title could mean any volume).
            owners = {o.id for o in every.by_name.get(n, [])} | {b.id}
            if owners != {b.id}:
                continue
            if every.prefix_owners(n) != {b.id}:
                continue
            cases.add(f"{s}.epub", b.id, cat)

    # held-out: names of books taken out of the catalog.
    cat = "held-out"
    rng = rng_for(cat)
    for b in held:
        t, a = clean(b.title), b.author
        assert not K.others_named(None, b.ntitle)
        if b.series:
            n = int(b.index)
            assert not K.volume_clash(None, b.nseries, n)
            s = clean(b.series)
            must = [f"{a} - Vol. {n} \u2014 {t}.epub"]
            if b.type in ("manga", "comic") and b.year and b.year > 0:
                must.append(f"{s} v{n:02d} ({b.year}) (Digital) ({rng.choice(SCANLATION_GROUPS)}).cbz")
            else:
                must.append(f"{s} v{n:02d}.epub")
            optional = [
                f"{s} - {n:02d} - {t}.epub",
                f"{t} ({s} Book {n}).epub",
                f"Vol. {n} \u2014 {t}.epub",
                f"{calibre(b.title)} - {calibre(b.authors[0])}.epub",
            ]
            names = must + rng.sample(optional, 2)
        else:
            optional = [
                f"{a} - {t}.epub",
                f"{calibre(b.title)} - {calibre(b.authors[0])}.epub",
                f"{t} - {a}.kepub.epub",
                f"{t.lower().replace(' ', '_')}_-_{a.lower().replace(' ', '_')}.epub",
                ".".join(dotted(t)) + "." + ".".join(dotted(a)) + ".epub",
            ]
            names = rng.sample(optional, 3)
        for name in names:
            cases.add(name, "-", cat, b.id)

    # duplicate titles
    for key in sorted(dup_groups):
        group = sorted(dup_groups[key], key=lambda b: b.id)
        t = clean(group[0].title)
        cat = "duplicate-title-no-author"
        cases.add(f"{t}.epub", "-", cat, group[0].id)
        cases.add(f"{t}.kepub.epub", "-", cat, group[0].id)
        cases.add(f"{t.lower().replace(' ', '_')}.epub", "-", cat, group[0].id)
        cat = "duplicate-title-with-author"
        for b in group:
            if not b.authors:
                continue
            if any(b.nauthor in o.nauthors for o in group if o.id != b.id) or K.author_clash(b):
                continue
            cases.add(f"{clean(b.title)} - {b.author}.epub", b.id, cat)
            cases.add(f"{b.author} - {clean(b.title)}.epub", b.id, cat)

    add_dotted_variants(cases, kept, K, in_dup, seq, rng_for)
    return cases


# Four digits that could be read as a year, or a number closing the title.
YEAR_LIKE = re.compile(r"(?<!\d)\d{4}(?!\d)")
ENDS_IN_NUMBER = re.compile(r"\d\W*$")


def dotted_key(s: str) -> str:
    """Comparison key of a name written as dotted words (apostrophes dropped)."""
    return norm(" ".join(dotted(clean(s))))


def add_dotted_variants(cases: Cases, kept: list[Book], K: Index, in_dup: set,
                        seq: dict, rng_for) -> None:
    """Scene-style dotted and lowercase underscored names of kept books.

    * `scene-title-year`: `The.Left.Hand.of.Darkness.1969.epub`, no author, so
      the title must be the book's alone (no other kept title or alt title
      with the same dotted words, no other kept book whose series is so named,
      no other name starting with `title year`);
    * `scene-title-year-author`: `Neuromancer.1984.William.Gibson.epub`;
    * `underscores-title-dash-author`: `the_left_hand_of_darkness-ursula_k_le_guin.epub`;
    * `scene-title-author`: `The.Left.Hand.Of.Darkness.Ursula.K.Le.Guin.epub`,
      every word capitalized as scene names are (the plain `Title.Author.epub`,
      title case kept, is the older `dots` category; books whose two forms
      coincide are skipped).

    The author shapes use the `dots` filter: the words of title and author
    together name no other kept book (under any of its authors) and no other
    kept book has this title and first author. The year shapes take only
    books with a four-digit year and a title that neither ends in a number
    nor holds a four-digit one. Scene (dotted) names are ASCII only.
    """
    key_owners: dict[str, list[int]] = defaultdict(list)
    for o in kept:
        for s in [o.title] + o.alts:
            k = dotted_key(s)
            if k and o.id not in key_owners[k]:
                key_owners[k].append(o.id)
    sorted_keys = sorted((k, i) for k, ids in key_owners.items() for i in ids)
    series_owners: dict[str, list[int]] = defaultdict(list)
    for o in kept:
        if o.series:
            series_owners[dotted_key(o.series)].append(o.id)

    def prefix_owners(prefix: str) -> list[int]:
        out = []
        i = bisect.bisect_left(sorted_keys, (prefix, -1))
        while i < len(sorted_keys) and sorted_keys[i][0].startswith(prefix):
            k, owner = sorted_keys[i]
            if k == prefix or k.startswith(prefix + " "):
                out.append(owner)
            i += 1
        return out

    def year_ok(b: Book, t: str) -> bool:
        return (b.year is not None and 1000 <= b.year <= 2099
                and not YEAR_LIKE.search(t) and not ENDS_IN_NUMBER.search(t))

    def author_pool(need_year: bool, ascii_only: bool) -> list[tuple[Book, list[str], list[str]]]:
        pool = []
        for b in kept:
            if not b.authors or not b.title.strip():
                continue
            t = clean(b.title)
            tw, aw = dotted(t), dotted(b.author)
            if not tw or not aw or K.author_clash(b):
                continue
            if ascii_only and not all(w.isascii() for w in tw + aw):
                continue
            if need_year and not year_ok(b, t):
                continue
            if seq[norm(" ".join(dotted(b.title) + dotted(b.authors[0])))] != [b.id]:
                continue
            if seq[norm(" ".join(tw + aw))] != [b.id]:
                continue
            pool.append((b, tw, aw))
        return pool

    # scene-title-year
    cat = "scene-title-year"
    pool = []
    for b in kept:
        t = clean(b.title)
        if b.id in in_dup or not t or not year_ok(b, t):
            continue
        tw = dotted(t)
        if not tw or not all(w.isascii() for w in tw):
            continue
        k = norm(" ".join(tw))
        if key_owners.get(k) != [b.id]:
            continue
        if any(o != b.id for o in series_owners.get(k, [])):
            continue
        if any(o != b.id for o in prefix_owners(f"{k} {b.year}")):
            continue
        pool.append((b, tw))
    for b, tw in sample(rng_for(cat), pool, TARGET_VARIANTS):
        cases.add(".".join(tw) + f".{b.year}.epub", b.id, cat)

    # scene-title-year-author
    cat = "scene-title-year-author"
    for b, tw, aw in sample(rng_for(cat), author_pool(True, True), TARGET_VARIANTS):
        cases.add(".".join(tw) + f".{b.year}." + ".".join(aw) + ".epub", b.id, cat)

    # underscores-title-dash-author
    cat = "underscores-title-dash-author"
    for b, tw, aw in sample(rng_for(cat), author_pool(False, False), TARGET_VARIANTS):
        cases.add("_".join(tw).lower() + "-" + "_".join(aw).lower() + ".epub", b.id, cat)

    # scene-title-author
    cat = "scene-title-author"
    cap = lambda ws: [w[:1].upper() + w[1:] for w in ws]
    pool = [(b, tw, aw) for b, tw, aw in author_pool(False, True) if cap(tw + aw) != tw + aw]
    for b, tw, aw in sample(rng_for(cat), pool, TARGET_VARIANTS):
        cases.add(".".join(cap(tw)) + "." + ".".join(cap(aw)) + ".epub", b.id, cat)


# --------------------------------------------------------------------------
# Generated comics catalog (synthetic series, runs and issues)
# --------------------------------------------------------------------------

COMICS_SEED = f"{SEED}:comics"
COMIC_ONGOING = 10        # ongoing series, each with 2-4 runs
COMIC_ANNUALS = 5         # of which this many also have an `Annual` series
COMIC_LIMITED = 8         # limited series (`(of N)`), one run each
MANGA_SERIES = 5
COMIC_QUOTA = 80          # cases per plentiful comics category

# Word lists for invented series names; no word is used twice, so no series
# name is another one's prefix or a near miss of it.
COMIC_ADJECTIVES = ["Astonishing", "Uncanny", "Savage", "Mighty", "Spectacular",
                    "Silent", "Crimson", "Midnight", "Eternal", "Phantom",
                    "Atomic", "Cosmic", "Golden", "Wandering", "Restless",
                    "Sovereign", "Hollow", "Brazen"]
COMIC_NOUNS = ["Falcon", "Wardens", "Sentinel", "Comet", "Vanguard", "Harbinger",
               "Nomad", "Tempest", "Lantern", "Specter", "Marauders", "Outriders",
               "Sparrow", "Paladin", "Wraith", "Corsair", "Gargoyle", "Revenant"]
COMIC_PATTERNS = ["The {a} {n}", "{a} {n}", "Captain {n}", "The {n}"]
LIMITED_EVENTS = ["War", "Reign", "Crisis", "Siege", "Reckoning", "Exodus",
                  "Requiem", "Eclipse"]
WRITER_FIRST = ["Alan", "Grace", "Victor", "Marla", "Dennis", "Ruth", "Owen",
                "Tessa", "Hugo", "Nadia", "Felix", "Irene"]
WRITER_LAST = ["Kessler", "Marsh", "Okafor", "Brandt", "Castellano", "Whitlock",
               "Ferreira", "Lindqvist", "Hollis", "Drummond", "Achterberg", "Quinlan"]
MANGA_FIRST = ["Kaze", "Tsuki", "Yoru", "Hoshi", "Kitsune", "Kurogane", "Sora"]
MANGA_SECOND = ["Tabibito", "Kagami", "Tsurugi", "Yakusoku", "Niwa", "Uta", "Shiro"]
MANGA_AUTHORS = ["Kenji Morisaki", "Aya Tachibana", "Ryo Hanazawa", "Mio Kurosaki",
                 "Daichi Amane", "Sayaka Himura", "Jun Oribe"]
COMIC_GROUPS = ["Zone-Empire", "Digital-Empire", "Minutemen-Slayer", "GreenGiant-DCP"]

COMIC_CATEGORIES = [
    # resolvable
    "comic-run-issue-year",
    "comic-run-scene",
    "comic-run-dashes",
    "comic-run-underscores-c2c",
    "comic-run-padded-c2c",
    "comic-issue-year",
    "comic-issue-lower-dash",
    "comic-issue-hash",
    "comic-issue-no",
    "comic-issue-word",
    "comic-half-issue",
    "comic-issue-zero",
    "comic-limited",
    "comic-annual",
    "manga-volume-chapters",
    "manga-volume-forms",
    # refusals (expected `-`)
    "comic-held-out",
    "comic-missing-run",
    "comic-wrong-run",
    "comic-issue-shared",
    "manga-chapter",
    "manga-chapters-only",
    "manga-held-out",
]
COMIC_REFUSALS = {"comic-held-out", "comic-missing-run", "comic-wrong-run",
                  "comic-issue-shared", "manga-chapter", "manga-chapters-only",
                  "manga-held-out"}


class Issue:
    __slots__ = ("id", "series", "run", "index", "year", "type", "author",
                 "held", "kind", "chapters", "count")

    def __init__(self, series, run, index, year, type_, author, kind, count=None):
        self.id = 0
        self.series, self.run, self.index, self.year = series, run, index, year
        self.type, self.author, self.kind, self.count = type_, author, kind, count
        self.held = False
        self.chapters = None  # (first, last) chapter of a manga volume

    @property
    def title(self) -> str:
        if self.type == "manga":
            return f"{self.series}, Vol. {fmt_index(self.index)}"
        return f"{self.series} #{fmt_index(self.index)}"

    def line(self) -> str:
        d = {"id": self.id, "title": self.title, "authors": [self.author],
             "series": self.series, "series_index": self.index}
        if self.run is not None:
            d["run"] = self.run
        d["book_type"] = self.type
        d["alt_titles"] = []
        d["language"] = "eng"
        d["year"] = self.year
        t, a = calibre(self.title), calibre(self.author)
        d["files"] = [{"path": f"{a}/{t} ({self.id})/{t} - {a}.cbz", "format": "cbz"}]
        return json.dumps(d, ensure_ascii=False) + "\n"


def build_comics() -> list[Issue]:
    """Invent the comics and manga catalog (held-out issues marked, not removed)."""
    rng = random.Random(f"{COMICS_SEED}:catalog")
    adjs, nouns = list(COMIC_ADJECTIVES), list(COMIC_NOUNS)
    rng.shuffle(adjs)
    rng.shuffle(nouns)
    writers = [f"{f} {l}" for f in WRITER_FIRST for l in WRITER_LAST]
    rng.shuffle(writers)
    issues: list[Issue] = []

    def issue_year(start: int, i) -> int:
        return start + (max(int(i), 1) - 1) // 12

    ongoing = []
    for s in range(COMIC_ONGOING):
        pattern = COMIC_PATTERNS[s % len(COMIC_PATTERNS)]
        name = pattern.format(a=adjs.pop(), n=nouns.pop())
        year_runs = s % 2 == 1  # ComicInfo Volume as the run's start year
        nruns = rng.choice([2, 3, 3, 4])
        counts = [rng.randint(150, 420)] + [rng.randint(24, 240) for _ in range(nruns - 1)]
        gaps = [rng.randint(0, 3) for _ in range(nruns - 1)]
        span = lambda: sum((c - 1) // 12 + 1 for c in counts) + sum(gaps)
        while span() > 78:
            counts[counts.index(max(counts))] -= 12
        start = rng.randint(1940, 2024 - span())
        runs = []
        for r in range(nruns):
            run = start if year_runs else r + 1
            author = writers.pop()
            n = counts[r]
            extra = []
            if rng.random() < 0.4:
                extra.append(0)
            if n >= 50:
                for _ in range(rng.randint(1, 2)):
                    extra.append(rng.randrange(2, n) + 0.5)
            for i in sorted(set(range(1, n + 1)) | set(extra)):
                issues.append(Issue(name, run, i, issue_year(start, i), "comic", author, "ongoing"))
            # Hold out a few whole middle issues of each run.
            for i in sorted(rng.sample(range(2, n), rng.randint(2, 4))):
                next(x for x in issues if x.series == name and x.run == run and x.index == i).held = True
            runs.append((run, start, n, author))
            start = issue_year(start, n) + (gaps[r] if r < nruns - 1 else 0)
        ongoing.append((name, runs))

    # Annuals: one a year from the start of (some of) the runs of the series.
    for name, runs in ongoing[:COMIC_ANNUALS]:
        aname = f"{name} Annual"
        with_annuals = runs if len(runs) <= 2 else rng.sample(runs, len(runs) - 1)
        for run, start, n, author in sorted(with_annuals):
            years = (n - 1) // 12 + 1
            count = min(years, rng.randint(3, 20))
            for i in range(1, count + 1):
                issues.append(Issue(aname, run, i, start + i - 1, "comic", author, "annual"))
            if count >= 5:
                i = rng.randrange(2, count)
                next(x for x in issues if x.series == aname and x.run == run and x.index == i).held = True

    # Limited series: one run (its start year), 4-12 issues, all in one year.
    for k in range(COMIC_LIMITED):
        name = f"{nouns.pop()} {LIMITED_EVENTS[k]}"
        count = rng.choice([4, 5, 6, 6, 8, 12])
        start = rng.randint(1985, 2023)
        author = writers.pop()
        for i in range(1, count + 1):
            issues.append(Issue(name, start, i, start, "comic", author, "limited", count))
        if k % 2 == 0:
            i = rng.randrange(2, count)
            next(x for x in issues if x.series == name and x.index == i).held = True

    # Manga: volumes of about 9 chapters, one every four months or so.
    firsts, seconds = list(MANGA_FIRST), list(MANGA_SECOND)
    rng.shuffle(firsts)
    rng.shuffle(seconds)
    authors = list(MANGA_AUTHORS)
    rng.shuffle(authors)
    for _ in range(MANGA_SERIES):
        name = f"{firsts.pop()} no {seconds.pop()}"
        author = authors.pop()
        nvol = rng.randint(14, 34)
        start = rng.randint(1995, 2015)
        chapter = 1
        vols = []
        for v in range(1, nvol + 1):
            x = Issue(name, None, v, start + (v - 1) // 3, "manga", author, "manga")
            per = rng.randint(7, 11)
            x.chapters = (chapter, chapter + per - 1)
            chapter += per
            vols.append(x)
        for x in rng.sample(vols[1:-1], 2):
            x.held = True
        issues += vols

    for i, x in enumerate(issues, start=1):
        x.id = i
    return issues


class ComicTruth:
    """What the kept comics catalog says about a name's series, run, issue and year."""

    def __init__(self, kept: list[Issue]):
        self.by_series: dict[str, list[Issue]] = defaultdict(list)
        for x in kept:
            self.by_series[x.series].append(x)
        self.runs: dict[str, list] = {}
        self.span: dict[tuple, tuple[int, int, int, int]] = {}
        for s, xs in self.by_series.items():
            runs = sorted({x.run for x in xs if x.run is not None})
            self.runs[s] = runs
            for r in runs:
                whole = [x for x in xs if x.run == r and is_int_index(x.index) and x.index >= 1]
                self.span[(s, r)] = (min(x.index for x in whole), max(x.index for x in whole),
                                     min(x.year for x in whole), max(x.year for x in whole))

    def label(self, series: str, index, run=None, year=None):
        """A book id, `-` (certainly none), or None (not certain: leave the case out).

        With a run: the book with that run and issue (and year, if given), else `-`.
        Without one: the only book with that issue (and year), provided no other
        run spans that whole issue number (and year) without holding it: a gap
        in a run may be a book missing from the catalog, not an issue that never
        was. Half issues and `#0` are sparse, so their absence is not a gap.
        """
        xs = self.by_series.get(series, [])
        if run is not None and run not in self.runs.get(series, []):
            return "-"
        cands = [x for x in xs if float(x.index) == float(index)
                 and (run is None or x.run == run) and (year is None or x.year == year)]
        if len(cands) > 1:
            return "-"
        if not cands:
            return "-"
        c = cands[0]
        if run is None and is_int_index(index) and index >= 1:
            for r in self.runs.get(series, []):
                if r == c.run:
                    continue
                lo, hi, ylo, yhi = self.span[(series, r)]
                has = any(x.run == r and float(x.index) == float(index) for x in xs)
                if not has and lo <= index <= hi and (year is None or ylo <= year <= yhi):
                    return None
        return c.id


def generate_comics():
    issues = build_comics()
    kept = [x for x in issues if not x.held]
    held = [x for x in issues if x.held]
    T = ComicTruth(kept)
    rows: list[tuple[str, str, str]] = []
    seen: dict[str, str] = {}

    def add(name: str, label, cat: str, strict: bool = True) -> bool:
        """Adds a case; a label of None (not certain) is left out, and so, when
        not strict, is a label of the other kind than the category's."""
        assert cat in COMIC_CATEGORIES, cat
        if label is None:
            return False
        label = str(label)
        if not strict and (label == "-") != (cat in COMIC_REFUSALS):
            return False
        assert (label == "-") == (cat in COMIC_REFUSALS), (name, label, cat)
        if name in seen:
            assert seen[name] == label, name
            return False
        assert "/" not in name and "\t" not in name and len(name.encode("utf-8")) <= 255, name
        seen[name] = label
        rows.append((name, label, cat))
        return True

    rng_for = lambda cat: random.Random(f"{COMICS_SEED}:{cat}")
    dashed = lambda s: "-".join(s.split())
    under = lambda s: "_".join(s.split())
    whole = lambda x: is_int_index(x.index) and x.index >= 1
    v = lambda run: f"v{run}"
    main = [x for x in kept if x.kind == "ongoing" and whole(x)]

    def fill(cat: str, pool: list, make, quota: int = COMIC_QUOTA):
        """make(rng, x) -> (name, label); adds up to quota cases."""
        rng = rng_for(cat)
        pool = sample(rng, pool, len(pool))
        n = 0
        for x in pool:
            if n >= quota:
                break
            name, label = make(rng, x)
            if add(name, label, cat):
                n += 1

    # Run + issue shapes: the run and issue name one book.
    fill("comic-run-issue-year", main, lambda r, x: (
        f"{x.series} {v(x.run)} #{int(x.index)} ({x.year}).cbz", T.label(x.series, x.index, x.run, x.year)))
    fill("comic-run-scene", main, lambda r, x: (
        f"{x.series} {v(x.run)} {int(x.index):03d} ({x.year}) (Digital) ({r.choice(COMIC_GROUPS)}).cbr",
        T.label(x.series, x.index, x.run, x.year)))
    fill("comic-run-dashes", main, lambda r, x: (
        f"{dashed(x.series)}-V{x.run}-#{int(x.index):03d}.cbr", T.label(x.series, x.index, x.run)))
    fill("comic-run-underscores-c2c", main, lambda r, x: (
        f"{under(x.series)}_{v(x.run)}_#{int(x.index):03d}_c2c.cbz", T.label(x.series, x.index, x.run)))
    fill("comic-run-padded-c2c", main, lambda r, x: (
        f"{x.series} {v(x.run)} {int(x.index):04d} ({x.year}) (c2c).cbz",
        T.label(x.series, x.index, x.run, x.year)))

    # Bare issue + year: half where the year is what decides, half where one run has the issue.
    decided = [x for x in main if T.label(x.series, x.index) != x.id]
    unique = [x for x in main if T.label(x.series, x.index) == x.id]
    cat = "comic-issue-year"
    bare_year = lambda r, x: (f"{x.series} {int(x.index):03d} ({x.year}).cbz",
                              T.label(x.series, x.index, None, x.year))
    decided = [x for x in decided if T.label(x.series, x.index, None, x.year) == x.id]
    fill(cat, decided, bare_year, COMIC_QUOTA // 2)
    fill(cat, unique, bare_year, COMIC_QUOTA - sum(1 for r in rows if r[2] == cat))

    # Bare issue, no year: only issues a single run has (others are refusals below).
    fill("comic-issue-lower-dash", unique, lambda r, x: (
        f"{dashed(x.series).lower()}-{int(x.index):03d}.cbr", T.label(x.series, x.index)))
    fill("comic-issue-hash", unique, lambda r, x: (
        f"{x.series} #{int(x.index)}.cbz", T.label(x.series, x.index)))
    fill("comic-issue-no", unique, lambda r, x: (
        f"{x.series} No. {int(x.index)}.cbz", T.label(x.series, x.index)))
    fill("comic-issue-word", unique, lambda r, x: (
        f"{x.series} Issue {int(x.index)}.cbz", T.label(x.series, x.index)))

    # Half issues and #0, every one of them.
    cat = "comic-half-issue"
    for x in kept:
        if x.kind == "ongoing" and not is_int_index(x.index):
            n = int(x.index)
            add(f"{x.series} {n:03d}.5.cbz", T.label(x.series, x.index), cat, strict=False)
            add(f"{x.series} {v(x.run)} #{n}.5 ({x.year}).cbz", T.label(x.series, x.index, x.run, x.year), cat)
    cat = "comic-issue-zero"
    for x in kept:
        if x.kind == "ongoing" and x.index == 0:
            add(f"{x.series} {v(x.run)} #0 ({x.year}).cbz", T.label(x.series, 0, x.run, x.year), cat)
            add(f"{x.series} {v(x.run)} 000 ({x.year}) (Digital).cbr", T.label(x.series, 0, x.run, x.year), cat)

    # Limited series and annuals: every kept issue.
    cat = "comic-limited"
    rng = rng_for(cat)
    for x in kept:
        if x.kind == "limited":
            w = 2 if x.count < 100 else 3
            add(f"{x.series} {x.index:0{w}d} (of {x.count:0{w}d}) ({x.year}).cbz",
                T.label(x.series, x.index, None, x.year), cat)
            if rng.random() < 0.5:
                add(f"{x.series} {x.index:03d} (of {x.count:03d}) ({x.year}) (Digital) ({rng.choice(COMIC_GROUPS)}).cbr",
                    T.label(x.series, x.index, None, x.year), cat)
    cat = "comic-annual"
    for x in kept:
        if x.kind == "annual":
            add(f"{x.series} {x.index:03d} ({x.year}).cbz", T.label(x.series, x.index, None, x.year), cat)
            add(f"{x.series} {v(x.run)} #{x.index} ({x.year}).cbz", T.label(x.series, x.index, x.run, x.year), cat)

    # Manga volumes.
    manga = [x for x in kept if x.type == "manga"]
    cat = "manga-volume-chapters"
    for x in manga:
        a, b = x.chapters
        add(f"{x.series} v{x.index:02d} c{a:03d}-{b:03d} (Digital).cbz", T.label(x.series, x.index), cat)
    cat = "manga-volume-forms"
    forms = [lambda x: f"{x.series} Vol-{x.index}.cbz", lambda x: f"{x.series} Vol.{x.index:02d}.cbz",
             lambda x: f"{x.series} vol{x.index:02d}.cbz", lambda x: f"{x.series} Vol. {x.index:04d}.cbz"]
    rng = rng_for(cat)
    for x in manga:
        for form in rng.sample(forms, 2):
            add(form(x), T.label(x.series, x.index), cat)

    # ---- refusals ----
    cat = "comic-held-out"
    rng = rng_for(cat)
    for x in held:
        s, n, y = x.series, x.index, x.year
        if x.kind == "manga":
            continue
        if x.kind == "ongoing":
            add(f"{s} {v(x.run)} #{n} ({y}).cbz", T.label(s, n, x.run, y), cat)
            add(f"{s} {v(x.run)} {n:03d} ({y}) (Digital) ({rng.choice(COMIC_GROUPS)}).cbr", T.label(s, n, x.run, y), cat)
            add(f"{under(s)}_{v(x.run)}_#{n:03d}_c2c.cbz", T.label(s, n, x.run), cat)
        elif x.kind == "limited":
            add(f"{s} {n:02d} (of {x.count:02d}) ({y}).cbz", T.label(s, n, None, y), cat)
        else:
            add(f"{s} {v(x.run)} #{n} ({y}).cbz", T.label(s, n, x.run, y), cat)
        add(f"{s} {n:03d} ({y}).cbz", T.label(s, n, None, y), cat, strict=False)
        add(f"{s} #{n}.cbz", T.label(s, n), cat, strict=False)

    # A run the series does not have: the next sequential ones, or a start
    # year outside every run's years.
    cat = "comic-missing-run"
    rng = rng_for(cat)
    missing = {}
    for s in sorted({x.series for x in main}):
        runs = T.runs[s]
        if runs[0] == 1:
            missing[s] = [runs[-1] + 1, runs[-1] + 2]
        else:
            spans = [T.span[(s, r)] for r in runs]
            missing[s] = [y for y in range(runs[0] - 12, 2026)
                          if not any(lo <= y <= hi for _, _, lo, hi in spans)]
    n_missing = 0
    for x in sample(rng, main, len(main)):
        if n_missing >= COMIC_QUOTA:
            break
        r = rng.choice(missing[x.series])
        shape = rng.randrange(3)
        if shape == 0:
            name = f"{x.series} {v(r)} #{int(x.index)}.cbz"
        elif shape == 1:
            name = f"{dashed(x.series)}-V{r}-#{int(x.index):03d}.cbr"
        else:
            name = f"{x.series} {v(r)} {int(x.index):03d} (Digital) ({rng.choice(COMIC_GROUPS)}).cbr"
        n_missing += add(name, T.label(x.series, x.index, r), cat)

    # An issue only another run of the series reaches.
    cat = "comic-wrong-run"
    rng = rng_for(cat)
    n_wrong = 0
    for x in sample(rng, main, len(main)):
        if n_wrong >= COMIC_QUOTA:
            break
        short = [r for r in T.runs[x.series] if r != x.run and T.span[(x.series, r)][1] < x.index]
        if not short:
            continue
        r = rng.choice(short)
        shape = rng.randrange(3)
        if shape == 0:
            name = f"{x.series} {v(r)} #{int(x.index)}.cbz"
        elif shape == 1:
            name = f"{dashed(x.series)}-V{r}-#{int(x.index):03d}.cbr"
        else:
            name = f"{under(x.series)}_{v(r)}_#{int(x.index):03d}_c2c.cbz"
        n_wrong += add(name, T.label(x.series, x.index, r), cat)

    # A bare issue that two runs have, with no run and no year.
    cat = "comic-issue-shared"
    rng = rng_for(cat)
    shared = [x for x in kept if x.kind in ("ongoing", "annual") and whole(x)
              and T.label(x.series, x.index) == "-"]
    shapes = [lambda x: f"{x.series} {int(x.index):03d}.cbz",
              lambda x: f"{x.series} #{int(x.index)}.cbz",
              lambda x: f"{dashed(x.series).lower()}-{int(x.index):03d}.cbr",
              lambda x: f"{x.series} No. {int(x.index)}.cbz",
              lambda x: f"{x.series} Issue {int(x.index)}.cbz"]
    n_shared = 0
    for x in sample(rng, shared, len(shared)):
        if n_shared >= 2 * COMIC_QUOTA:
            break
        n_shared += add(rng.choice(shapes)(x), T.label(x.series, x.index), cat)

    # Manga refusals: chapter files and held-out volumes.
    cat = "manga-chapter"
    rng = rng_for(cat)
    for x in manga:
        a, b = x.chapters
        add(f"{x.series} v{x.index:02d} ch{rng.randint(a, b)}.cbz", "-", cat)
    cat = "manga-chapters-only"
    for x in manga:
        a, b = x.chapters
        add(f"{x.series} c{a:03d}-{b:03d}.cbz", "-", cat)
    cat = "manga-held-out"
    for x in held:
        if x.kind == "manga":
            a, b = x.chapters
            add(f"{x.series} v{x.index:02d} c{a:03d}-{b:03d} (Digital).cbz", T.label(x.series, x.index), cat)
            for form in forms:
                add(form(x), T.label(x.series, x.index), cat)

    order = {c: i for i, c in enumerate(COMIC_CATEGORIES)}
    rows.sort(key=lambda r: order[r[2]])  # stable: keeps generation order
    kept_ids = {x.id for x in kept}
    for name, label, cat in rows:
        assert label == "-" or int(label) in kept_ids, name
    assert not kept_ids & {x.id for x in held}
    with open(OUT_DIR / "comics.catalog.jsonl", "w", encoding="utf-8", newline="") as f:
        for x in kept:
            f.write(x.line())
    with open(OUT_DIR / "comics.cases.tsv", "w", encoding="utf-8", newline="") as f:
        for name, label, cat in rows:
            f.write(f"{name}\t{label}\t{cat}\n")
    return issues, rows


# --------------------------------------------------------------------------
# Output and checks
# --------------------------------------------------------------------------

def dedupe(rows):
    by_name: dict[str, list] = defaultdict(list)
    for r in rows:
        by_name[r[0]].append(r)
    out, conflicts = [], []
    emitted = []
    for r in rows:
        group = by_name[r[0]]
        if r is not group[0]:
            continue
        if len({g[1] for g in group}) > 1:
            conflicts.append(r[0])
            continue
        emitted.append(r)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    out = sorted(emitted, key=lambda r: order[r[2]])  # stable: keeps generation order
    return out, conflicts


def verify(rows, kept_ids, held_ids, K: Index):
    counts = Counter(r[2] for r in rows)
    names = [r[0] for r in rows]
    assert len(names) == len(set(names)), "duplicate filenames"
    for name, expected, category, source in rows:
        assert name and "\t" not in name and "\n" not in name and "\r" not in name, name
        assert "/" not in name, name
        assert len(name.encode("utf-8")) <= 255, name
        line = f"{name}\t{expected}\t{category}"
        assert len(line.split("\t")) == 3, line
        if expected == "-":
            if category == "held-out":
                assert source in held_ids and source not in kept_ids, name
            else:
                assert category == "duplicate-title-no-author", name
        else:
            assert int(expected) in kept_ids, name
    total = sum(counts.values())
    assert total >= 5000, f"only {total} cases"
    return counts, total


def subjects(rows) -> Counter:
    """Distinct books per category: the expected id, else the held-out book
    (or, for a shared bare title, the first book of the group)."""
    seen = {(r[2], r[1] if r[1] != "-" else r[3]) for r in rows}
    return Counter(c for c, _ in seen)


def write_readme(counts: Counter, books: Counter, total: int, n_held: int, n_kept: int,
                 n_series_held: int, n_fused: int, issues: list, comic_rows: list):
    lines = [
        "# Generated cases",
        "",
        "Labelled filename cases and the catalog they are labelled against, made by",
        "`Corpus/tools/generate_cases.py` from the bundled goodbooks-10k sample",
        "(`Corpus/goodbooks-10k/catalog.jsonl`). **Do not edit by hand: regenerate.**",
        "",
        "## Source and licence",
        "",
        "Derived from the goodbooks-10k dataset by Zygmunt Zając (Goodreads metadata",
        "for the 10,000 most popular books), licensed",
        "[CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/). These files",
        "are derived data under the same licence and attribution; see",
        "`Corpus/README.md` for how the bundled catalog itself was derived.",
        "",
        "## Files",
        "",
        f"- `catalog.jsonl` — the bundled catalog with {n_held} books **held out**",
        f"  ({n_series_held} single middle volumes of series whose volumes before and after",
        f"  remain, the rest standalones); the other {n_kept:,} lines are copied byte for",
        "  byte, with the same ids.",
        "- `cases.tsv` — one case a line, `filename<TAB>expected<TAB>category`, UTF-8,",
        "  no header. `expected` is a book id of `catalog.jsonl`, or `-` when the right",
        "  answer is a refusal (a held-out book, or a bare title that 2+ kept books share).",
        "",
        "Labels come from the catalog's data alone, never from what the resolver",
        "answers. A case whose right answer is not well defined is left out, for",
        "instance: a title-and-author name when another kept book has the same",
        "(normalized) title or alt title and the same author; a `Vol. N — Title` name",
        "when another kept book with that title has the same or no series index; a",
        "scanlation name when another book has that series and index or a title such",
        "as `Series, Volume N`; a typo that lands within two edits of another title.",
        "",
        "## Regenerate",
        "",
        "From the repository root (Python 3.11, standard library only; fixed seed, the",
        "output is identical on every run):",
        "",
        "```sh",
        "python3 Corpus/tools/generate_cases.py",
        "```",
        "",
        "## Cases per category",
        "",
        "| category | cases | distinct books |",
        "| --- | ---: | ---: |",
    ]
    for c in CATEGORIES:
        lines.append(f"| `{c}` | {counts.get(c, 0)} | {books.get(c, 0)} |")
    lines.append(f"| **total** | **{total}** | |")
    lines += [
        "",
        "For `duplicate-title-no-author` the last column counts shared titles.",
    ]
    lines += [
        "",
        "Notes on the shapes:",
        "",
        "- `truncated`: no `{Author} - {Title}.epub` of this catalog exceeds 240 UTF-8",
        "  bytes (the longest is about 205), so the category holds long titles (≥ 60",
        "  characters) cut mid-word after at least five whole words, as `{cut}.epub`,",
        "  only where no other title or alt title of the full catalog starts the same way.",
        "- `original-script`: non-Latin alt titles (and non-Latin titles, such as the",
        "  Arabic ones) as given and with a trailing `[romanization]` removed, only where",
        "  no other book of the full catalog has that name or a name starting with it.",
        "- `ascii-folded`: every kept book whose title or first author has diacritics or",
        "  typographic punctuation that folds to ASCII, in both `Author - Title` and",
        "  `Title - Author` order.",
        "- `scanlation`: every kept manga / comic with a series, an integer index and a",
        "  year that passes the check above, under three of the groups `1r0n`, `Zone-Empire`, `LuCaZ`, `danke-Empire`, `Oak`.",
        "- `held-out` (expected `-`): for each held-out series volume `Author - Vol. N —",
        "  Title` and `{Series} vNN` (scanlation-style for manga / comics) plus two other",
        "  shapes; three shapes for each held-out standalone.",
        f"- {n_fused} books carry two Goodreads series fused into one field",
        "  (`Death, #1; Discworld`, whose index belongs to the last one only): no series",
        "  or volume shape is made for them, and none of them is held out.",
        "- Author names are written with single spaces (some catalog names hold runs of",
        "  spaces); `/` in a title becomes `_`, as no file name can hold it.",
        "- `scene-title-year` (`The.Left.Hand.of.Darkness.1969.epub`),",
        "  `scene-title-year-author` (`Neuromancer.1984.William.Gibson.epub`),",
        "  `underscores-title-dash-author` (`the_left_hand_of_darkness-ursula_k_le_guin.epub`)",
        "  and `scene-title-author` (`The.Left.Hand.Of.Darkness.Ursula.K.Le.Guin.epub`,",
        "  every word capitalized; the plain `Title.Author.epub` is `dots`, and books whose",
        "  two forms coincide are skipped): title and author as words (apostrophes dropped,",
        "  other punctuation a separator), the book's `year` as a four-digit number. A",
        "  shape with an author takes only books the `dots` filter lets through (the words",
        "  of title and author name no other kept book, no other kept book has the title",
        "  and first author); `scene-title-year` has no author, so its title must be the",
        "  book's alone: no other kept title or alt title with those words, no other kept",
        "  book in a series so named, no other name starting with `title year`. The year",
        "  shapes skip books with no four-digit year and titles that end in a number or",
        "  hold a four-digit one. Dotted names are ASCII only.",
        "",
    ]
    lines += comics_readme(issues, comic_rows)
    (OUT_DIR / "README.md").write_text("\n".join(lines), encoding="utf-8")


def comics_readme(issues: list, comic_rows: list) -> list[str]:
    kept = [x for x in issues if not x.held]
    held = [x for x in issues if x.held]
    counts = Counter(r[2] for r in comic_rows)
    books = Counter()
    for c in COMIC_CATEGORIES:
        books[c] = len({r[1] for r in comic_rows if r[2] == c and r[1] != "-"})
    kinds = Counter(x.kind for x in kept)
    series = lambda kind: sorted({x.series for x in issues if x.kind == kind})
    runs = sorted({(x.series, x.run) for x in issues if x.kind == "ongoing"})
    n_ref = sum(1 for r in comic_rows if r[1] == "-")
    lines = [
        "## Comics and manga",
        "",
        "A separate, **synthetic** catalog and its cases: invented series (names drawn",
        "from fixed word lists with the fixed seed; writers invented likewise), to be",
        "resolved against their own catalog only (ids start again at 1).",
        "",
        *textwrap.wrap(
            f"- `comics.catalog.jsonl` — {len(kept):,} books: {kinds['ongoing']:,} issues of "
            f"{len(series('ongoing'))} ongoing series in {len(runs)} runs, {kinds['annual']} "
            f"annuals of {len(series('annual'))} of them, {kinds['limited']} issues of "
            f"{len(series('limited'))} limited series and {kinds['manga']} volumes of "
            f"{len(series('manga'))} manga; {len(held)} more (whole middle issues and "
            "volumes) are **held out**, so their ids are missing.", width=80, subsequent_indent="  "),
        "  Comics have `book_type: \"comic\"`, `series_index` = the issue number, a new",
        "  optional field `run` = ComicInfo's `Volume` (a sequence number `1`, `2`, … for",
        "  half the series, the run's start year `1961`, `1979`, … for the other half),",
        "  titles `Series #245`, `#0` and half issues `#75.5`, and `year` = the issue's",
        "  year (twelve issues a year from the run's start; an annual a year). Annuals",
        "  are the series `Series Annual` with the run of the main series they belong to;",
        "  a limited series is one run (its start year) of 4–12 issues in one year. Manga",
        "  have `book_type: \"manga\"`, no `run`, `series_index` = the volume and titles",
        "  `Series, Vol. 3`; each volume holds 7–11 chapters, in order.",
        f"- `comics.cases.tsv` — {len(comic_rows):,} cases, {n_ref:,} of them refusals",
        "  (`-`), in the same three columns as `cases.tsv`.",
        "",
        "Labels follow the catalog only. A run named in the file (`v2`, `V1963`) must be",
        "one the series has, with that issue; a missing run or an issue only another run",
        "reaches is `-`. Without a run, an issue (and year, if given) names a book only",
        "when one book of the series has it, and no other run spans that whole issue",
        "number (within the year, if given) without holding it — a gap in a run may be",
        "a held-out issue, so such names are left out; half issues and `#0` are sparse,",
        "so their absence elsewhere is no gap. Two runs with the issue and no run or",
        "deciding year → `-`. A manga chapter file (`ch15`, `c015-021` alone) is not a",
        "volume → `-`; a volume file listing its chapters is that volume.",
        "",
        "| category | shape | cases | distinct books |",
        "| --- | --- | ---: | ---: |",
    ]
    shapes = {
        "comic-run-issue-year": "`Series v1 #245 (1982).cbz`",
        "comic-run-scene": "`Series v3 012 (1999) (Digital) (Zone-Empire).cbr`",
        "comic-run-dashes": "`Series-Name-V2-#031.cbr`",
        "comic-run-underscores-c2c": "`Series_Name_v1_#014_c2c.cbz`",
        "comic-run-padded-c2c": "`Series v1 0337 (1983) (c2c).cbz`",
        "comic-issue-year": "`Series 012 (2016).cbz`: half where the year picks the run",
        "comic-issue-lower-dash": "`series-name-045.cbr`",
        "comic-issue-hash": "`Series #12.cbz`",
        "comic-issue-no": "`Series No. 12.cbz`",
        "comic-issue-word": "`Series Issue 12.cbz`",
        "comic-half-issue": "`Series 075.5.cbz`, `Series v1 #75.5 (1963).cbz`",
        "comic-issue-zero": "`Series v2 #0 (1969).cbz`, `Series v2 000 (1969) (Digital).cbr`",
        "comic-limited": "`Series 02 (of 06) (2019).cbz`, `… 002 (of 006) (2019) (Digital) (Group).cbr`",
        "comic-annual": "`Series Annual 001 (1990).cbz`, `Series Annual v1 #1 (1990).cbz`",
        "manga-volume-chapters": "`Series v03 c015-021 (Digital).cbz`",
        "manga-volume-forms": "two of `Series Vol-3`, `Vol.03`, `vol03`, `Vol. 0003` (`.cbz`)",
        "comic-held-out": "held-out issues: run shapes, `Series 063 (1961).cbz`, `Series #63.cbz` (when certain)",
        "comic-missing-run": "a run the series lacks (`v5` after `v4`, a start year outside every run's years)",
        "comic-wrong-run": "an issue number only another run reaches (`Series v2 #245.cbz`)",
        "comic-issue-shared": "bare issue two runs have: `Series 012`, `#12`, `series-012`, `No. 12`, `Issue 12`",
        "manga-chapter": "`Series v03 ch15.cbz`",
        "manga-chapters-only": "`Series c015-021.cbz`",
        "manga-held-out": "held-out volumes in all five volume shapes",
    }
    for c in COMIC_CATEGORIES:
        exp = "`-`" if c in COMIC_REFUSALS else str(books[c])
        lines.append(f"| `{c}` | {shapes[c]} | {counts.get(c, 0)} | {exp} |")
    lines.append(f"| **total** | | **{len(comic_rows)}** | |")
    lines.append("")
    return lines


def main() -> int:
    lines, books = load()
    every = Index(books)
    held = choose_held_out(books, every)
    held_ids = {b.id for b in held}
    kept = [b for b in books if b.id not in held_ids]
    kept_ids = {b.id for b in kept}

    cases = generate(kept, held, every)
    rows, conflicts = dedupe(cases.rows)
    counts, total = verify(rows, kept_ids, held_ids, Index(kept))

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with open(OUT_DIR / "catalog.jsonl", "w", encoding="utf-8", newline="") as f:
        for b in books:
            if b.id not in held_ids:
                f.write(b.line if b.line.endswith("\n") else b.line + "\n")
    with open(OUT_DIR / "cases.tsv", "w", encoding="utf-8", newline="") as f:
        for name, expected, category, _ in rows:
            f.write(f"{name}\t{expected}\t{category}\n")
    written = (OUT_DIR / "catalog.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    source_lines = set(lines)
    assert len(written) == len(kept) and all(l in source_lines for l in written), \
        "generated catalog lines must be source lines copied unchanged"
    n_series_held = sum(1 for b in held if b.series)
    n_fused = sum(1 for b in books if b.fused_series)
    per_book = subjects(rows)
    issues, comic_rows = generate_comics()
    write_readme(counts, per_book, total, len(held), len(kept), n_series_held, n_fused,
                 issues, comic_rows)

    ccounts = Counter(r[2] for r in comic_rows)
    width = max(len(c) for c in CATEGORIES + COMIC_CATEGORIES)
    for c in CATEGORIES:
        print(f"{c:<{width}}  {counts.get(c, 0):5d} cases  {per_book.get(c, 0):5d} books")
    print(f"{'total':<{width}}  {total:5d}")
    print(f"held out: {len(held)} books ({n_series_held} series volumes); kept: {len(kept)}")
    print(f"dropped filenames with conflicting labels: {len(conflicts)}")
    print("checks passed: >= 5000 cases, unique filenames, 3 fields a line, "
          "ids in the generated catalog, held-out ids absent from it")
    for c in COMIC_CATEGORIES:
        print(f"{c:<{width}}  {ccounts.get(c, 0):5d} cases")
    n_ref = sum(1 for r in comic_rows if r[1] == "-")
    print(f"{'comics total':<{width}}  {len(comic_rows):5d} ({n_ref} refusals); "
          f"catalog {sum(1 for x in issues if not x.held)} books, {sum(1 for x in issues if x.held)} held out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
