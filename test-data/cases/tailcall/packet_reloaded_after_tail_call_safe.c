// case: after a direct tail call that returned (it failed, nothing ran), the program reloads data and data_end from the context and checks them again before reading the packet
// kernel: accept
// expect: pass
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

SEC("tc")
int dispatch(struct __sk_buff *skb) {
    bpf_tail_call(skb, &jump, 0);
    unsigned char *data = (void *)(long)skb->data;
    unsigned char *data_end = (void *)(long)skb->data_end;
    if (data + 1 > data_end)
        return TC_ACT_OK;
    return data[0] == 0 ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
