/*
** src/cli/cli.h: what the files of the trtc command share: exit statuses
** and the subcommands' entry points (listed in trtc.c's aCommand[]).
*/
#ifndef TRTC_CLI_H
#define TRTC_CLI_H

/* Exit statuses of every subcommand. */
#define TRTC_EXIT_OK 0      /* everything loaded, or already there */
#define TRTC_EXIT_PARTIAL 1 /* some input not loaded: each named on stderr */
#define TRTC_EXIT_USAGE 2   /* usage error, or a database that cannot be opened or written */

/* Subcommands: argv[0] is the subcommand's name. */
int trtcIngestMain(int argc, char **argv); /* ingest.c */
int trtcFetchMain(int argc, char **argv);  /* fetch.c */
int trtcReportMain(int argc, char **argv); /* report.c */

#endif /* TRTC_CLI_H */
