// case: bpf_iter_css_new is KF_TRUSTED_ARGS: the css its walk starts at must be a trusted pointer, not NULL ("Possibly NULL pointer passed to trusted arg1")
// kernel: reject
// expect: null.deref @ line 26
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct cgroup_subsys_state {
    __u64 unused;
};
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
