#include "analyzer/engine/resource_usage.hpp"

#include <unistd.h>

#include <cstdio>

namespace bpfcheck::analyzer {

std::uint64_t resident_bytes() {
    std::FILE* statm = std::fopen("/proc/self/statm", "r");
    if (statm == nullptr) {
        return 0;
    }
    unsigned long long size_pages = 0;
    unsigned long long resident_pages = 0;
    const int fields = std::fscanf(statm, "%llu %llu", &size_pages, &resident_pages);
    std::fclose(statm);
    const long page = sysconf(_SC_PAGESIZE);
    if (fields != 2 || page <= 0) {
        return 0;
    }
    return resident_pages * static_cast<std::uint64_t>(page);
}

}  // namespace bpfcheck::analyzer
