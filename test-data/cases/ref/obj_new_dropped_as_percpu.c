// case: an object from bpf_obj_new freed with bpf_percpu_obj_drop: each allocator's objects go back through its own drop ("arg#0 expected for bpf_obj_drop_impl()")
// kernel: reject
// expect: helper.arg_type @ line 22
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_percpu_obj_drop_impl(void *kptr, void *meta) __ksym;
#define bpf_obj_new(type) ((type *)bpf_obj_new_impl(__builtin_btf_type_id(*(type *)0, 0), 0))
#define bpf_percpu_obj_drop(p) bpf_percpu_obj_drop_impl(p, 0)
struct counters {
    __u64 packets;
};
SEC("tc")
int wrong_drop(struct __sk_buff *skb)
{
    struct counters *c;

    c = bpf_obj_new(struct counters);
    if (!c)
        return 0;
    bpf_percpu_obj_drop(c);
    return 0;
}
char _license[] SEC("license") = "GPL";
