#!/usr/bin/env python3
"""Writes the fuzz targets' seed inputs into Fuzz/corpus/<target>/ (standard
library only; deterministic). Run from anywhere: python3 Fuzz/tools/seed_corpus.py

Seeds come from the repository's real names and catalogs, plus hostile
inputs the service must survive (FTS5 syntax, NUL, invalid UTF-8, names over
NameCheck's 4096 bytes, malformed JSON Lines). Each file is named by the
SHA-1 of its contents, as libFuzzer names what it keeps, so re-running adds
nothing twice. libFuzzer's merge mode (bash Fuzz/run.sh --merge) adds what
the fuzzer finds.
"""
import glob
import hashlib
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def write_jsonl(data):
    """A JSON Lines input, for the reader's target and the import's."""
    write("jsonl", data)
    write("import", data)


def names_of(path):
    with open(path, encoding="utf-8") as f:
        return [line.split("\t", 1)[0] for line in f if line.strip() and not line.startswith("#")]


rng = random.Random(11)
hand = []
for path in sorted(glob.glob(os.path.join(ROOT, "Corpus", "hand", "*.cases.tsv"))):
    names = names_of(path)
    hand += rng.sample(names, min(12, len(names)))
generated = rng.sample(names_of(os.path.join(ROOT, "Corpus", "generated", "cases.tsv")), 60)
generated += rng.sample(names_of(os.path.join(ROOT, "Corpus", "generated", "comics.cases.tsv")), 30)

hostile_names = [
    '"', '""', '"Dune"', '*', 'Dune*', 'NEAR', 'NEAR(a b)', 'a NEAR/2 b', 'AND', 'OR', 'NOT', 'Dune AND Messiah',
    'Dune OR NOT It', '-', '--', ' - ', '- Dune -', '-Dune', 'title:Dune', '{title}: Dune', '^Dune', '(', ')', '[',
    ']', '[]', '()', '(((((((((((', ']]]]]', '" OR 1=1 --', "'; DROP TABLE book; --", 'Dune\x00.epub', '\x00',
    '   ', '\t\n', '.epub', '..', '../../etc/passwd', '/', '\\', 'a/b/c/Dune.epub', 'C:\\Books\\Dune.epub',
    'Ｄｕｎｅ.epub', '進撃の巨人 第01巻.zip', 'e\u0301.epub', '\u200b\u200d\ufeff', '\U0001F600 Dune.epub',
    'v999999999999999999999999 Dune', 'Dune ' + '9' * 400 + '.epub', 'Dune v1-999999999999999999999.cbz',
    'c001-c000.cbz', 'v3-1 Berserk.cbz', 'Berserk v02 (2003) (Digital).cbz', '1984.epub', 'It.epub',
    'Vol. 0.5 - x', '#', '#-1', 'Fantastic Four v1 #-3 (1961).cbz', '(of 0)', 'Title (2).epub', '1-3', '1.5.epub',
    'x' * 240 + '.epub', 'Ab' * 2049, 'é' * 2049, ' ' * 4097, 'Dune - ' * 600,
]
hostile_bytes = [b'\xff', b'\xc3', b'Dune \xe2\x82.epub', b'\xed\xa0\x80.epub', b'\xf4\x90\x80\x80', b'\xc0\xaf..',
                 b'Dune\x00\xff.epub', b'\x80' * 64]

for name in hand + generated + hostile_names:
    write("filename", name)
    write("resolver", name)
for data in hostile_bytes:
    write("filename", data)
    write("resolver", data)
# The resolver reads a ko_md5 before a vertical tab.
write("resolver", "0123456789abcdef0123456789abcdef\x0bwhatever.epub")
write("resolver", "0123456789ABCDEF0123456789ABCDEF\x0b")
write("resolver", "zz\x0bThe Hunger Games.epub")

