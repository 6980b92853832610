#!/usr/bin/env python3
"""Deterministic generator of labelled filename cases for TomeResolver.

Reads the bundled goodbooks-10k catalog, holds some books out of it, and
writes under ``Corpus/generated/``:

* ``catalog.jsonl`` -- the source catalog minus the held-out books (every
  other line copied byte for byte, same ids);
* ``cases.tsv``     -- ``filename<TAB>expected id or -<TAB>category``;
* ``README.md``     -- provenance, the command, and the count per category.

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
]

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
    return cases


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
                 n_series_held: int, n_fused: int):
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
        "",
    ]
    (OUT_DIR / "README.md").write_text("\n".join(lines), encoding="utf-8")


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
    write_readme(counts, per_book, total, len(held), len(kept), n_series_held, n_fused)

    width = max(len(c) for c in CATEGORIES)
    for c in CATEGORIES:
        print(f"{c:<{width}}  {counts.get(c, 0):5d} cases  {per_book.get(c, 0):5d} books")
    print(f"{'total':<{width}}  {total:5d}")
    print(f"held out: {len(held)} books ({n_series_held} series volumes); kept: {len(kept)}")
    print(f"dropped filenames with conflicting labels: {len(conflicts)}")
    print("checks passed: >= 5000 cases, unique filenames, 3 fields a line, "
          "ids in the generated catalog, held-out ids absent from it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
