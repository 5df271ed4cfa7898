// Running independent tasks on N worker threads. Each task writes only its
// own result slot, so results come back in input order whatever N is; a
// progress bar on stderr (only when stderr is a terminal) counts them.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace bpfcheck::cli::batch {

// The default worker count: the cores this process may run on.
unsigned default_jobs();

// Runs task(0) .. task(count - 1) on `jobs` threads (1: in this thread).
// `label(i)` names task i for the progress bar.
void run_parallel(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task,
                  const std::function<std::string(std::size_t)>& label);

}  // namespace bpfcheck::cli::batch