# JSON Lines: whole hand catalogs (small ones), single lines, hostile lines.
lines = []
for path in sorted(glob.glob(os.path.join(ROOT, "Corpus", "hand", "*.catalog.jsonl"))):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) <= 8192:
        write_jsonl(data)
    file_lines = [line for line in data.split(b"\n") if line.strip()]
    lines += rng.sample(file_lines, min(3, len(file_lines)))
for line in lines:
    write_jsonl(line + b"\n")
hostile_jsonl = [
    b'', b'\n', b'\n\n \t\r\n', b'{}', b'[]', b'null', b'{"id": 1}', b'{"title": "x"}', b'{"id": 1, "title": ""}',
    b'{"id": 1, "title": "   "}', b'{"id": 0, "title": "x"}', b'{"id": -1, "title": "x"}',
    b'{"id": 1.0, "title": "x"}', b'{"id": 1e2, "title": "x"}', b'{"id": 9223372036854775808, "title": "x"}',
    b'{"id": 123456789012345678, "title": "x"}', b'{"id": 1, "title": "x", "series_index": 1e400}',
    b'{"id": 1, "title": "x", "series_index": -0}', b'{"id": 1, "title": "x", "series_index": 12345678901234567}',
    b'{"id": 1, "title": "x", "series_index": 0.1000000000000000055511151231257827}',
    b'{"id": 1, "title": "x", "year": 99999999999}', b'{"id": 1, "title": "x", "run": "1"}',
    b'{"id": 1, "title": "x", "book_type": "novel"}', b'{"id": 1, "title": "x", "book_type": "light_novel"}',
    b'{"id": 1, "title": "\\ud83d\\ude00"}', b'{"id": 1, "title": "\\ud83d"}', b'{"id": 1, "title": "\\u0000"}',
    b'{"id": 1, "title": "a\\/b\\\\c\\"d\\n"}', b'{"id": 1, "title": "x", "title": "y"}',
    b'{"i\\u0064": 1, "title": "x"}', b'{"id": 1, "title": "\xff"}', b'{"id": 1, "title": "x\x00"}',
    b'{"id": 1, "title": "x", "files": [{"path": "../x.epub"}]}', b'{"id": 1, "title": "x", "files": [{"path": "/x"}]}',
    b'{"id": 1, "title": "x", "files": [{"path": ""}]}', b'{"id": 1, "title": "x", "files": [{"path": "a/../b"}]}',
    b'{"id": 1, "title": "x", "files": [{"path": "a.epub", "ko_md5": "xyz"}]}',
    b'{"id": 1, "title": "x", "files": [{"path": "a.epub", "size": -1, "format": null}]}',
    b'{"id": 1, "title": "x", "identifiers": {"isbn": "1", "isbn": "2"}}', b'{"id": 1, "title": "x", "identifiers": {"a": 1}}',
    b'{"id": 1, "title": "x", "extra": [1, {"a": [null, true, false, 1.5e-3]}, "s"]}',
    b'{"id": 1, "title": "x"}\n{"id": 1, "title": "y"}\n', b'{"id": 1, "title": "x"}\r\n{"id": 2, "title": "y"}\r\n',
    b'{"id": 1, "title": "x"', b'{"id": 1, "title": "x"}}', b'{"id": 1, "title": "x"} {"id": 2, "title": "y"}',
    b'{"id": 1, "title": "x", "authors": ["a", null]}', b'{"id": 1, "title": "x", "authors": "a"}',
    b'{"id": 1, "title": "x", "alt_titles": [' + b'"t", ' * 50 + b'"t"]}',
    b'{"id": 1, "title": "' + b'x' * 5000 + b'"}', b'[' * 200 + b']' * 200, b'{"a":' * 100 + b'1' + b'}' * 100,
]
for data in hostile_jsonl:
    write_jsonl(data)

for target in ("filename", "jsonl", "import", "resolver"):
    folder = os.path.join(CORPUS, target)
    files = os.listdir(folder)
    print(f"{target}: {len(files)} inputs, {sum(os.path.getsize(os.path.join(folder, f)) for f in files)} bytes")
