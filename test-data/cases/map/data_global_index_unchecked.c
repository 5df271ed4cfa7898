// case: a global array in .data indexed by an unchecked value from the context reads past the section
// kernel: reject
// expect: map.bounds @ line 14
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

__u32 queue_of_mark[8] = {0, 1, 2, 3, 4, 5, 6, 7};

SEC("tc")
int tc_queue(struct __sk_buff *skb) {
    __u32 mark = skb->mark;
    if (mark & 0x100)
        skb->queue_mapping = queue_of_mark[mark >> 9];
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
