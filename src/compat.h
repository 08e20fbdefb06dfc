/* compat.h — attribute macros shared by every header. */
#ifndef READS_COMPAT_H
#define READS_COMPAT_H

#if defined(__GNUC__) || defined(__clang__)
#define WUR __attribute__((warn_unused_result))
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#define UNUSED __attribute__((unused))
#else
#define WUR
#define PRINTF_LIKE(fmt, args)
#define UNUSED
#endif

#endif
