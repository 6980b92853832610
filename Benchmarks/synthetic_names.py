"""Device filenames made from a synthetic catalog's books (`tome-resolve
generate`), shared by Benchmarks/http.sh and Benchmarks/soak.sh.

Names meant to resolve come from books that the name's evidence singles out
in the catalog: a (title, first author) pair, or a (series, volume) pair,
that no other book has. (The synthetic catalog repeats a series' title on
many of its volumes: `Author - Title` of such a book is rightly refused as
ambiguous, which is not what these names are for.) Refusals are volumes no
series has, chapter files and volume ranges; each script adds its own
unknown names, then shuffles.

Draws from `rng` in a fixed order, so a seed gives the same names on every
run.
"""
import collections


def ext(book):
    """The format of the book's first file (`epub` when it has none)."""
    files = book.get("files") or []
    return (files[0].get("format") if files else None) or "epub"


def key(*parts):
    return tuple(" ".join(str(p).casefold().split()) for p in parts)


def integral(x):
    return x is not None and float(x) == int(x)


def names_from(books, rng, author_title, title_author, vol_series, missing_volume, chapters, ranges):
    """(name, source book id or None for an expected refusal, shape) tuples:
    `author_title` `{Author} - {Title}.{ext}`, `title_author`
    `{Title} - {Author}.{ext}`, `vol_series` `Vol. N — {Series}.{ext}`, then
    `missing_volume` volumes 900 past a series' own, `chapters`
    `{Series} Chapter N.cbz` and `ranges` `{Series} v01-03.cbz` to refuse."""
    pairs = collections.Counter(key(b["title"], b["authors"][0]) for b in books if b.get("authors"))
    volumes = collections.Counter(key(b["series"], b["series_index"]) for b in books
                                  if b.get("series") and b.get("series_index") is not None)
    plain = [b for b in books if b.get("authors") and pairs[key(b["title"], b["authors"][0])] == 1]
    series = [b for b in books if b.get("series") and integral(b.get("series_index"))
              and volumes[key(b["series"], b["series_index"])] == 1]
    names = []
    for b in rng.sample(plain, author_title):
        names.append((f"{b['authors'][0]} - {b['title']}.{ext(b)}", b["id"], "author-title"))
    for b in rng.sample(plain, title_author):
        names.append((f"{b['title']} - {b['authors'][0]}.{ext(b)}", b["id"], "title-author"))
    for b in rng.sample(series, vol_series):
        names.append((f"Vol. {int(b['series_index'])} — {b['series']}.{ext(b)}", b["id"], "vol-series"))
    for b in rng.sample(series, missing_volume):
        names.append((f"Vol. {int(b['series_index']) + 900} — {b['series']}.{ext(b)}", None, "refusal"))
    for b in rng.sample(series, chapters):
        names.append((f"{b['series']} Chapter {rng.randint(2, 180)}.cbz", None, "refusal"))
    for b in rng.sample(series, ranges):
        names.append((f"{b['series']} v01-03.cbz", None, "refusal"))
    return names
