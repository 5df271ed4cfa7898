// case: an iterator's stack slot, once destroyed, is plain stack again: a second iterator is created there and the slot then holds data (unmark_stack_slots_iter)
// kernel: accept
// expect: pass
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
    __u64 n = 0;
    bpf_iter_num_new(&it, 0, 10);
    while (bpf_iter_num_next(&it))
        n++;
    bpf_iter_num_destroy(&it);
    bpf_iter_num_new(&it, 0, 5);
    while (bpf_iter_num_next(&it))
        n += 2;
    bpf_iter_num_destroy(&it);
    *(volatile __u64 *)&it = n;
    rounds = *(volatile __u64 *)&it;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
