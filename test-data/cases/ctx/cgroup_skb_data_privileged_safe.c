// case: with CAP_BPF a cgroup_skb program reads the packet through skb->data, checked against skb->data_end
// kernel: accept
// expect: pass
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

SEC("cgroup_skb/ingress")
int first_byte(struct __sk_buff *skb) {
    unsigned char *data = (void *)(long)skb->data;
    unsigned char *data_end = (void *)(long)skb->data_end;
    if (data + 1 > data_end)
        return 1;
    return data[0] != 0xff;
}

char LICENSE[] SEC("license") = "GPL";
