// case: a 256-byte string walked backwards with an int index (for (i = 255; i >= 0; i--), ebpf_exporter's php example): clang keeps i in a 64-bit register stepped by -1 and tests its zero-extended low 32 bits against 0xffffffff held in another register; the kernel walks the 256 iterations and accepts. The counter is one of 255, ..., 0 at the loop's entries (its low bits reach 0xffffffff first at -1), so every index is within the buffer
// kernel: accept
// expect: pass
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))
static long (*bpf_probe_read_user_str)(void *dst, __u32 size, const void *unsafe_ptr) = (void *)114;
struct call_t { char filename[256]; };
unsigned long long out;
static __always_inline int truncate_string(char *str, int start)
{
    int i;
    for (i = start; i >= 0; i--) {
        if (str[i] == '/')
            return i;
        str[i] = '\0';
    }
    return -1;
}
SEC("socket")
int count_down(struct __sk_buff *skb)
{
    struct call_t call = {};
    bpf_probe_read_user_str(&call.filename, sizeof(call.filename), (void *)out);
    out = truncate_string(call.filename, 255);
    return 0;
}
char LICENSE[] SEC("license") = "GPL";
