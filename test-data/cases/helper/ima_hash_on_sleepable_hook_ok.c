// case: a sleepable lsm.s/bprm_committed_creds program asks bpf_ima_file_hash for the new executable's hash: the hook is one of sleepable_lsm_hooks, so bpf_ima_inode_hash_allowed lets it
// kernel: accept
// requires: kernel-btf, bpf-lsm
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct file;
struct linux_binprm {
    struct file *file;
} __attribute__((preserve_access_index));
static long (*bpf_ima_file_hash)(struct file *file, void *dst, __u32 size) = (void *)193;
char hash[64];
SEC("lsm.s/bprm_committed_creds")
int hash_new_executable(unsigned long long *ctx)
{
    struct linux_binprm *bprm = (struct linux_binprm *)ctx[0];
    char buf[64];

    if (bpf_ima_file_hash(bprm->file, buf, sizeof(buf)) > 0)
        __builtin_memcpy(hash, buf, sizeof(buf));
    return 0;
}
char _license[] SEC("license") = "GPL";
