// case: a tp_btf program passes prev->comm (char[16]) to bpf_strncmp with a size of 17: a helper reading through a BTF pointer stays within the member it points into (check_helper_mem_access, btf_struct_walk: access beyond the end of member comm)
// expect: btf.bad_access @ line 19
// requires: kernel-btf
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

struct task_struct {
    char comm[16];
} __attribute__((preserve_access_index));

static long (*bpf_strncmp)(const char *s1, __u32 s1_sz, const char *s2) = (void *)182;

SEC("tp_btf/sched_switch")
int compare_comm(unsigned long long *ctx)
{
    struct task_struct *prev = (struct task_struct *)ctx[1];
    return bpf_strncmp(prev->comm, 17, "swapper") == 0;
}

char LICENSE[] SEC("license") = "GPL";
