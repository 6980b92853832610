#!/usr/bin/env python3
"""Keeps Sources/ readable (issue #20): no Swift file over 400 lines, no
function, initializer or closure-bodied property over 80 lines.

Usage: python3 .ci/check_sizes.py [ROOT]   (exit 1 and a list when any is over)

A body is measured from the line of its `func`/`init`/`subscript` keyword
to the line of its closing brace, found by counting braces outside string
literals and comments (good enough for this code base: the check errs by
a line, not by tens).
"""
import re
import sys
from pathlib import Path

MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 80
START = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|package|static|class|final|override|mutating|nonmutating|nonisolated|convenience|required|@inlinable|@discardableResult)\s+)*(func\s+[^\s(<]+|init[?!]?\s*[(<]|subscript\s*[(<])')


def strip(line, in_block):
    """The line's code without strings and comments; and whether a block comment is still open."""
    out, i, n = [], 0, len(line)
    while i < n:
        if in_block:
            end = line.find('*/', i)
            if end < 0:
                return ''.join(out), True
            i, in_block = end + 2, False
        elif line.startswith('//', i):
            break
        elif line.startswith('/*', i):
            in_block, i = True, i + 2
        elif line[i] == '"':
            # Skip a one-line string literal (multi-line ones hold no braces we count wrongly often).
            j = i + 1
            while j < n and line[j] != '"':
                j += 2 if line[j] == '\\' else 1
            i = j + 1
        else:
            out.append(line[i])
            i += 1
    return ''.join(out), in_block


def functions(lines):
    """(name, first line, last line) of every body-bearing declaration."""
    found, stack, in_block = [], [], False
    depth = 0
    pending = None
    for number, raw in enumerate(lines, 1):
        code, in_block = strip(raw, in_block)
        m = START.match(code)
        if m and pending is None:
            pending = (m.group(1).strip(), number)
        for ch in code:
            if ch == '{':
                depth += 1
                if pending is not None:
                    stack.append((pending[0], pending[1], depth))
                    pending = None
            elif ch == '}':
                if stack and stack[-1][2] == depth:
                    name, start, _ = stack.pop()
                    found.append((name, start, number))
                depth -= 1
        # A protocol requirement or a declaration without a body ends at its line.
        if pending is not None and not code.rstrip().endswith((',', '(', '->')) and '{' not in code and pending[1] != number:
            pending = None
    return found


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else '.')
    problems = []
    for path in sorted((root / 'Sources').rglob('*.swift')):
        lines = path.read_text(encoding='utf-8').splitlines()
        rel = path.relative_to(root)
        if len(lines) > MAX_FILE_LINES:
            problems.append(f'{rel}: {len(lines)} lines (at most {MAX_FILE_LINES})')
        for name, start, end in functions(lines):
            if end - start + 1 > MAX_FUNCTION_LINES:
                problems.append(f'{rel}:{start}: {name} is {end - start + 1} lines (at most {MAX_FUNCTION_LINES})')
    for p in problems:
        print(p)
    if problems:
        print(f'{len(problems)} over the limits: split along meaning (see DEVELOPERS.md).')
        return 1
    print('sizes: every Swift file and function in Sources is within the limits')
    return 0


if __name__ == '__main__':
    sys.exit(main())
