#include "tome_icu.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>
#include <unicode/uclean.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

// The folding rules applied after NFKC_Casefold. Marks are stripped only after
// Latin, Greek and Cyrillic letters: Japanese dakuten (が) and Indic vowel signs
// are marks too, and removing them would change the word.
static const char *const FOLD_RULES =
    ":: NFD ;"
    "[[:Latin:][:Greek:][:Cyrillic:]] { [:Mn:]+ > ;"
    ":: NFC ;"
    "[\\u2018\\u2019\\u201A\\u201B\\u2032\\u02BC\\u0060\\u00B4] > \\u0027 ;"
    "[\\u201C\\u201D\\u201E\\u201F\\u2033\\u00AB\\u00BB] > \\u0022 ;"
    "[\\u2010\\u2011\\u2012\\u2013\\u2014\\u2015\\u2212\\u30FC\\u2E3A\\u2E3B] > \\u002D ;"
    "\\u00D7 > x ;"
    "\\u2044 > \\u002F ;"
    "\\u2026 > '...' ;"
    ":: [:Latin:] Latin-ASCII ;";

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const UNormalizer2 *nfkc_cf = NULL;
static UTransliterator *fold_proto = NULL;
static UTransliterator *latin_proto = NULL;
static UBreakIterator *words_proto = NULL;
static pthread_key_t fold_key, latin_key, words_key;
static char init_message[256] = "";
static int32_t init_status = 0;

static void close_trans(void *p) { if (p) utrans_close((UTransliterator *)p); }
static void close_brk(void *p) { if (p) ubrk_close((UBreakIterator *)p); }

static UChar *to_uchars(const char *s, UChar *buf, int32_t cap) {
    int32_t n = (int32_t)strlen(s);
    if (n >= cap) n = cap - 1;
    u_charsToUChars(s, buf, n);
    buf[n] = 0;
    return buf;
}

static void initialize_once(void) {
    UErrorCode err = U_ZERO_ERROR;
    nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
    if (U_FAILURE(err)) {
        snprintf(init_message, sizeof init_message, "ICU NFKC_Casefold unavailable: %s", u_errorName(err));
        init_status = -1; return;
    }
    static UChar rules[2048];
    int32_t rlen = (int32_t)strlen(FOLD_RULES);
    u_charsToUChars(FOLD_RULES, rules, rlen);
    UParseError perr;
    UChar id[64];
    fold_proto = utrans_openU(to_uchars("TomeFold", id, 64), -1, UTRANS_FORWARD, rules, rlen, &perr, &err);
    if (U_FAILURE(err)) {
        snprintf(init_message, sizeof init_message, "ICU fold rules rejected at line %d offset %d: %s",
                 perr.line, perr.offset, u_errorName(err));
        init_status = -2; return;
    }
    latin_proto = utrans_openU(to_uchars("Russian-Latin/BGN; Any-Latin; Latin-ASCII", id, 64), -1, UTRANS_FORWARD, NULL, 0, &perr, &err);
    if (U_FAILURE(err)) {
        snprintf(init_message, sizeof init_message, "ICU transliterator Any-Latin unavailable: %s", u_errorName(err));
        init_status = -3; return;
    }
    words_proto = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
    if (U_FAILURE(err)) {
        snprintf(init_message, sizeof init_message, "ICU word break iterator unavailable: %s", u_errorName(err));
        init_status = -4; return;
    }
    pthread_key_create(&fold_key, close_trans);
    pthread_key_create(&latin_key, close_trans);
    pthread_key_create(&words_key, close_brk);
}

int32_t tome_icu_initialize(char *message, int32_t capacity) {
    pthread_once(&once, initialize_once);
    if (init_status != 0 && message && capacity > 0) {
        snprintf(message, (size_t)capacity, "%s", init_message);
    }
    return init_status;
}

const char *tome_icu_version(void) { return U_ICU_VERSION; }

// This thread's own clone of a prototype transliterator.
static UTransliterator *thread_trans(pthread_key_t key, const UTransliterator *proto) {
    UTransliterator *t = (UTransliterator *)pthread_getspecific(key);
    if (t) return t;
    UErrorCode err = U_ZERO_ERROR;
    t = utrans_clone(proto, &err);
    if (U_FAILURE(err)) return NULL;
    pthread_setspecific(key, t);
    return t;
}

static int32_t transliterate(UTransliterator *t, const uint16_t *src, int32_t length,
                             uint16_t *dst, int32_t capacity) {
    if (length > capacity) return -length * 4 - 16;
    memcpy(dst, src, (size_t)length * sizeof(UChar));
    int32_t textLength = length, limit = length;
    UErrorCode err = U_ZERO_ERROR;
    utrans_transUChars(t, (UChar *)dst, &textLength, capacity, 0, &limit, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) return -(textLength > capacity ? textLength : capacity * 2);
    if (U_FAILURE(err)) return INT32_MIN;
    return textLength;
}

int32_t tome_icu_fold(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    if (tome_icu_initialize(NULL, 0) != 0) return INT32_MIN;
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = unorm2_normalize(nfkc_cf, (const UChar *)src, length, (UChar *)dst, capacity, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) return -(n * 2 + 16);
    if (U_FAILURE(err)) return INT32_MIN;
    UTransliterator *t = thread_trans(fold_key, fold_proto);
    if (!t) return INT32_MIN;
    // Transliterate in place: dst holds the normalized text.
    int32_t textLength = n, limit = n;
    utrans_transUChars(t, (UChar *)dst, &textLength, capacity, 0, &limit, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) return -(textLength > capacity ? textLength : capacity * 2);
    if (U_FAILURE(err)) return INT32_MIN;
    return textLength;
}

int32_t tome_icu_latin(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    if (tome_icu_initialize(NULL, 0) != 0) return INT32_MIN;
    UTransliterator *t = thread_trans(latin_key, latin_proto);
    if (!t) return INT32_MIN;
    return transliterate(t, src, length, dst, capacity);
}

int32_t tome_icu_words(const uint16_t *src, int32_t length,
                       int32_t *starts, int32_t *ends, int32_t capacity) {
    if (tome_icu_initialize(NULL, 0) != 0) return -1;
    UBreakIterator *b = (UBreakIterator *)pthread_getspecific(words_key);
    UErrorCode err = U_ZERO_ERROR;
    if (!b) {
        b = ubrk_clone(words_proto, &err);
        if (U_FAILURE(err)) return -2;
        pthread_setspecific(words_key, b);
    }
    ubrk_setText(b, (const UChar *)src, length, &err);
    if (U_FAILURE(err)) return -3;
    int32_t count = 0;
    int32_t start = ubrk_first(b);
    for (int32_t end = ubrk_next(b); end != UBRK_DONE; start = end, end = ubrk_next(b)) {
        if (ubrk_getRuleStatus(b) < UBRK_WORD_NONE_LIMIT) continue;
        if (count < capacity) { starts[count] = start; ends[count] = end; }
        count++;
    }
    // Detach the text so the iterator never points at a freed buffer.
    ubrk_setText(b, NULL, 0, &err);
    return count;
}
