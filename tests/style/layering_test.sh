#!/usr/bin/env bash
# The layering DESIGN.md states, checked on the sources: domains/ includes
# neither LLVM, Boost.Graph nor cfg/; the analyzer sees the program model
# (cfg/program/), never the loader (cfg/loader/) or LLVM.
set -u
root=${1:?usage: layering_test.sh SOURCE_ROOT}
cd "$root" || exit 2
status=0
report() { echo "FAIL  $1:"; echo "$2" | sed 's/^/      /'; status=1; }
found=$(grep -rnE '#include [<"](llvm/|boost/graph|cfg/)' domains || true)
[[ -z $found ]] || report "domains/ includes LLVM, Boost.Graph or cfg/" "$found"
found=$(grep -rnE '#include [<"](llvm/|cfg/loader/|bpf/)' analyzer || true)
[[ -z $found ]] || report "analyzer/ includes the loader, LLVM or libbpf" "$found"
[[ $status -eq 0 ]] && echo "layering holds: domains/ free of LLVM/Boost.Graph/cfg, analyzer/ free of the loader"
exit $status
