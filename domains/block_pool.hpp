// A recycling allocator for the blocks abstract states are made of (a
// state's frames, a stack's bytes). A fixpoint copies and drops states by the
// million, and these blocks (1-3 KiB) are too large for malloc's per-thread
// cache, so every copy went through malloc's slow path. Freed blocks are
// kept on a per-thread free list per size (64-byte classes up to 16 KiB,
// a bounded number each) and handed out again; larger requests, and blocks
// past the bound, go to operator new/delete. Memory management only: no
// state changes meaning.
#pragma once

#include <array>
#include <cstddef>
#include <new>

namespace bpfcheck::domains {

namespace block_pool {

inline constexpr std::size_t kGranule = 64;
inline constexpr std::size_t kClasses = 256;           // blocks up to 16 KiB are recycled
inline constexpr std::size_t kMaxFreePerClass = 4096;  // at most this many kept per size

// Every block of a class is allocated whole, whichever path allocates it, so
// that any block can join any list of its class.
inline void* allocate_block(std::size_t bytes) {
    const std::size_t cls = bytes == 0 ? 0 : (bytes - 1) / kGranule;
    return ::operator new(cls < kClasses ? (cls + 1) * kGranule : bytes);
}

// Set once this thread's lists are destroyed (thread exit, or static
// destruction on the main thread): blocks freed later go to operator delete.
inline thread_local bool t_lists_gone = false;

class FreeLists {
public:
    FreeLists() = default;
    FreeLists(const FreeLists&) = delete;
    FreeLists& operator=(const FreeLists&) = delete;
    ~FreeLists() {
        for (Node*& head : m_heads) {
            while (head != nullptr) {
                Node* next = head->next;
                ::operator delete(head);
                head = next;
            }
        }
        t_lists_gone = true;
    }

    void* allocate(std::size_t bytes) {
        const std::size_t cls = size_class(bytes);
        if (cls < kClasses && m_heads[cls] != nullptr) {
            Node* node = m_heads[cls];
            m_heads[cls] = node->next;
            --m_counts[cls];
            return node;
        }
        return allocate_block(bytes);
    }

    void deallocate(void* block, std::size_t bytes) {
        const std::size_t cls = size_class(bytes);
        if (cls >= kClasses || m_counts[cls] >= kMaxFreePerClass) {
            ::operator delete(block);
            return;
        }
        m_heads[cls] = new (block) Node{m_heads[cls]};
        ++m_counts[cls];
    }

private:
    struct Node {
        Node* next;
    };
    // Class c holds blocks of (c + 1) * kGranule bytes.
    static std::size_t size_class(std::size_t bytes) { return bytes == 0 ? 0 : (bytes - 1) / kGranule; }
    std::array<Node*, kClasses> m_heads{};
    std::array<std::size_t, kClasses> m_counts{};
};

inline FreeLists& free_lists() {
    thread_local FreeLists lists;
    return lists;
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
            return static_cast<T*>(block_pool::allocate_block(n * sizeof(T)));
        }
        return static_cast<T*>(block_pool::free_lists().allocate(n * sizeof(T)));
    }
    void deallocate(T* p, std::size_t n) {
        if (block_pool::t_lists_gone) {
            ::operator delete(p);
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
