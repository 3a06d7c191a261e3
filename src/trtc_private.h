/*
** trtc_private.h: what the files of src/ share and nothing else sees.
**
** Every file but trtc_ext.c (the entry point, which uses
** SQLITE_EXTENSION_INIT1) includes this header. Declarations marked
** TRTC_PRIVATE cross files but are hidden from the dynamic symbol table:
** trtc.so exports sqlite3_trtc_init alone.
*/
#ifndef TRTC_PRIVATE_H
#define TRTC_PRIVATE_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include <assert.h>

#if defined(__GNUC__) || defined(__clang__)
#define TRTC_PRIVATE __attribute__((visibility("hidden")))
#else
#define TRTC_PRIVATE
#endif

/* SQLITE_INNOCUOUS and SQLITE_DIRECTONLY arrived in SQLite 3.31.0; the
** build requires those headers, but keep older ones compiling. */
#ifndef SQLITE_INNOCUOUS
#define SQLITE_INNOCUOUS 0
#endif
#ifndef SQLITE_DETERMINISTIC
#define SQLITE_DETERMINISTIC 0
#endif

#endif /* TRTC_PRIVATE_H */
