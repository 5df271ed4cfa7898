// case: bpf_path_d_path(path, buf, buf__sz) writes up to buf__sz bytes into buf: a size of 8192 for a 4096-byte global is refused (check_kfunc_args, KF_ARG_PTR_TO_MEM_SIZE: the kernel's BTF names the size parameter buf__sz; "invalid access to map value, value_size=4096 off=0 size=8192")
// kernel: reject
// requires: kernel-btf, bpf-lsm
// expect: map.bounds @ line 20
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct path {
    void *mnt;
    void *dentry;
} __attribute__((preserve_access_index));
struct file {
    struct path f_path;
} __attribute__((preserve_access_index));
extern int bpf_path_d_path(struct path *path, char *buf, unsigned long buf__sz) __ksym;
static char buf[4096];
SEC("lsm.s/file_open")
int name_opened_file(unsigned long long *ctx)
{
    bpf_path_d_path(&((struct file *)ctx[0])->f_path, buf, sizeof(buf) * 2);
    return 0;
}
char _license[] SEC("license") = "GPL";
