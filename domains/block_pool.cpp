#include "domains/block_pool.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <mutex>
#include <utility>

namespace bpfcheck::domains::block_pool {

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20U;
constexpr std::size_t kChunkBytes = 4 * kHugePage;

// What ended threads left: their chunks and free lists, for the next thread.
struct Leftover {
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

Chunk map_chunk() {
    // Mapped one huge page larger, then trimmed to a huge-page boundary:
    // only aligned 2 MiB ranges can be backed by huge pages.
    const std::size_t mapped = kChunkBytes + kHugePage;
    void* raw = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) {
        throw std::bad_alloc();
    }
    char* const start = static_cast<char*>(raw);
    const std::size_t misaligned = reinterpret_cast<std::uintptr_t>(start) % kHugePage;
    const std::size_t head = misaligned == 0 ? 0 : kHugePage - misaligned;
    if (head != 0) {
        munmap(start, head);
    }
    char* const base = start + head;
    if (const std::size_t tail = mapped - head - kChunkBytes; tail != 0) {
        munmap(base + kChunkBytes, tail);
    }
    madvise(base, kChunkBytes, MADV_HUGEPAGE);  // advice only: without THP, 4 KiB pages
    return Chunk{base, kChunkBytes};
}

void unmap_chunk(const Chunk& chunk) {
    munmap(chunk.base, chunk.bytes);
}

FreeLists::FreeLists() {
    Depot& d = depot();
    const std::lock_guard lock(d.mutex);
    if (d.leftovers.empty()) {
        return;
    }
    Leftover left = std::move(d.leftovers.back());
    d.leftovers.pop_back();
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
        m_chunks.push_back(map_chunk());
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
        unmap_chunk(chunk);
    }
    m_chunks.clear();
    m_heads.fill(nullptr);
    m_next = nullptr;
    m_end = nullptr;
}

}  // namespace bpfcheck::domains::block_pool
