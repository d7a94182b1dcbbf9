#!/usr/bin/env bash
# Publishes self-contained single-file executables to PREFIX/bin (default ~/.local), so compute nodes need no .NET.
#   ./install.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")"
prefix=${1:-$HOME/.local}
rid=${SSEARCH_RID:-linux-x64}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish src/Cli/SlurmSearch.Cli.csproj -c Release -r "$rid" --self-contained \
  -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishReadyToRun=true -p:DebugType=none -o "$out" >&2
# The A2C agent (objective of the demo and the shipped experiments) goes beside ssearch, where it looks for it.
dotnet publish experiments/Agents/SlurmSearch.Agents.csproj -c Release -r "$rid" --self-contained \
  -p:PublishSingleFile=true -p:DebugType=none -o "$out" >&2
mkdir -p "$prefix/bin"
install -m 0755 "$out/ssearch" "$prefix/bin/ssearch"
install -m 0755 "$out/rl_agent" "$prefix/bin/rl_agent"
# run_exp is "ssearch run_exp"; the shipped experiments go where run_exp looks when there is no ./experiments.
printf '#!/bin/sh\nexec "$(dirname "$0")/ssearch" run_exp "$@"\n' > "$out/run_exp"
install -m 0755 "$out/run_exp" "$prefix/bin/run_exp"
mkdir -p "$prefix/share/ssearch/experiments"
install -m 0644 experiments/*.exp "$prefix/share/ssearch/experiments/"
echo "installed $prefix/bin/ssearch, $prefix/bin/run_exp and $prefix/bin/rl_agent; experiments in $prefix/share/ssearch/experiments"
