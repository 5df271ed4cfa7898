// case: a kfunc declared with a forward-declared struct argument (struct cgroup_subsys_state;) where the kernel's BTF has the struct: libbpf's bpf_core_types_are_compat compares the pointees' kinds (FWD is not STRUCT) and refuses the object ("extern (func ksym) 'bpf_iter_css_new': func_proto incompatible with kernel")
// kernel: load-error
// requires: kernel-btf
// expect: helper.unavailable @ line 25
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct cgroup_subsys_state;
struct bpf_iter_css {
    __u64 __opaque[3];
} __attribute__((aligned(8)));
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern int bpf_iter_css_new(struct bpf_iter_css *it, struct cgroup_subsys_state *start, unsigned int flags) __ksym;
extern struct cgroup_subsys_state *bpf_iter_css_next(struct bpf_iter_css *it) __ksym;
extern void bpf_iter_css_destroy(struct bpf_iter_css *it) __ksym;
int visited;
SEC("tc")
int walk_from_null(struct __sk_buff *skb)
{
    struct cgroup_subsys_state *volatile start = 0;
    struct bpf_iter_css it;

    bpf_rcu_read_lock();
    bpf_iter_css_new(&it, start, 1);
    while (bpf_iter_css_next(&it))
        visited++;
    bpf_iter_css_destroy(&it);
    bpf_rcu_read_unlock();
    return 0;
}
char _license[] SEC("license") = "GPL";
