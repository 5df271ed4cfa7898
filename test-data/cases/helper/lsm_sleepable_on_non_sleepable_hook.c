// case: a sleepable lsm.s program attached to inode_permission, a hook outside sleepable_lsm_hooks (it runs under RCU on path walks): bpf_check_attach_target refuses the load ("bpf_lsm_inode_permission is not sleepable")
// kernel: reject
// requires: kernel-btf, bpf-lsm
// expect: type.attach_target @ insn 0
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
int calls;
SEC("lsm.s/inode_permission")
int count_permission_checks(unsigned long long *ctx)
{
    __sync_fetch_and_add(&calls, 1);
    return 0;
}
char _license[] SEC("license") = "GPL";
