// `--private-stack auto|yes|no`: whether the target kernel runs kprobe,
// tracepoint, perf_event, raw_tracepoint and tracing programs on private
// stacks (analyzer/platform/private_stack.hpp). Its build decides, not its
// version alone, so for the running kernel (the default target) `auto`
// asks it: kernel_loader's probe_private_stack, once per boot, the answer
// cached in $XDG_RUNTIME_DIR/bpfcheck or, for root, /run/bpfcheck, under
// the boot's /proc/sys/kernel/random/boot_id. When the probe cannot run
// (bpf() not permitted) the version rule stands, and `note` says so. For an
// explicit `--kernel X.Y`, `auto` is the version rule: that release's
// documented default. `yes` and `no` state it for any target.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace bpfcheck::cli {

struct PrivateStackSetting {
    std::optional<bool> value;  // unset: the version rule
    std::string source;         // how it was decided (AnalysisOptions::private_stack_source)
    std::string note;           // for stderr: why the running kernel could not be asked
};

// `option`: auto, yes or no (the command line checks it); `running`: the
// target is the running kernel (no --kernel), of version `kernel_version`.
PrivateStackSetting resolve_private_stack(const std::string& option, bool running, std::uint32_t kernel_version);

}  // namespace bpfcheck::cli
