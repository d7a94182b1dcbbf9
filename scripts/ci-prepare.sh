#!/usr/bin/env bash
# ci-prepare.sh - called by .ci/run (when executable) before the test suite.
# Brings up the project's single-node Slurm from a clean controller state (job ids start at 1,
# no jobs left over from an earlier run) and creates the marker file
#   /run/slurm-local/ssearch-ci-required
# which tells the [SlurmFact] tests that Slurm is REQUIRED here: with the marker present a
# missing or broken Slurm makes those tests fail instead of skip. Nothing is exported to the
# environment. Outside CI, without the marker, the tests skip when Slurm is not available;
# start it by hand with `scripts/local-slurm.sh start` (as root).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "ci-prepare: not running as root, so the local Slurm cannot be started; the Slurm tests will skip" >&2
  exit 0
fi

# The sweep tests drive a real (private, headless) tmux server.
if ! command -v tmux >/dev/null 2>&1; then
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux; } >/dev/null; then
    echo "ci-prepare: tmux could not be installed; the tmux sweep tests will fail" >&2
  fi
fi

mkdir -p /run/slurm-local
# The marker goes first: if the start below fails, the Slurm tests must fail loudly too.
: > /run/slurm-local/ssearch-ci-required
# A failed start must not stop the rest of the suite: the marker makes the Slurm tests fail.
if ! SLURM_LOCAL_CLEAN=1 scripts/local-slurm.sh start; then
  echo "ci-prepare: the local Slurm did not start; the Slurm tests will fail" >&2
fi
