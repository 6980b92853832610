// A tiny C facade over the system ICU (libicu-dev).
//
// ICU renames every C entry point per version with macros
// (`utrans_transUChars` is really `utrans_transUChars_72`), which Swift
// cannot import. These wrappers have stable names, so Swift calls them instead.
//
// All text is UTF-16 (ICU's native form). Every function is safe to call
// from many threads at once: ICU service objects are opened once, and each
// thread works on its own clone, made the first time that thread asks.
#ifndef TOME_ICU_H
#define TOME_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opens the shared ICU objects. Idempotent and thread-safe; every other call
/// performs it implicitly. Returns 0 on success, otherwise a negative value and
/// writes a message (NUL-terminated) into `message`.
int32_t tome_icu_initialize(char *message, int32_t capacity);

/// Folds text for comparison: NFKC with case folding (full-width to
/// half-width, ligatures split, case folded), diacritics removed from
/// Latin, Greek and Cyrillic letters, Latin letters reduced to ASCII
/// (`ł` → `l`, `æ` → `ae`), and typographic variants folded
/// (’ ‘ → ', “ ” → ", — – ― ‐ → -, × → x, ⁄ → /).
///
/// Returns the number of UTF-16 units written to `dst`. When `capacity` is too
/// small, returns the negated length needed and writes nothing useful.
/// Returns INT32_MIN on an ICU error.
int32_t tome_icu_fold(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);

/// Transliterates any script to Latin, then to ASCII (`Any-Latin; Latin-ASCII`),
/// so that `Братья Карамазовы` can meet `Bratya Karamazovy`. Same return
/// convention as `tome_icu_fold`. The result is not folded: fold it afterwards.
int32_t tome_icu_latin(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);

/// Segments text into words with ICU's word break iterator (dictionary-based
/// for Chinese, Japanese, Thai…). Writes the UTF-16 offsets of the segments
/// whose rule status says they are words, numbers, letters, kana or ideographs
/// (punctuation and spaces are skipped). Returns the number of segments found,
/// which may exceed `capacity` (only `capacity` are written), or a negative
/// value on an ICU error.
int32_t tome_icu_words(const uint16_t *src, int32_t length,
                       int32_t *starts, int32_t *ends, int32_t capacity);

/// The ICU version string, for diagnostics.
const char *tome_icu_version(void);

#ifdef __cplusplus
}
#endif

#endif
