// case: a bounded loop (kernel 5.3+) compares the port against the 8 slots of a map value
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

struct allowed_ports {
    __u16 port[8];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct allowed_ports);
} allow SEC(".maps");

SEC("tc")
int tc_allow(struct __sk_buff *skb) {
    __u32 key = 0;
    struct allowed_ports *a = bpf_map_lookup_elem(&allow, &key);
    if (!a)
        return 0;
    __u16 port = (__u16)skb->mark;
    for (int i = 0; i < 8; i++) {
        if (a->port[i] == port)
            return 0;
    }
    return 2;
}

char LICENSE[] SEC("license") = "GPL";
