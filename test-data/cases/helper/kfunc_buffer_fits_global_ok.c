// case: bpf_path_d_path(path, buf, buf__sz) with the size of the 4096-byte global it writes: the buffer and size pair the kernel's BTF names (buf__sz) fits
// kernel: accept
// requires: kernel-btf, bpf-lsm
// expect: pass
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
    bpf_path_d_path(&((struct file *)ctx[0])->f_path, buf, sizeof(buf));
    return 0;
}
char _license[] SEC("license") = "GPL";
