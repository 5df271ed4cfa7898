// case: a call of a non-weak kfunc that neither the running kernel's BTF nor a loaded module's has (the kernel's HID-BPF programs on a kernel without CONFIG_HID_BPF: hid_bpf_get_data): libbpf refuses the object before the verifier ("extern (func ksym) 'X': not found in kernel or module BTFs"). Reported at the call, and no path goes past it (its result was a number, and every read through it an error of its own)
// kernel: load-error
// expect: helper.unavailable @ line 18
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))
#define __ksym __attribute__((section(".ksyms")))

extern __u8 *bpfcheck_kfunc_no_kernel_has(void *ctx, unsigned int offset, unsigned int size) __ksym;

SEC("tc")
int read_through_missing_kfunc(struct __sk_buff *skb)
{
    __u8 *data;

    if (skb->len < 4)
        return 0;
    data = bpfcheck_kfunc_no_kernel_has(skb, 0, 4);
    if (!data)
        return 0;
    return data[1] == 0x42;
}

char LICENSE[] SEC("license") = "GPL";
