// The kernel releases from which a verifier rule bpfcheck models changes,
// one row each: not a helper, kfunc, instruction or program type appearing
// (the availability checks name those releases in their findings), but the
// verifier judging the same program differently (tracking bounds through an
// instruction, forking a state, trusting a pointer). The analysis compares
// AnalysisOptions::kernel_version (KERNEL_VERSION(a, b, c); 0: unknown, the
// newest rules) with these; `bpfcheck min-kernel` tries them in turn for a
// program that fails its oldest-release analysis for other reasons.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

namespace bpfcheck::analyzer::rule_release {

constexpr std::uint32_t linux_release(std::uint32_t major, std::uint32_t minor) {
    return (major << 16) | (minor << 8);
}

// check_ptr_to_btf_access refuses programs that are not GPL-compatible.
inline constexpr std::uint32_t kNonGplBtfRefused = linux_release(6, 2);
// Static subprogram calls while holding a bpf_spin_lock.
inline constexpr std::uint32_t kCallsUnderLock = linux_release(6, 9);
// Fastcall patterns shrink the stack depth; a tail call in a subprogram
// returns to the caller's state.
inline constexpr std::uint32_t kFastcallRewrites = linux_release(6, 12);
inline constexpr std::uint32_t kTailCallReturns = linux_release(6, 12);
// The x86-64 JIT's private stacks; the raw tracepoints' null-argument table.
inline constexpr std::uint32_t kPrivateStacks = linux_release(6, 13);
inline constexpr std::uint32_t kRawTracepointArgs = linux_release(6, 13);
// A constant-key array map lookup is not NULL.
inline constexpr std::uint32_t kLookupElision = linux_release(6, 14);
// Global subprograms are summarised as sleeping or not.
inline constexpr std::uint32_t kSleepableSubprogSummary = linux_release(6, 15);
// BPF_NEG keeps bounds; a speculative path's fault becomes a barrier.
inline constexpr std::uint32_t kNegRanges = linux_release(6, 17);
inline constexpr std::uint32_t kNospecFallback = linux_release(6, 17);
// AND/OR of a [-1, 0] register forks; a byte swap keeps known bits; pointers
// walked through unlisted members are untrusted; RCU-protected iterators
// need an RCU section; more raw tracepoint rows.
inline constexpr std::uint32_t kSignMaskForks = linux_release(6, 18);
inline constexpr std::uint32_t kByteSwapBits = linux_release(6, 18);
inline constexpr std::uint32_t kStrictWalkedPointers = linux_release(6, 18);
inline constexpr std::uint32_t kRcuProtectedCalls = linux_release(6, 18);
inline constexpr std::uint32_t kRawTracepointArgsLater = linux_release(6, 18);

// Every release above once, oldest first.
inline constexpr std::array kReleases{kNonGplBtfRefused, kCallsUnderLock,          kFastcallRewrites, kPrivateStacks,
                                      kLookupElision,    kSleepableSubprogSummary, kNegRanges,        kSignMaskForks};

constexpr bool listed(std::uint32_t release) {
    return std::find(kReleases.begin(), kReleases.end(), release) != kReleases.end();
}
static_assert(std::is_sorted(kReleases.begin(), kReleases.end()), "kReleases: oldest first");
static_assert(listed(kNonGplBtfRefused) && listed(kCallsUnderLock) && listed(kFastcallRewrites) &&
                  listed(kTailCallReturns) && listed(kPrivateStacks) && listed(kRawTracepointArgs) &&
                  listed(kLookupElision) && listed(kSleepableSubprogSummary) && listed(kNegRanges) &&
                  listed(kNospecFallback) && listed(kSignMaskForks) && listed(kByteSwapBits) &&
                  listed(kStrictWalkedPointers) && listed(kRcuProtectedCalls) && listed(kRawTracepointArgsLater),
              "kReleases: every release above");

// Whether a rule of `release` holds for a kernel of `kernel_version`
// (0: unknown, the newest rules).
constexpr bool holds(std::uint32_t release, std::uint32_t kernel_version) {
    return kernel_version == 0 || kernel_version >= release;
}

}  // namespace bpfcheck::analyzer::rule_release
