// case: a BTF program array whose slot 1 the object initialises (`__array(values, int ())`, `.values = {[1] = &target}`), tail-called with key 1
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]

static long (*bpf_tail_call)(void *ctx, void *map, __u32 index) = (void *)12;

SEC("xdp")
int target(struct xdp_md *ctx) {
    return XDP_DROP;
}

struct {
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __uint(max_entries, 2);
    __uint(key_size, sizeof(__u32));
    __array(values, int(void *));
} jump_table SEC(".maps") = {
    .values = {[1] = (void *)&target},
};

SEC("xdp")
int dispatch(struct xdp_md *ctx) {
    bpf_tail_call(ctx, &jump_table, 1);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
