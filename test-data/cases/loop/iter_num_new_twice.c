// case: bpf_iter_num_new on an iterator that is still live (is_iter_reg_valid_uninit: "expected uninitialized iter_num as arg #0")
// kernel: reject
// expect: helper.arg_type @ line 23
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
    bpf_iter_num_new(&it, 0, 20);
    bpf_iter_num_destroy(&it);
    return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
