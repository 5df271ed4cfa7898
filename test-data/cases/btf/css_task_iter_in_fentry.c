// case: an fentry program (neither lsm, iterator nor sleepable) walks a cgroup's tasks with bpf_for_each(css_task, ...): check_css_task_iter_allowlist refuses bpf_iter_css_task_new there ("css_task_iter is only allowed in bpf_lsm, bpf_iter and sleepable progs")
// kernel: reject
// requires: kernel-btf, trampoline
// expect: helper.not_for_type @ line 33
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct cgroup_subsys_state {
    struct cgroup *cgroup;
} __attribute__((preserve_access_index));
struct cgroup {
    struct cgroup_subsys_state self;
} __attribute__((preserve_access_index));
struct task_struct { int pid; };
struct bpf_iter_css_task {
    __u64 __opaque[1];
} __attribute__((aligned(8)));
extern struct cgroup *bpf_cgroup_from_id(__u64 cgid) __ksym;
extern void bpf_cgroup_release(struct cgroup *p) __ksym;
extern int bpf_iter_css_task_new(struct bpf_iter_css_task *it, struct cgroup_subsys_state *css, unsigned int flags) __ksym;
extern struct task_struct *bpf_iter_css_task_next(struct bpf_iter_css_task *it) __ksym;
extern void bpf_iter_css_task_destroy(struct bpf_iter_css_task *it) __ksym;
static __u64 (*bpf_get_current_cgroup_id)(void) = (void *)80;
int tasks;
SEC("fentry/__x64_sys_getpgid")
int count_cgroup_tasks(void *ctx)
{
    struct cgroup *cgrp = bpf_cgroup_from_id(bpf_get_current_cgroup_id());
    struct bpf_iter_css_task it;

    if (!cgrp)
        return 0;
    bpf_iter_css_task_new(&it, &cgrp->self, 1);
    while (bpf_iter_css_task_next(&it))
        tasks++;
    bpf_iter_css_task_destroy(&it);
    bpf_cgroup_release(cgrp);
    return 0;
}
char _license[] SEC("license") = "GPL";
