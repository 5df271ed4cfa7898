// Raw tracepoints whose pointer arguments the kernel does not give a tp_btf
// program as non-NULL trusted pointers (btf_ctx_access, the table
// raw_tp_null_args of kernel/bpf/btf.c, Linux 6.13 on: "bpf: Augment raw_tp
// arguments with PTR_MAYBE_NULL"): some may be NULL (PTR_MAYBE_NULL: the
// program checks them before reading through them) and some may hold an
// ERR_PTR ("marking pointer argN as scalar as it may encode error": a number
// to the program). Rows: the table as that patch gave it, and the entries
// Linux 6.18 adds, as its verifier types each argument (every raw tracepoint
// of its vmlinux BTF loaded once, reading all of its struct pointers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace bpfcheck::analyzer {

enum class RawTracepointArg : std::uint8_t {
    Trusted,         // PTR_TO_BTF_ID | PTR_TRUSTED
    MaybeNull,       // ... | PTR_MAYBE_NULL
    MayEncodeError,  // SCALAR_VALUE
};

// Argument `arg` (0-based, after the tracepoint's __data) of raw tracepoint
// `tracepoint` for a kernel of version `kernel_version` (KERNEL_VERSION
// encoding; 0: unknown, no table).
RawTracepointArg raw_tracepoint_arg(std::string_view tracepoint, std::size_t arg, std::uint32_t kernel_version);

}  // namespace bpfcheck::analyzer
