// case: a per-CPU object of numbers only, at most 512 bytes, allocated with bpf_percpu_obj_new and freed with bpf_percpu_obj_drop
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void *bpf_percpu_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_percpu_obj_drop_impl(void *kptr, void *meta) __ksym;
#define bpf_percpu_obj_new(type) ((type *)bpf_percpu_obj_new_impl(__builtin_btf_type_id(*(type *)0, 0), 0))
#define bpf_percpu_obj_drop(p) bpf_percpu_obj_drop_impl(p, 0)
struct counters {
    __u64 packets;
    __u32 bytes[4];
    struct { __u16 lo, hi; } range;
};
SEC("tc")
int percpu_counters(struct __sk_buff *skb)
{
    struct counters *c;

    c = bpf_percpu_obj_new(struct counters);
    if (!c)
        return 0;
    bpf_percpu_obj_drop(c);
    return 0;
}
char _license[] SEC("license") = "GPL";
