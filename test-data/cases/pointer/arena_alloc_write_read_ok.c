// case: a page from bpf_arena_alloc_pages is written and read through the pointer addr_space_cast makes of it (PTR_TO_ARENA: any offset, the JIT guards the access), after a NULL check of the allocation
// kernel: accept
// requires: kernel-btf, arena
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __ksym __attribute__((section(".ksyms")))
#define __arena __attribute__((address_space(1)))

struct {
    __uint(type, 33); /* BPF_MAP_TYPE_ARENA */
    __uint(map_flags, BPF_F_MMAPABLE);
    __uint(max_entries, 2);
} arena SEC(".maps");

void __arena *bpf_arena_alloc_pages(void *map, void __arena *addr, __u32 page_cnt, int node_id,
                                    __u64 flags) __ksym __attribute__((weak));

SEC("syscall")
int arena_rw(void *ctx)
{
    volatile int __arena *page = bpf_arena_alloc_pages(&arena, 0, 1, -1, 0);

    if (!page)
        return 1;
    page[0] = 1;
    page[1000] = 2;
    return page[0] == 1 ? 0 : 2;
}
char LICENSE[] SEC("license") = "GPL";
