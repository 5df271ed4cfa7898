// case: the program reads a live iterator's stack slot as a number (check_stack_read_fixed_off: STACK_ITER bytes are not data, "invalid read from stack")
// kernel: reject
// expect: stack.object_slot @ line 23
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

struct bpf_iter_num {
    __u64 __opaque[1];
} __attribute__((aligned(8)));

extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym __attribute__((weak));
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym __attribute__((weak));
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym __attribute__((weak));

__u64 rounds;

SEC("xdp")
int iterate(struct xdp_md *ctx) {
    struct bpf_iter_num it;
    bpf_iter_num_new(&it, 0, 10);
    rounds = *(volatile __u64 *)&it;
    bpf_iter_num_destroy(&it);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
