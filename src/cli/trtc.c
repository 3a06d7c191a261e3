/*
** src/cli/trtc.c: main() of the trtc command, a reporting tool that
** bundles sqlite-trtc (linked statically) and dispatches to its
** subcommands:
**
**   trtc ingest DB PATH...      load saved monitoring API responses
**   trtc fetch --sdk-app-id N --start T --end T DB
**                               fetch calls from the monitoring API (fetch.c)
**   trtc report DB -o FILE.html a self-contained HTML report of the calls
**   trtc --version              the version of the command and of SQLite
**   trtc help [COMMAND]         usage
**
** Each subcommand is one function "int xxxMain(int argc, char **argv)" in
** a file of its own (argv[0] is the subcommand's name), listed in
** aCommand[] below. Exit status (every subcommand): 0 everything done,
** 1 some input not loaded (each named on stderr), 2 usage error or a
** database that cannot be opened or written.
*/
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct TrtcCommand {
  const char *zName;
  int (*xMain)(int argc, char **argv);
  const char *zSummary;
} aCommand[] = {
    { "ingest", trtcIngestMain, "load saved monitoring API responses into a database" },
    { "fetch", trtcFetchMain, "fetch calls from TRTC's monitoring API into a database" },
    { "report", trtcReportMain, "write a self-contained HTML report of the calls in a database" },
    { 0, 0, 0 },
};

static void usage(FILE *out) {
  const struct TrtcCommand *p;
  fprintf(out,
          "usage: trtc COMMAND [OPTIONS] ...\n"
          "\n"
          "Tencent Cloud TRTC event logs in SQLite (sqlite-trtc %s).\n"
          "\n"
          "Commands:\n",
          PACKAGE_VERSION);
  for (p = aCommand; p->zName; p++) fprintf(out, "  %-10s %s\n", p->zName, p->zSummary);
  fprintf(out,
          "\n"
          "'trtc COMMAND --help' or 'man trtc' for the details; --version for versions.\n");
}

int main(int argc, char **argv) {
  const struct TrtcCommand *p;
  const char *zCmd = argc > 1 ? argv[1] : 0;
  if (zCmd == 0) {
    usage(stderr);
    return TRTC_EXIT_USAGE;
  }
  if (strcmp(zCmd, "-h") == 0 || strcmp(zCmd, "--help") == 0) {
    usage(stdout);
    return TRTC_EXIT_OK;
  }
  if (strcmp(zCmd, "--version") == 0) {
    printf("trtc (sqlite-trtc) %s, SQLite %s\n", PACKAGE_VERSION, sqlite3_libversion());
    return TRTC_EXIT_OK;
  }
  if (strcmp(zCmd, "help") == 0) {
    if (argc > 2) {
      char *aHelp[] = { argv[2], "--help", 0 };
      for (p = aCommand; p->zName; p++) {
        if (strcmp(p->zName, argv[2]) == 0) return p->xMain(2, aHelp);
      }
      fprintf(stderr, "trtc: no such command: %s\n", argv[2]);
      return TRTC_EXIT_USAGE;
    }
    usage(stdout);
    return TRTC_EXIT_OK;
  }
  for (p = aCommand; p->zName; p++) {
    if (strcmp(p->zName, zCmd) == 0) return p->xMain(argc - 1, argv + 1);
  }
  fprintf(stderr, "trtc: no such command: %s (see 'trtc --help')\n", zCmd);
  return TRTC_EXIT_USAGE;
}
