#include "domains/block_pool.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <mutex>
#include <new>
#include <optional>
#include <utility>
#include <vector>

namespace bpfcheck::domains::block_pool {

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20U;
constexpr std::size_t kChunkBytes = 4 * kHugePage;
// Address space a thread reserves for its chunks: no memory until a chunk
// is committed, and far more than an analysis's memory budget.
constexpr std::size_t kSpaceBytes = std::size_t{16} << 30U;

// What ended threads left, for the next threads.
struct Depot {
    std::mutex mutex;
    std::vector<Heap> leftovers;
};

Depot& depot() {
    static Depot* const kDepot = new Depot();  // never destroyed: threads may end after static destruction
    return *kDepot;
}

// `bytes` of address space with `protection`, aligned to a huge page:
// mapped one huge page larger, then trimmed (only aligned 2 MiB ranges can
// be backed by huge pages). Null when the system refuses.
char* map_aligned(std::size_t bytes, int protection, int flags) {
    const std::size_t mapped = bytes + kHugePage;
    void* raw = mmap(nullptr, mapped, protection, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
    if (raw == MAP_FAILED) {
        return nullptr;
    }
    char* const start = static_cast<char*>(raw);
    const std::size_t misaligned = reinterpret_cast<std::uintptr_t>(start) % kHugePage;
    const std::size_t head = misaligned == 0 ? 0 : kHugePage - misaligned;
    if (head != 0) {
        munmap(start, head);
    }
    char* const base = start + head;
    if (const std::size_t tail = mapped - head - bytes; tail != 0) {
        munmap(base + bytes, tail);
    }
    return base;
}

// A range reserved for a thread's chunks (base null when the system refuses).
Space reserve_space() {
    char* base = map_aligned(kSpaceBytes, PROT_NONE, MAP_NORESERVE);
    return base == nullptr ? Space{} : Space{base, kSpaceBytes, 0};
}

// The next chunk of `space` made usable (nullopt: no range, or it is full).
std::optional<Chunk> commit_chunk(Space& space) {
    if (space.base == nullptr || space.bytes - space.committed < kChunkBytes) {
        return std::nullopt;
    }
    char* const base = space.base + space.committed;
    if (mprotect(base, kChunkBytes, PROT_READ | PROT_WRITE) != 0) {
        throw std::bad_alloc();
    }
    // Advice only: without THP, 4 KiB pages. Not for a thread's first
    // chunk: a small program touches a few pages of it, and a huge page
    // is cleared whole when first touched (the first analysis of each
    // process paid half a millisecond for it).
    if (space.committed != 0) {
        madvise(base, kChunkBytes, MADV_HUGEPAGE);
    }
    space.committed += kChunkBytes;
    return Chunk{base, kChunkBytes};
}

// A chunk mapped on its own, outside any range.
Chunk map_chunk() {
    char* base = map_aligned(kChunkBytes, PROT_READ | PROT_WRITE, 0);
    if (base == nullptr) {
        throw std::bad_alloc();
    }
    madvise(base, kChunkBytes, MADV_HUGEPAGE);
    return Chunk{base, kChunkBytes};
}

}  // namespace

FreeLists::FreeLists() {
    Depot& d = depot();
    const std::lock_guard lock(d.mutex);
    if (!d.leftovers.empty()) {
        m_heap = std::move(d.leftovers.back());
        d.leftovers.pop_back();
    }
}

FreeLists::~FreeLists() {
    t_lists_gone = true;
    if constexpr (!kChunks) {
        for (FreeNode*& head : m_heap.heads) {
            while (head != nullptr) {
                FreeNode* next = head->next;
                ::operator delete(head);
                head = next;
            }
        }
        return;
    }
    Depot& d = depot();
    const std::lock_guard lock(d.mutex);
    d.leftovers.push_back(std::move(m_heap));
}

void FreeLists::take_chunk() {
    Heap& h = m_heap;
    const std::size_t next = h.next == nullptr ? 0 : h.cutting + 1;
    if (next == h.chunks.size()) {
        if (h.space.base == nullptr && h.chunks.empty()) {
            h.space = reserve_space();
        }
        if (const std::optional<Chunk> chunk = commit_chunk(h.space)) {
            h.chunks.push_back(*chunk);
        } else {
            // No range, or past its end: a chunk elsewhere, whose blocks
            // owns() cannot tell from another thread's.
            h.chunks.push_back(map_chunk());
            h.foreign = true;
        }
    }
    h.cutting = next;
    h.next = static_cast<char*>(h.chunks[next].base);
    h.end = h.next + h.chunks[next].bytes;
}

void FreeLists::recycle_if_idle() {
    if (idle()) {
        m_heap.restart_cutting();
    }
}

void FreeLists::release_if_idle() {
    if (!idle() || m_heap.chunks.empty()) {
        return;
    }
    // Idle means no foreign chunk either: every chunk is in the range.
    if (m_heap.space.base != nullptr) {
        munmap(m_heap.space.base, m_heap.space.bytes);
    }
    m_heap = Heap{};
}

}  // namespace bpfcheck::domains::block_pool
