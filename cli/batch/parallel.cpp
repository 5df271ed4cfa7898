// Worker threads over an atomic task counter, and the terminal progress bar.
#include "cli/batch/parallel.hpp"

#include <fmt/format.h>

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

namespace bpfcheck::cli::batch {

namespace {

// "[#####.....] 12/40 name", redrawn in place; cleared at the end.
class ProgressBar {
public:
    explicit ProgressBar(std::size_t total) : m_total(total), m_enabled(total > 1 && isatty(STDERR_FILENO) == 1) {}

    void finished(const std::string& label) {
        if (!m_enabled) {
            return;
        }
        const std::lock_guard lock(m_mutex);
        ++m_done;
        constexpr std::size_t kWidth = 30;
        const std::size_t filled = m_done * kWidth / m_total;
        std::string name = label.size() > 40 ? "..." + label.substr(label.size() - 37) : label;
        std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu %s", std::string(filled, '#').c_str(),
                     std::string(kWidth - filled, '.').c_str(), m_done, m_total, name.c_str());
        std::fflush(stderr);
    }

    ~ProgressBar() {
        if (m_enabled) {
            std::fprintf(stderr, "\r\033[K");
            std::fflush(stderr);
        }
    }

    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

private:
    std::mutex m_mutex;
    std::size_t m_total;
    std::size_t m_done = 0;
    bool m_enabled;
};

}  // namespace

unsigned default_jobs() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0) {
        return static_cast<unsigned>(CPU_COUNT(&set));
    }
    return std::max(1U, std::thread::hardware_concurrency());
}

void run_parallel(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task,
                  const std::function<std::string(std::size_t)>& label) {
    ProgressBar progress(count);
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            task(i);
            progress.finished(label(i));
        }
    };
    const auto threads = static_cast<std::size_t>(std::max(1U, jobs));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < std::min(threads, count); ++t) {
        pool.emplace_back(worker);
    }
    worker();
    for (std::thread& thread : pool) {
        thread.join();
    }
}

}  // namespace bpfcheck::cli::batch
