#include "domains/block_pool.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <mutex>
#include <utility>

namespace bpfcheck::domains::block_pool {

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20U;
constexpr std::size_t kChunkBytes = 4 * kHugePage;
// Address space a thread reserves for its chunks: no memory until a chunk
// is committed, and far more than an analysis's memory budget.
constexpr std::size_t kSpaceBytes = std::size_t{16} << 30U;

// What ended threads left: their chunks and free lists, for the next thread.
struct Leftover {
    Space space;
    std::vector<Chunk> chunks;
    std::array<void*, kClasses> heads{};
    std::size_t cutting = 0;
    char* next = nullptr;
    char* end = nullptr;
    std::int64_t outstanding = 0;
    bool foreign = false;
};

struct Depot {
    std::mutex mutex;
    std::vector<Leftover> leftovers;
};

Depot& depot() {
    static Depot* const kDepot = new Depot();  // never destroyed: threads may end after static destruction
    return *kDepot;
}

}  // namespace

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

Space reserve_space() {
    char* base = map_aligned(kSpaceBytes, PROT_NONE, MAP_NORESERVE);
    return base == nullptr ? Space{} : Space{base, kSpaceBytes, 0};
}

std::optional<Chunk> commit_chunk(Space& space) {
    if (space.base == nullptr || space.bytes - space.committed < kChunkBytes) {
        return std::nullopt;
    }
    char* const base = space.base + space.committed;
    if (mprotect(base, kChunkBytes, PROT_READ | PROT_WRITE) != 0) {
        throw std::bad_alloc();
    }
    madvise(base, kChunkBytes, MADV_HUGEPAGE);  // advice only: without THP, 4 KiB pages
    space.committed += kChunkBytes;
    return Chunk{base, kChunkBytes};
}

Chunk map_chunk() {
    char* base = map_aligned(kChunkBytes, PROT_READ | PROT_WRITE, 0);
    if (base == nullptr) {
        throw std::bad_alloc();
    }
    madvise(base, kChunkBytes, MADV_HUGEPAGE);
    return Chunk{base, kChunkBytes};
}

void unmap_chunk(const Chunk& chunk) {
    munmap(chunk.base, chunk.bytes);
}

void unreserve_space(const Space& space) {
    if (space.base != nullptr) {
        munmap(space.base, space.bytes);
    }
}

FreeLists::FreeLists() {
    Depot& d = depot();
    const std::lock_guard lock(d.mutex);
    if (d.leftovers.empty()) {
        return;
    }
    Leftover left = std::move(d.leftovers.back());
    d.leftovers.pop_back();
    m_space = left.space;
    m_chunks = std::move(left.chunks);
    for (std::size_t c = 0; c < kClasses; ++c) {
        m_heads[c] = static_cast<Node*>(left.heads[c]);
    }
    m_cutting = left.cutting;
    m_next = left.next;
    m_end = left.end;
    m_outstanding = left.outstanding;
    m_foreign = left.foreign;
}

FreeLists::~FreeLists() {
    t_lists_gone = true;
    if constexpr (!kChunks) {
        for (Node*& head : m_heads) {
            while (head != nullptr) {
                Node* next = head->next;
                ::operator delete(head);
                head = next;
            }
        }
        return;
    }
    Leftover left;
    left.space = m_space;
    left.chunks = std::move(m_chunks);
    for (std::size_t c = 0; c < kClasses; ++c) {
        left.heads[c] = m_heads[c];
    }
    left.cutting = m_cutting;
    left.next = m_next;
    left.end = m_end;
    left.outstanding = m_outstanding;
    left.foreign = m_foreign;
    Depot& d = depot();
    const std::lock_guard lock(d.mutex);
    d.leftovers.push_back(std::move(left));
}

void FreeLists::take_chunk() {
    const std::size_t next = m_next == nullptr ? 0 : m_cutting + 1;
    if (next == m_chunks.size()) {
        if (m_space.base == nullptr && m_chunks.empty()) {
            m_space = reserve_space();
        }
        if (const std::optional<Chunk> chunk = commit_chunk(m_space)) {
            m_chunks.push_back(*chunk);
        } else {
            // No range, or past its end: a chunk elsewhere, whose blocks
            // in_own_chunk cannot tell from another thread's.
            m_chunks.push_back(map_chunk());
            m_foreign = true;
        }
    }
    m_cutting = next;
    m_next = static_cast<char*>(m_chunks[next].base);
    m_end = m_next + m_chunks[next].bytes;
}

void FreeLists::recycle_if_idle() {
    if (!kChunks || m_outstanding != 0 || m_foreign) {
        return;
    }
    m_heads.fill(nullptr);
    m_next = nullptr;
    m_end = nullptr;
}

void FreeLists::release_if_idle() {
    if (!kChunks || m_outstanding != 0 || m_foreign || m_chunks.empty()) {
        return;
    }
    for (const Chunk& chunk : m_chunks) {
        if (!in_own_chunk(chunk.base)) {
            unmap_chunk(chunk);  // mapped apart from the range
        }
    }
    unreserve_space(m_space);
    m_space = Space{};
    m_chunks.clear();
    m_heads.fill(nullptr);
    m_next = nullptr;
    m_end = nullptr;
}

}  // namespace bpfcheck::domains::block_pool
