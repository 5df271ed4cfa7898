// A recycling allocator for the blocks abstract states are made of (a
// state's frames, a stack's bytes). A fixpoint copies and drops states by the
// million, and these blocks (1-3 KiB) are too large for malloc's per-thread
// cache, so every copy went through malloc's slow path. Freed blocks are
// kept on a per-thread free list per size (64-byte classes up to 16 KiB)
// and handed out again; larger requests go to operator new/delete.
//
// New blocks are cut from chunks of a few MiB that the pool maps itself and,
// past a thread's first chunk (a small analysis touches a few pages of it),
// asks the kernel to back with transparent huge pages (MADV_HUGEPAGE; where
// THP is off it is a no-op): a big analysis touches hundreds of MiB of states
// scattered over the heap, and with 4 KiB pages its time went to page faults
// and TLB misses (about a tenth of strobemeta's). A thread's chunks are
// committed one after the other in an address range it reserves, so its own
// blocks are told from another thread's by one range test. Chunks stay with
// the pool: a thread that ends hands its chunks and free lists to the next
// thread, and a thread holding no block can cut its chunks again from the
// start (recycle_idle_chunks) or give them back (release_idle_chunks); a
// thread that freed another thread's block does neither, as its count of
// blocks out can no longer be trusted. Built with AddressSanitizer, every
// block comes from operator new, so that the sanitizer still sees each one.
// Memory management only: no state changes meaning.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <vector>

namespace bpfcheck::domains {

namespace block_pool {

inline constexpr std::size_t kGranule = 64;
inline constexpr std::size_t kClasses = 256;  // blocks up to 16 KiB are recycled

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kChunks = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kChunks = false;
#else
inline constexpr bool kChunks = true;
#endif
#else
inline constexpr bool kChunks = true;
#endif

// Class c holds blocks of (c + 1) * kGranule bytes.
inline std::size_t size_class(std::size_t bytes) {
    return bytes == 0 ? 0 : (bytes - 1) / kGranule;
}

// A chunk of memory blocks are cut from, aligned for huge pages.
struct Chunk {
    void* base;
    std::size_t bytes;
};
// An address range reserved (no memory behind it until committed), in
// which a thread's chunks are committed one after the other.
struct Space {
    char* base = nullptr;
    std::size_t bytes = 0;
    std::size_t committed = 0;  // bytes from `base` that hold chunks
};
struct FreeNode {
    FreeNode* next;
};

// A thread's blocks: its chunks, how far they are cut, its free lists.
// Passed whole to the next thread when the thread ends (block_pool.cpp).
struct Heap {
    std::array<FreeNode*, kClasses> heads{};
    Space space;  // the address range the chunks are committed in
    std::vector<Chunk> chunks;
    std::size_t cutting = 0;  // the chunk `next` is in, when `next` is set
    char* next = nullptr;
    char* end = nullptr;
    std::int64_t outstanding = 0;  // blocks handed out less blocks taken back, on this thread
    // A block of another thread was freed here: `outstanding` no longer
    // tells whether this thread's blocks are all back, and its chunks are
    // never recycled or released (bpfcheck frees states where it made them).
    bool foreign = false;

    // Whether `block` was cut from these chunks: they lie one after the
    // other in `space`, so one range test tells (a chunk mapped elsewhere,
    // past the range, sets `foreign`).
    [[nodiscard]] bool owns(const void* block) const {
        const std::less<const void*> before;
        return space.base != nullptr && !before(block, space.base) && before(block, space.base + space.committed);
    }
    // Forgets the free lists: blocks are cut from the first chunk again.
    void restart_cutting() {
        heads.fill(nullptr);
        next = nullptr;
        end = nullptr;
    }
};

// Set once this thread's lists are destroyed (thread exit, or static
// destruction on the main thread): blocks freed later go to operator delete
// (or, cut from a chunk, stay in it).
inline thread_local bool t_lists_gone = false;

class FreeLists {
public:
    FreeLists();
    FreeLists(const FreeLists&) = delete;
    FreeLists& operator=(const FreeLists&) = delete;
    ~FreeLists();

    void* allocate(std::size_t bytes) {
        const std::size_t cls = size_class(bytes);
        if (cls >= kClasses) {
            return ::operator new(bytes);
        }
        ++m_heap.outstanding;
        if (FreeNode* node = m_heap.heads[cls]; node != nullptr) {
            m_heap.heads[cls] = node->next;
            return node;
        }
        const std::size_t whole = (cls + 1) * kGranule;
        if constexpr (!kChunks) {
            return ::operator new(whole);
        }
        if (static_cast<std::size_t>(m_heap.end - m_heap.next) < whole) {
            take_chunk();
        }
        void* block = m_heap.next;
        m_heap.next += whole;
        return block;
    }

    void deallocate(void* block, std::size_t bytes) {
        const std::size_t cls = size_class(bytes);
        if (cls >= kClasses) {
            ::operator delete(block);
            return;
        }
        --m_heap.outstanding;
        if (kChunks && !m_heap.foreign && !m_heap.owns(block)) {
            m_heap.foreign = true;  // allocated on another thread
        }
        m_heap.heads[cls] = new (block) FreeNode{m_heap.heads[cls]};
    }

    // Unmaps this thread's chunks when it holds no block of them (every
    // block it handed out came back to it): memory measurements between
    // analyses then start from what the process really needs.
    void release_if_idle();

    // When this thread holds no block: forgets the free lists and cuts new
    // blocks from the start of its first chunk again, so that an analysis
    // after a big one gets its blocks in order, not scattered over the free
    // lists the big one left (strobemeta after pyperf600: 117 ms, alone 102).
    void recycle_if_idle();

private:
    [[nodiscard]] bool idle() const { return kChunks && m_heap.outstanding == 0 && !m_heap.foreign; }
    void take_chunk();

    Heap m_heap;
};

inline FreeLists& free_lists() {
    thread_local FreeLists lists;
    return lists;
}

// The calling thread's chunks back to the system, if it holds no block of them.
inline void release_idle_chunks() {
    if (!t_lists_gone) {
        free_lists().release_if_idle();
    }
}

// The calling thread's chunks cut again from their start, if it holds no
// block of them (FreeLists::recycle_if_idle).
inline void recycle_idle_chunks() {
    if (!t_lists_gone) {
        free_lists().recycle_if_idle();
    }
}

}  // namespace block_pool

// A stateless allocator over the per-thread free lists: any instance frees
// what any other allocated (a block freed on another thread joins that
// thread's lists; every block of a class has the class's size).
template <typename T>
struct PoolAllocator {
    using value_type = T;
    PoolAllocator() = default;
    template <typename U>
    PoolAllocator(const PoolAllocator<U>& /*other*/) {}  // NOLINT(google-explicit-constructor): rebinding
    T* allocate(std::size_t n) {
        if (block_pool::t_lists_gone) {
            return static_cast<T*>(::operator new(n * sizeof(T)));
        }
        return static_cast<T*>(block_pool::free_lists().allocate(n * sizeof(T)));
    }
    void deallocate(T* p, std::size_t n) {
        if (block_pool::t_lists_gone) {
            // Past thread exit: a chunk's block stays in its chunk.
            if (!block_pool::kChunks || block_pool::size_class(n * sizeof(T)) >= block_pool::kClasses) {
                ::operator delete(p);
            }
            return;
        }
        block_pool::free_lists().deallocate(p, n * sizeof(T));
    }
    template <typename U>
    bool operator==(const PoolAllocator<U>& /*other*/) const {
        return true;
    }
};

}  // namespace bpfcheck::domains
