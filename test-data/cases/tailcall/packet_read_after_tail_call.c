// case: a global function that makes a tail call returns to its caller after the called program ran, which may have changed the packet: packet pointers checked before the call are invalid after it ("invalid mem access 'scalar'": mark_reg_invalid makes them unknown numbers for a loader with CAP_PERFMON)
// kernel: reject
// expect: pointer.not_pointer @ line 31
#include <linux/bpf.h>
#include <linux/pkt_cls.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]

static long (*bpf_tail_call)(void *ctx, void *map, __u32 index) = (void *)12;

struct {
    __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
    __uint(max_entries, 1);
    __uint(key_size, 4);
    __uint(value_size, 4);
} jump SEC(".maps");

__attribute__((noinline)) int chain(struct __sk_buff *skb) {
    bpf_tail_call(skb, &jump, 0);
    return 0;
}

SEC("tc")
int dispatch(struct __sk_buff *skb) {
    unsigned char *data = (void *)(long)skb->data;
    unsigned char *data_end = (void *)(long)skb->data_end;
    if (data + 1 > data_end)
        return TC_ACT_OK;
    chain(skb);
    return data[0] == 0 ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
