// Can the running kernel create an arena (BPF_MAP_TYPE_ARENA, Linux 6.9)
// and load a program that allocates a page of it and writes through the
// pointer addr_space_cast makes? The test runners load this with
// kernel_verdict (tests/data/cases.py: running_kernel_features); cases that
// `requires: arena` are compared with the kernel only where it loads (some
// kernels refuse to create the map: no JIT support for arenas, or a policy
// that denies the 4 GiB of kernel address space an arena reserves).
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __ksym __attribute__((section(".ksyms")))
#define __arena __attribute__((address_space(1)))

struct {
    __uint(type, 33); /* BPF_MAP_TYPE_ARENA */
    __uint(map_flags, BPF_F_MMAPABLE);
    __uint(max_entries, 1);
} arena SEC(".maps");

void __arena *bpf_arena_alloc_pages(void *map, void __arena *addr, __u32 page_cnt, int node_id,
                                    __u64 flags) __ksym __attribute__((weak));

SEC("syscall")
int arena_probe(void *ctx)
{
    volatile int __arena *page = bpf_arena_alloc_pages(&arena, 0, 1, -1, 0);

    if (!page)
        return 1;
    *page = 1;
    return 0;
}
char LICENSE[] SEC("license") = "GPL";
