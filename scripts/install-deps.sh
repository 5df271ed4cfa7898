#!/usr/bin/env bash
# Installs every build, test and benchmark dependency of bpfcheck from
# Debian bookworm packages. Run as root on a fresh machine; safe to re-run.
# linux-source-6.12 (bookworm-security) and bpftool feed the selftests test
# (tests/selftests): the kernel's verifier selftests and vmlinux.h.
# pre-commit and python3-jsonschema: the CI-gate tests (tests/cli); cli.sarif
# also installs Microsoft's SARIF validator with npm where npm is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git python3
  llvm-19-dev llvm-19-tools clang-19 lld-19 libclang-rt-19-dev
  libboost-graph-dev libfmt-dev catch2 libcli11-dev nlohmann-json3-dev
  libyaml-cpp-dev libbpf-dev libelf-dev zlib1g-dev libzstd-dev libedit-dev
  libcurl4-openssl-dev libxml2-dev libffi-dev
  linux-libc-dev xdp-tools libbpf-tools gnuplot-nox
  linux-source-6.12 bpftool golang-github-cilium-ebpf-dev gcc-bpf
  clang-format clang-tidy time
  libtcmalloc-minimal4  # the allocator the bpfcheck executable links when present (CMakeLists.txt)
  chromium  # headless, for the explain.html test of `bpfcheck explain --format html`
  pre-commit python3-jsonschema  # cli.pre_commit, cli.sarif (tests/cli)
)

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps.sh: run as root (apt-get install needs it)" >&2
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
