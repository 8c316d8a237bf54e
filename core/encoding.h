/* encoding.h — bring an input file to UTF-8: strip a UTF-8 BOM, detect GBK/GB18030
 * (invalid UTF-8 → try GB18030), or convert from a named encoding, through iconv. */
#ifndef CORE_ENCODING_H
#define CORE_ENCODING_H
#include <stddef.h>

/* Convert in[0..n) to a freshly allocated NUL-terminated UTF-8 buffer in *out (length in
 * *outlen). enc NULL or "auto": valid UTF-8 is taken as is (BOM removed), otherwise it
 * is decoded as GB18030. Any other name is passed to iconv ("GBK", "GB18030", "UTF-8").
 * On failure returns -1 and writes a message naming the byte offset and line. The
 * detected/used encoding name is written to *used (a static string) when not NULL. */
/* Details callers should know:
 *  - names are case-insensitive and '-'/'_' are ignored for the known ones (utf8, gbk,
 *    cp936, gb18030, gb2312, utf16); *used is then "UTF-8", "GBK", ...; an unknown
 *    name is given to iconv as is and *used points at enc itself;
 *  - "auto" also reads UTF-16 with a BOM (*used "UTF-16"), falls back to GBK (CP936,
 *    *used "GBK") when GB18030 fails (only for the single byte 0x80, the euro sign),
 *    and refuses, rather than decoding as GB18030, a file that has a UTF-8 BOM or at
 *    least 8 valid multi-byte UTF-8 characters before its first invalid byte: that is
 *    a damaged UTF-8 file and GB18030 would turn it into mojibake;
 *  - a leading U+FEFF never reaches the output; a NUL byte in the input does (the
 *    CSV reader rejects it);
 *  - messages look like "line 3 (byte offset 57): invalid GB18030 bytes FF 41 0D 0A"
 *    (offset 0-based in the input, line 1-based). */
int encoding_to_utf8(const char *in, size_t n, const char *enc, char **out,
                     size_t *outlen, const char **used, char *err, size_t errlen);

#endif
