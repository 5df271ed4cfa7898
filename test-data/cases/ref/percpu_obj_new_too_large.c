// case: a per-CPU object of 600 bytes: bpf_percpu_obj_new allocates at most 512 ("bpf_percpu_obj_new type size (600) is greater than 512")
// kernel: reject
// expect: helper.arg_type @ line 19
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void *bpf_percpu_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_percpu_obj_drop_impl(void *kptr, void *meta) __ksym;
#define bpf_percpu_obj_new(type) ((type *)bpf_percpu_obj_new_impl(__builtin_btf_type_id(*(type *)0, 0), 0))
#define bpf_percpu_obj_drop(p) bpf_percpu_obj_drop_impl(p, 0)
struct counters {
    __u64 slots[75];
};
SEC("tc")
int percpu_too_large(struct __sk_buff *skb)
{
    struct counters *c;

    c = bpf_percpu_obj_new(struct counters);
    if (!c)
        return 0;
    bpf_percpu_obj_drop(c);
    return 0;
}
char _license[] SEC("license") = "GPL";
