// case: an fentry program on vfs_getattr, a function of btf_allowlist_d_path, calls bpf_d_path on its struct path argument: bpf_d_path_allowed lets it
// kernel: accept
// requires: kernel-btf, trampoline
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
struct path;
static long (*bpf_d_path)(struct path *path, char *buf, __u32 sz) = (void *)147;
char seen[64];
SEC("fentry/vfs_getattr")
int name_of_path(unsigned long long *ctx)
{
    char buf[64];

    if (bpf_d_path((struct path *)ctx[0], buf, sizeof(buf)) > 0)
        __builtin_memcpy(seen, buf, sizeof(buf));
    return 0;
}
char _license[] SEC("license") = "GPL";
