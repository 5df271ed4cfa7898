// case: a per-CPU object holding a pointer: bpf_percpu_obj_new takes structs of numbers only ("must be of a struct of scalars")
// kernel: reject
// expect: helper.arg_type @ line 19
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
extern void *bpf_percpu_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_percpu_obj_drop_impl(void *kptr, void *meta) __ksym;
#define bpf_percpu_obj_new(type) ((type *)bpf_percpu_obj_new_impl(__builtin_btf_type_id(*(type *)0, 0), 0))
#define bpf_percpu_obj_drop(p) bpf_percpu_obj_drop_impl(p, 0)
struct named {
    char *name;
};
SEC("tc")
int percpu_with_pointer(struct __sk_buff *skb)
{
    struct named *n;

    n = bpf_percpu_obj_new(struct named);
    if (!n)
        return 0;
    bpf_percpu_obj_drop(n);
    return 0;
}
char _license[] SEC("license") = "GPL";
