/*
** sqlite-trtc.h: the public interface of sqlite-trtc, a SQLite extension
** that decodes Tencent Cloud TRTC event ids.
**
** Loadable:   .load /usr/local/lib/sqlite3/trtc     (sqlite3 shell)
** Bundled:    link libsqlite_trtc.a (built with -DSQLITE_CORE) and call
**
**     sqlite3_auto_extension((void (*)(void))sqlite3_trtc_init);
**
** before opening connections, or sqlite3_trtc_init(db, &zErr, NULL) on
** one connection. On failure it returns an SQLite error code and, when
** pzErrMsg is not NULL, sets *pzErrMsg to a message the caller frees
** with sqlite3_free().
*/
#ifndef SQLITE_TRTC_H
#define SQLITE_TRTC_H

#include <sqlite3.h>

#ifdef __cplusplus
extern "C" {
#endif

int sqlite3_trtc_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

#ifdef __cplusplus
}
#endif

#endif /* SQLITE_TRTC_H */
