// Which kernel variables a program loads the address of (typed ksyms:
// `extern const T name __ksym`) that the running kernel's symbol table does
// not list: libbpf finds such a variable in the kernel's BTF, but the kernel
// then looks its address up by name (check_pseudo_btf_id,
// kallsyms_lookup_name) and refuses the program without it ("ldimm64 failed
// to find the address for kernel symbol"), as on kernels built without
// CONFIG_KALLSYMS_ALL, whose symbol table lists functions but not per-CPU or
// other data. The analysis reports those loads (AnalysisOptions::
// ksyms_missing_from_kallsyms).
#pragma once

#include "cfg/program/program.hpp"

#include <string>
#include <vector>

namespace bpfcheck::cli {

// Of the kernel variables `program` of `object` loads with ld_imm64, those
// /proc/kallsyms does not name; empty when it cannot be read or lists
// nothing. It is read once per process, and only for a program with such a
// load.
std::vector<std::string> ksyms_missing_from_kallsyms(const model::BpfObject& object, const model::Program& program);

}  // namespace bpfcheck::cli
