// The private-stack feature of the target kernel: stated, the version rule,
// or probed on the running kernel and cached per boot; see
// private_stack_option.hpp.
#include "cli/private_stack_option.hpp"

#include "analyzer/platform/private_stack.hpp"
#include "cli/kernel/kernel_loader.hpp"

#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace bpfcheck::cli {

namespace {

std::string boot_id() {
    std::ifstream file("/proc/sys/kernel/random/boot_id");
    std::string id;
    std::getline(file, id);
    // A UUID; anything else is not trusted as a file name.
    for (const char c : id) {
        if (std::isxdigit(static_cast<unsigned char>(c)) == 0 && c != '-') {
            return "";
        }
    }
    return id;
}

// The cache directory: the user's runtime directory, or /run for root;
// both are private to their owner. Empty: no cache.
std::string cache_directory() {
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime != nullptr && runtime[0] == '/') {
        return std::string(runtime) + "/bpfcheck";
    }
    if (geteuid() == 0) {
        return "/run/bpfcheck";
    }
    return "";
}

std::string cache_file() {
    const std::string directory = cache_directory();
    const std::string id = boot_id();
    if (directory.empty() || id.empty()) {
        return "";
    }
    return fmt::format("{}/private-stack-{}", directory, id);
}

std::optional<bool> read_cache(const std::string& path) {
    std::ifstream file(path);
    std::string answer;
    if (!std::getline(file, answer)) {
        return std::nullopt;
    }
    if (answer == "yes" || answer == "no") {
        return answer == "yes";
    }
    return std::nullopt;
}

// Best effort: a cache that cannot be written only costs the next run a probe.
void write_cache(const std::string& path, bool value) {
    const std::filesystem::path target(path);
    std::error_code error;
    std::filesystem::create_directories(target.parent_path(), error);
    if (error) {
        return;
    }
    ::chmod(target.parent_path().c_str(), 0700);
    const std::string temporary = fmt::format("{}.{}", path, getpid());
    {
        std::ofstream file(temporary, std::ios::trunc);
        file << (value ? "yes" : "no") << "\n";
        if (!file) {
            std::filesystem::remove(temporary, error);
            return;
        }
    }
    std::filesystem::rename(temporary, target, error);
    if (error) {
        std::filesystem::remove(temporary, error);
    }
}

std::string version_text(std::uint32_t version) {
    return fmt::format("{}.{}", version >> 16, (version >> 8) & 0xff);
}

}  // namespace

PrivateStackSetting resolve_private_stack(const std::string& option, bool running, std::uint32_t kernel_version) {
    if (option == "yes" || option == "no") {
        return {option == "yes", fmt::format("--private-stack {}", option), ""};
    }
    if (!running) {
        return {};  // the version rule: the release's documented default
    }
    const std::string path = cache_file();
    if (!path.empty()) {
        if (const auto cached = read_cache(path)) {
            return {*cached, "probed on the running kernel, cached for this boot", ""};
        }
    }
    const PrivateStackProbe probe = probe_private_stack();
    if (probe.known) {
        if (!path.empty()) {
            write_cache(path, probe.private_stack);
        }
        return {probe.private_stack, "probed on the running kernel", ""};
    }
    const bool assumed = analyzer::private_stack_by_version(kernel_version);
    const std::string rule = kernel_version == 0 ? std::string("of an unknown version")
                                                 : fmt::format("of Linux {}", version_text(kernel_version));
    return {std::nullopt, fmt::format("the default {}; the running kernel could not be probed", rule),
            fmt::format("cannot probe the running kernel for private stacks ({}); assuming the default {}: {}; "
                        "state it with --private-stack yes|no",
                        probe.reason, rule, assumed ? "private stacks" : "no private stacks")};
}

}  // namespace bpfcheck::cli
