// case: the loop reads the value bpf_iter_num_next returns (`sum += *v`): the next function of an open-coded iterator returns a pointer to an int inside the iterator, or NULL at the end (KF_ITER_NEXT | KF_RET_NULL), not a number
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

__u64 total;

SEC("xdp")
int sum_values(struct xdp_md *ctx)
{
    struct bpf_iter_num it;
    __u64 sum = 0;
    int *v;

    bpf_iter_num_new(&it, 0, 100);
    while ((v = bpf_iter_num_next(&it)))
        sum += *v;
    bpf_iter_num_destroy(&it);
    total = sum;
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
