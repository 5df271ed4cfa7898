// Asking the running kernel's verifier about the programs of an object, for
// `bpfcheck compare`. Each program is loaded alone through libbpf (the others
// of its object get autoload off), with nothing attached or pinned; the maps
// it needs are created for the load and freed with the object. The verifier
// runs with log level BPF_LOG_STATS (4): no instruction trace, whose printing
// would dominate the time it reports, but its error messages and the
// statistics lines this file parses ("processed N insns ... peak_states P",
// "verification time X usec"; see verifier_log.hpp).
//
// A failed load is a verifier rejection only when the verifier ran and refused
// the program. Failures before it — libbpf cannot create a map, find an attach
// target (fentry on a missing function: ESRCH), load BTF, or resolve a CO-RE
// relocation (libbpf then plants a call to helper #195896080 that the verifier
// refuses, but the fault is libbpf's) — are load errors, with their reason.
// A failure after it is no rejection either: libbpf fills the slots of a
// program array the object initialises once its programs are loaded, and a
// slot naming a program not loaded with this one fails then; the verifier
// accepted the program (its statistics are kept; verified_insns is not known).
//
// Objects libbpf will not load (a legacy `maps` section, which libbpf 1.x
// refuses; assembly without function symbols, in which it finds no program)
// are loaded from bpfcheck's own loader's linked programs with bpf_prog_load:
// maps and global data become real maps, their fds patched into the ld_imm64
// instructions. Extern symbols need libbpf and are load errors there.
#pragma once

#include "cfg/program/program.hpp"
#include "cli/kernel/verifier_log.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpfcheck::cli {

enum class KernelVerdict : std::uint8_t { Accept, Reject, LoadError, NotAvailable };

std::string_view kernel_verdict_name(KernelVerdict verdict);

struct KernelResult {
    KernelVerdict verdict = KernelVerdict::NotAvailable;
    std::string section;
    std::string type;  // as libbpf_bpf_prog_type_str spells it; empty when unknown
    int error_number = 0;
    // Reject: the verifier's last meaningful log line. Load error: why the
    // verifier never ran. Not available: why the kernel could not be asked.
    std::string error;
    VerifierStats stats;
    std::optional<std::uint32_t> verified_insns;  // bpf_prog_info, on acceptance
    std::string loader;                           // "libbpf" or "raw" (our fallback; see above)
    std::string log;                              // the verifier's whole log, with KernelLoadOptions::keep_log
};

struct KernelAvailability {
    bool available = false;
    std::string reason;  // when not available, e.g. "bpf() not permitted (not root): Operation not permitted"
};

// Loads a trivial XDP program: may this process use bpf()?
KernelAvailability probe_kernel();

// Of `helpers`, those the running kernel does not offer `program` (of the
// type and expected attach type libbpf reads from its section, or of
// `type_override`, libbpf's name, when given): a program of that type
// calling each is loaded, and the
// verifier's "unknown func" or "program of this type cannot use helper"
// says the kernel lacks it. Only definite answers count: a
// probe that cannot run (bpf() not permitted, a type that needs an attach
// target) says nothing. Answers are kept for the process's lifetime.
std::vector<std::int32_t> helpers_missing_for(const model::Program& program, const std::string& type_override,
                                              const std::vector<std::int32_t>& helpers);
// The helper ids the program's call instructions name (reached or not: the
// analysis reports only the calls it reaches).
std::vector<std::int32_t> helpers_called(const model::Program& program);

// Does the running kernel give kprobe programs a private stack? Loads a
// kprobe program whose chain of three frames holds 16 + 256 + 256 = 528
// bytes: a kernel with private stacks accepts it (the two 256-byte
// subprograms move off the kernel stack), one without refuses it with
// "combined stack size of 3 calls is 528". Anything else (bpf() not
// permitted, another refusal) is `known == false`, with the reason.
struct PrivateStackProbe {
    bool known = false;
    bool private_stack = false;
    std::string reason;
};
PrivateStackProbe probe_private_stack();

struct KernelLoadOptions {
    std::string type;  // program type override: libbpf's name (xdp, sched_cls) or a section prefix (tc, kprobe/)
    bool unprivileged = false;    // load with CAP_SYS_ADMIN and CAP_PERFMON dropped from the effective set
    std::uint32_t log_level = 4;  // BPF_LOG_STATS; `explain` asks for 1 (the failing path's states)
    bool keep_log = false;        // copy the whole log into KernelResult::log
};

// The kernel's verdict on each of `programs` (programs of `object`, read from
// object.path), in order.
std::vector<KernelResult> load_in_kernel(const model::BpfObject& object,
                                         const std::vector<const model::Program*>& programs,
                                         const KernelLoadOptions& options);

}  // namespace bpfcheck::cli
