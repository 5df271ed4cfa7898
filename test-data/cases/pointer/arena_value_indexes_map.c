// case: a number read from the arena is unknown (check_mem_access marks it so; user space may have written anything there), so indexing a 4-byte global array with it is out of bounds
// kernel: reject
// requires: kernel-btf, arena
// expect: map.bounds @ line 30
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

__u8 table[4];

SEC("syscall")
int arena_index(void *ctx)
{
    volatile __u32 __arena *page = bpf_arena_alloc_pages(&arena, 0, 1, -1, 0);

    if (!page)
        return 1;
    page[0] = 1;
    return table[page[0]];
}
char LICENSE[] SEC("license") = "GPL";
