// case: bpf_map_update_elem would copy a ring-buffer dynptr into a map value: a helper reading STACK_DYNPTR bytes (check_stack_range_initialized: "invalid indirect read from stack")
// kernel: reject
// expect: stack.object_slot @ line 18
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static long (*bpf_ringbuf_reserve_dynptr)(void *ringbuf, __u32 size, __u64 flags, struct bpf_dynptr *ptr) = (void *)198;
static void (*bpf_ringbuf_submit_dynptr)(struct bpf_dynptr *ptr, __u64 flags) = (void *)199;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *) 2;
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct bpf_dynptr);} am SEC(".maps");
SEC("xdp")
int dyn(struct xdp_md *ctx) {
    struct bpf_dynptr ptr;
    __u32 key = 0;
    bpf_ringbuf_reserve_dynptr(&rb, 16, 0, &ptr);
    bpf_map_update_elem(&am, &key, &ptr, 0);
    bpf_ringbuf_submit_dynptr(&ptr, 0);
    return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
