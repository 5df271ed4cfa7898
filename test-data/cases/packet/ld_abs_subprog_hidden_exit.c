// case: a socket filter's static subprogram reads a byte with LD_ABS (load_byte) and returns 1..8; the caller indexes an 8-byte map value with 8 - n. A load past the packet's end leaves the subprogram at once with 0 (the hidden exit bpf_gen_ld_abs emits), which the kernel explores as a path of its own (check_ld_abs, prepare_func_exit): there the index is 8, one past the value (ld_abs_subprog_hidden_exit_masked_safe.c masks the index). Clang would even drop an `n < 1` check here: it proves the subprogram returns at least 1
// expect: map.bounds @ line 32
// kernel: reject
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");

struct {
    int (*type)[BPF_MAP_TYPE_ARRAY];
    int (*max_entries)[1];
    __u32 *key;
    char (*value)[8];
} table SEC(".maps");

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

static __attribute__((noinline)) int header_words(struct __sk_buff *skb)
{
    return (int)(load_byte(skb, 14) & 0x7) + 1;
}

SEC("socket")
int filter(struct __sk_buff *skb)
{
    __u32 key = 0;
    char *row = bpf_map_lookup_elem(&table, &key);
    if (!row)
        return 0;
    int n = header_words(skb);
    return row[8 - n];
}

char LICENSE[] SEC("license") = "GPL";
