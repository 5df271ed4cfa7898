// case: bpf_path_d_path takes a struct path; the LSM hook's struct file itself is passed (file, not &file->f_path): struct file does not begin with a struct path, so process_kf_arg_ptr_to_btf_id refuses it ("kernel function bpf_path_d_path args#0 expected pointer to STRUCT path but R1 has a pointer to STRUCT file")
// kernel: reject
// requires: kernel-btf, bpf-lsm
// expect: helper.arg_type @ line 14
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))
struct path { void *mnt; };
extern int bpf_path_d_path(struct path *path, char *buf, unsigned long buf__sz) __ksym;
static char buf[256];
SEC("lsm.s/file_open")
int name_opened_file(unsigned long long *ctx)
{
    bpf_path_d_path((struct path *)ctx[0], buf, sizeof(buf));
    return 0;
}
char _license[] SEC("license") = "GPL";
