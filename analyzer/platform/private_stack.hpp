// Private stacks: since Linux 6.13 the verifier lets the JIT give a
// program's subprograms their own per-CPU stack instead of the kernel's,
// and then the 512-byte limit on a call chain's combined stack no longer
// applies to them (kernel/bpf/verifier.c: bpf_enable_priv_stack,
// check_max_stack_depth). Whether a kernel does this is decided by how it
// was built (an architecture JIT whose bpf_jit_supports_private_stack() is
// true), not by its version alone, so the analysis reads it from its
// options; this file has the rule it falls back on and the program types
// it concerns.
#pragma once

#include "analyzer/platform/rule_releases.hpp"

#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer {

// BPF_PRIV_STACK_MIN_SIZE: a subprogram whose stack (rounded up to 16
// bytes) is smaller stays on the kernel stack, to spare the JIT's overhead.
inline constexpr int kPrivateStackMinSize = 64;

// The documented default of a release, used when the kernel cannot be
// asked (an explicit --kernel X.Y, or bpf() not permitted): 6.13 and later
// (the x86-64 JIT gained private stacks in 6.13). 0 (unknown version): yes.
constexpr bool private_stack_by_version(std::uint32_t kernel_version) {
    return rule_release::holds(rule_release::kPrivateStacks, kernel_version);
}

// bpf_enable_priv_stack's program types: kprobe, tracepoint, perf_event,
// raw_tracepoint (not its writable variant, a type of its own) always;
// tracing when bpf_prog_check_recur holds, i.e. not for iterators. LSM and
// struct_ops programs only on request (struct_ops' priv_stack_requested).
constexpr bool private_stack_type(std::string_view type, std::string_view section) {
    if (type == "tracing") {
        return !section.starts_with("iter");
    }
    return type == "kprobe" || type == "tracepoint" || type == "perf_event" || type == "raw_tracepoint";
}

}  // namespace bpfcheck::analyzer
