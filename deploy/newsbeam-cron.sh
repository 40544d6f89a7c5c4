#!/bin/sh
# Runs `newsbeam run ARGS...` for cron and turns its exit status into what cron should report.
# POSIX sh (no bashisms). See deploy/crontab.example and deploy/README.md.
#
#   newsbeam-cron.sh --config FILE --state DIR --output 'DIR/{date}/{run_id}' [more options]
#
#   newsbeam exit  meaning                                          this script
#   0              finished                                         exit 0, quiet
#   75             skipped: another run holds the state's lock      exit 0, a "skipped" line
#   1              failed or interrupted; nothing was committed     exit 1 (the next tick retries)
#   2              usage, config or state error                     exit 2 (fix it; no use retrying)
#   3              finished, dead letters above the threshold       exit 3 (outputs are complete;
#                                                                           someone should look)
#
# Environment:
#   NEWSBEAM_BIN       the newsbeam executable (default: newsbeam, found on PATH)
#   NEWSBEAM_LOG       append newsbeam's output and this script's lines to this file; the lines
#                      for 1, 2, 3 (and anything unexpected) also go to stderr, so cron mails
#                      (MAILTO) only the runs a person has to look at. Unset: all output goes
#                      to stdout/stderr as it comes.
#   NEWSBEAM_ENV_FILE  read KEY=value lines (secrets such as the variable the config's
#                      state.url_env names) from this file and export them to newsbeam
set -u
umask 027    # runs readable by the newsbeam group only, as with the systemd unit's UMask=

bin=${NEWSBEAM_BIN:-newsbeam}
log=${NEWSBEAM_LOG:-}
env_file=${NEWSBEAM_ENV_FILE:-}

say() {  # say quiet|loud MESSAGE...: one line to the log; loud lines (or no log) to stderr
    loudness=$1
    shift
    line="$(date -u +%Y-%m-%dT%H:%M:%SZ) newsbeam-cron: $*"
    if [ -n "$log" ]; then
        printf '%s\n' "$line" >>"$log"
    fi
    if [ -z "$log" ] || [ "$loudness" = loud ]; then
        printf '%s\n' "$line" >&2
    fi
}

# (a subshell: a failed redirection of a special builtin such as ':' would end this shell)
if [ -n "$log" ] && ! (: >>"$log") 2>/dev/null; then
    bad_log=$log
    log=
    say loud "cannot write to NEWSBEAM_LOG $bad_log; not run (exit 2)"
    exit 2
fi
if [ -n "$env_file" ]; then
    if [ ! -r "$env_file" ]; then
        say loud "cannot read NEWSBEAM_ENV_FILE $env_file; not run (exit 2)"
        exit 2
    fi
    case $env_file in */*) ;; *) env_file=./$env_file ;; esac   # '.' searches PATH otherwise
    set -a
    . "$env_file"
    set +a
fi

if [ -n "$log" ]; then
    "$bin" run "$@" >>"$log" 2>&1
else
    "$bin" run "$@"
fi
status=$?

case $status in
    0)  say quiet "finished (exit 0)" ;;
    75) say quiet "skipped: another run holds the state's lock (exit 75); the next tick runs"
        exit 0 ;;
    1)  say loud "failed or interrupted (exit 1): nothing was committed; the next tick retries" ;;
    2)  say loud "usage, configuration or state error (exit 2): fix it, retrying will not help" ;;
    3)  say loud "finished with dead letters above the threshold (exit 3): outputs are" \
            "complete; look at the run's dead_letter.jsonl" ;;
    *)  say loud "unexpected exit status $status" ;;
esac
exit "$status"
