// probe_helpers: ask the running kernel's verifier which helpers each program
// type (and attach-type variant) may call. Shared by the probe_helpers tool,
// which generates analyzer/platform/helpers/helper_availability_data.inc, and by
// helper_availability_test, which re-probes a sample against the running
// kernel. See probe_helpers.c for how a probe works.
#ifndef BPFCHECK_PROBE_HELPERS_H
#define BPFCHECK_PROBE_HELPERS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// Who loads: the verifier asks capable() while it verifies, so the probe
// lowers its effective capabilities around each load (permitted ones stay).
enum probe_level {
    PROBE_LEVEL_ROOT = 0,     // every capability (CAP_SYS_ADMIN included)
    PROBE_LEVEL_BPF_NET = 1,  // CAP_BPF + CAP_NET_ADMIN only: no CAP_PERFMON, no CAP_SYS_ADMIN
    PROBE_LEVEL_COUNT = 2,
};

enum probe_result {
    PROBE_ALLOWED = 0,      // the verifier found a prototype (it may then reject the arguments)
    PROBE_NOT_FOR_TYPE,     // "program of this type cannot use helper"
    PROBE_UNKNOWN_HELPER,   // "invalid func" / "unknown func": the kernel does not know the id
    PROBE_NEEDS_SLEEPABLE,  // "helper call might sleep in a non-sleepable prog"
    PROBE_NOT_IN_PROBE,     // "helper call is not allowed in probe": the proto's allowed() refused the attach target
    PROBE_GPL_ONLY,         // "cannot call GPL-restricted function" (only when probing with a non-GPL license)
    PROBE_VARIANT_UNAVAILABLE,  // the variant's empty program does not load (type or attach target missing, level too
                                // low)
    PROBE_ERROR,                // bpf() failed without a verifier log we understand
};

struct probe_variant {
    const char* type;      // program type as libbpf_bpf_prog_type_str spells it
    const char* attach;    // expected attach type as libbpf_bpf_attach_type_str spells it, "" for none
    const char* target;    // BTF target: function, typedef, or "struct:member"; "" for none
    unsigned prog_type;    // enum bpf_prog_type
    unsigned attach_type;  // enum bpf_attach_type
    unsigned flags;        // BPF_PROG_LOAD prog_flags (BPF_F_SLEEPABLE, BPF_F_XDP_HAS_FRAGS)
    int sleepable;
};

int probe_variant_count(void);
const struct probe_variant* probe_variant_at(int index);
const char* probe_result_name(enum probe_result result);

// Reads the running kernel's BTF (for attach targets) and checks that bpf()
// works. Returns 0, or a non-zero errno with `why` filled.
int probe_init(char* why, size_t why_size);
void probe_fini(void);

// Whether the variant's empty program (r0 = 0; exit) loads at `level`.
int probe_variant_loads(int variant, enum probe_level level);

// Probes helper `helper_id` in `variant` at `level`. With `gpl` zero the
// program's license is "Proprietary", to see whether the helper's proto for
// this type is gpl_only. `detail` (may be NULL) receives the verifier's first
// error line.
enum probe_result probe_helper(int variant, int helper_id, enum probe_level level, int gpl, char* detail,
                               size_t detail_size);

#ifdef __cplusplus
}
#endif

#endif
